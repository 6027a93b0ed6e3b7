/** Where things are in the checkout; free of imports, so that globalSetup can use it too. */
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const CONTENT_DIR = resolve(ROOT, 'content');
export const FIXTURES = resolve(ROOT, 'test', 'fixtures');
