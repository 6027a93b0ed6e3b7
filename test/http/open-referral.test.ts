/**
 * The Open Referral UK feed, through the real app on the real content: every answer is checked
 * against the UK profile's schemas (orukSchema.ts), errors included, and carries the CORS
 * header the profile requires.
 */
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { startApp, startSharedApp } from '../support/app.js';
import { apiInfo, feedError, fullService, servicePage } from './orukSchema.js';

const SITE_URL = 'https://ot.example.nhs.uk';
let started: Awaited<ReturnType<typeof startApp>>;
let serviceId: string;

beforeAll(async () => {
  started = await startSharedApp({ siteUrl: SITE_URL });
  serviceId = (await list('')).contents[0]!.id;
});

/** GET, then check the status, that the answer is JSON any site may read, and its schema. */
async function getJson<T extends z.ZodType>(path: string, status: number, schema: T): Promise<z.infer<T>> {
  const res = await request(started.app).get(path);
  expect(res.status, path).toBe(status);
  expect(res.headers['content-type'], path).toBe('application/json; charset=utf-8');
  expect(res.headers['access-control-allow-origin'], path).toBe('*');
  const parsed = schema.safeParse(res.body);
  expect(parsed.error?.issues ?? [], path).toEqual([]);
  return parsed.data as z.infer<T>;
}

const list = (query: string) => getJson(`/openreferral/services${query}`, 200, servicePage);
const count = async (query: string) => (await list(query)).total_items;

describe('GET /openreferral/', () => {
  it.each(['/openreferral/', '/openreferral'])('%s names the UK profile version 3.0, the profile and its OpenAPI file', async (path) => {
    const info = await getJson(path, 200, apiInfo);
    expect(info.version).toBe('HSDS-UK-3.0');
    expect(info.profile).toContain('OpenReferralUK/uk-profile');
    expect(info.openapi_url).toMatch(/uk-profile\/main\/schema\/openapi\.json$/);
  });
});

describe('GET /openreferral/services', () => {
  it('lists the service in the paginated envelope', async () => {
    const page = await list('');
    expect(page).toMatchObject({
      total_items: 1,
      total_pages: 1,
      page_number: 1,
      size: 1,
      first_page: true,
      last_page: true,
      empty: false,
    });
    const [service] = page.contents;
    const { settings } = started.build.rendered.site;
    expect(service).toMatchObject({ name: settings.serviceName, status: 'active', url: `${SITE_URL}/`, minimum_age: 0, maximum_age: 18 });
    expect(service!.organization).toMatchObject({ name: 'Bromley Healthcare' });
    expect(service!.description).toBe(started.build.rendered.site.pages.get('/')!.meta.description);
  });

  it('search finds the service by every word asked for, in any case, and nothing else', async () => {
    expect(await count('?search=occupational')).toBe(1);
    expect(await count('?search=OCCUPATIONAL%20Therapy%20Bromley')).toBe(1);
    expect(await count('?search=Phoenix')).toBe(1);
    expect(await count('?search=occupational%20dentist')).toBe(0);
    expect(await count('?search=')).toBe(1);
  });

  it('minimum_age finds services whose minimum age is at least that, maximum_age those whose maximum is at most that (the profile)', async () => {
    expect(await count('?minimum_age=0')).toBe(1);
    expect(await count('?minimum_age=1')).toBe(0);
    expect(await count('?maximum_age=18')).toBe(1);
    expect(await count('?maximum_age=25')).toBe(1);
    expect(await count('?maximum_age=17')).toBe(0);
  });

  it('taxonomy_term_id finds the service by a level of support it offers', async () => {
    const service = await getJson(`/openreferral/services/${serviceId}`, 200, fullService);
    const terms = service.attributes!.map((attribute) => attribute.taxonomy_term!);
    expect(terms.map((term) => term.name)).toEqual(started.build.rendered.site.tiers.map((tier) => tier.meta.title));
    for (const term of terms) expect(await count(`?taxonomy_term_id=${term.id}`)).toBe(1);
    expect(await count('?taxonomy_term_id=00000000-0000-4000-8000-000000000000')).toBe(0);
    // The levels of support are the site's own terms, in no published taxonomy.
    expect(terms.map((term) => term.taxonomy_id)).toEqual(terms.map(() => undefined));
    expect(await count('?taxonomy_id=00000000-0000-4000-8000-000000000000')).toBe(0);
  });

  it('day, start_time and end_time find the service by its schedule (the profile)', async () => {
    for (const day of ['MO', 'fr', 'Wednesday']) expect(await count(`?day=${day}`), day).toBe(1);
    for (const day of ['SA', 'Sunday']) expect(await count(`?day=${day}`), day).toBe(0);
    expect(await count('?start_time=09:00')).toBe(1);
    expect(await count('?start_time=08:00')).toBe(1);
    expect(await count('?start_time=10:00')).toBe(0);
    expect(await count('?end_time=17:00:00')).toBe(1);
    expect(await count('?end_time=16:59')).toBe(0);
  });

  it('combines the filters: every one must match', async () => {
    expect(await count('?search=occupational&minimum_age=0&maximum_age=18&day=TU&start_time=09:00&end_time=17:00')).toBe(1);
    expect(await count('?search=occupational&day=SA')).toBe(0);
    expect(await count('?search=occupational&maximum_age=17')).toBe(0);
    expect(await count('?search=dentist&minimum_age=0')).toBe(0);
    const empty = await list('?search=dentist');
    expect(empty).toMatchObject({ total_items: 0, total_pages: 0, size: 0, empty: true, first_page: true, last_page: true, contents: [] });
  });

  it('pages: a page past the last is empty, not an error', async () => {
    const second = await list('?per_page=1&page=2');
    expect(second).toMatchObject({
      total_items: 1,
      total_pages: 1,
      page_number: 2,
      size: 0,
      first_page: false,
      last_page: true,
      empty: true,
      contents: [],
    });
  });
});

