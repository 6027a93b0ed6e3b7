/**
 * The question flow over HTTP: each step is a page like any other (compressed, with an ETag
 * and a 304), answers in another form are sent on to their one address, and a hostile or
 * tampered query string gets the question again or a 400, never a 500. The real server is
 * asked too, so that its fast path hands the flow to the app.
 */
import { DEFAULT_CACHING } from '../../src/http/caching.js';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mirrorNotices } from '../../src/routes.js';
import { startApp, startSharedApp } from '../support/app.js';
import { fixtureSite } from '../support/fixtureSite.js';
import { startServer, type RunningServer } from '../support/process.js';

let app: Awaited<ReturnType<typeof startSharedApp>>['app'];
beforeAll(async () => {
  ({ app } = await startSharedApp());
});

describe('/could-ot-help', () => {
  it('is a page like any other: gzip or brotli, an ETag, a 304 when unchanged, HEAD without a body', async () => {
    const page = await request(app).get('/could-ot-help?age=5-to-18').set('Accept-Encoding', 'br, gzip');
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['cache-control']).toBe(DEFAULT_CACHING.queryAnswer);
    expect(page.headers.vary).toBe('Accept-Encoding');
    expect(page.text).toContain('What does your child find hard?');
    const again = await request(app).get('/could-ot-help?age=5-to-18').set('If-None-Match', page.headers.etag!);
    expect(again.status).toBe(304);
    const head = await request(app).head('/could-ot-help');
    expect(head.status).toBe(200);
    expect(head.text).toBeUndefined();
  });

  it('sends answers in another order, or with the question asked, to their one address', async () => {
    const moved = await request(app).get('/could-ot-help?ehc=none&hard=sensory&age=under-5');
    expect(moved.status).toBe(303);
    expect(moved.headers.location).toBe('/could-ot-help?age=under-5&hard=sensory&ehc=none');
    const sent = await request(app).get('/could-ot-help?age=5-to-18&asked=age');
    expect(sent.headers.location).toBe('/could-ot-help?age=5-to-18');
  });

  it('asks again, with an error, when the form comes back with nothing chosen or with an answer it does not offer', async () => {
    for (const query of [
      'asked=age',
      'age=',
      'age=forty',
      'age=under-5&age=5-to-18',
      `age=${'x'.repeat(1000)}`,
      'age=%E0%A4%A',
      'age=%00',
    ]) {
      const res = await request(app).get(`/could-ot-help?${query}`);
      expect(res.status, query).toBe(200);
      expect(res.text, query).toMatch(/<title>Error: How old is your child\?/);
      expect(res.text, query).toContain('nhsuk-error-summary');
    }
  });

  it('refuses with a 400 what no form of the flow sends', async () => {
    for (const query of [
      'colour=blue',
      'hard=handwriting',
      'age=19-or-over&hard=handwriting',
      'asked=age&asked=hard',
      'age[]=under-5',
      `hard=${'&hard=a'.repeat(20)}&age=5-to-18`,
      // Hundreds of one parameter (each empty, so once read as "nothing chosen"): refused by their number.
      `age=${'&age='.repeat(300)}`,
    ]) {
      const res = await request(app).get(`/could-ot-help?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.text, query).toContain('Sorry, we could not understand that web address');
    }
  });

  describe('through the real server', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer();
    }, 30_000);
    afterAll(async () => {
      await server?.stop();
    });

    it('answers the flow, not the page-not-found page', async () => {
      const base = `http://127.0.0.1:${server.port}`;
      const question = await fetch(`${base}/could-ot-help`);
      expect(question.status).toBe(200);
      expect(await question.text()).toContain('How old is your child?');
      const outcome = await fetch(`${base}/could-ot-help?age=19-or-over`);
      expect(outcome.status).toBe(200);
      expect(await outcome.text()).toContain('This service is for children from birth to 18');
      expect((await fetch(`${base}/could-ot-help?colour=blue`)).status).toBe(400);
    });
  });
});

describe('a second question flow', () => {
  it('is served at the address of its file, titled from its file, and the mirror replaces both', async () => {
    const { app: two, build } = await startApp({ contentDir: await fixtureSite('flow/two') });
    for (const [path, title, question] of [
      ['/could-ot-help', 'Could this help?', 'How old are you?'],
      ['/ready-for-school', 'Is your child ready for school?', 'Can your child get dressed on their own?'],
    ]) {
      const res = await request(two).get(path!);
      expect(res.status, path).toBe(200);
      expect(res.text, path).toContain(`<span class="nhsuk-caption-l">${title}</span>`);
      expect(res.text, path).toContain(question);
    }
    const answered = await request(two).get('/ready-for-school?dressing=not-yet');
    expect(answered.text).toContain('What to do next');
    expect([...mirrorNotices(build)]).toEqual([
      ['/feedback/thanks', 'Giving feedback'],
      ['/search', 'Search'],
      ['/could-ot-help', 'The questions “Could this help?”'],
      ['/ready-for-school', 'The questions “Is your child ready for school?”'],
    ]);
  });
});
