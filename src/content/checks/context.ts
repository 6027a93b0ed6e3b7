import type { ImageCatalogue } from '../images.js';
import type { Page } from '../page.js';
import type { Problem, Severity } from '../problem.js';
import type { Gap } from '../schema.js';
import type { ReservedPath } from './reserved.js';

/** What every content check can look at. */
export interface CheckContext {
  pages: readonly Page[];
  gaps: readonly Gap[];
  /** The raw text of each Markdown file, by file name. */
  sources: ReadonlyMap<string, string>;
  /** Markdown files that did not become a page (unreadable, or front matter with errors). */
  failed: ReadonlySet<string>;
  /** The pictures in content/images/. */
  images: ImageCatalogue;
  /** The addresses of the question flows (content/flows/), which links and tasks may go to. */
  flowPaths: ReadonlySet<string>;
  today: Date;
  /** What a passed review date is: an error for the checker, a warning for a server. */
  overdueReview: Severity;
  /** Addresses the site keeps for itself (from the route table); none unless given. */
  reserved?: readonly ReservedPath[];
}

export type Check = (context: CheckContext) => Problem[];
