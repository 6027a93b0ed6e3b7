/**
 * Plain English (NHS content style guide): aim for a reading age of 9 to 11 and keep
 * sentences to 20 words or fewer. Both are warnings: they guide editors, they never
 * stop the site.
 *
 * The reading age is the Flesch-Kincaid grade (the `flesch-kincaid` package, with
 * syllables counted by `syllable`) plus 5, the usual way to turn a US school grade into
 * a UK reading age. Sentences are found within each paragraph, list item or heading, so
 * a heading never runs into the sentence after it. Numbers ("0300 330 5777", "2026") count
 * towards a sentence's length but not towards the reading age: the syllable counter gives
 * them none, which would make a page full of phone numbers and dates look easier than it is.
 *
 * The age is not rounded: a page at 11.4 is above the aim of 11. The same measure is applied
 * to the served pages, block by block of the main column (`readingAgeOfBlocks`), by
 * test/browser/plain-english.test.ts.
 */
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import type { Page } from '../page.js';
import { warning, type Problem } from '../problem.js';
import type { Check } from './context.js';

export const MAX_SENTENCE_WORDS = 20;
export const READING_AGE = { min: 9, max: 11 } as const;

export interface Sentence {
  text: string;
  line: number;
  words: number;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
/** A sentence ends at . ! or ? followed by a space and a capital letter, digit or quote. */
const SENTENCE_END = /(?<=[.!?])\s+(?=[\p{Lu}\p{N}"'‘“(])/u;

export const wordsIn = (text: string): string[] => text.match(WORD) ?? [];

const NUMBER = /^\p{N}+$/u;

/** The sentences of one block of text (a paragraph, list item or heading), spaces made single. */
export const sentencesIn = (block: string): string[] =>
  block
    .split(SENTENCE_END)
    .map((text) => text.trim().replace(/\s+/g, ' '))
    .filter(Boolean);

export function sentencesOf(page: Page): Sentence[] {
  return page.body.textBlocks.flatMap((block, i) => {
    const firstLine = page.body.textLines[i] ?? page.lineOf('title');
    let from = 0;
    return block
      .split(SENTENCE_END)
      .map((text) => text.trim())
      .filter(Boolean)
      .map((text) => {
        // A paragraph may wrap over several lines: name the line the sentence starts on.
        const at = block.indexOf(text, from);
        from = at + text.length;
        const line = firstLine + (block.slice(0, at).match(/\n/g)?.length ?? 0);
        return { text: text.replace(/\s+/g, ' '), line, words: wordsIn(text).length };
      });
  });
}

/**
 * Syllables by word. Pages share most of their words, and counting is the costly part of
 * this check.
 * Bounded, so an odd corpus cannot grow it without limit.
 */
const syllableCache = new Map<string, number>();
function syllablesIn(word: string): number {
  const key = word.toLowerCase();
  let count = syllableCache.get(key);
  if (count === undefined) {
    count = syllable(key);
    if (syllableCache.size < 50_000) syllableCache.set(key, count);
  }
  return count;
}

/**
 * The estimated UK reading age (Flesch-Kincaid grade + 5, not rounded) of blocks of text, each
 * a paragraph, list item or heading; undefined when they hold no words.
 */
export function readingAgeOfBlocks(blocks: readonly string[]): number | undefined {
  return readingAgeOfSentences(blocks.flatMap(sentencesIn));
}

function readingAgeOfSentences(sentences: readonly string[]): number | undefined {
  const counted = sentences.map((text) => wordsIn(text).filter((word) => !NUMBER.test(word))).filter((words) => words.length > 0);
  const words = counted.flat();
  if (words.length === 0) return undefined;
  const grade = fleschKincaid({
    sentence: counted.length,
    word: words.length,
    syllable: words.reduce((sum, word) => sum + syllablesIn(word), 0),
  });
  return Math.max(5, grade + 5);
}

/** The estimated UK reading age of a page, to one decimal place, or undefined for a page with no words. */
export function readingAge(page: Page, sentences: readonly Sentence[] = sentencesOf(page)): number | undefined {
  const age = readingAgeOfSentences(sentences.map((s) => s.text));
  return age === undefined ? undefined : Math.round(age * 10) / 10;
}

const opening = (text: string, words = 8) => {
  const all = text.split(/\s+/);
  return all.length > words ? `${all.slice(0, words).join(' ')} …` : text;
};

export const checkReadability: Check = ({ pages }) =>
  pages.flatMap((page) => {
    const problems: Problem[] = [];
    const sentences = sentencesOf(page);
    const age = readingAge(page, sentences);
    if (age !== undefined && age > READING_AGE.max) {
      problems.push(
        warning({
          file: page.file,
          line: page.lineOf('title'),
          message: `The estimated reading age is ${age}; the NHS aims for ${READING_AGE.min} to ${READING_AGE.max}.`,
          fix: 'Use shorter sentences and everyday words (for example "help" rather than "assistance").',
        }),
      );
    }
    for (const sentence of sentences) {
      if (sentence.words > MAX_SENTENCE_WORDS) {
        problems.push(
          warning({
            file: page.file,
            line: sentence.line,
            message: `A sentence has ${sentence.words} words (aim for ${MAX_SENTENCE_WORDS} or fewer): "${opening(sentence.text)}"`,
            fix: 'Split it into two sentences, or cut words that do not add a fact.',
          }),
        );
      }
    }
    return problems;
  });
