/**
 * html-validate on the HTML exactly as served, with its recommended preset. Two rules are
 * narrowed, each for markup that nhsuk-frontend's macros write and we do not own, and one
 * is off for a reason that is not about valid or accessible HTML.
 */
import { HtmlValidate, type Message } from 'html-validate';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // nhsuk-frontend's header and footer write role="banner" and role="contentinfo" on
    // <header> and <footer>, and its contents list ("On this page") role="navigation" on
    // <nav>. Its responsive tables (the staff dashboard) write the table roles on every table
    // element: their CSS lays a table out as blocks on small screens, which makes some
    // browsers drop the table's meaning, and the roles put it back. Redundant, not wrong;
    // every other redundant role still fails.
    'no-redundant-role': [
      'error',
      { exclude: ['banner', 'contentinfo', 'navigation', 'table', 'rowgroup', 'row', 'columnheader', 'rowheader', 'cell'] },
    ],
    // Page titles follow the NHS.UK pattern "Page - Service - Organisation", which runs past
    // 70 characters. The rule guards against search engines cutting titles short; screen
    // readers read the whole title, so it is not an accessibility or validity problem.
    'long-title': 'off',
    // A group of checkboxes shares one name in the NHS.UK and GOV.UK pattern, as radios do
    // (the question pages). Any other shared name still fails.
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
  },
});

/**
 * nhsuk-frontend's header draws its "More" menu button (#toggle-menu) without a type. It is
 * in no form, so it cannot submit anything. Any other button without a type still fails.
 */
const allowed = (message: Message) => message.ruleId === 'no-implicit-button-type' && message.selector === '#toggle-menu';

/** Every error in the page, as "line:column rule message" lines. */
export async function htmlErrors(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results
    .flatMap((result) => result.messages)
    .filter((message) => message.severity === 2 && !allowed(message))
    .map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.message}`);
}
