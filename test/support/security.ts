/**
 * The security headers every response must carry, whatever produced it.
 */
import { expect } from 'vitest';

/** Directive name → its sources. */
export function parseCsp(header: string | undefined): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

export function expectSecurityHeaders(headers: Record<string, string | string[] | undefined>, where: string): void {
  const csp = parseCsp(headers['content-security-policy'] as string | undefined);
  expect(csp.get('default-src'), where).toEqual(["'self'"]);
  expect(csp.get('frame-ancestors'), where).toEqual(["'none'"]);
  expect(csp.get('object-src'), where).toEqual(["'none'"]);
  expect(csp.get('base-uri'), where).toEqual(["'self'"]);
  expect(csp.get('form-action'), where).toEqual(["'self'"]);
  expect(headers['content-security-policy'], where).not.toMatch(/unsafe-|\*|data:|http:/);
  const hsts = /max-age=(\d+)/.exec(String(headers['strict-transport-security']));
  expect(Number(hsts?.[1]), where).toBeGreaterThanOrEqual(31_536_000);
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'], where).toContain(headers['referrer-policy']);
  expect(headers['permissions-policy'], where).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
  expect(headers['cross-origin-opener-policy'], where).toBe('same-origin');
  expect(headers['cross-origin-resource-policy'], where).toBe('same-origin');
  expect(headers['x-frame-options'], where).toBe('DENY');
  expect(headers['x-powered-by'], where).toBeUndefined();
  expect(headers['set-cookie'], where).toBeUndefined();
}
