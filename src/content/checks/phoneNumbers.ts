/**
 * The phone number on the pages is the one the service's facts give (content/site.yml), so
 * the pages, the structured data and the Open Referral feed cannot disagree.
 */
import type { Page } from '../page.js';
import { error, type Problem } from '../problem.js';
import { digitsOf, type ServiceFacts } from '../service.js';

/** UK phone numbers as written in text: 0 and 10 more digits, or +44 and 10, with spaces or hyphens. */
const PHONE_IN_TEXT = /(?:\+44[\s-]?|\b0)\d(?:[\s-]?\d){9}\b/g;

function nationalDigits(phone: string): string {
  const digits = digitsOf(phone);
  return digits.startsWith('44') ? `0${digits.slice(2)}` : digits;
}

/**
 * Every phone number on the published pages, written out or in a `tel:` link, must be the
 * contact's number in site.yml: the structured data and the feed give that one.
 */
export function checkPhoneNumbers(pages: readonly Page[], facts: ServiceFacts): Problem[] {
  const expected = digitsOf(facts.contact.phone);
  const problem = (page: Page, line: number, found: string) =>
    error({
      file: page.file,
      line,
      message: `The phone number ${found} is not the ${facts.contact.name}'s number in site.yml (${facts.contact.phone}).`,
      fix: `Correct it to ${facts.contact.phone}. If the number has changed, change \`service.contact.phone\` in content/site.yml too: search engines and directories get the number from there.`,
    });
  return pages.flatMap((page) => {
    const found: Problem[] = [];
    for (const link of page.body.links) {
      if (link.href.toLowerCase().startsWith('tel:') && nationalDigits(link.href) !== expected) found.push(problem(page, link.line, link.href));
    }
    page.body.textBlocks.forEach((text, i) => {
      for (const match of text.matchAll(PHONE_IN_TEXT)) {
        if (nationalDigits(match[0]) === expected) continue;
        const linesBefore = text.slice(0, match.index).split('\n').length - 1;
        found.push(problem(page, (page.body.textLines[i] ?? 1) + linesBefore, match[0]));
      }
    });
    return found;
  });
}
