/**
 * TRUSTED_PROXIES: whose X-Forwarded-For the origin believes. Read by the config in the form
 * Express's `trust proxy` setting takes, checked here with Express itself: behind the TLS edge
 * and Varnish (deploy/), a request reaches the origin from Varnish on loopback with
 * `X-Forwarded-For: <browser>, <edge>`; the browser's address is believed only when both hops
 * are trusted, and nothing a browser writes in the header itself is.
 */
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config.js';

/** The client address Express works out for a request from this machine (loopback) with `forwardedFor`. */
async function clientAddress(trustedProxies: string[], forwardedFor?: string): Promise<string> {
  const app = express();
  app.set('trust proxy', trustedProxies);
  app.get('/', (req, res) => void res.send(req.ip));
  const req = request(app).get('/');
  return (await (forwardedFor ? req.set('X-Forwarded-For', forwardedFor) : req)).text;
}

describe('TRUSTED_PROXIES', () => {
  it('trusts nobody when unset: the connection’s own address is the client’s', async () => {
    const { trustedProxies } = readConfig({});
    expect(trustedProxies).toEqual([]);
    expect(await clientAddress(trustedProxies, '203.0.113.7')).toMatch(/127\.0\.0\.1$/);
  });

  it('behind the edge and Varnish on loopback, the browser’s address is the client’s', async () => {
    const { trustedProxies } = readConfig({ TRUSTED_PROXIES: 'loopback' });
    expect(trustedProxies).toEqual(['loopback']);
    expect(await clientAddress(trustedProxies, '203.0.113.7, 127.0.0.1')).toBe('203.0.113.7');
  });

  it('an address a browser writes into X-Forwarded-For itself is not believed', async () => {
    const { trustedProxies } = readConfig({ TRUSTED_PROXIES: 'loopback' });
    expect(await clientAddress(trustedProxies, '198.51.100.1, 203.0.113.7, 127.0.0.1')).toBe('203.0.113.7');
  });

  it('takes addresses and ranges, with commas between', () => {
    expect(readConfig({ TRUSTED_PROXIES: '10.0.0.5, 172.16.0.0/12,fd00::/8 , ::1' }).trustedProxies).toEqual([
      '10.0.0.5',
      '172.16.0.0/12',
      'fd00::/8',
      '::1',
    ]);
  });

  it.each(['edge.example', '10.0.0.0/33', '10.0.0.1/8/8', '300.1.1.1', 'fd00::/129', '*'])('refuses %s, saying what it takes', (value) => {
    expect(() => readConfig({ TRUSTED_PROXIES: value })).toThrow(ConfigError);
    try {
      readConfig({ TRUSTED_PROXIES: value });
    } catch (err) {
      expect((err as ConfigError).settings).toEqual([
        { name: 'TRUSTED_PROXIES', value, rule: expect.stringContaining('TRUSTED_PROXIES must list') as string },
      ]);
    }
  });
});
