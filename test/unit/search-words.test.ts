import { describe, expect, it } from 'vitest';
import { passageOf, type Passage } from '../../src/features/search/passage.js';
import { termOf, termsOf, termWordsOf } from '../../src/content/searchWords.js';

const shown = ({ matches, rest }: Passage) => matches.map(({ before, word }) => `${before}[${word}]`).join('') + rest;

describe('words as search sees them', () => {
  it('forms of a word share a term, and question words have none', () => {
    expect(new Set(['referral', 'referrals', 'referring', 'refer', 'referred'].map(termOf)).size).toBe(1);
    expect(termOf("child's")).toBe(termOf('child'));
    expect(termsOf('How do I refer my child?')).toEqual([termOf('refer'), termOf('child')]);
  });
});

describe('the passage a result shows', () => {
  const text = Array.from({ length: 100 }, (_, i) => `word${i}`)
    .join(' ')
    .replace('word60', 'Referrals')
    .replace('word62', 'referring');

  it('is about 30 words round the matched words, which are marked, with … where it is cut', () => {
    const passage = shown(passageOf(text, termWordsOf(text), new Set([termOf('referral')!])));
    expect(passage).toMatch(/^… word5\d word5\d word5\d \[Referrals\] word61 \[referring\] word63 .* word8\d …$/);
    expect(passage.split(' ')).toHaveLength(32); // 30 words and two …
  });

  it('is the whole text when short, from the start', () => {
    expect(shown(passageOf('A referral, then triage.', termWordsOf('A referral, then triage.'), new Set([termOf('triage')!])))).toBe(
      'A referral, then [triage].',
    );
  });
});
