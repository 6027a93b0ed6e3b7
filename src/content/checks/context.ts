import type { Page } from '../page.js';
import type { Problem } from '../problem.js';
import type { Gap } from '../schema.js';

/** What every content check can look at. */
export interface CheckContext {
  pages: readonly Page[];
  gaps: readonly Gap[];
  /** The raw text of each Markdown file, by file name. */
  sources: ReadonlyMap<string, string>;
  today: Date;
}

export type Check = (context: CheckContext) => Problem[];
