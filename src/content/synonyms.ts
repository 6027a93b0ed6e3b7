/**
 * content/synonyms.yml: words people type in the search box, each with the words this
 * site uses for the same thing, kept by editors. A search for "EHCP" then also looks for
 * "EHC plan". Each word on the right must be on the site, or the synonym finds nothing:
 * the check names the file and line of any that is not.
 *
 *     EHCP:
 *       - EHC plan
 *       - Education, Health and Care plan
 */
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { Page } from './page.js';
import { warning, type Problem } from './problem.js';
import { sectionsOf } from './sections.js';
import { termsOf } from './searchWords.js';

export const SYNONYMS_FILE = 'synonyms.yml';

export const SYNONYMS_FIX = 'Each line is a word people search for, then the words this site uses for it, one per line starting `- `. See CONTENT.md.';

const SEARCH_LEAVES_OUT = 'has only words that search leaves out (like "the", "how", "my")';

const searchable = z
  .string()
  .trim()
  .min(1)
  .refine((words) => termsOf(words).length > 0, { error: SEARCH_LEAVES_OUT });

export const synonymsSchema = z
  .record(z.string(), z.array(searchable).min(1, { error: 'needs at least one word the site uses' }))
  .superRefine((synonyms, context) => {
    for (const typed of Object.keys(synonyms)) {
      if (!termsOf(typed).length) context.addIssue({ code: 'custom', path: [typed], message: SEARCH_LEAVES_OUT });
    }
  });

/** What people type → the words the site uses for it. */
export type Synonyms = z.infer<typeof synonymsSchema>;

/** One synonym, as terms: when `typed` occurs in a search, each of `means` is looked for too. */
export interface SynonymTerms {
  typed: string[];
  means: string[][];
}

export function synonymTerms(synonyms: Synonyms): SynonymTerms[] {
  return Object.entries(synonyms).map(([typed, means]) => ({ typed: termsOf(typed), means: means.map(termsOf) }));
}

/** A warning for each word on the right of synonyms.yml that no page uses. */
export function checkSynonyms(source: string, synonyms: Synonyms, pages: readonly Page[]): Problem[] {
  const onSite = new Set(pages.flatMap(sectionsOf).flatMap((section) => termsOf(`${section.pageTitle}\n${section.heading}\n${section.text}`)));
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  const problems: Problem[] = [];
  for (const [typed, means] of Object.entries(synonyms)) {
    means.forEach((words, i) => {
      const missing = words.split(/\s+/).filter((word) => termsOf(word).some((term) => !onSite.has(term)));
      if (!missing.length) return;
      const node = doc.getIn([typed, i], true) as { range?: [number, number, number] } | undefined;
      problems.push(
        warning({
          file: SYNONYMS_FILE,
          line: node?.range ? lineCounter.linePos(node.range[0]).line : undefined,
          message: `The synonym "${words}" for "${typed}" uses ${missing.map((word) => `"${word}"`).join(', ')}, which no page uses, so it finds nothing.`,
          fix: 'Use words that are on the site (check the spelling), or delete the line.',
        }),
      );
    });
  }
  return problems;
}
