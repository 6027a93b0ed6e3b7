import { describe, expect, it } from 'vitest';
import { createMarkdownRenderer, slugify } from '../../src/content/markdown.js';

const render = createMarkdownRenderer({
  insetText: (html) => `<inset>${html}</inset>`,
  warningCallout: (heading, html) => `<warning heading="${heading}">${html}</warning>`,
  details: (summary, html) => `<details summary="${summary}">${html}</details>`,
});

describe('Markdown in content files', () => {
  it('escapes raw HTML instead of running it', () => {
    const { html } = render('<script>alert("x")</script>\n\nText with <img src=x onerror=alert(1)> inside.');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('drops links with unsafe schemes and keeps safe ones', () => {
    const { html, links } = render(
      '[a](javascript:alert(1)) [b](data:text/html,x) [c](//evil.example) [d](/referral) [e](tel:03003305777) [f](https://www.nhs.uk)',
    );
    expect(html).not.toMatch(/href="(javascript|data|\/\/)/);
    expect(links.map((link) => link.href)).toEqual(['/referral', 'tel:03003305777', 'https://www.nhs.uk']);
  });

  it('keeps a linked phone number on one line, and leaves other spaces alone', () => {
    const { html } = render('Phone [0300 330 5777](tel:03003305777) or see [the contact page](/contact).');
    expect(html).toContain('<a href="tel:03003305777">0300\u00a0330\u00a05777</a>');
    expect(html).toContain('Phone <a');
    expect(html).toContain('>the contact page</a>');
  });

  it('gives headings ids and NHS.UK heading classes', () => {
    const { html, headings } = render('## What happens next?\n\n### Step 1');
    expect(html).toContain('<h2 id="what-happens-next" class="nhsuk-heading-l">');
    expect(html).toContain('<h3 id="step-1" class="nhsuk-heading-m">');
    expect(headings.map((h) => [h.level, h.id])).toEqual([
      [2, 'what-happens-next'],
      [3, 'step-1'],
    ]);
  });

  it('puts NHS.UK list and table classes on lists and tables', () => {
    const { html } = render('- one\n- two\n\n1. first\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(html).toContain('<ul class="nhsuk-list nhsuk-list--bullet">');
    expect(html).toContain('<ol class="nhsuk-list nhsuk-list--number">');
    expect(html).toContain('<table class="nhsuk-table">');
    expect(html).toContain('<td class="nhsuk-table__cell">');
  });

  it('turns ::: blocks and quotes into the design system components', () => {
    const { html } = render(
      '::: inset\nKey point.\n:::\n\n::: warning Take care\nAct now.\n:::\n\n::: details What is triage?\nChecking.\n:::\n\n> Quoted.',
    );
    expect(html).toContain('<inset><p>Key point.</p>\n</inset>');
    expect(html).toContain('<warning heading="Take care"><p>Act now.</p>\n</warning>');
    expect(html).toContain('<details summary="What is triage?"><p>Checking.</p>\n</details>');
    expect(html).toContain('<inset><p>Quoted.</p>\n</inset>');
  });

  it('reports each ::: block with the lines it opens and ends on, and the block it is inside', () => {
    const { blocks } = render('Text.\n\n::: warnign\nOops.\n:::\n\n::: inset\n::: details Why?\n:::', 10);
    expect(blocks).toEqual([
      { name: 'warnign', label: '', markup: ':::', line: 12, endLine: 14, empty: false, startsWithHeading: false, insideLine: undefined },
      { name: 'inset', label: '', markup: ':::', line: 16, endLine: 18, empty: false, startsWithHeading: false, insideLine: undefined },
      { name: 'details', label: 'Why?', markup: ':::', line: 17, endLine: 18, empty: true, startsWithHeading: false, insideLine: 16 },
    ]);
  });

  it('reports links and images with the line of the file they are on', () => {
    const { links, images } = render('First.\n\nSee [the referral page](/referral).\n\n![](/a.png)', 8);
    expect(links).toEqual([{ href: '/referral', text: 'the referral page', line: 10 }]);
    expect(images).toEqual([{ src: '/a.png', alt: '', line: 12 }]);
  });

  it('makes heading ids from words only', () => {
    expect(slugify("What's an EHC plan & who gets one?")).toBe('whats-an-ehc-plan-and-who-gets-one');
  });
});
