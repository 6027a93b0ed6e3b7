import { describe, expect, it } from 'vitest';
import { staffAccess } from '../../../src/features/staff/access.js';
import { weeklyAnswersChart } from '../../../src/features/staff/charts.js';
import { csvOf } from '../../../src/features/staff/csv.js';
import { missingFacts, weeksOf90Days, type Figures } from '../../../src/features/staff/figures.js';
import { readConfig } from '../../../src/config.js';
import { startSharedApp } from '../../support/app.js';

const WEEKS = [
  { week: '2026-11-16', yes: 3, no: 1 },
  { week: '2026-11-23', yes: 0, no: 0 },
  { week: '2026-11-30', yes: 5, no: 2 },
];

describe('the chart of answers per week', () => {
  it('is an SVG drawn on the server, with one bar per answer per week', async () => {
    const chart = await weeklyAnswersChart('Answers per week', WEEKS);
    expect(chart.svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    // Vega marks each bar with its figures for screen readers.
    const bars = [...chart.svg.matchAll(/<path aria-label="([^"]+)" role="graphics-symbol" aria-roledescription="bar"/g)].map((m) => m[1]);
    expect(bars).toHaveLength(6);
    expect(bars).toContain('Week beginning 30 Nov: 5 yes');
    expect(bars).toContain('Week beginning 30 Nov: 2 no');
    expect(chart.svg).not.toMatch(/<script|<foreignObject/i);
  });

  it('has a title, a description with the totals, and the same figures as a table', async () => {
    const chart = await weeklyAnswersChart('Answers per week', WEEKS);
    expect(chart.title).toBe('Answers per week');
    expect(chart.description).toBe(
      'Bar chart of answers to "Is this page useful?" per week, from the week of 16 Nov to the week of 30 Nov: 11 answers, 8 yes and 3 no (73% yes).',
    );
    expect(chart.table).toEqual({
      head: ['Week beginning', 'Yes', 'No', 'Useful'],
      rows: [
        ['16 Nov', '3', '1', '75%'],
        ['23 Nov', '0', '0', 'no answers'],
        ['30 Nov', '5', '2', '71%'],
      ],
    });
  });
});

describe('the weeks of the last 90 days', () => {
  it('start on Mondays, from the week of 90 days ago to this week', () => {
    const weeks = weeksOf90Days(new Date('2026-12-04T10:00:00Z')); // a Friday
    // 89 days before is Saturday 6 September, in the week that began on Monday 31 August.
    expect(weeks[0]).toBe('2026-08-31');
    expect(weeks).toHaveLength(14);
    expect(weeks.at(-1)).toBe('2026-11-30');
    for (const week of weeks) expect(new Date(`${week}T00:00:00Z`).getUTCDay()).toBe(1);
  });
});

describe('the facts still missing, beside the searches for them', () => {
  it('counts the searches whose every word (as search stems it) is in the fact, most searched first', async () => {
    const { build, close } = await startSharedApp();
    await close();
    const facts = missingFacts(build.rendered.site, [
      { query: 'email', count: 4, lastSearched: '2026-12-01' },
      { query: 'emails address', count: 1, lastSearched: '2026-12-02' },
      { query: 'knife', count: 2, lastSearched: '2026-12-02' },
      { query: 'phoenix centre addresses', count: 3, lastSearched: '2026-12-02' },
      { query: 'the', count: 9, lastSearched: '2026-12-02' },
    ]);
    const email = facts.find((fact) => fact.fact === 'Care Coordination Centre email address')!;
    expect(email.searched).toBe(5);
    expect(email.searches.map((s) => s.query)).toEqual(['email', 'emails address']);
    expect(facts.indexOf(email)).toBeLessThan(2); // with the other email address, the most searched for
    expect(facts.find((fact) => fact.fact.includes('knife and fork'))?.searched).toBe(2);
    // "phoenix centre addresses" asks for the Phoenix Centre's address, not for the email address of another centre.
    expect(facts.find((fact) => fact.fact === 'Address of the Phoenix Centre')?.searches.map((s) => s.query)).toEqual([
      'phoenix centre addresses',
    ]);
    // A stop word finds nothing; every gap is listed, searched for or not.
    expect(facts.flatMap((fact) => fact.searches).some((s) => s.query === 'the')).toBe(false);
    expect(facts).toHaveLength(build.rendered.site.gaps.length);
  });
});

describe('CSV downloads', () => {
  it('turn a cell that starts like a formula into text, and quote what needs quoting', () => {
    const figures = {
      reports: [
        {
          id: 7,
          page: '/contact',
          tryingToDo: '=HYPERLINK("http://evil.example","click")',
          wentWrong: '@SUM(1+1), then "this"',
          flagged: true,
          createdAt: new Date('2026-12-01T10:00:00Z'),
          dealtWithBy: null,
          dealtWithAt: null,
        },
      ],
    } as unknown as Figures;
    expect(csvOf('reports', figures)).toBe(
      'id,page,received,trying_to_do,went_wrong,personal_details_removed,dealt_with_by,dealt_with_at\r\n' +
        `7,/contact,2026-12-01T10:00:00.000Z,"'=HYPERLINK(""http://evil.example"",""click"")","'@SUM(1+1), then ""this""",1,,\r\n`,
    );
  });
});

describe('who is staff', () => {
  const settings = readConfig({
    OIDC_ISSUER: 'https://idp.example.org',
    OIDC_CLIENT_ID: 'site',
    OIDC_CLIENT_SECRET: 'secret',
    OIDC_ALLOWED_DOMAINS: 'ot.example.nhs.uk',
    OIDC_ALLOWED_GROUPS: 'group-1',
    STAFF_SESSION_SECRET: 'k'.repeat(40),
    NODE_ENV: 'development',
  }).staff!;

  it.each([
    [{ email: 'Ann@OT.example.nhs.uk', name: 'Ann' }, true],
    [{ email: 'ann@other.example.org', groups: ['group-1'] }, true],
    [{ email: 'ann@other.example.org', groups: ['group-2'] }, false],
    [{ email: 'ann@evil-ot.example.nhs.uk' }, false], // a look-alike domain
    [{ email: 'ann@sub.ot.example.nhs.uk' }, false], // a subdomain is another domain
    [{ email: 'ann@ot.example.nhs.uk', email_verified: false }, false],
    [{ name: 'No email', groups: ['group-1'] }, false],
  ])('%j: allowed %s', (claims, allowed) => {
    expect(staffAccess(claims, settings).allowed).toBe(allowed);
  });
});
