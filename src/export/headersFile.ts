/**
 * The static mirror's response headers, from the same sources as the live site's: the
 * security headers (`SECURITY_HEADERS`) and each file's Cache-Control as the live site
 * sent it. Two forms: `_headers`, which Netlify and Cloudflare Pages read, and
 * `_headers.nginx`, the same security headers as nginx directives for
 * deploy/nginx-mirror.conf.
 */
import { SECURITY_HEADERS } from '../http/security.js';

/** What the headers file needs to know of each file the mirror wrote. */
export interface HeadersFor {
  /** The address on the site. */
  path: string;
  status: number;
  cacheControl: string;
}

/** Folders whose files share one Cache-Control, given once for the folder. */
const FOLDERS = ['/static/', '/images/', '/assets/'];

export function headersFile(files: readonly HeadersFor[]): string {
  const lines = ["# Written by `npm run export`: the live site's security headers and cache rules.", '/*'];
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) lines.push(`  ${name}: ${value}`);
  const rest = files.filter((file) => file.status === 200 && file.cacheControl);
  for (const folder of FOLDERS) {
    const inFolder = rest.filter((file) => file.path.startsWith(folder));
    const values = new Set(inFolder.map((file) => file.cacheControl));
    if (values.size !== 1) continue;
    lines.push(`${folder}*`, `  Cache-Control: ${[...values][0]}`);
    for (const file of inFolder) rest.splice(rest.indexOf(file), 1);
  }
  for (const file of rest) lines.push(file.path, `  Cache-Control: ${file.cacheControl}`);
  return lines.join('\n') + '\n';
}

export function nginxHeaders(): string {
  const lines = ["# Written by `npm run export`: the live site's security headers, for deploy/nginx-mirror.conf."];
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (/["\\\n]/.test(value)) throw new Error(`${name} cannot be written as an nginx string: ${value}`);
    lines.push(`add_header ${name} "${value}" always;`);
  }
  return lines.join('\n') + '\n';
}
