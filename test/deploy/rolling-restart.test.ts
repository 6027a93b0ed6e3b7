/**
 * A rolling restart behind Varnish (deploy/varnish.vcl) drops no request: what README.md's
 * "Running in production" tells operators to do, with two origins and readers asking all the
 * while for pages the cache does not have. Each origin in turn is taken out of rotation
 * (`varnishadm backend.set_health origin_N sick`), stopped with SIGTERM (it drains), started
 * again on its port and put back (`auto`) once Varnish sees it healthy. And an origin that
 * dies without warning (SIGKILL) costs readers nothing either: Varnish asks the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../bench/support.js';
import { startServer, type RunningServer } from '../support/process.js';
import { installed, waitFor } from './support/tools.js';
import { startVarnish, VARNISHD, type Varnish } from './support/varnish.js';

const run = installed(VARNISHD, 'varnish', 'the rolling restart tests (test/deploy/rolling-restart.test.ts)');

let ports: number[] = [];
let origins: RunningServer[] = [];
let varnish: Varnish | undefined;
const env = { NODE_ENV: 'production', SITE_URL: 'https://ot.example.nhs.uk' };
const startOrigin = (port: number) => startServer({ ...env, PORT: String(port) }, 60_000);

beforeAll(async () => {
  if (!run) return;
  ports = [await freePort(), await freePort()];
  origins = await Promise.all(ports.map(startOrigin));
  varnish = await startVarnish(ports);
}, 120_000);

afterAll(async () => {
  await varnish?.stop();
  await Promise.all(origins.map((origin) => origin.stop()));
});

/** Readers asking, four at a time, for search answers the cache has never seen, until `done()`; then every status they got. */
function readers() {
  const statuses: number[] = [];
  let stopped = false;
  let n = 0;
  const reader = async () => {
    while (!stopped) {
      const res = await fetch(`http://127.0.0.1:${varnish!.port}/search?q=handwriting+${Date.now()}-${n++}`).catch(() => undefined);
      statuses.push(res?.status ?? 0);
      await res?.arrayBuffer();
    }
  };
  const all = Promise.all([reader(), reader(), reader(), reader()]);
  return {
    done: async () => {
      stopped = true;
      await all;
      return statuses;
    },
  };
}

const backendHealth = async (name: string) => {
  const line = (await varnish!.adm('backend.list')).split('\n').find((l) => l.includes(`.${name} `) || l.startsWith(`${name} `));
  return line ?? '';
};

describe.skipIf(!run)('restarting the origins behind Varnish', () => {
  it('one at a time, out of rotation first: every reader gets the page', async () => {
    const load = readers();
    for (const [i, port] of ports.entries()) {
      const name = `origin_${i + 1}`;
      await varnish!.adm('backend.set_health', name, 'sick');
      await new Promise((done) => setTimeout(done, 500));
      expect(await origins[i]!.stop()).toBe(0);
      origins[i] = await startOrigin(port);
      await varnish!.adm('backend.set_health', name, 'auto');
      await waitFor(`Varnish to see ${name} healthy again`, async () =>
        (await backendHealth(name)).includes('healthy') ? true : undefined,
      );
    }
    const statuses = await load.done();
    expect(statuses.length).toBeGreaterThan(50);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  }, 120_000);

  it('an origin that dies without warning costs readers nothing: Varnish asks the other', async () => {
    const load = readers();
    await new Promise((done) => setTimeout(done, 300));
    await origins[0]!.stop('SIGKILL');
    await new Promise((done) => setTimeout(done, 3000)); // past the probe noticing
    origins[0] = await startOrigin(ports[0]!);
    await waitFor('Varnish to see origin_1 healthy again', async () =>
      (await backendHealth('origin_1')).includes('healthy') ? true : undefined,
    );
    const statuses = await load.done();
    expect(statuses.length).toBeGreaterThan(50);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  }, 120_000);
});
