/**
 * Drafts (`draft: true`) show in the preview with a "Draft" tag and are absent from the
 * live site: no page, no navigation link, no footer link.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { startApp } from '../support/app.js';
import { fixtureSite } from '../support/fixtureSite.js';

describe('a draft page', () => {
  it('is absent from the live site: not routed, not in the navigation or the footer', async () => {
    const { app, build } = await startApp({ contentDir: await fixtureSite('rules/draft'), includeDrafts: false });
    await request(app).get('/wip').expect(404);
    const home = await request(app).get('/').expect(200);
    expect(home.text).not.toContain('href="/wip"');
    expect(home.text).not.toContain('In progress');
    expect([...build.rendered.site.pages.keys()]).not.toContain('/wip');
    expect(build.rendered.site.navigation.map((p) => p.path)).not.toContain('/wip');
    expect(build.rendered.site.footer).toEqual([]);
    // Nor does the live site have the preview's live reload.
    expect(home.text).not.toContain('live-reload');
    await request(app).get('/__dev/events').expect(404);
  });

  it('shows in the preview with a visible Draft tag and a navigation link', async () => {
    const { app } = await startApp({ contentDir: await fixtureSite('rules/draft'), includeDrafts: true });
    const page = await request(app).get('/wip').expect(200);
    expect(page.text).toMatch(/<strong class="nhsuk-tag nhsuk-tag--orange">\s*Draft\s*<\/strong>/);
    const home = await request(app).get('/').expect(200);
    expect(home.text).toContain('href="/wip"');
    expect(home.text).not.toMatch(/nhsuk-tag--orange">\s*Draft/);
  });
});
