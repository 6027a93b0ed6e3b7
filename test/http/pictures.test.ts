/**
 * A picture added exactly as CONTENT.md tells editors (the file in content/images/, the
 * guide's own example line on a page) shows on the live site, in the static mirror and in
 * the preview: the `<img>` has its width and height, and its address (with the file's
 * content hash) answers with the file's bytes, cached for a year.
 */
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { FIXTURES, ROOT, startApp } from '../support/app.js';
import { fixtureSite } from '../support/fixtureSite.js';
import { programProcess, runToExit, startServerForTest } from '../support/process.js';
import { NGINX, startNginx } from '../deploy/support/nginx.js';
import { installed } from '../deploy/support/tools.js';

const PICTURE = join(FIXTURES, 'pictures', 'guide', 'pencil-grip.jpg');

/** The fixture site with a picture added as CONTENT.md says: its folder, and its example line put on the about page. */
async function siteWithGuidePicture() {
  const guide = await readFile(join(ROOT, 'CONTENT.md'), 'utf8');
  const section = guide.slice(guide.indexOf('### Pictures'));
  const folder = /Put the picture in the `content\/([a-z]+)\/` folder/.exec(section)?.[1];
  const [, line, path] = /```markdown\n(!\[[^\]]+\]\((\/images\/[^)]+)\))\n```/.exec(section) ?? [];
  if (!folder || !line || !path) throw new Error('CONTENT.md no longer shows how to add a picture under "### Pictures"');
  const dir = await fixtureSite();
  await mkdir(join(dir, folder), { recursive: true });
  await cp(PICTURE, join(dir, folder, path.slice('/images/'.length)));
  const about = join(dir, 'about.md');
  await writeFile(about, `${await readFile(about, 'utf8')}\n${line}\n`);
  return { dir, line };
}

const IMG =
  /<img src="(\/images\/pencil-grip\.[0-9a-f]{12}\.jpg)" alt="A child holding a pencil with a pencil grip" width="160" height="120" loading="lazy">/;

describe.concurrent('a picture added as CONTENT.md says', () => {
  it('shows on the page with its width and height, and its address is cached for a year', async ({ expect }) => {
    const { dir } = await siteWithGuidePicture();
    const app = await startApp({ contentDir: dir });
    try {
      const page = await (await fetch(`${app.origin}/about`)).text();
      const src = IMG.exec(page)?.[1];
      expect(src, page).toBeDefined();
      const res = await fetch(`${app.origin}${src}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(Buffer.from(await res.arrayBuffer()).equals(await readFile(PICTURE))).toBe(true);
      // The address a page writes is not served as it is: only the fingerprinted one.
      expect((await fetch(`${app.origin}/images/pencil-grip.jpg`)).status).toBe(404);
    } finally {
      await app.close();
    }
  }, 30_000);

  it('is in the static mirror', async ({ expect }) => {
    const { dir } = await siteWithGuidePicture();
    const out = await mkdtemp(join(tmpdir(), 'ot-mirror-pictures-'));
    const exported = await runToExit(await programProcess('src/cli/export.ts', [out], { NODE_ENV: 'production', CONTENT_DIR: dir }));
    expect(exported.code, exported.output).toBe(0);
    const page = await readFile(join(out, 'about.html'), 'utf8');
    const src = IMG.exec(page)?.[1];
    expect(src, page).toBeDefined();
    expect((await readFile(join(out, src!))).equals(await readFile(PICTURE))).toBe(true);
    expect(await readFile(join(out, '_headers'), 'utf8')).toContain('/images/*\n  Cache-Control: public, max-age=31536000, immutable\n');
    // Served by nginx with the repository's configuration, as a static host would.
    if (!installed(NGINX, 'nginx', 'the picture test through nginx (test/http/pictures.test.ts)')) return;
    const nginx = await startNginx(out);
    try {
      const res = await fetch(`http://127.0.0.1:${nginx.port}${src}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(Buffer.from(await res.arrayBuffer()).equals(await readFile(PICTURE))).toBe(true);
    } finally {
      await nginx.stop();
    }
  }, 60_000);

  it('shows in the preview', async (context) => {
    const { expect } = context;
    const { dir } = await siteWithGuidePicture();
    const preview = await startServerForTest(context, { CONTENT_DIR: dir }, 40_000, 'src/cli/dev.ts');
    const origin = `http://127.0.0.1:${preview.port}`;
    const page = await (await fetch(`${origin}/about`)).text();
    const src = IMG.exec(page)?.[1];
    expect(src, page).toBeDefined();
    const res = await fetch(`${origin}${src}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(await readFile(PICTURE))).toBe(true);
  }, 60_000);
});
