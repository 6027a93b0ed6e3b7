/**
 * The privacy page and the accessibility statement say only what is true of this site: each
 * claim is checked here against what the running app really does, so a change to the code
 * that makes a sentence untrue fails until the page is corrected.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Flow } from '../../src/features/flow/flow.js';
import { FONT_HOST } from '../../src/http/security.js';
import { buildOptions, startSharedApp } from '../support/app.js';
import { visibleText } from '../support/text.js';

type App = Awaited<ReturnType<typeof startSharedApp>>['app'];
let app: App;
let paths: string[];
const html = new Map<string, string>();
beforeAll(async () => {
  const started = await startSharedApp();
  app = started.app;
  paths = [...started.build.rendered.pages.keys()];
  const questions = [...started.build.rendered.site.flows.values()];
  flows = () => (questions.length ? questions : expect.fail('the site has no questions (content/flows/)'));
  for (const path of paths) html.set(path, (await request(app).get(path)).text);
});

const text = (path: string) => visibleText(html.get(path) ?? '');
/** The question flows, such as "Could Occupational Therapy help my child?" (content/flows/). */
let flows: () => Flow[];

describe('the footer of every page', () => {
  it('links the accessibility statement, the privacy page and the contact page', () => {
    expect(paths).toEqual(expect.arrayContaining(['/accessibility', '/privacy', '/contact']));
    for (const path of paths) {
      const page = html.get(path) ?? '';
      const footer = page.slice(page.indexOf('<footer'), page.indexOf('</footer>'));
      for (const href of ['/accessibility', '/privacy', '/contact']) expect(footer, `${path} footer`).toContain(`href="${href}"`);
    }
  });

  it('is there on the page not found page too', async () => {
    const res = await request(app).get('/no-such-page');
    expect(res.status).toBe(404);
    expect(res.text).toContain('href="/accessibility"');
    expect(res.text).toContain('href="/privacy"');
  });
});