describe('GET /openreferral/services/{id}', () => {
  it('gives the whole service: organisation, ages, places without addresses, the contact phone and its hours', async () => {
    const service = await getJson(`/openreferral/services/${serviceId}`, 200, fullService);
    expect(service.organization).toMatchObject({ name: 'Bromley Healthcare' });
    expect(service.organization_id).toBe(service.organization!.id);
    expect([service.minimum_age, service.maximum_age]).toEqual([0, 18]);
    const locations = service.service_at_locations!.map((sal) => sal.location!);
    expect(locations.map((l) => l.name)).toEqual(['Phoenix Centre', 'Marjorie McClure School', 'Riverside School']);
    for (const l of locations) expect(l.addresses, 'addresses are gaps').toBeUndefined();
    expect(service.contacts).toHaveLength(1);
    expect(service.contacts![0]).toMatchObject({ name: 'Care Coordination Centre', phones: [{ number: '0300 330 5777' }] });
    expect(service.schedules).toEqual([
      expect.objectContaining({ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00', service_id: service.id }),
    ]);
    expect(service.email, 'the email address is a gap').toBeUndefined();
  });

  it('the list item is the full service without its related records', async () => {
    const [item] = (await list('')).contents;
    const service = await getJson(`/openreferral/services/${serviceId}`, 200, fullService);
    expect(service).toMatchObject(item!);
  });

  it('every id is a distinct UUID, the same after a new build', async () => {
    const ids = (body: unknown) => JSON.stringify(body).match(/"(?:[a-z_]*id)":"[^"]+"/g)!;
    const first = await request(started.app).get(`/openreferral/services/${serviceId}`);
    const again = await startApp({ siteUrl: 'http://another.example' });
    const second = await request(again.app).get(`/openreferral/services/${serviceId}`);
    expect(second.status).toBe(200);
    expect(ids(second.body)).toEqual(ids(first.body));
    const own = [...JSON.stringify(first.body).matchAll(/"id":"([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(own).size).toBe(own.length);
  });
});

describe('errors are JSON, never HTML', () => {
  it.each([
    ['?page=0', 'page'],
    ['?page=-1', 'page'],
    ['?page=abc', 'page'],
    ['?page=1.5', 'page'],
    ['?page=1&page=2', 'page'],
    ['?per_page=0', 'per_page'],
    ['?per_page=101', 'per_page'],
    ['?minimum_age=-1', 'minimum_age'],
    ['?maximum_age=old', 'maximum_age'],
    ['?search=a&search=b', 'search'],
    ['?day=Someday', 'day'],
    ['?start_time=9am', 'start_time'],
    ['?end_time=25:00', 'end_time'],
    [`?search=${'a'.repeat(201)}`, 'search'],
  ])('/openreferral/services%s is a 400 that names %s', async (query, name) => {
    const error = await getJson(`/openreferral/services${query}`, 400, feedError);
    expect(error.message).toContain(name);
  });

  it('an unknown service id is a 404', async () => {
    await getJson('/openreferral/services/00000000-0000-4000-8000-000000000000', 404, feedError);
    await getJson('/openreferral/services/not-a-uuid', 404, feedError);
  });

  it('an address in the feed that is not an endpoint is a 404', async () => {
    await getJson('/openreferral/organizations', 404, feedError);
    await getJson('/openreferral/services/x/y', 404, feedError);
  });

  it('an undecodable id is a 400', async () => {
    await getJson('/openreferral/services/%E0%A4%A', 400, feedError);
  });

  it('writing is refused with a 405 that says GET and HEAD are allowed', async () => {
    const res = await request(started.app).post('/openreferral/services');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(feedError.parse(res.body).status).toBe(405);
  });

  it('a read with a body is refused with a 413', async () => {
    const res = await request(started.app).get('/openreferral/services').set('Content-Type', 'text/plain').send('hello');
    expect(res.status).toBe(413);
    expect(feedError.parse(res.body).status).toBe(413);
  });

  it('a CORS preflight is answered', async () => {
    const res = await request(started.app).options('/openreferral/services');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD');
  });
});
