import { describe, expect, test } from 'vitest';
import { redact, type PersonalDetail } from '../../../src/features/feedback/redact.js';

// [what a family might type, what is stored, what was removed]
const REMOVED: [string, string, PersonalDetail[]][] = [
  // Email addresses
  ['email me at jo.bloggs@example.com please', 'email me at [removed] please', ['email']],
  ["o'neill+ot@mail.example.co.uk", '[removed]', ['email']],
  // Phone numbers, UK forms
  ['call 07700 900123', 'call [removed]', ['phone']],
  ['call 07700900123.', 'call [removed].', ['phone']],
  ['ring 020 7946 0018 after 3', 'ring [removed] after 3', ['phone']],
  ['(020) 7946 0018', '[removed]', ['phone']],
  ['+44 7700 900123', '[removed]', ['phone']],
  ['+44 (0)20 7946 0018', '[removed]', ['phone']],
  ['+447700900123', '[removed]', ['phone']],
  ['01632 960 001', '[removed]', ['phone']],
  ['0161-496-0000', '[removed]', ['phone']],
  ['0300 330 5777', '[removed]', ['phone']],
  // NHS numbers: 10 digits, whole or grouped 3 3 4 with spaces or dashes
  ['NHS number 943 476 5919', 'NHS number [removed]', ['nhsNumber']],
  ['nhs no: 943-476-5919', 'nhs no: [removed]', ['nhsNumber']],
  ['9434765919', '[removed]', ['nhsNumber']],
  // Postcodes
  ['we live at SE1 7EH', 'we live at [removed]', ['postcode']],
  ['n17 0ab', '[removed]', ['postcode']],
  ['EC1A1BB', '[removed]', ['postcode']],
  ['W1A 0AX.', '[removed].', ['postcode']],
  // Dates
  ['born 03/04/2019', 'born [removed]', ['date']],
  ['DOB 3.4.19', 'DOB [removed]', ['date']],
  ['2019-04-03', '[removed]', ['date']],
  ['born on 3rd April 2019', 'born on [removed]', ['date']],
  ['born on the 3rd of April', 'born on the [removed]', ['date']],
  ['appointment on April 3, 2025', 'appointment on [removed]', ['date']],
  ['since Sept 2024', 'since [removed]', ['date']],
  ['12-Mar-2020', '[removed]', ['date']],
  // Several at once: each kind named once
  [
    'Jo (DOB 03/04/2019, NHS 943 476 5919) at SE1 7EH, 07700 900123 or jo@example.com, 4 May',
    'Jo (DOB [removed], NHS [removed]) at [removed], [removed] or [removed], [removed]',
    ['email', 'date', 'nhsNumber', 'phone', 'postcode'],
  ],
];

// Ordinary text, kept as typed.
const KEPT: string[] = [
  'I could not find the email address for the service',
  'My child is 7 and has a sensory processing difference',
  'Waited 18 weeks, then 2 more',
  'The page says 9am to 5pm, Monday to Friday',
  'May I refer my child myself?',
  'Section G of the EHC plan',
  'We called 111 and 999',
  'Room 12, 3rd floor',
  'in March we moved',
  'step 1 of 3',
  'an A4 sheet',
  '123456789', // 9 digits: not a UK phone or NHS number
];

describe('removing personal details before storing', () => {
  test.each(REMOVED)('%j is stored as %j', (typed, stored, kinds) => {
    expect(redact(typed)).toEqual({ text: stored, removed: kinds });
  });

  test.each(KEPT)('%j is kept as typed', (typed) => {
    expect(redact(typed)).toEqual({ text: typed, removed: [] });
  });
});
