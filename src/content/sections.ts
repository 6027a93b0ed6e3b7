/**
 * A page cut into sections, one per heading, for search: a result can then link to the
 * heading (`/referral#what-happens-next`) and show the passage that matched. The words
 * before the first heading are the page's opening section, with its description.
 */
import type { Page } from './page.js';
import { termWordsOf, type TermWord } from './searchWords.js';

export interface Section {
  /** The page's URL path. */
  path: string;
  /** The heading's id, or '' for the opening section. */
  anchor: string;
  pageTitle: string;
  /** The heading's words, or '' for the opening section. */
  heading: string;
  /** The section's words: its paragraphs and list items, run together as one text. */
  text: string;
  /** The words of `text` with their terms, to find and mark a passage without working them out again. */
  words: TermWord[];
}

export function sectionsOf(page: Page): Section[] {
  const { headings, textBlocks, textLines } = page.body;
  const opening = { heading: '', anchor: '', line: 0, blocks: [page.meta.description] };
  const sections = [opening, ...headings.map((heading) => ({ heading: heading.text, anchor: heading.id, line: heading.line, blocks: [] as string[] }))];
  let current = 0;
  textBlocks.forEach((text, i) => {
    const line = textLines[i]!;
    while (current + 1 < sections.length && sections[current + 1]!.line <= line) current++;
    const section = sections[current]!;
    if (line === section.line && text === section.heading) return; // the heading itself
    section.blocks.push(text.replace(/\n/g, ' '));
  });
  return sections
    .filter((section) => section.heading || section.blocks.some(Boolean))
    .map((section) => {
      const text = runTogether(section.blocks);
      return { path: page.path, anchor: section.anchor, pageTitle: page.meta.title, heading: section.heading, text, words: termWordsOf(text) };
    });
}

/** Blocks as one text; a block that ends without a full stop (a list item) is followed by a semicolon. */
function runTogether(blocks: readonly string[]): string {
  return blocks
    .filter(Boolean)
    .map((block, i, all) => (i === all.length - 1 || /[.?!:;,]$/.test(block) ? block : `${block};`))
    .join(' ');
}
