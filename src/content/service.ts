/**
 * The service's facts, from `service:` in content/site.yml: the ages it serves, its area, the
 * contact point with its phone and hours, and the places it works in. The pages say these
 * things in words; the search engines' structured data and the Open Referral UK feed are
 * built from them. `checkPhoneNumbers` keeps every phone number on the pages equal to the
 * one here, so the three cannot disagree.
 */
import { z } from 'zod';

export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export type Day = (typeof DAYS)[number];

/** The message for a missing or misshapen group of fields, and for a field that is not one of them. */
const needs = (fields: string) => ({
  error: (issue: z.core.$ZodRawIssue) =>
    issue.code === 'unrecognized_keys' ? `has a field this site does not know: ${issue.keys.join(', ')}` : issue.code === 'invalid_type' ? fields : undefined,
});

const name = z.string({ error: 'is missing' }).trim().min(1, { error: 'is empty' });
const time = z.string({ error: 'is missing' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time written as HH:MM in quotes, like "09:00"' });
const age = z.number({ error: 'must be a whole number of years, like 18' }).int({ error: 'must be a whole number of years, like 18' }).min(0);

/** A UK number as people write it: 11 digits starting with 0, spaces allowed, like 0300 330 5777. */
const ukPhone = z
  .string({ error: 'is missing' })
  .trim()
  .refine((value) => /^[0-9 ]+$/.test(value) && /^0\d{10}$/.test(digitsOf(value)), {
    error: 'must be a UK phone number written with spaces, like 0300 330 5777',
  });

export const serviceFactsSchema = z
  .object(
    {
      ages: z
        .object({ from: age, to: age }, needs('needs `from:` and `to:`, the youngest and oldest ages in years'))
        .strict()
        .refine((ages) => ages.from <= ages.to, { error: '`from` must not be more than `to`' }),
      area: name,
      contact: z
        .object(
          {
            name,
            phone: ukPhone,
            hours: z
              .object(
                {
                  days: z.array(z.enum(DAYS, { error: `must be one of: ${DAYS.join(', ')}` })).min(1, { error: 'needs at least one day' }),
                  opens: time,
                  closes: time,
                },
                needs('needs `days:`, `opens:` and `closes:`'),
              )
              .strict()
              .refine((hours) => hours.opens < hours.closes, { error: '`opens` must be before `closes`' }),
          },
          needs('needs `name:`, `phone:` and `hours:`'),
        )
        .strict(),
      places: z.array(z.object({ name }, needs('each place needs a `name:`')).strict()).default([]),
    },
    needs('is missing: add the `service:` facts (see CONTENT.md)'),
  )
  .strict();

export type ServiceFacts = z.infer<typeof serviceFactsSchema>;
export type OpeningHours = ServiceFacts['contact']['hours'];

export function digitsOf(phone: string): string {
  return phone.replace(/\D/g, '');
}

/** `0300 330 5777` → `+44 300 330 5777`, the form search engines ask for. */
export function internationalPhone(phone: string): string {
  return `+44 ${phone.trim().replace(/^0/, '')}`;
}

/** `09:00` → `9am`, `17:30` → `5:30pm` (NHS style). */
export function timeInWords(time: string): string {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  const suffix = hours < 12 ? 'am' : 'pm';
  const hour = hours % 12 === 0 ? 12 : hours % 12;
  return `${hour}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}${suffix}`;
}

/** `9am to 5pm, Monday to Friday`: a run of days in a row is written first to last. */
export function hoursInWords(hours: OpeningHours): string {
  const days = [...new Set(hours.days)].sort((a, b) => DAYS.indexOf(a) - DAYS.indexOf(b));
  const inARow = days.every((day, i) => i === 0 || DAYS.indexOf(day) === DAYS.indexOf(days[i - 1]!) + 1);
  const dayWords =
    days.length > 2 && inARow ? `${days[0]} to ${days.at(-1)}` : days.length > 1 ? `${days.slice(0, -1).join(', ')} and ${days.at(-1)}` : days[0];
  return `${timeInWords(hours.opens)} to ${timeInWords(hours.closes)}, ${dayWords}`;
}
