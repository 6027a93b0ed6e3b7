/**
 * CSRF protection for the staff forms: a synchronizer token kept in the signed session
 * (session.ts), written into every staff form as a hidden field and compared in constant
 * time on each POST. A token in the session needs no second cookie (double-submit
 * libraries such as csrf-csrf set one), and the session is already signed.
 */
import { timingSafeEqual } from 'node:crypto';
import type { StaffSession } from './session.js';

/** The hidden field's name in every staff form. */
export const CSRF_FIELD = 'csrf';

export function validCsrfToken(session: StaffSession, sent: unknown): boolean {
  if (typeof sent !== 'string' || sent.length === 0) return false;
  const expected = Buffer.from(session.csrf);
  const given = Buffer.from(sent);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
