/**
 * What scanners send every day, sent raw to the production server. Each request gets the
 * one answer that is right for it (a deliberate error page, or the page itself, harmlessly):
 * never a 500, a file from outside `public/` and nhsuk-frontend's assets, a stack trace, or
 * the request's own words unescaped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CACHING } from '../../src/http/caching.js';
import { listenApp, rawRequest } from '../support/raw.js';
import { expectSecurityHeaders } from '../support/security.js';

/** The request, or a function of the fingerprinted stylesheet's address that makes it. */
type Case = [name: string, request: string | ((stylesheet: string) => string), status: number];

const get = (path: string, headers = '') => `GET ${path} HTTP/1.1\r\nHost: localhost\r\n${headers}Connection: close\r\n\r\n`;
const send = (method: string, path: string, headers = '', body = '') =>
  `${method} ${path} HTTP/1.1\r\nHost: localhost\r\n${headers}Connection: close\r\n\r\n${body}`;

const SCRIPT = '<script>alert(1)</script>';

const CASES: Case[] = [
  // Path traversal, in every encoding, at the root and under the asset folders.
  ['plain ../', get('/../../../../etc/passwd'), 404],
  ['..%2f', get('/..%2f..%2f..%2fetc%2fpasswd'), 404],
  ['%2e%2e/', get('/%2e%2e/%2e%2e/%2e%2e/etc/passwd'), 404],
  ['%2e%2e%2f to package.json', get('/%2e%2e%2f%2e%2e%2fpackage.json'), 404],
  ['backslash %5c', get('/..%5c..%5cpackage.json'), 404],
  ['overlong UTF-8 dots %c0%ae', get('/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd'), 400],
  ['overlong UTF-8 slash %c0%af', get('/..%c0%af..%c0%afpackage.json'), 400],
  ['double-encoded %252e', get('/%252e%252e%252fpackage.json'), 404],
  ['/assets/../package.json', get('/assets/../package.json'), 404],
  ['/assets/..%2f', get('/assets/..%2f..%2f..%2f..%2fpackage.json'), 404],
  ['/assets/%2e%2e/', get('/assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/package.json'), 404],
  ['/assets/ backslashes', get('/assets/..%5c..%5c..%5c..%5cpackage.json'), 404],
  ['/assets/images/ deep %2e%2e%2f', get('/assets/images/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json'), 404],
  ['/assets/ to the nhsuk stylesheet beside it', get('/assets/..%2fnhsuk-frontend.min.css'), 404],
  ['/static/..%2f', get('/static/..%2f..%2fpackage.json'), 404],
  ['NUL in a page address', get('/referral%00.md'), 404],
  ['NUL in an asset address', get('/assets/images/nhsuk-icon-cross.svg%00.txt'), 404],
  ['NUL alone', get('/%00'), 404],
  ['NUL then traversal', get('/assets/%00../../package.json'), 404],
  // Malformed percent-encoding.
  ['lone %', get('/%'), 400],
  ['%zz', get('/%zz'), 400],
  ['truncated UTF-8 sequence', get('/%E0%A4%A'), 400],
  ['invalid UTF-8 bytes', get('/%ff%fe'), 400],
  ['lone % under /assets', get('/assets/%'), 400],
  ['malformed query', get('/referral?q=%'), 200],
  // Size.
  ['10 kB path', get('/' + 'a'.repeat(10_000)), 414],
  ['10 kB path under /assets', get('/assets/' + 'a'.repeat(10_000)), 414],
  ['20 kB path, over the header limit', get('/' + 'a'.repeat(20_000)), 431],
  ['huge query string', get('/?' + 'q=x&'.repeat(2_000)), 414],
  ['repeated query parameter', get('/referral?' + Array.from({ length: 300 }, (_, i) => `q=${i}`).join('&')), 200],
  ['100 large headers', get('/', Array.from({ length: 100 }, (_, i) => `X-Junk-${i}: ${'j'.repeat(200)}\r\n`).join('')), 431],
  // Query parameters shaped as arrays and objects.
  ['q[]=', get('/?q[]=1&q[]=2'), 200],
  ['__proto__ object', get('/?__proto__[polluted]=1'), 200],
  ['constructor.prototype', get('/?constructor[prototype][polluted]=1'), 200],
  ['__proto__ plain', get('/referral?__proto__=x&hasOwnProperty=1&toString=2'), 200],
  ['nested object', get('/referral?q[a][b][c]=1'), 200],
  ['/search with q[]=', get('/search?q[]=%3Cscript%3E&q[]=x'), 200],
  ['/search with q as an object', get('/search?q[__proto__]=1&q[toString]=x'), 200],
  // Script in every reflected place.
  ['script in /search?q=', get(`/search?q=${encodeURIComponent(SCRIPT)}`), 200],
  ['attribute breakout in /search?q=', get(`/search?q=${encodeURIComponent('"><img src=x onerror=alert(1)>')}`), 200],
  ['raw script in the path', get('/<script>alert(1)</script>'), 404],
  ['encoded script in the path', get(`/${encodeURIComponent(SCRIPT)}`), 404],
  ['attribute breakout in the path', get(`/referral/${encodeURIComponent('"><svg onload=alert(1)>')}`), 404],
  ['script in the query of a page', get(`/referral?x=${encodeURIComponent(SCRIPT)}`), 200],
  ['script after a trailing slash', get(`/referral/?x=${encodeURIComponent(SCRIPT)}`), 301],
  ['script in Host', send('GET', '/nope', '').replace('Host: localhost', `Host: evil.example${SCRIPT}`), 400],
  ['script in Referer and User-Agent', get('/nope', `Referer: https://x/${SCRIPT}\r\nUser-Agent: ${SCRIPT}\r\n`), 404],
  // Source, configuration and content files.
  ...[
    '/.env',
    '/.git/config',
    '/.git/HEAD',
    '/package.json',
    '/package-lock.json',
    '/tsconfig.json',
    '/Dockerfile',
    '/.dockerignore',
    '/README.md',
    '/src/server.ts',
    '/src/http/app.ts',
    '/dist/server.js',
    '/content/referral.md',
    '/content/site.yml',
    '/content/gaps.yml',
    '/views/layout.njk',
    '/node_modules/express/package.json',
    '/public/css/app.css',
    '/assets/.env',
    '/assets/../.env',
    '/static/.env',
    '/referral.md',
    '/index.html',
    '/server.js',
  ].map((path): Case => [`source or config file ${path}`, get(path), 404]),
  // Methods and bodies.
  ['POST with a form body', send('POST', '/', 'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n', 'a=b'), 405],
  ['PUT', send('PUT', '/referral', 'Content-Length: 2\r\n', '{}'), 405],
  ['DELETE', send('DELETE', '/'), 405],
  ['PATCH', send('PATCH', '/contact'), 405],
  ['OPTIONS', send('OPTIONS', '*'), 405],
  ['TRACE', send('TRACE', '/'), 405],
  ['PROPFIND (WebDAV)', send('PROPFIND', '/'), 405],
  ['an unknown method', send('FOO', '/'), 400],
  ['POST declaring 10 MB', send('POST', '/', 'Content-Length: 10485760\r\n', 'x'.repeat(65_536)), 405],
  ['GET declaring a 10 MB body', send('GET', '/', 'Content-Length: 10485760\r\n', 'x'.repeat(65_536)), 413],
  ['GET with a chunked body', send('GET', '/referral', 'Transfer-Encoding: chunked\r\n', '5\r\nhello\r\n0\r\n\r\n'), 413],
  ['GET /healthz with a body', send('GET', '/healthz', 'Content-Length: 5\r\n', 'hello'), 200],
  ['negative Content-Length', send('GET', '/', 'Content-Length: -1\r\n'), 400],
  [
    'Content-Length with Transfer-Encoding (smuggling)',
    send('GET', '/', 'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\n'),
    400,
  ],
  ['HTTP/1.1 without Host', 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n', 400],
  ['a header with a control character', get('/', 'X-Bad: a\u0001b\r\n'), 400],
  ['an HTTP/0.9-style request line (answered as the page)', 'GET /\r\n\r\n', 200],
  ['garbage', 'ABC\u0000\u0001\u0002\r\n\r\n', 400],
  // Request targets and headers RFC 9112 is strict about.
  ['absolute-form target, a page', 'GET http://localhost/referral HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n', 200],
  ['absolute-form target, no such page', 'GET http://localhost/nope HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n', 404],
  ['two Host headers', get('/referral', 'Host: evil.example\r\n'), 400],
  ['two Host headers, the same', get('/referral', 'Host: localhost\r\n'), 400],
  ['Expect: bogus', get('/referral', 'Expect: bogus\r\n'), 417],
  ['Expect: 100-continue on a GET', get('/referral', 'Expect: 100-continue\r\n'), 200],
  ['CONNECT', 'CONNECT localhost:443 HTTP/1.1\r\nHost: localhost:443\r\n\r\n', 405],
  // Conditional and range headers, on each kind of file: a page, a fingerprinted stylesheet,
  // an nhsuk-frontend file under /assets. Ranges are not supported, so Range is ignored (the
  // whole file, 200); nothing has a modification date, so If-Unmodified-Since is ignored.
  ...(
    [
      ['a page', () => '/referral'],
      ['a fingerprinted stylesheet', (stylesheet: string) => stylesheet],
      ['an /assets file', () => '/assets/images/favicon.svg'],
      ['an /assets image', () => '/assets/images/nhsuk-icon-192.png'],
    ] as const
  ).flatMap(([kind, path]): Case[] => [
    [`Range past the end, ${kind}`, (css) => get(path(css), 'Range: bytes=99999-\r\n'), 200],
    [`Range backwards, ${kind}`, (css) => get(path(css), 'Range: bytes=5-1\r\n'), 200],
    [`Range not in bytes, ${kind}`, (css) => get(path(css), 'Range: lines=1-2\r\n'), 200],
    [`If-Match a wrong ETag, ${kind}`, (css) => get(path(css), 'If-Match: "nope"\r\n'), 412],
    [`If-Match *, ${kind}`, (css) => get(path(css), 'If-Match: *\r\n'), 200],
    [`If-Unmodified-Since in the past, ${kind}`, (css) => get(path(css), 'If-Unmodified-Since: Thu, 01 Jan 1970 00:00:00 GMT\r\n'), 200],
    [`If-Unmodified-Since not a date, ${kind}`, (css) => get(path(css), 'If-Unmodified-Since: yesterday\r\n'), 200],
    [`If-None-Match *, ${kind}`, (css) => get(path(css), 'If-None-Match: *\r\n'), 304],
    [`If-Range with a Range, ${kind}`, (css) => get(path(css), 'If-Range: "nope"\r\nRange: bytes=0-1\r\n'), 200],
  ]),
];

// What must never come back: other files' contents, stack traces, our own words unescaped.
const LEAKS: [what: string, pattern: RegExp][] = [
  ['/etc/passwd', /root:x?:0:0/],
  ['package.json', /"devDependencies"|"name": "childrens-ot-site"/],
  ['.git', /\[core\]|repositoryformatversion|^ref: refs\//m],
  ['source code', /\bimport .* from '|export function|require\(/],
  ['a template', /\{%-? (extends|block|set)/],
  ['Markdown front matter', /^---\r?\n[a-z]+:/m],
  ['a stack trace', /\n\s+at .+:\d+:\d+|node_modules\/|Error: /],
  // Escaped words are harmless text (a search page shows what was searched for); a raw `<` or `>` is not.
  ['unescaped script', /<script>alert|<img src=x|<svg onload|onerror=alert\(1\)>|onload=alert\(1\)>/i],
];

let server: Awaited<ReturnType<typeof listenApp>>;
beforeAll(async () => {
  server = await listenApp();
});
afterAll(() => server?.close());

describe('hostile requests', () => {
  it('names each case once', () => {
    expect(new Set(CASES.map(([name]) => name)).size).toBe(CASES.length);
  });

  it.each(CASES)('%s', async (name, request, status) => {
    const stylesheet = server.holder.current.assets.stylesheets[0]!;
    const res = await rawRequest(server.port, typeof request === 'string' ? request : request(stylesheet));
    expect(res.status, name).toBe(status);
    expectSecurityHeaders(res.headers, name);
    if (res.status >= 400) {
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      // A 404 is cached like a page (a scanner's misses then cost the origin nothing); other errors never.
      expect(res.headers['cache-control']).toBe(DEFAULT_CACHING.forStatus(res.status));
      expect(res.body).toContain('nhsuk-header');
      expect(res.body).toMatch(/<h1>Sorry|<h1>Page not found/);
    }
    if (res.status === 301) expect(res.headers.location).toBe('/referral');
    for (const [what, pattern] of LEAKS) expect(res.body, `${name} leaked ${what}`).not.toMatch(pattern);
  });

  it('the server still serves pages after all of that', async () => {
    const res = await rawRequest(server.port, get('/referral'));
    expect(res.status).toBe(200);
    expect(res.body).toContain('<h1>How to get a referral</h1>');
  });
});
