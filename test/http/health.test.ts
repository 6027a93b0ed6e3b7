import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { startSharedApp } from '../support/app.js';

describe('health probes', () => {
  it('/healthz and /readyz answer 200, are never cached and are not pages', async () => {
    const { app } = await startSharedApp();
    for (const path of ['/healthz', '/readyz']) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe('no-store');
      expect(res.headers['content-type'], path).toBe('text/plain; charset=utf-8');
      expect((await request(app).head(path)).status, path).toBe(200);
      expect((await request(app).post(path)).status, path).toBe(405);
    }
  });

  it('while draining, /readyz says 503 and every response asks the client to close; /healthz stays 200', async () => {
    const { app, holder } = await startSharedApp();
    holder.drain();
    const ready = await request(app).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.headers.connection).toBe('close');
    expect((await request(app).get('/healthz')).status).toBe(200);
    const page = await request(app).get('/referral');
    expect(page.status).toBe(200);
    expect(page.headers.connection).toBe('close');
  });
});
