/**
 * The block components Markdown content can use, drawn by nhsuk-frontend's own macros.
 */
import nunjucks from 'nunjucks';
import type { BlockComponents } from '../content/markdown.js';

const MACROS = `
{%- from "nhsuk/components/inset-text/macro.njk" import insetText -%}
{%- from "nhsuk/components/warning-callout/macro.njk" import warningCallout -%}
{%- from "nhsuk/components/details/macro.njk" import details -%}
{%- if component == "inset" %}{{ insetText({ html: html }) }}
{%- elif component == "warning" %}{{ warningCallout({ heading: label, html: html }) }}
{%- elif component == "details" %}{{ details({ summaryText: label, html: html }) }}
{%- endif %}`;

export function nhsukBlockComponents(env: nunjucks.Environment): BlockComponents {
  // Compiled once per build: a site with thousands of blocks must not compile it for each.
  const template = new nunjucks.Template(MACROS, env, undefined, true);
  const safe = env.getFilter('safe');
  const draw = (component: string, label: string, html: string) =>
    template.render({ component, label, html: safe(html) }).trim() + '\n';
  return {
    insetText: (html) => draw('inset', '', html),
    warningCallout: (heading, html) => draw('warning', heading, html),
    details: (summary, html) => draw('details', summary, html),
  };
}
