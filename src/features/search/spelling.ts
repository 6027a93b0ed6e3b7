/**
 * Whether a word is spelled right in British English: Hunspell's en-GB dictionary
 * (`dictionary-en-gb`), read by `nspell`. Search only corrects a word that is neither on the
 * site nor in the dictionary, so "waiting" or "parking" is never answered with "Did you
 * mean writing?". The dictionary is read on first use (about 0.2 s), with the search index.
 */
import type nspell from 'nspell';

let speller: Promise<ReturnType<typeof nspell>> | undefined;

/**
 * The test "is this an English word?", once the dictionary is read. Its library and files are loaded by the
 * first search, not when the server starts: most starts never need them before listening.
 */
export function englishWords(): Promise<(word: string) => boolean> {
  speller ??= Promise.all([import('dictionary-en-gb'), import('nspell')]).then(([{ default: dictionary }, { default: nspell }]) =>
    // The package gives the files' bytes; nspell reads them as Buffers.
    nspell({ aff: Buffer.from(dictionary.aff), dic: Buffer.from(dictionary.dic) }),
  );
  return speller.then((spell) => (word: string) => spell.correct(word) || spell.correct(word.toLowerCase()));
}
