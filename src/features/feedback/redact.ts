/**
 * Removes personal details from what a family types, before anything is stored: email
 * addresses, phone numbers (UK forms), NHS numbers (10 digits, in any grouping), UK
 * postcodes and dates (numeric or written out) become `[removed]`. Names cannot be found
 * this way, which is why the form asks people not to give them. A text that lost anything
 * is flagged, so staff read it with care.
 *
 * @example
 *   redact('My son (DOB 03/04/2019) has NHS no 943 476 5919')
 *   // { text: 'My son (DOB [removed]) has NHS no [removed]', removed: ['date', 'nhsNumber'] }
 */

export const REMOVED = '[removed]';

export type PersonalDetail = 'email' | 'date' | 'nhsNumber' | 'phone' | 'postcode';

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DAY = '(?:[0-3]?\\d)(?:st|nd|rd|th)?';
const YEAR = '(?:\\d{4}|\\d{2})';

/**
 * The rules, in the order they run: emails first (they may hold digits), dates before the
 * digit rules (a date is not a phone number), NHS numbers before phone numbers (both are
 * 10 digits; an NHS number is grouped 3 3 4 or written whole).
 */
const RULES: readonly { detail: PersonalDetail; pattern: RegExp; accept?: (match: string) => boolean }[] = [
  { detail: 'email', pattern: /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu },
  {
    detail: 'date',
    pattern: new RegExp(
      [
        `\\b\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}\\b`, // 2019-03-12
        `\\b\\d{1,2}[-/.]\\d{1,2}[-/.]${YEAR}\\b`, // 12/03/2019, 12.3.19
        `\\b${DAY}(?:\\s+of)?[\\s-]+${MONTH}\\.?(?:,?[\\s-]+${YEAR})?\\b`, // 12th of March 2019, 12 Mar
        `\\b${MONTH}\\.?\\s+${DAY}(?:,?\\s+${YEAR})?\\b`, // March 12, 2019
        `\\b${MONTH}\\.?\\s+\\d{4}\\b`, // March 2019
      ].join('|'),
      'giu',
    ),
  },
  { detail: 'nhsNumber', pattern: /(?<![\d+])\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)/g },
  {
    detail: 'phone',
    // +44 or 0, then digits with spaces, dashes or brackets between: 10 or 11 digits in all.
    pattern: /(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d[\d\s()-]{7,14}\d(?!\d)/g,
    accept: (match) => {
      const digits = match.replace(/\D/g, '').replace(/^440?/, '0');
      return digits.length >= 10 && digits.length <= 11;
    },
  },
  { detail: 'postcode', pattern: /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi },
];

export interface Redacted {
  text: string;
  /** Which kinds of detail were removed, each once, in rule order; empty when none. */
  removed: PersonalDetail[];
}

export function redact(input: string): Redacted {
  const removed = new Set<PersonalDetail>();
  let text = input;
  for (const { detail, pattern, accept } of RULES) {
    text = text.replace(pattern, (match) => {
      if (accept && !accept(match)) return match;
      removed.add(detail);
      return REMOVED;
    });
  }
  return { text, removed: RULES.map((rule) => rule.detail).filter((detail) => removed.has(detail)) };
}
