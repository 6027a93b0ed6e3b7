/**
 * The block components Markdown content can use, drawn by nhsuk-frontend's own macros.
 */
import type nunjucks from 'nunjucks';
import { digitsOf } from '../content/service.js';
import type { BlockComponents } from '../content/markdown.js';

type Macro = (params: Record<string, unknown>) => unknown;
/** Nunjucks has this method; its type definitions leave it out. */
type WithExports = { getExported(callback: (err: Error | null, exported: Record<string, Macro>) => void): void };

/**
 * A macro of nhsuk-frontend, loaded once per build and called from TypeScript (importing it
 * inside a template for every block would run the macro file again each time).
 */
function loadMacro(env: nunjucks.Environment, component: string, name: string): Macro {
  let macro: Macro | undefined;
  (env.getTemplate(`nhsuk/components/${component}/macro.njk`, true) as unknown as WithExports).getExported((err, exported) => {
    if (err) throw err;
    macro = exported[name];
  });
  if (!macro) throw new Error(`nhsuk-frontend has no ${name} macro in components/${component}`);
  return macro;
}

export function nhsukBlockComponents(env: nunjucks.Environment): BlockComponents {
  const safe = env.getFilter('safe');
  const insetText = loadMacro(env, 'inset-text', 'insetText');
  const warningCallout = loadMacro(env, 'warning-callout', 'warningCallout');
  const details = loadMacro(env, 'details', 'details');
  const draw = (html: unknown) => String(html).trim() + '\n';
  return {
    insetText: (html, options) =>
      draw(insetText({ html: safe(html), classes: options?.notOnline ? 'app-inset-text--not-online' : undefined })),
    phoneAction: (html, contact) =>
      draw(
        env.render('partials/phone-action.njk', {
          html,
          // Non-breaking spaces: the number never wraps across lines (easy to misdial), nor away from "Phone".
          contact: { ...contact, action: `Phone ${contact.phone}`.replace(/ /g, '\u00a0'), href: `tel:${digitsOf(contact.phone)}` },
        }),
      ),
    warningCallout: (heading, html) => draw(warningCallout({ heading, html: safe(html) })),
    details: (summary, html) => draw(details({ summary: { text: summary }, html: safe(html) })),
  };
}
