/**
 * Who may use the staff area: decided from the provider's claims about the person, by email
 * domain (OIDC_ALLOWED_DOMAINS) or group (OIDC_ALLOWED_GROUPS). Either one is enough.
 */
import type { StaffSettings } from './settings.js';
import type { StaffUser } from './session.js';

export type AccessDecision = { allowed: true; user: StaffUser } | { allowed: false; reason: string; email?: string };

type Claims = Record<string, unknown>;

export function staffAccess(claims: Claims, settings: StaffSettings): AccessDecision {
  const raw = claims[settings.emailClaim];
  const email = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
    return { allowed: false, reason: `the provider did not give an email address (claim "${settings.emailClaim}")` };
  }
  // A provider that says it has not checked the address is not taken at its word.
  if (settings.emailClaim === 'email' && claims.email_verified === false) {
    return { allowed: false, reason: 'the provider says the email address is not verified', email };
  }
  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : email;
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (settings.allowedDomains.includes(domain)) return { allowed: true, user: { email, name } };
  const groups = claims[settings.groupsClaim];
  if (Array.isArray(groups) && groups.some((group) => typeof group === 'string' && settings.allowedGroups.includes(group))) {
    return { allowed: true, user: { email, name } };
  }
  return { allowed: false, reason: 'neither the email domain nor a group is on the staff list', email };
}
