/**
 * The passage a search result shows: about 30 words of the section, where most of the
 * matched words are, as each matched word with the text before it and then the rest, so
 * that the template can mark the matched ones (the template escapes every part, so no text
 * from the site or the search is trusted).
 */
import type { TermWord } from '../../content/searchWords.js';

export const PASSAGE_WORDS = 30;

export interface Passage {
  /** Each matched word, in order, with the text between it and the one before. */
  matches: { before: string; word: string }[];
  /** The text after the last matched word (all of it when none matched). */
  rest: string;
}

/** `words`: the words of `text` with their terms (`termWordsOf`), worked out once per section. */
export function passageOf(text: string, words: readonly TermWord[], matchedTerms: ReadonlySet<string>, length = PASSAGE_WORDS): Passage {
  if (!words.length) return { matches: [], rest: '' };
  const matched = words.map((word) => word.term !== undefined && matchedTerms.has(word.term));
  const start = bestStart(words, matched, length);
  const end = Math.min(words.length, start + length);
  const matches: Passage['matches'] = [];
  let from = start === 0 ? 0 : words[start]!.index;
  // "… " where the passage starts inside the section, before whatever comes first.
  let before = start === 0 ? '' : '… ';
  for (let i = start; i < end; i++) {
    if (!matched[i]) continue;
    const word = words[i]!;
    matches.push({ before: before + text.slice(from, word.index), word: word.text });
    before = '';
    from = word.index + word.text.length;
  }
  const last = words[end - 1]!;
  const rest = end === words.length ? text.slice(from) : `${text.slice(from, last.index + last.text.length)} …`;
  return { matches, rest: before + rest };
}

/**
 * Where the window of `length` words with the most different matched words starts (then
 * the most matched words); among equals, the start of the text, or else the window whose
 * first match is a few words in, so the passage opens with a little of what comes before.
 * One pass, sliding the window a word at a time.
 */
function bestStart(words: readonly TermWord[], matched: readonly boolean[], length: number): number {
  const LEAD = 3;
  const inWindow = new Map<string, number>();
  const count = (i: number, change: number) => {
    if (!matched[i]) return;
    const term = words[i]!.term!;
    const now = (inWindow.get(term) ?? 0) + change;
    if (now) inWindow.set(term, now);
    else inWindow.delete(term);
  };
  let total = 0;
  for (let i = 0; i < Math.min(length, words.length); i++) {
    count(i, 1);
    if (matched[i]) total++;
  }
  let best = 0;
  let bestScore = -Infinity;
  let first = matched.indexOf(true);
  for (let start = 0; ; start++) {
    if (first !== -1 && first < start) first = matched.indexOf(true, start);
    const offset = start === 0 || first === -1 ? 0 : Math.abs(first - start - LEAD);
    const score = inWindow.size * 1000 + total * 10 - offset;
    if (score > bestScore) [best, bestScore] = [start, score];
    const next = start + length;
    if (next >= words.length) return best;
    count(start, -1);
    if (matched[start]) total--;
    count(next, 1);
    if (matched[next]) total++;
  }
}
