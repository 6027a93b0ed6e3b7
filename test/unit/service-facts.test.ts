/**
 * The service's facts in site.yml: checked by the schema like any content, named by file and
 * line when wrong, and kept equal to every phone number the pages give.
 */
import { describe, expect, it } from 'vitest';
import { loadSite } from '../../src/content/load.js';
import { createMarkdownRenderer } from '../../src/content/markdown.js';
import { hoursInWords, internationalPhone } from '../../src/content/service.js';
import { fixtureSite } from '../support/fixtureSite.js';

const renderMarkdown = createMarkdownRenderer({
  insetText: (html) => html,
  warningCallout: (_heading, html) => html,
  details: (_summary, html) => html,
});

async function errorsFor(...cases: string[]) {
  const result = await loadSite(await fixtureSite(...cases), { renderMarkdown, today: new Date('2026-06-01') });
  return { site: result.site, errors: result.problems.filter((p) => p.severity === 'error') };
}

describe('the service facts in site.yml', () => {
  it('load into the site when they are right', async () => {
    const { site, errors } = await errorsFor();
    expect(errors).toEqual([]);
    expect(site!.settings.service).toEqual({
      ages: { from: 0, to: 18 },
      area: 'Test Area',
      contact: {
        name: 'Test Contact Centre',
        phone: '0300 330 5777',
        hours: { days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'], opens: '09:00', closes: '17:00' },
      },
      places: [{ name: 'Test Clinic' }],
    });
  });

  it('each mistake is named with its line in site.yml and stops the site', async () => {
    const { site, errors } = await errorsFor('service/bad-facts');
    expect(site).toBeUndefined();
    const found = errors.map((p) => [p.file, p.line, p.field, p.message]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['site.yml', 5, 'service.ages', expect.stringContaining('`from` must not be more than `to`')],
        ['site.yml', 10, 'service.contact.phone', expect.stringContaining('like 0300 330 5777')],
        ['site.yml', 12, 'service.contact.hours.days.1', expect.stringContaining('must be one of: Monday')],
        ['site.yml', 13, 'service.contact.hours.opens', expect.stringContaining('HH:MM')],
        ['site.yml', 16, 'service.places.0', expect.stringContaining('does not know: address')],
      ]),
    );
    expect(errors).toHaveLength(5);
  });

  it('are required: without them the site does not start, and the fix says where to look', async () => {
    const { site, errors } = await errorsFor('service/no-facts');
    expect(site).toBeUndefined();
    expect(errors.map((p) => [p.file, p.field, p.message])).toEqual([
      ['site.yml', 'service', expect.stringContaining('`service` is missing')],
    ]);
    expect(errors[0]!.fix).toContain('CONTENT.md');
  });

  it('a phone number on a page that is not the one in site.yml is an error on its line, written out or linked', async () => {
    const { site, errors } = await errorsFor('service/wrong-phone');
    expect(site).toBeUndefined();
    expect(errors.map((p) => [p.file, p.line, p.message])).toEqual([
      ['phone.md', 11, expect.stringContaining('tel:02079460123 is not the Test Contact Centre')],
      ['phone.md', 14, expect.stringContaining('020 7946 0123 is not')],
    ]);
    expect(errors[0]!.fix).toContain('service.contact.phone');
  });
});

describe('the facts in words', () => {
  it('hours read as the pages write them', () => {
    const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const;
    expect(hoursInWords({ days: [...weekdays], opens: '09:00', closes: '17:00' })).toBe('9am to 5pm, Monday to Friday');
    expect(hoursInWords({ days: ['Monday', 'Wednesday', 'Friday'], opens: '08:30', closes: '12:00' })).toBe(
      '8:30am to 12pm, Monday, Wednesday and Friday',
    );
    expect(hoursInWords({ days: ['Saturday'], opens: '10:00', closes: '13:15' })).toBe('10am to 1:15pm, Saturday');
  });

  it('a phone number in the international form search engines ask for', () => {
    expect(internationalPhone('0300 330 5777')).toBe('+44 300 330 5777');
  });
});
