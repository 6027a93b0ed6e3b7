import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { fixedPiece, gzipPieces, joinPieces, type Piece } from '../../src/render/pieces.js';

const page = fixedPiece('<!DOCTYPE html><html lang="en"><head><title>Search – “results”</title></head><body>'.repeat(20));
const end = fixedPiece('</body></html>\n');

describe('a response made of pieces', () => {
  it('gzip joined from the pieces decompresses to the pieces’ text, checksum and length included', () => {
    const cases: Piece[][] = [
      [page, Buffer.from('café &amp; “tea”'), end],
      [page, end],
      [Buffer.from('only words made for this request')],
      [page, Buffer.alloc(0), fixedPiece(''), end],
      [fixedPiece('')],
      [],
      // Longer than one stored block can hold (65,535 bytes).
      [page, Buffer.alloc(150_000, 'a'), end],
    ];
    for (const pieces of cases) {
      expect(gunzipSync(gzipPieces(pieces)).equals(joinPieces(pieces))).toBe(true);
    }
  });

  it('sends the fixed pieces compressed and the request’s words as they are', () => {
    const words = Buffer.from('referral');
    const gzip = gzipPieces([page, words, end]);
    expect(gzip.length).toBeLessThan(joinPieces([page, words, end]).length / 4);
    expect(gzip.includes(words)).toBe(true);
  });
});
