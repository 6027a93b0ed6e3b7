/**
 * Whether a word is spelled right in British English: Hunspell's en-GB dictionary
 * (`dictionary-en-gb`), read by `nspell`. Search only corrects a word that is neither on the
 * site nor in the dictionary, so "waiting" or "parking" is never answered with "Did you
 * mean writing?". The dictionary is read on first use (about 0.2 s), with the search index.
 */
import dictionary from 'dictionary-en-gb';
import nspell from 'nspell';

let speller: ReturnType<typeof nspell> | undefined;

export function isEnglishWord(word: string): boolean {
  // The package gives the files' bytes; nspell reads them as Buffers.
  speller ??= nspell({ aff: Buffer.from(dictionary.aff), dic: Buffer.from(dictionary.dic) });
  return speller.correct(word) || speller.correct(word.toLowerCase());
}
