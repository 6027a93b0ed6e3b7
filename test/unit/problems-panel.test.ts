/** The preview's errors panel: nhsuk-frontend's error summary, with editors' text escaped. */
import { describe, expect, it } from 'vitest';
import { error, warning } from '../../src/content/problem.js';
import { problemsPage, problemsPanel } from '../../src/dev/problems.js';
import { visibleText } from '../support/text.js';
import { createEnvironment } from '../../src/render/environment.js';
import { buildOptions } from '../support/app.js';

describe('the preview errors panel', () => {
  it('lists each error with file:line and fix, escaped, and leaves out warnings', () => {
    const html = problemsPanel(createEnvironment(buildOptions().viewsDir), [
      error({ file: 'a.md', line: 3, message: 'The link "<script>x</script>" is broken.', fix: 'Use <b>one</b> of: /.' }),
      warning({ file: 'b.md', message: 'To fill: an email.', fix: 'Add it.' }),
    ]);
    expect(html).toContain('class="nhsuk-error-summary"');
    expect(html).toContain('The last change has 1 error');
    expect(html).toContain(
      '<strong>a.md:3</strong> The link &quot;&lt;script&gt;x&lt;/script&gt;&quot; is broken.<br>How to fix: Use &lt;b&gt;one&lt;/b&gt; of: /.',
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('To fill');
  });

  it('sets what to type as code and keeps the parser’s words as a detail', () => {
    const html = problemsPanel(createEnvironment(buildOptions().viewsDir), [
      error({ file: 'a.md', line: 2, message: 'A colon.', fix: 'Write `title: "A: b"`.', detail: 'Nested <mappings>' }),
    ]);
    expect(html).toContain('How to fix: Write <code>title: &quot;A: b&quot;</code>.');
    expect(html).toContain('Detail: Nested &lt;mappings&gt;');
  });

  it('the page shown before the first good build lists the other warnings, and counts the facts still to fill in one line', async () => {
    const page = await problemsPage(
      createEnvironment(buildOptions().viewsDir),
      [
        error({ file: 'a.md', line: 2, message: 'A colon.', fix: 'Quote it.' }),
        warning({ file: 'b.md', message: 'To fill: an email.', fix: 'Add it.' }),
        warning({ file: 'c.md', message: 'To fill: an address.', fix: 'Add it.' }),
        warning({ file: 'd.md', line: 6, message: 'The review is due on 2026-06-20, in 19 days.', fix: 'Plan it.' }),
      ],
      undefined,
      'Test Provider',
    );
    const text = visibleText(page.identity.toString('utf8'));
    expect(text).toContain('Warnings (1)');
    expect(text).toContain('d.md:6 The review is due on 2026-06-20, in 19 days.');
    expect(text).not.toContain('To fill');
    expect(text).toContain('2 facts still to fill: npm run content:check -- --gaps lists them.');
    expect(text).toContain('© Test Provider');
  });
});
