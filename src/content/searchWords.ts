/**
 * Words as search sees them. Text is split into words; each word becomes a term, its
 * English stem (Porter, from `stemmer`), so that "referrals", "referring" and "refer"
 * meet. Words that carry no meaning in a search ("the", "how", "do", "I", "my") have no
 * term: they neither find a page nor stop one being found. The site's text and the words
 * typed go through the same functions, so what is indexed and what is looked up agree.
 */
import { stemmer } from 'stemmer';

/** Letters and digits, with an apostrophe inside a word kept ("child's", "don’t"). */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/**
 * Function words and the words of a question. Nouns such as "child" are not here: they
 * count, but being on most pages they count for little in the ranking.
 */
const STOP_WORDS = new Set(
  `a about am an and any are as at be been but by can could did do does doing for from had has have how i if in
  into is it its me my myself of on or our so than that the their them then there these they this to too us was
  we were what when where which who whom why will with would you your yours`.split(/\s+/),
);

export interface Word {
  /** The word as written. */
  text: string;
  /** Where it starts in the text. */
  index: number;
}

export function wordsOf(text: string): Word[] {
  return [...text.matchAll(WORD)].map((match) => ({ text: match[0], index: match.index }));
}

/** The word in lower case without a possessive ending: "Child's" → "child". */
export function normalWord(word: string): string {
  return word.toLowerCase().replace(/['’]s$/, '');
}

/**
 * The term a word is indexed and looked up by, or undefined for a stop word. A stem that
 * ends in a doubled consonant loses one ("referr" → "refer"), as Porter does for "-ed"
 * and "-ing", so that "referral" and "refer" meet too.
 */
export function termOf(word: string): string | undefined {
  const normal = normalWord(word);
  if (STOP_WORDS.has(normal)) return undefined;
  let term = TERMS.get(normal);
  if (term === undefined) {
    term = stemmer(normal).replace(/([^aeiouylsz])\1$/, '$1');
    if (TERMS.size >= MAX_REMEMBERED_TERMS) TERMS.clear();
    TERMS.set(normal, term);
  }
  return term;
}

/**
 * Stems already worked out, by word: indexing meets each of the site's words many times
 * (in the index, the passages and the vocabulary). Bounded, as searches bring new words.
 */
const TERMS = new Map<string, string>();
const MAX_REMEMBERED_TERMS = 50_000;

export interface TermWord extends Word {
  /** Its term; undefined for a stop word. */
  term: string | undefined;
}

/** The words of a text, each with its term. */
export function termWordsOf(text: string): TermWord[] {
  return wordsOf(text).map((word) => ({ ...word, term: termOf(word.text) }));
}

/** The terms of a text, in order, stop words left out. */
export function termsOf(text: string): string[] {
  return wordsOf(text).flatMap((word) => termOf(word.text) ?? []);
}
