/**
 * A certificate authority of the test's own and a certificate it signed for `localhost`,
 * made with `openssl` in a temporary folder: what a browser would trust, so that clients
 * given `ca` (NODE_EXTRA_CA_CERTS) check the edge's certificate as they would a real one.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const OPENSSL = process.env.OPENSSL_PATH ?? '/usr/bin/openssl';

export interface Certificates {
  dir: string;
  /** The authority's certificate (PEM), for NODE_EXTRA_CA_CERTS. */
  ca: string;
  /** The server's certificate and key, named as deploy/nginx-edge.conf names them. */
  fullchain: string;
  privkey: string;
  remove: () => Promise<void>;
}

export async function makeCertificates(hostname = 'localhost'): Promise<Certificates> {
  const dir = await mkdtemp(join(tmpdir(), 'ot-tls-'));
  // nginx's workers read nothing here (the master loads the key), but the folder is read by name.
  await chmod(dir, 0o755);
  const openssl = (...args: string[]) => promisify(execFile)(OPENSSL, args, { cwd: dir });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  await openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=OT site test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  await openssl('req', ...ec, '-keyout', 'privkey.pem', '-out', 'server.csr', '-subj', `/CN=${hostname}`);
  await writeFile(
    join(dir, 'server.ext'),
    [
      `subjectAltName=DNS:${hostname}`,
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
    ].join('\n'),
  );
  await openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'server.ext',
    '-out',
    'fullchain.pem',
  );
  return {
    dir,
    ca: join(dir, 'ca.pem'),
    fullchain: join(dir, 'fullchain.pem'),
    privkey: join(dir, 'privkey.pem'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
