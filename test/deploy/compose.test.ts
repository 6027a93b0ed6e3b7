/**
 * The deployment recipe (deploy/compose.yaml): a valid Compose file, whose services use the
 * configuration files the other deployment tests run, as they run them. Where this machine
 * has Docker Compose (`docker compose`, or the older `docker-compose`), its own `config`
 * check must accept the file too; no Docker engine is needed for that.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../support/app.js';

// dclint's own type declarations cannot be resolved under NodeNext (their imports have no
// extensions): its linter is loaded untyped and described here as this file uses it.
interface Linter {
  lintFiles: (paths: string[], recursive: boolean) => { messages: { line: number; message: string; rule: string }[] }[];
}
const { DCLinter } = createRequire(import.meta.url)('dclint') as { DCLinter: new (config: object) => Linter };

const DEPLOY = join(ROOT, 'deploy');
const COMPOSE = join(DEPLOY, 'compose.yaml');

interface Service {
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  network_mode?: string;
  depends_on?: Record<string, unknown>;
}
const compose = parse(readFileSync(COMPOSE, 'utf8'), { merge: true }) as { services: Record<string, Service> };
const origins = Object.entries(compose.services).filter(([name]) => name.startsWith('origin-'));

describe('the deployment recipe (deploy/compose.yaml)', () => {
  it('is a valid Compose file: the Compose specification schema and the linter find nothing wrong', () => {
    const linter = new DCLinter({
      rules: {
        // Matters of taste, not of correctness: the file is ordered for reading top to bottom.
        'service-keys-order': 0,
        'services-alphabetical-order': 0,
        'top-level-properties-order': 0,
        // The edge, cache and origin images are built here and named for `docker compose
        // up` to reuse: build and image together, with a local tag, is what that takes.
        'no-build-and-image': 0,
        'service-image-require-explicit-tag': 0,
      },
      quiet: false,
      debug: false,
      exclude: [],
    });
    const [result] = linter.lintFiles([COMPOSE], false);
    expect(result?.messages.map((m) => `${m.line}: ${m.message} (${m.rule})`)).toEqual([]);
  });

  it('runs the edge, the cache, two origins and PostgreSQL, every one on the host network', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['edge', 'origin-1', 'origin-2', 'postgres', 'varnish']);
    for (const [name, service] of Object.entries(compose.services)) expect(service.network_mode, name).toBe('host');
  });

  it('the origins listen where Varnish looks for them, trust X-Forwarded-For only from loopback, and have the database', () => {
    const vcl = readFileSync(join(DEPLOY, 'compose-origins.vcl'), 'utf8');
    const backendPorts = [...vcl.matchAll(/\.port = "(\d+)";/g)].map((match) => match[1]);
    expect(origins.map(([, service]) => service.environment?.PORT)).toEqual(backendPorts);
    expect(vcl.match(/origins\.add_backend\(/g)).toHaveLength(origins.length);
    for (const [name, service] of origins) {
      expect(service.environment, name).toMatchObject({
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        TRUSTED_PROXIES: 'loopback',
        DATABASE_URL: expect.stringMatching(/^postgres:\/\/ot:\$\{POSTGRES_PASSWORD:\?[^}]+\}@127\.0\.0\.1:5432\/ot$/),
      });
    }
  });

  it('mounts the repository’s own edge and cache configuration, files that exist', () => {
    const mounts = Object.values(compose.services).flatMap((service) => service.volumes ?? []);
    expect(mounts).toContain('./nginx-edge.conf:/etc/nginx/sites-enabled/default:ro');
    expect(mounts).toContain('./varnish.vcl:/etc/varnish/varnish.vcl:ro');
    expect(mounts).toContain('./compose-origins.vcl:/etc/varnish/origins.vcl:ro');
    for (const mount of mounts.filter((m) => m.startsWith('./'))) {
      expect(existsSync(resolve(DEPLOY, mount.split(':')[0]!)), mount).toBe(true);
    }
  });

  it('the cache has the stores varnish.vcl names and the request limits it relies on', () => {
    const command = compose.services.varnish?.command ?? [];
    const stores = command.flatMap((arg, i) => (command[i - 1] === '-s' ? [arg.split('=')[0]] : []));
    const named = [...new Set([...readFileSync(join(DEPLOY, 'varnish.vcl'), 'utf8').matchAll(/storage\.(\w+)/g)].map((match) => match[1]))];
    expect(stores.sort()).toEqual(named.sort());
    expect(command[command.indexOf('-I') + 1]).toBe('/etc/varnish/varnish-limits.cli');
    expect(compose.services.varnish?.volumes).toContain('./varnish-limits.cli:/etc/varnish/varnish-limits.cli:ro');
  });

  it('Docker Compose’s own `config` accepts it, where this machine has Compose', async ({ skip }) => {
    const env = { ...process.env, SITE_URL: 'https://ot.example.nhs.uk', POSTGRES_PASSWORD: 'checked-by-the-test' };
    const run = (args: string[]) => promisify(execFile)('docker', args, { cwd: DEPLOY, env });
    // Compose v2, the `docker compose` plugin (the old Python docker-compose knows no `name`).
    if (
      !(await run(['compose', 'version']).then(
        () => true,
        () => false,
      ))
    ) {
      console.warn('docker compose is not installed here: deploy/compose.yaml was checked against the Compose schema only.');
      return skip();
    }
    const { stdout } = await run(['compose', '-f', COMPOSE, 'config']);
    expect(stdout).toContain('origin-2');
  });
});
