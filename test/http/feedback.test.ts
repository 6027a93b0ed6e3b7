/**
 * "Is this page useful?" and "Report a problem with this page", through the real app on each
 * store: what a family sees, what is kept (personal details removed), and every bad input
 * refused with its status and a page that gives the phone number, with nothing kept.
 */
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { openStore, type OpenStore } from '../../src/store/open.js';
import type { FeedbackOptions } from '../../src/features/feedback/serve.js';
import { pino } from 'pino';
import { SearchCounter } from '../../src/features/feedback/searchCounts.js';
import { startSharedApp } from '../support/app.js';
import { storeBackends } from '../support/stores.js';

const PAGE = '/referral';
const PHONE = '0300\u00a0330\u00a05777';
const NOW_DAYS = { days: 1, by: 'total' } as const;

async function kept(store: OpenStore) {
  const answers = await store.usefulness(NOW_DAYS);
  const reports = await store.problemReports();
  const searches = await store.withDatabase(({ db }) => db.selectFrom('search_counts').selectAll().execute());
  return { answers, reports, searches };
}

const options = (store: OpenStore, limit = 1000, trustedProxies: string[] = []): FeedbackOptions => ({
  store,
  siteUrl: 'http://localhost:3000',
  rateLimit: { trustedProxies, limit, windowMs: 60_000 },
  // Added to the store every 50 ms here (every few seconds in production).
  searches: new SearchCounter(store, pino({ level: 'silent' }), { everyMs: 50 }),
});

