/**
 * A response made of pieces: fixed pieces, the same for every request and compressed once,
 * and a few words made for this request. Used by the search results page, where the page
 * around the results and each result are fixed and only the words asked for change.
 *
 * The gzip answer is joined from the pieces without compressing the fixed ones again. A
 * DEFLATE stream is a run of blocks: each fixed piece is deflated on its own and ended with
 * a sync flush (its blocks end on a byte boundary, none marked last), the request's words
 * go in as stored blocks (their bytes as they are), and an empty last block ends the run.
 * The gzip header and trailer (CRC-32 and length of the whole text) go round it (RFC 1951,
 * RFC 1952). Compressing a whole results page took ~50 µs a request; this takes a few.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

/** Bytes that are the same on every request, with their DEFLATE blocks made once. */
export interface FixedPiece {
  readonly text: Buffer;
  readonly deflated: Buffer;
}

/** A fixed piece, or bytes made for this request (sent stored, uncompressed). */
export type Piece = FixedPiece | Buffer;

export function fixedPiece(text: string): FixedPiece {
  const bytes = Buffer.from(text, 'utf8');
  return { text: bytes, deflated: deflateRawSync(bytes, { level: 9, finishFlush: constants.Z_SYNC_FLUSH }) };
}

const textOf = (piece: Piece): Buffer => (Buffer.isBuffer(piece) ? piece : piece.text);

/** The pieces' text, joined: the uncompressed body. */
export function joinPieces(pieces: readonly Piece[]): Buffer {
  return Buffer.concat(pieces.map(textOf));
}

// ID1 ID2, CM = deflate, no flags, no modification time, no extra flags, OS unknown.
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty block marked last, as zlib writes it. */
const LAST_BLOCK = deflateRawSync(Buffer.alloc(0));
const MAX_STORED = 0xffff;

/** Stored (uncompressed) blocks holding `bytes`; the stream is on a byte boundary before and after. */
function storedBlocks(bytes: Buffer): Buffer[] {
  const blocks: Buffer[] = [];
  for (let from = 0; from < bytes.length; from += MAX_STORED) {
    const chunk = bytes.subarray(from, from + MAX_STORED);
    const header = Buffer.alloc(5); // BFINAL 0, BTYPE 00, padding; LEN; NLEN
    header.writeUInt16LE(chunk.length, 1);
    header.writeUInt16LE(~chunk.length & 0xffff, 3);
    blocks.push(header, chunk);
  }
  return blocks;
}

/** The pieces as one gzip member, compressing only what was not compressed before. */
export function gzipPieces(pieces: readonly Piece[]): Buffer {
  const parts: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let length = 0;
  for (const piece of pieces) {
    const text = textOf(piece);
    // Skip empty text: zlib.crc32 of a buffer with no memory behind it is 0, not the running CRC.
    if (text.length === 0) continue;
    crc = crc32(text, crc);
    length += text.length;
    if (Buffer.isBuffer(piece)) parts.push(...storedBlocks(piece));
    else parts.push(piece.deflated);
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  parts.push(LAST_BLOCK, trailer);
  return Buffer.concat(parts);
}
