import { describe, expect, test } from 'vitest';
import { SearchCounter, normaliseQuery } from '../../../src/features/feedback/searchCounts.js';
import type { SearchInput } from '../../../src/store/types.js';

function recorder() {
  const written: SearchInput[] = [];
  const warnings: string[] = [];
  const store = {
    recordSearch: (input: SearchInput) => {
      written.push(input);
      return Promise.resolve();
    },
  };
  const logger = { warn: (_fields: object, message: string) => void warnings.push(message) };
  return { written, warnings, store, logger };
}

describe('counting searches', () => {
  test('the same words, however typed, are one count; personal details are removed', () => {
    expect(normaliseQuery('  Sensory   DIET ')).toBe('sensory diet');
    expect(normaliseQuery('call 07700 900123')).toBe('call [removed]');
    expect(normaliseQuery('x'.repeat(300))).toHaveLength(100);
  });

  test('a flood of searches is one write per different search, added to the store in a batch', async () => {
    const { written, store, logger } = recorder();
    const counter = new SearchCounter(store, logger, { everyMs: 60_000 });
    for (let i = 0; i < 1000; i++) counter.count('Email', false);
    counter.count('sensory', true);
    counter.count('   ', false); // nothing to count
    expect(written).toEqual([]); // nothing written while searching
    await counter.stop();
    expect(written.map(({ query, found, count }) => ({ query, found, count }))).toEqual([
      { query: 'email', found: false, count: 1000 },
      { query: 'sensory', found: true, count: 1 },
    ]);
  });

  test('past the limit of different searches, more are dropped and the log says so once', async () => {
    const { written, warnings, store, logger } = recorder();
    const counter = new SearchCounter(store, logger, { everyMs: 60_000, maxDistinct: 3 });
    for (let i = 0; i < 10; i++) counter.count(`word${i}`, false);
    counter.count('word0', false); // already kept: still counted
    await counter.stop();
    expect(written.map(({ query, count }) => [query, count])).toEqual([
      ['word0', 2],
      ['word1', 1],
      ['word2', 1],
    ]);
    expect(warnings).toEqual(['7 searches were not counted: too many different searches at once']);
  });
});