describe('the privacy page', () => {
  it('"does not set any cookies": no response sets one (pages, assets, errors)', async () => {
    const urls = new Set([...paths, '/no-such-page', '/%E0%A4%A']);
    for (const page of html.values()) for (const [, src] of page.matchAll(/(?:href|src)="(\/(?:static|assets)\/[^"]+)"/g)) urls.add(src!);
    expect(urls.size).toBeGreaterThan(paths.length + 3);
    for (const url of urls) expect((await request(app).get(url)).headers['set-cookie'], url).toBeUndefined();
    expect(text('/privacy')).toContain('This website does not set any cookies');
  });

  it('"it does not ask you to accept cookies": no page has a cookie banner', () => {
    for (const [path, page] of html) expect(page, path).not.toMatch(/cookie-banner|class="[^"]*cookie/i);
    expect(text('/privacy')).toContain('That is why it does not ask you to accept cookies');
  });

  it('"no analytics or tracking tools": the security policy lets no script or connection go to another site', async () => {
    const csp = String((await request(app).get('/')).headers['content-security-policy']);
    const directive = (name: string) => csp.split(';').find((part) => part.trim().startsWith(`${name} `)) ?? '';
    expect(directive('script-src')).not.toMatch(/https?:|\*/);
    expect(directive('connect-src').trim()).toBe("connect-src 'self'");
    expect(directive('img-src').trim()).toBe("img-src 'self'");
    expect(text('/privacy')).toContain('does not use analytics or tracking tools');
  });

  it('"The only form is the search box" is said only while every form on every page, the questions included, is the search', async () => {
    const flowPages = await Promise.all(flows().map(async (flow) => (await request(app).get(flow.path)).text));
    const forms = [...paths.map((path) => html.get(path)!), ...flowPages].flatMap((page) =>
      [...page.matchAll(/<form[^>]*>[^]*?<\/form>/g)].map((m) => m[0]),
    );
    const onlySearch =
      forms.length > 0 &&
      forms.every((form) => /action="\/search"/.test(form) && /method="get"/.test(form) && !/<input(?![^>]*name="q")[^>]*name=/.test(form));
    expect(text('/privacy').includes('The only form is the search box')).toBe(onlySearch);
  });

  it('describes the questions: what each asks, that the answers go in the address and where it is kept, and that the site saves none', async () => {
    const page = text('/privacy');
    // What is asked: every flow by name, and each question as the family sees it.
    for (const flow of flows()) {
      expect(page).toContain(flow.title);
      for (const question of flow.questions) expect(page, question.id).toContain(question.question);
    }

    // Where the answers go: the example the page gives is the address a flow's first answer leads to.
    const example = /([a-z0-9-]+)\?([\w=&-]+)/.exec(page);
    expect(example, 'an example address').not.toBeNull();
    const flow = flows().find((f) => f.path === `/${example![1]}`);
    expect(flow, `a flow at /${example![1]}`).toBeDefined();
    const { path, questions } = flow!;
    const [first] = questions;
    const answer = example![2]!;
    const option = first!.options.find((o) => answer === `${first!.id}=${o.value}`);
    expect(option, 'the example is an answer to the first question').toBeDefined();
    expect(page).toContain(`choose “${option!.text}” for the first question`);
    const sent = await request(app).get(`${path}?asked=${first!.id}&${answer}`);
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`${path}?${answer}`);
    expect(page).toContain('Your answers are added to the web address of the page that comes next');
    for (const where of [
      "in your browser's history",
      'in any bookmark you make, or link you share',
      'records of web addresses that some networks keep',
    ]) {
      expect(page).toContain(where);
    }

    // The log leaves them out.
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const { app: logged, close } = await startSharedApp({}, pino({ level: 'info' }, sink));
    onTestFinished(close);
    const answered = await request(logged).get(`${path}?${answer}`);
    expect(answered.status).toBe(200);
    expect(JSON.parse(lines[0]!).req.path).toBe(path);
    expect(lines.join('')).not.toContain(option!.value);
    expect(page).toContain("The server's log records the address without your answers");

    // Nothing is saved: no cookie, the questions start afresh, and a shared cache may keep the
    // answer page (not who asked) for stale-if-error at most: a day.
    expect(answered.headers['set-cookie']).toBeUndefined();
    expect((await request(logged).get(path)).text).toBe((await request(app).get(path)).text);
    expect(page).toContain('This website does not save your answers');
    const cacheControl = String(answered.headers['cache-control']);
    expect(cacheControl).not.toMatch(/private/);
    expect(Number(/stale-if-error=(\d+)/.exec(cacheControl)?.[1])).toBeLessThanOrEqual(24 * 60 * 60);
    expect(page).toContain('A copy of each answer page may be kept for up to a day');
  });

  it('names the one other site the browser contacts: the font host the security policy allows', async () => {
    const csp = String((await request(app).get('/')).headers['content-security-policy']);
    expect(csp).toContain(`font-src ${FONT_HOST}`);
    expect(text('/privacy')).toContain(`typeface files from ${new URL(FONT_HOST).host}`);
  });

  it('describes what the request log really records', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const { app: logged, close } = await startSharedApp({}, pino({ level: 'info' }, sink));
    onTestFinished(close);
    await request(logged)
      .get('/search?q=my+child')
      .set('User-Agent', 'ExampleBrowser/1.0')
      .set('Referer', 'http://127.0.0.1/')
      .set('Cookie', 'a=b');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    const page = text('/privacy');
    // Each logged item and the sentence that tells the reader about it.
    const claims: [logged: boolean, words: string][] = [
      [typeof line.time === 'number', 'the date and time'],
      [line.req?.path === '/search', 'the address of the page or file asked for'],
      [
        !JSON.stringify(line).includes('my+child') && !JSON.stringify(line).includes('my child'),
        'without any words you typed into the search box',
      ],
      [typeof line.req?.remoteAddress === 'string', 'your IP address'],
      [
        !JSON.stringify(line).includes('ExampleBrowser') &&
          !JSON.stringify(line).includes('127.0.0.1/') &&
          !JSON.stringify(line).includes('a=b'),
        'It does not record which browser you use, which page linked you here, or any cookies.',
      ],
      [
        line.res?.statusCode === 200 && typeof line.responseTime === 'number',
        'whether the request worked, and how long the server took to answer',
      ],
    ];
    for (const [isLogged, words] of claims) expect(page.includes(words), words).toBe(isLogged);
    expect(page).toContain('the server writes one line to its log');
  });

  it('does not state how long logs are kept (the provider has not said), and gaps.yml asks for it', () => {
    expect(text('/privacy')).not.toMatch(/kept for \d+/);
    expect(readFileSync(buildOptions().contentDir + '/gaps.yml', 'utf8')).toContain("How long the website's server logs are kept");
  });
});

describe('the accessibility statement', () => {
  const require = createRequire(import.meta.url);
  const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;

  it('has the sections of the GOV.UK model statement', () => {
    const headings = [...html.get('/accessibility')!.matchAll(/<h[23][^>]*>([^<]+)<\/h[23]>/g)].map((m) => m[1]!.replace(/&#39;|’/g, "'"));
    expect(headings).toEqual(
      expect.arrayContaining([
        'How accessible this website is',
        'What to do if you need information in another format',
        'Reporting accessibility problems with this website',
        'Enforcement procedure',
        "Technical information about this website's accessibility",
        'Compliance status',
        'Non-accessible content',
        'How we tested this website',
        'Test results',
        'Preparation of this accessibility statement',
      ]),
    );
    expect(text('/accessibility')).toMatch(/Equality Advisory and Support Service \(EASS\)/);
  });

  it('names the versions of the test tools that are really installed', () => {
    expect(text('/accessibility')).toContain(`axe-core ${version('axe-core')} tool`);
    expect(text('/accessibility')).toContain(`html-validate ${version('html-validate')} tool`);
  });
});
