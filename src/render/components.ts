/**
 * The block components Markdown content can use, drawn by nhsuk-frontend's own macros.
 */
import type nunjucks from 'nunjucks';
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
  const draw = (component: string, label: string, html: string) =>
    env.renderString(MACROS, { component, label, html: env.getFilter('safe')(html) }).trim() + '\n';
  return {
    insetText: (html) => draw('inset', '', html),
    warningCallout: (heading, html) => draw('warning', heading, html),
    details: (summary, html) => draw('details', summary, html),
  };
}
