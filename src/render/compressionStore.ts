/**
 * Compressed copies kept on disk between builds and between processes. The best compression
 * of our stylesheets and scripts (brotli 11) is slow, and the bytes change only when the file
 * does, so each copy is stored under the file's hash and the level, and read back instead of
 * made again: by the next reload, the next start, and every server a test run starts.
 *
 * The store is the cache folder (cacheFolder.ts). A copy is used only if it decompresses to
 * exactly the file's bytes, so a damaged or mismatched copy is simply made again. With
 * nowhere writable to keep copies (a read-only install), every build compresses.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip } from 'node:zlib';
import { cacheFolder } from './cacheFolder.js';

export type Encoding = 'br' | 'gzip';

const decompressors: Record<Encoding, (bytes: Buffer) => Promise<Buffer>> = {
  br: promisify(brotliDecompress),
  gzip: promisify(gunzip),
};

/**
 * `identity` compressed as `encoding` at `level`: the stored copy when there is a good one,
 * otherwise `compress()`'s result, stored for next time. `hash` names the bytes (the ETag's
 * hash, which is letters, digits, `-` and `_`).
 */
export async function storedCompression(
  identity: Buffer,
  hash: string,
  encoding: Encoding,
  level: number,
  compress: () => Promise<Buffer>,
  /** The store to use (tests pass their own); null for none. */
  folder?: string | null,
): Promise<Buffer> {
  if (folder === undefined) folder = cacheFolder();
  if (!folder) return compress();
  const file = join(folder, `${hash}.${encoding}${level}`);
  const stored = await readFile(file).catch(() => undefined);
  if (stored && (await decompressesTo(stored, encoding, identity))) return stored;
  const made = await compress();
  await keep(file, made);
  return made;
}

async function decompressesTo(stored: Buffer, encoding: Encoding, identity: Buffer): Promise<boolean> {
  const decompressed = await decompressors[encoding](stored).catch(() => undefined);
  return !!decompressed && decompressed.equals(identity);
}

/**
 * Written beside its name, then renamed into place, so that another process never reads half
 * a copy. A failure to write only means compressing again next time.
 */
async function keep(file: string, bytes: Buffer): Promise<void> {
  const partial = `${file}.${randomUUID()}.partial`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(partial, bytes);
    await rename(partial, file);
  } catch {
    await rm(partial, { force: true }).catch(() => undefined);
  }
}
