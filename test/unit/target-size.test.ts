import { describe, expect, it } from 'vitest';
import type { Target } from '../browser/support/inPage.js';
import { targetSizeFailures } from '../browser/support/targetSize.js';

const box = (label: string, left: number, top: number, width: number, height: number, inline = false): Target => ({
  label,
  left,
  top,
  width,
  height,
  inline,
});

describe('target size (WCAG 2.5.8), as the browser tests judge it', () => {
  it('a target of 24 by 24 px passes wherever it is', () => {
    expect(targetSizeFailures([box('a', 0, 0, 24, 24), box('b', 24, 0, 24, 24)])).toEqual([]);
  });

  it('small targets side by side fail', () => {
    expect(targetSizeFailures([box('a', 0, 0, 20, 16), box('b', 22, 0, 20, 16)])).toHaveLength(2);
  });

  it('small targets with 24 px between their centres pass (spacing exception)', () => {
    expect(targetSizeFailures([box('a', 0, 0, 100, 12), box('b', 0, 24, 100, 12), box('c', 0, 48, 100, 12)])).toEqual([]);
  });

  it('a small target whose circle overlaps a large target fails', () => {
    expect(targetSizeFailures([box('small', 0, 0, 40, 16), box('big', 0, 18, 200, 48)])).toEqual([
      expect.stringContaining('small is 40.0×16.0px and too close to big'),
    ]);
  });

  it('a link within a sentence is exempt (inline exception)', () => {
    expect(targetSizeFailures([box('inline', 0, 0, 60, 18, true), box('next', 64, 0, 60, 18, true)])).toEqual([]);
  });
});