describe.each(storeBackends())('feedback on the $name store', { timeout: 60_000 }, (backend) => {
  let store: OpenStore;
  let app: Awaited<ReturnType<typeof startSharedApp>>;
  beforeAll(async () => {
    if (!backend.available) return;
    store = openStore(await backend.newStore());
    await store.ready;
    app = await startSharedApp({}, undefined, options(store));
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    await backend.cleanUp();
  });
  beforeEach(async () => {
    if (!backend.available) return;
    await store.withDatabase(({ db }) => sql`truncate useful_answers, problem_reports, search_counts`.execute(db));
  });
  const post = (path: string) => request(app.app).post(path).set('Origin', app.origin).type('form');

  test.skipIf(!backend.available)('every content page asks "Is this page useful?" above "Page last reviewed"', async () => {
    for (const path of ['/', PAGE, '/contact']) {
      const html = (await request(app.app).get(path).expect(200)).text;
      const question = html.indexOf('Is this page useful?');
      expect(question, path).toBeGreaterThan(0);
      expect(html.indexOf('Page last reviewed'), path).toBeGreaterThan(question);
      expect(html).toMatch(
        new RegExp(`<form method="post" action="/feedback/useful"[^>]*>\\s*<input type="hidden" name="page" value="${path}">`),
      );
    }
  });

  test.skipIf(!backend.available)('Yes is counted and thanked with a 303 to the thank-you page', async () => {
    const res = await post('/feedback/useful').send({ page: PAGE, answer: 'yes' }).expect(303);
    expect(res.headers.location).toBe('/feedback/thanks?page=%2Freferral&answer=yes');
    expect(res.headers['cache-control']).toBe('no-store');
    const thanks = await request(app.app).get(res.headers.location!).expect(200);
    expect(thanks.text).toContain('Thank you for your feedback');
    expect(thanks.text).not.toContain('Report a problem with this page');
    expect(thanks.headers['cache-control']).not.toBe('no-store'); // the thank-you page may be cached
    expect((await kept(store)).answers).toEqual([expect.objectContaining({ page: PAGE, yes: 1, no: 0 })]);
  });

  test.skipIf(!backend.available)('after No, a problem report is kept with personal details removed, and flagged', async () => {
    const no = await post('/feedback/useful').send({ page: PAGE, answer: 'no' }).expect(303);
    const form = (await request(app.app).get(no.headers.location!).expect(200)).text;
    expect(form).toContain('Report a problem with this page');
    expect(form).toContain('Do not include personal information, such as your child&#39;s name, date of birth or NHS number');
    expect(form).toContain(PHONE);
    expect(form.match(/maxlength="1200"/g)).toHaveLength(2);

    const sent = await post('/feedback/problem')
      .send({
        page: PAGE,
        tryingToDo: 'Find the email for the team',
        wentWrong: 'My son, DOB 03/04/2019, NHS 943 476 5919. Call 07700 900123',
      })
      .expect(303);
    expect(sent.headers.location).toBe('/feedback/thanks?page=%2Freferral&reported=1');
    expect((await request(app.app).get(sent.headers.location!).expect(200)).text).toContain('Thank you for reporting a problem');
    const { answers, reports } = await kept(store);
    expect(answers).toEqual([expect.objectContaining({ page: PAGE, yes: 0, no: 1 })]);
    expect(reports).toEqual([
      expect.objectContaining({
        page: PAGE,
        tryingToDo: 'Find the email for the team',
        wentWrong: 'My son, DOB [removed], NHS [removed]. Call [removed]',
        flagged: true,
      }),
    ]);
  });

  test.skipIf(!backend.available)('a report without what went wrong gets the error summary and keeps what was typed', async () => {
    const res = await post('/feedback/problem').send({ page: PAGE, tryingToDo: 'Find <the> address', wentWrong: '  ' }).expect(400);
    expect(res.text).toContain('<title>Error: ');
    expect(res.text).toContain('nhsuk-error-summary');
    expect(res.text).toMatch(/<a href="#wentWrong">\s*Enter what went wrong\s*<\/a>/);
    expect(res.text).toContain('Find &lt;the&gt; address</textarea>');
    const tooLong = await post('/feedback/problem')
      .send({ page: PAGE, wentWrong: 'x'.repeat(1301) })
      .expect(400);
    expect(tooLong.text).toContain('What went wrong must be 1,200 characters or fewer');
    // Line breaks sent as two characters each still fit.
    await post('/feedback/problem')
      .send({ page: PAGE, wentWrong: 'line\r\n'.repeat(200) })
      .expect(303);
    expect((await kept(store)).reports).toHaveLength(1);
  });

  // [what is sent, status, words on the page]; nothing is kept for any of them.
  const BAD: [string, number, string, () => request.Test][] = [
    [
      'a POST from another site (Origin)',
      403,
      'sent from another website',
      () => post('/feedback/useful').set('Origin', 'https://elsewhere.example').send({ page: PAGE, answer: 'no' }),
    ],
    [
      'a POST from another site (Sec-Fetch-Site)',
      403,
      'sent from another website',
      () => post('/feedback/useful').set('Sec-Fetch-Site', 'cross-site').send({ page: PAGE, answer: 'no' }),
    ],
    [
      'an Origin of null',
      403,
      'sent from another website',
      () => post('/feedback/useful').set('Origin', 'null').send({ page: PAGE, answer: 'no' }),
    ],
    [
      'JSON instead of a form',
      415,
      'not sent as an ordinary form',
      () => post('/feedback/useful').type('json').send({ page: PAGE, answer: 'no' }),
    ],
    [
      'multipart instead of a form',
      415,
      'not sent as an ordinary form',
      () => post('/feedback/useful').field('page', PAGE).field('answer', 'no'),
    ],
    [
      'a body over the limit',
      413,
      'longer than we can take',
      () => post('/feedback/problem').send({ page: PAGE, wentWrong: 'x'.repeat(40_000) }),
    ],
    ['no answer', 400, 'Something was missing', () => post('/feedback/useful').send({ page: PAGE })],
    [
      'an answer that is neither yes nor no',
      400,
      'Something was missing',
      () => post('/feedback/useful').send({ page: PAGE, answer: 'maybe' }),
    ],
    ['no page', 400, 'Something was missing', () => post('/feedback/problem').send({ wentWrong: 'x' })],
    [
      'a page not on the site',
      404,
      'could not find the page',
      () => post('/feedback/useful').send({ page: '/no-such-page', answer: 'no' }),
    ],
  ];
  test.skipIf(!backend.available).each(BAD)(
    'refuses %s: %i, with the phone number, keeping nothing',
    async (_what, status, words, send) => {
      const res = await send().expect(status);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text).toContain(words);
      expect(res.text).toContain(PHONE);
      expect(await kept(store)).toEqual({ answers: [], reports: [], searches: [] });
    },
  );

  test.skipIf(!backend.available)('a filled honeypot is thanked and dropped', async () => {
    await post('/feedback/useful').send({ page: PAGE, answer: 'no', website: 'http://spam.example' }).expect(303);
    await post('/feedback/problem').send({ page: PAGE, wentWrong: 'buy now', website: 'x' }).expect(303);
    expect(await kept(store)).toEqual({ answers: [], reports: [], searches: [] });
  });

  test.skipIf(!backend.available)('the public site sets no cookie, forms included', async () => {
    const answers = await Promise.all([
      request(app.app).get('/'),
      request(app.app).get(PAGE),
      request(app.app).get('/search?q=sensory'),
      post('/feedback/useful').send({ page: PAGE, answer: 'no' }),
      request(app.app).get('/feedback/thanks?page=%2Freferral&answer=no'),
      post('/feedback/problem').send({ page: PAGE, wentWrong: 'x' }),
      post('/feedback/problem').send({ page: PAGE }),
      post('/feedback/useful').set('Origin', 'https://elsewhere.example').send({}),
    ]);
    for (const [i, res] of answers.entries()) expect(res.headers['set-cookie'], `request ${i}`).toBeUndefined();
    // The search is counted after its answer: wait for it, so it does not land in the next test.
    await expect.poll(async () => (await kept(store)).searches.length).toBe(1);
  });

  test.skipIf(!backend.available)('searches are counted by normalised words and whether they found anything', async () => {
    await request(app.app).get('/search?q=%20Xylophone%20%20LESSONS').expect(200);
    await request(app.app).get('/search?q=xylophone+lessons').expect(200);
    await request(app.app).get('/search?q=sensory').expect(200);
    await request(app.app).get('/search?q=call+07700+900123').expect(200);
    await request(app.app).get('/search').expect(200); // no words: nothing to count
    await expect.poll(async () => (await kept(store)).searches.reduce((sum, row) => sum + row.count, 0)).toBe(4);
    const searches = (await kept(store)).searches.map(({ query, found, count }) => ({ query, found, count }));
    expect(searches).toEqual(
      expect.arrayContaining([
        { query: 'xylophone lessons', found: false, count: 2 },
        { query: 'sensory', found: true, count: 1 },
        { query: 'call [removed]', found: expect.any(Boolean), count: 1 },
      ]),
    );
  });

  test.skipIf(!backend.available)('/readyz names the store', async () => {
    const res = await request(app.app).get('/readyz').expect(200);
    expect(res.text).toBe(`ok\nstore: ${backend.name === 'embedded' ? 'embedded' : 'postgresql'}, available\n`);
  });
});

