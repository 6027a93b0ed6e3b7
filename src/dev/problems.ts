/**
 * Preview only: the checker's problems in the browser. While the last change is broken,
 * every page of the last good build carries the errors at the top (`withProblems`). When
 * the content has never built, there is no good build: every address gets a page of its
 * own listing each error and warning (`problemsPage`), which the live reload script turns
 * into the site on the first good save. Both are drawn with nhsuk-frontend's macros.
 */
import type nunjucks from 'nunjucks';
import type { Build } from '../build.js';
import { location, sortProblems, type Problem } from '../content/problem.js';
import { gapsLine, isToFill, summaryLine } from '../content/report.js';
import type { AssetBundle } from '../render/assets.js';
import { escapeHtml } from '../render/environment.js';
import { finishResponse, HTML, type FinishedResponse } from '../render/finishedResponse.js';

const SUMMARY = `{% from "nhsuk/components/error-summary/macro.njk" import errorSummary %}
{{ errorSummary({ heading: { text: title }, description: { text: description }, errorList: items, disableAutoFocus: true }) }}`;

const PAGE = `{% extends "template.njk" %}
{% from "nhsuk/components/details/macro.njk" import details %}
{% from "nhsuk/components/footer/macro.njk" import footer %}
{% block pageTitle %}Error: the preview cannot show the site yet{% if provider %} - {{ provider }}{% endif %}{% endblock %}
{% block head %}
  {% for href in stylesheets %}<link rel="stylesheet" href="{{ href }}">{% endfor %}
  {% for src in scripts %}<script type="module" src="{{ src }}"></script>{% endfor %}
{% endblock %}
{% block content %}
<div class="nhsuk-grid-row">
  <div class="nhsuk-grid-column-full">
    <h1>The preview cannot show the site yet</h1>
    {{ panel | safe }}
    {% if warnings | length %}
    {{ details({ summary: { text: "Warnings (" + warnings | length + "): advice, they do not stop the site" }, html: warningsHtml }) }}
    {% endif %}
    <p>{{ summary }}</p>
    {% if gapsLine %}<p>{{ gapsLine | safe }}</p>{% endif %}
  </div>
</div>
{% endblock %}
{# The provider's name, as on the site's own pages; none while site.yml cannot be read (never the template's default). #}
{% block footer %}{{ footer({ copyright: ("© " + provider) if provider else "" }) }}{% endblock %}`;

/** One problem as HTML: file:line, what is wrong, how to fix it, and the parser's words if any. */
function describe(p: Problem): string {
  const detail = p.detail ? `<br><span class="nhsuk-body-s">Detail: ${escapeHtml(p.detail)}</span>` : '';
  return `<strong>${escapeHtml(location(p))}</strong> ${withCode(p.message)}<br>How to fix: ${withCode(p.fix)}${detail}`;
}

/** Escaped text, with what to type (in backticks, as the terminal shows it) set as code. */
const withCode = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The NHS.UK error summary listing the errors, the file that could not be read first. */
export function problemsPanel(
  env: nunjucks.Environment,
  problems: readonly Problem[],
  wording = {
    title: 'The last change has',
    description: 'You are seeing the last version that worked. Fix these and save: the page reloads by itself.',
  },
): string {
  const errors = sortProblems(problems.filter((p) => p.severity === 'error'));
  return env.renderString(SUMMARY, {
    title: `${wording.title} ${plural(errors.length, 'error')}`,
    description: wording.description,
    items: errors.map((p) => ({ html: describe(p) })),
  });
}

/**
 * The page served at every address while the content has never built: each error, then each
 * warning. `provider`: from site.yml, when it could be read, for the title and the footer.
 */
export function problemsPage(
  env: nunjucks.Environment,
  problems: readonly Problem[],
  assets?: AssetBundle,
  provider?: string,
): Promise<FinishedResponse> {
  // The facts still to fill are one line, as in the checker's report, so the other warnings stand out.
  const warnings = sortProblems(problems.filter((p) => p.severity === 'warning' && !isToFill(p)));
  const gaps = problems.filter(isToFill).length;
  const html = env.renderString(PAGE, {
    panel: problemsPanel(env, problems, {
      title: 'The content has',
      description: 'The site is shown here once these are fixed. Fix them and save: this page turns into the site by itself.',
    }),
    warnings,
    warningsHtml: `<ul class="nhsuk-list nhsuk-list--bullet">${warnings.map((p) => `<li>${describe(p)}</li>`).join('')}</ul>`,
    summary: summaryLine(problems),
    gapsLine: gaps ? withCode(gapsLine(gaps)) : '',
    stylesheets: assets?.stylesheets ?? [],
    scripts: assets?.scripts ?? [],
    provider,
  });
  return finishResponse(html, HTML, { status: 500, compression: false });
}

/**
 * The last good build with the problems panel at the top of every page's main content.
 * The pages are otherwise byte for byte the last good ones.
 */
export async function withProblems(good: Build, panel: string): Promise<Build> {
  const addPanel = (page: FinishedResponse): Promise<FinishedResponse> => {
    const html = page.identity.toString('utf8').replace(/<main\b[^>]*>/, (main) => `${main}\n${panel}`);
    return finishResponse(html, HTML, { status: page.status });
  };
  const withPanel = <K>(pages: ReadonlyMap<K, FinishedResponse>) =>
    Promise.all([...pages].map(async ([key, page]): Promise<[K, FinishedResponse]> => [key, await addPanel(page)]));
  const [pages, errors] = await Promise.all([withPanel(good.rendered.pages), withPanel(good.rendered.errors)]);
  return { ...good, rendered: { ...good.rendered, pages: new Map(pages), errors: new Map(errors) } };
}
