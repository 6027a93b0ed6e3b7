/**
 * Search quality, measured: words families and professionals type (their own words,
 * misspellings, questions), each with the page it must find in its first two results,
 * searched through the real app on the real content. Expectations name pages, not
 * wording, so the pages can be rewritten in plainer words without breaking them.
 */
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { startSharedApp } from '../support/app.js';

const QUERY_TABLE: readonly { query: string; page: string }[] = [
  { query: 'EHCP', page: '/specialist' },
  { query: 'what is an ehcp', page: '/specialist' },
  { query: 'EHC plan', page: '/specialist' },
  { query: 'education health and care plan', page: '/specialist' },
  { query: 'GP', page: '/referral' },
  { query: 'phone number', page: '/contact' },
  { query: 'telephone', page: '/contact' },
  { query: 'call', page: '/contact' },
  { query: 'opening hours', page: '/contact' },
  { query: 'how do I refer my child', page: '/referral' },
  { query: 'referral', page: '/referral' },
  { query: 'refferal', page: '/referral' },
  { query: 'referring a pupil as a teacher', page: '/referral' },
  { query: 'what happens after a referral', page: '/referral' },
  { query: 'EMIS single point of entry', page: '/referral' },
  { query: 'handwriting', page: '/targeted' },
  // "help" is in the universal page's title (Help for all children), and handwriting in its advice.
  { query: 'handwritting help', page: '/universal' },
  { query: 'functional skils clinic', page: '/targeted' },
  { query: 'my child is under 5 and has sensory needs', page: '/targeted' },
  { query: 'physio', page: '/targeted' },
  { query: 'coordination assessment', page: '/targeted' },
  { query: 'special school', page: '/specialist' },
  { query: 'tribunal', page: '/specialist' },
  { query: 'therapy after an accident', page: '/specialist' },
  { query: 'equipment at school', page: '/specialist' },
  { query: 'where is the Phoenix Centre', page: '/contact' },
  { query: 'training videos', page: '/universal' },
  { query: 'knife and fork', page: '/universal' },
  { query: 'resource pack for teachers', page: '/universal' },
  { query: 'advice leaflets', page: '/universal' },
  { query: 'what is a SENCO', page: '/' },
  { query: 'cookies', page: '/privacy' },
  { query: 'large print', page: '/accessibility' },
];

/**
 * Parents' and professionals' own words (issue 26), each with the page it must find first.
 * Every word here is spelled right, so none gets "Did you mean" or a correction.
 */
const FIRST_TABLE: readonly { query: string; page: string }[] = [
  { query: 'dyspraxia', page: '/targeted' },
  { query: 'clumsy', page: '/targeted' },
  { query: 'email', page: '/contact' },
  { query: 'address', page: '/contact' },
  { query: 'parking', page: '/contact' },
  { query: 'wait', page: '/referral' },
  { query: 'waiting list', page: '/referral' },
  { query: 'how long', page: '/referral' },
  { query: 'SPOE', page: '/referral' },
  { query: 'buttons', page: '/universal' },
  { query: 'referral from school', page: '/referral' },
  { query: 'what to send', page: '/referral' },
];

let app: Awaited<ReturnType<typeof startSharedApp>>['app'];
beforeAll(async () => {
  ({ app } = await startSharedApp());
});

const resultPages = (html: string) => [...html.matchAll(/<h2 class="nhsuk-heading-xs[^"]*"><a href="([^"#]+)/g)].map((m) => m[1]);

describe('search finds what people type', () => {
  it('has at least 25 queries', () => {
    expect(QUERY_TABLE.length).toBeGreaterThanOrEqual(25);
  });

  it.each(QUERY_TABLE)('"$query" finds $page in its first two results', async ({ query, page }) => {
    const res = await request(app).get('/search').query({ q: query });
    expect(res.status).toBe(200);
    expect(resultPages(res.text).slice(0, 2)).toContain(page);
  });
});

describe("search finds parents' and professionals' own words first", () => {
  it.each(FIRST_TABLE)('"$query" finds $page first, with no spelling correction', async ({ query, page }) => {
    const res = await request(app).get('/search').query({ q: query });
    expect(resultPages(res.text)[0]).toBe(page);
    expect(res.text).not.toContain('Did you mean');
    expect(res.text).not.toContain('we searched for');
  });

  it('puts the offer before the legal pages: "buttons" finds every page about the service before "no social media buttons"', async () => {
    const pages = resultPages((await request(app).get('/search').query({ q: 'buttons' })).text);
    const legal = (page: string | undefined) => page === '/privacy' || page === '/accessibility';
    expect(pages.filter(legal).length).toBeGreaterThan(0);
    expect(pages).toEqual([...pages.filter((page) => !legal(page)), ...pages.filter(legal)]);
  });

  it('"my son cant hold a pencil" finds the page about pencil skills before anything about meetings', async () => {
    const pages = resultPages((await request(app).get('/search').query({ q: 'my son cant hold a pencil' })).text);
    expect(pages.slice(0, 2)).toContain('/');
    expect(pages.slice(0, 2)).toContain('/universal');
  });
});