describe('the rate limit', () => {
  const [backend] = storeBackends();
  let store: OpenStore;
  beforeAll(async () => {
    store = openStore(await backend!.newStore());
    await store.ready;
  });
  afterAll(async () => {
    await store.close();
    await backend!.cleanUp();
  });

  test('over the limit, a client gets 429 with the phone number, and nothing more is kept', async () => {
    const app = await startSharedApp({}, undefined, options(store, 2));
    const post = () =>
      request(app.app)
        .post('/feedback/useful')
        .type('form')
        .set('X-Forwarded-For', `192.0.2.${Math.floor(Math.random() * 250)}`);
    await post().send({ page: PAGE, answer: 'no' }).expect(303);
    await post().send({ page: PAGE, answer: 'no' }).expect(303);
    // X-Forwarded-For from a client that is not a trusted proxy changes nothing.
    const refused = await post().send({ page: PAGE, answer: 'no' }).expect(429);
    expect(refused.text).toContain('a lot of feedback from your connection');
    expect(refused.text).toContain(PHONE);
    expect(refused.headers['cache-control']).toBe('no-store');
    expect(await store.usefulness(NOW_DAYS)).toEqual([expect.objectContaining({ no: 2 })]);
    await app.close();
  });

  test('behind a trusted proxy, each forwarded client has a limit of its own', async () => {
    const app = await startSharedApp({}, undefined, options(store, 1, ['127.0.0.1']));
    const post = (client: string) =>
      request(app.app).post('/feedback/useful').type('form').set('X-Forwarded-For', client).send({ page: PAGE, answer: 'yes' });
    await post('198.51.100.1').expect(303);
    await post('198.51.100.2').expect(303);
    await post('198.51.100.1').expect(429);
    await app.close();
  });
});
