/**
 * Builds a throwaway content folder: the small fixture site plus the files of one case.
 */
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES } from './app.js';

export async function fixtureSite(...cases: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ot-content-'));
  await cp(join(FIXTURES, 'site'), dir, { recursive: true });
  for (const name of cases) await cp(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}
