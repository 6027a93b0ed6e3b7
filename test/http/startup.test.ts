import { afterEach, describe, expect, it } from 'vitest';
import { fixtureSite } from '../support/fixtureSite.js';
import { runToExit, serverProcess, startServer, type RunningServer } from '../support/process.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('starting the server', () => {
  it('serves the real content on the port it is given', async () => {
    server = await startServer();
    const res = await fetch(`http://127.0.0.1:${server.port}/referral`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<h1>How to get a referral</h1>');
    // Whoever started it is told, in plain words, where to look and how to stop it.
    await expect.poll(() => server!.output()).toContain(`Open http://127.0.0.1:${server.port} in your browser.`);
    expect(server.output()).toContain('To stop it, press Ctrl+C.');
  }, 30_000);

  it('a bad content file stops startup with the file, the line and the fix', async () => {
    const dir = await fixtureSite('bad/wrong-type', 'bad/yaml-error');
    const { code, output } = await runToExit(serverProcess({ CONTENT_DIR: dir }));
    expect(code).toBe(1);
    expect(output).toContain('The site cannot start: the content has 2 errors.');
    expect(output).toMatch(/typed\.md:4 \[order\] error: `order` must be a whole number/);
    expect(output).toMatch(/broken\.md:3 error: The front matter is not valid YAML/);
    expect(output).toContain('Fix: ');
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
  }, 30_000);
});
