/**
 * The site behind the TLS edge: nginx with deploy/nginx-edge.conf on 127.0.0.1 ports 80 and
 * 443, in front of Varnish (deploy/varnish.vcl) and a production server, with a certificate
 * for `localhost` from a certificate authority the test makes. The MDN HTTP Observatory
 * scans it as it scans a public site, trusting that authority, and must give A+ with HSTS,
 * the redirect to HTTPS and the Content Security Policy each passing on their own (the grade
 * alone can hide a short HSTS).
 *
 * Ports 80 and 443, because the scanner knows no others: the test needs root (or
 * CAP_NET_BIND_SERVICE for nginx), as CI has.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { connect as tlsConnect, type SecureVersion } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/process.js';
import { makeCertificates, OPENSSL, type Certificates } from './support/certificates.js';
import { startEdge } from './support/edge.js';
import { NGINX } from './support/nginx.js';
import { observatory, observatoryTable } from './support/observatory.js';
import { installed, lowPortsAllowed, waitFor, type Daemon } from './support/tools.js';
import { startVarnish, VARNISHD, type Varnish } from './support/varnish.js';

const what = 'the TLS edge tests (test/deploy/edge.test.ts)';
const run =
  installed(NGINX, 'nginx', what) && installed(VARNISHD, 'varnish', what) && installed(OPENSSL, 'openssl', what) && lowPortsAllowed(what);

let certificates: Certificates | undefined;
let origin: RunningServer | undefined;
let varnish: Varnish | undefined;
let edge: (Daemon & { accessLog: string }) | undefined;

beforeAll(async () => {
  if (!run) return;
  certificates = await makeCertificates('localhost');
  origin = await startServer({ NODE_ENV: 'production', SITE_URL: 'https://localhost' }, 60_000);
  varnish = await startVarnish([origin.port]);
  edge = await startEdge({ varnishPort: varnish.port, certificates });
}, 120_000);

afterAll(async () => {
  await edge?.stop();
  await varnish?.stop();
  await origin?.stop();
  await certificates?.remove();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

/** One request to the edge as a browser at https://localhost makes it, trusting the test's authority. */
function overHttps(path: string): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = httpsRequest(
      { host: '127.0.0.1', port: 443, servername: 'localhost', path, ca: readFileSync(certificates!.ca), headers: { host: 'localhost' } },
      (res) => {
        res.resume();
        res.on('end', () => done({ status: res.statusCode!, headers: res.headers }));
      },
    );
    req.on('error', fail).end();
  });
}

function overHttp(path: string): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = httpRequest({ host: '127.0.0.1', port: 80, path, headers: { host: 'localhost' } }, (res) => {
      res.resume();
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers }));
    });
    req.on('error', fail).end();
  });
}

/** The protocol the edge agrees to when the client offers only `version`, and the application protocol (ALPN). */
function handshake(version: SecureVersion): Promise<{ protocol: string | null; alpn: string | false | null } | Error> {
  return new Promise((done) => {
    const socket = tlsConnect({
      host: '127.0.0.1',
      port: 443,
      servername: 'localhost',
      ca: readFileSync(certificates!.ca),
      minVersion: version,
      maxVersion: version,
      // The client would offer the old versions if the server took them: only the edge refuses.
      ciphers: 'DEFAULT:@SECLEVEL=0',
      ALPNProtocols: ['h2', 'http/1.1'],
    });
    socket.once('secureConnect', () => {
      done({ protocol: socket.getProtocol(), alpn: socket.alpnProtocol });
      socket.end();
    });
    socket.once('error', (err) => done(err));
  });
}

const HSTS = 'max-age=63072000; includeSubDomains';

describe.skipIf(!run)('the TLS edge (deploy/nginx-edge.conf) in front of Varnish and the site', () => {
  it('the MDN HTTP Observatory grades it A+, with HSTS, the redirect to HTTPS and the Content Security Policy each passing', async () => {
    const scan = await observatory('localhost', certificates!.ca);
    console.log(`HTTP Observatory, https://localhost through the edge:\n${observatoryTable(scan)}`);
    expect(scan.tests['strict-transport-security'], observatoryTable(scan)).toMatchObject({
      pass: true,
      result: 'hsts-implemented-max-age-at-least-six-months',
    });
    expect(scan.tests['redirection'], observatoryTable(scan)).toMatchObject({ pass: true, result: 'redirection-to-https' });
    expect(scan.tests['content-security-policy']?.pass, observatoryTable(scan)).toBe(true);
    expect(scan.grade, observatoryTable(scan)).toBe('A+');
  }, 90_000);

  it('plain HTTP answers only a permanent redirect to the same address over HTTPS', async () => {
    for (const path of ['/', '/referral', '/search?q=handwriting']) {
      const res = await overHttp(path);
      expect(res.status, path).toBe(301);
      expect(res.headers.location, path).toBe(`https://localhost${path}`);
    }
  });

  it('every HTTPS answer, found or not, tells browsers to use HTTPS for two years', async () => {
    for (const [path, status] of [
      ['/', 200],
      ['/referral', 200],
      ['/no-such-page', 404],
    ] as const) {
      const res = await overHttps(path);
      expect(res.status, path).toBe(status);
      expect(res.headers['strict-transport-security'], path).toBe(HSTS);
    }
  });

  it('logs each request without the address it came from or the words searched for', async () => {
    const secret = `private-words-${Date.now()}`;
    expect((await overHttps(`/search?q=${secret}`)).status).toBe(200);
    const log = await waitFor('the request in the access log', async () => {
      const text = await readFile(edge!.accessLog, 'utf8');
      return text.includes('/search') ? text : undefined;
    });
    expect(log).not.toContain(secret);
    expect(log).not.toContain('127.0.0.1');
    expect(log).toContain('GET /search 200');
  });

  it('speaks TLS 1.2 and 1.3 only, and HTTP/2 to browsers that offer it', async () => {
    expect(await handshake('TLSv1.3')).toEqual({ protocol: 'TLSv1.3', alpn: 'h2' });
    expect(await handshake('TLSv1.2')).toEqual({ protocol: 'TLSv1.2', alpn: 'h2' });
    for (const old of ['TLSv1.1', 'TLSv1'] as const) {
      expect(await handshake(old), old).toBeInstanceOf(Error);
    }
  });
});
