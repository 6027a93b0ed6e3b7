/**
 * The store of compressed copies (src/render/compressionStore.ts): a good copy is used as it
 * is, a damaged or mismatched one is made again, and a store that cannot be written to only
 * means compressing each time.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { storedCompression } from '../../src/render/compressionStore.js';
import { ASSET_COMPRESSION, etagOf, finishResponse } from '../../src/render/finishedResponse.js';
import { NHSUK_DIST } from '../../src/render/environment.js';

const identity = Buffer.from('body { color: #212b32; }\n'.repeat(200));
const hash = etagOf(identity).slice(1, -1);
const best = () => Promise.resolve(brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
const mustNotCompress = () => Promise.reject(new Error('compressed although a good copy was kept'));
const emptyStore = () => mkdtemp(join(tmpdir(), 'compressed-'));

describe('the store of compressed copies', () => {
  it('keeps what it compresses, under the bytes’ hash and the level', async () => {
    const store = await emptyStore();
    const made = await storedCompression(identity, hash, 'br', 11, best, store);
    expect(brotliDecompressSync(made).equals(identity)).toBe(true);
    expect(await readdir(store)).toEqual([`${hash}.br11`]);
    expect((await readFile(join(store, `${hash}.br11`))).equals(made)).toBe(true);
  });

  it('uses a kept copy without compressing again', async () => {
    const store = await emptyStore();
    // A good copy made some other way (brotli 1): used as it is, since it decompresses to the bytes.
    const kept = brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } });
    await writeFile(join(store, `${hash}.br11`), kept);
    expect((await storedCompression(identity, hash, 'br', 11, mustNotCompress, store)).equals(kept)).toBe(true);
  });

  it('makes a damaged copy, or a copy of other bytes, again and keeps the new one', async () => {
    const store = await emptyStore();
    const file = join(store, `${hash}.gzip9`);
    for (const bad of [Buffer.from('not gzip at all'), gzipSync(Buffer.from('another stylesheet'))]) {
      await writeFile(file, bad);
      const made = await storedCompression(identity, hash, 'gzip', 9, () => Promise.resolve(gzipSync(identity, { level: 9 })), store);
      expect(made.equals(gzipSync(identity, { level: 9 }))).toBe(true);
      expect((await readFile(file)).equals(made)).toBe(true);
    }
  });

  it('still compresses when the store cannot be written to, or there is none', async () => {
    const notAFolder = join(await emptyStore(), 'a-file');
    await writeFile(notAFolder, '');
    for (const store of [join(notAFolder, 'store'), null]) {
      const made = await storedCompression(identity, hash, 'br', 11, best, store);
      expect(brotliDecompressSync(made).equals(identity)).toBe(true);
    }
  });

  it('holds the copies of nhsuk-frontend’s stylesheet once a build has made them', async () => {
    // finishResponse with the assets' levels, as every build does: the next build reads these.
    const css = readFileSync(join(NHSUK_DIST, 'nhsuk', 'nhsuk-frontend.min.css'));
    const finished = await finishResponse(css, 'text/css; charset=utf-8', { compression: ASSET_COMPRESSION });
    const again = await storedCompression(css, finished.etag.slice(1, -1), 'br', ASSET_COMPRESSION.brotli, mustNotCompress);
    expect(again.equals(finished.br!)).toBe(true);
  });
});
