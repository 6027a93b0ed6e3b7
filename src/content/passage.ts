/**
 * The passage a search result shows: about 30 words of the section, where most of the
 * matched words are, cut into parts so that the template can mark the matched ones
 * (the template escapes every part, so no text from the site or the search is trusted).
 */
import { termOf, wordsOf } from './searchWords.js';

export const PASSAGE_WORDS = 30;

export interface PassagePart {
  text: string;
  /** A word the search matched. */
  mark: boolean;
}

export function passageOf(text: string, matchedTerms: ReadonlySet<string>, length = PASSAGE_WORDS): PassagePart[] {
  const words = wordsOf(text).map((word) => {
    const term = termOf(word.text);
    return { ...word, term: term && matchedTerms.has(term) ? term : undefined };
  });
  if (!words.length) return [];
  const start = bestStart(words, length);
  const end = Math.min(words.length, start + length);
  const parts: PassagePart[] = [];
  const add = (part: string, mark: boolean) => {
    if (part) parts.push({ text: part, mark });
  };
  let from = start === 0 ? 0 : words[start]!.index;
  if (start > 0) add('… ', false);
  for (const word of words.slice(start, end)) {
    if (!word.term) continue;
    add(text.slice(from, word.index), false);
    add(word.text, true);
    from = word.index + word.text.length;
  }
  const last = words[end - 1]!;
  add(end === words.length ? text.slice(from) : `${text.slice(from, last.index + last.text.length)} …`, false);
  return parts;
}

/**
 * Where the window of `length` words with the most different matched words starts (then
 * the most matched words); among equals, the start of the text, or else the window whose
 * first match is a few words in, so the passage opens with a little of what comes before.
 */
function bestStart(words: readonly { term?: string }[], length: number): number {
  const LEAD = 3;
  let best = 0;
  let bestScore = -Infinity;
  for (let start = 0; start <= Math.max(0, words.length - length); start++) {
    const window = words.slice(start, start + length);
    const matched = window.flatMap((word) => word.term ?? []);
    const first = window.findIndex((word) => word.term);
    const offset = start === 0 || first < 0 ? 0 : Math.abs(first - LEAD);
    const score = new Set(matched).size * 1000 + matched.length * 10 - offset;
    if (score > bestScore) [best, bestScore] = [start, score];
  }
  return best;
}
