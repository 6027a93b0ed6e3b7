/**
 * The nhsuk-frontend page template has one fixed inline script (it adds `js-enabled`).
 * Its sha256 hash, computed from the installed template, lets the Content Security
 * Policy allow exactly that script, so pages can be rendered once instead of per request.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { NHSUK_TEMPLATE } from './environment.js';

const INLINE_SCRIPT = /<script[^>]*>([\s\S]*?)<\/script>/g;

export function inlineScriptHashes(templatePath = NHSUK_TEMPLATE): string[] {
  const template = readFileSync(templatePath, 'utf8');
  const scripts = [...template.matchAll(INLINE_SCRIPT)].map((match) => match[1] ?? '');
  if (scripts.length === 0) throw new Error(`No inline script found in ${templatePath}; check the nhsuk-frontend version.`);
  return scripts.map((script) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`);
}
