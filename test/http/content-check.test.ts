/**
 * `npm run content:check` as an editor runs it: a report grouped by file, each problem
 * with file:line and a fix, and an exit code that fails on errors only. The server
 * refuses to start on exactly what the checker calls an error.
 */
import { describe, it } from 'vitest';
import { fixtureSite } from '../support/fixtureSite.js';
import { runToExit, serverProcess, startServer, programProcess } from '../support/process.js';

const runCheck = async (dir: string, ...flags: string[]) =>
  runToExit(await programProcess('src/cli/check.ts', [dir, ...flags], { CONTENT_CHECK_TODAY: '2026-06-01' }));

// Each test runs its own processes on its own folder: they run at the same time.
describe.concurrent('npm run content:check', () => {
  it('fails on errors with a report grouped by file, and the server refuses the same content', async ({ expect }) => {
    const dir = await fixtureSite('rules/broken-link', 'rules/review-soon');
    const [check, server] = await Promise.all([runCheck(dir), runToExit(await serverProcess({ CONTENT_DIR: dir }))]);
    expect(check.code).toBe(1);
    expect(check.output).toMatch(
      /^links\.md \(1 error\)\n {2}links\.md:11 ERROR: The link "the referral page" goes to \/referral, which is not a page on this site\.\n {6}How to fix: Change it to one of: /m,
    );
    expect(check.output).toMatch(
      /^soon\.md \(1 warning\)\n {2}soon\.md:6 \[nextReview\] warning: The review is due on 2026-06-20, in 19 days\./m,
    );
    expect(check.output).toContain('1 error, 1 warning (0 facts still to fill) in 4 pages.');
    expect(server.code).toBe(1);
    expect(server.output).toMatch(/links\.md:11 error: The link "the referral page" goes to \/referral/);
  }, 30_000);

  it('fails on a question flow answer that leads nowhere, naming the flow file and its line', async ({ expect }) => {
    const { code, output } = await runCheck(await fixtureSite('flow/leads-nowhere'));
    expect(code).toBe(1);
    expect(output).toMatch(
      /^ {2}flows\/could-ot-help\.yml:12 ERROR: The answer "old" of "age" leads nowhere: it has no `next:`\.\n {6}How to fix: Add `next:` with one of the /m,
    );
  }, 30_000);

  it("fails on a page or question flow at one of the site's own addresses (from the route table), naming the file and the address", async ({
    expect,
  }) => {
    const { code, output } = await runCheck(await fixtureSite('bad/reserved-addresses'));
    expect(code).toBe(1);
    for (const [file, address, what, kind = 'page'] of [
      ['flows/readyz.yml', '/readyz', "the site's own address /readyz", 'question flow'],
      ['search.md', '/search', "the site's own address /search"],
      ['healthz.md', '/healthz', "the site's own address /healthz"],
      ['404.md', '/404', "the site's own address /404"],
      ['openreferral.md', '/openreferral', "the site's own address /openreferral"],
      ['openreferral/services.md', '/openreferral/services', 'an address under /openreferral, which the site answers itself'],
      ['static/x.md', '/static/x', 'an address under /static/, which the site answers itself'],
    ]) {
      expect(output).toContain(
        `${file} ERROR: This ${kind}'s web address ${address} is ${what}: the ${kind} would hide it or be hidden by it.`,
      );
    }
    expect(output).toContain('7 errors');
  }, 30_000);

  it('checks every question flow: a mistake in the second flow file is reported with its own file and line', async ({ expect }) => {
    const good = await runCheck(await fixtureSite('flow/two'));
    expect(good.output).toContain('0 errors');
    const { code, output } = await runCheck(await fixtureSite('flow/two', 'flow/leads-nowhere', 'flow/second-broken'));
    expect(code).toBe(1);
    expect(output).toMatch(/^ {2}flows\/could-ot-help\.yml:12 ERROR: The answer "old" of "age" leads nowhere/m);
    expect(output).toMatch(/^ {2}flows\/ready-for-school\.yml:11 ERROR: The answer "yes" of "dressing" leads to "readdy"/m);
  }, 30_000);

  it('checks what the live site publishes: a link to a draft fails, unless --drafts checks as the preview does', async ({ expect }) => {
    const dir = await fixtureSite('rules/draft', 'rules/draft-link');
    const [live, preview] = await Promise.all([runCheck(dir), runCheck(dir, '--drafts')]);
    expect(live.code).toBe(1);
    expect(live.output).toMatch(/news\.md:9 ERROR: The link "page in progress" goes to \/wip, which is not a page on this site\./);
    expect(preview.code).toBe(0);
    expect(preview.output).toContain('(drafts included)');
    expect(preview.output).toContain('0 errors, 0 warnings');
  }, 30_000);

  it('fails on a passed review date, while the server starts, logs it as a warning and serves the page', async ({ expect }) => {
    const dir = await fixtureSite('rules/overdue-review');
    const check = await runCheck(dir);
    expect(check.code).toBe(1);
    expect(check.output).toMatch(/^ {2}overdue\.md:6 \[nextReview\] ERROR: The review was due on 2026-05-01, 31 days ago\.$/m);
    expect(check.output).toContain('a passed review date fails this check and CI. The site still starts and serves it');

    const server = await startServer({ CONTENT_DIR: dir });
    try {
      expect((await fetch(`http://127.0.0.1:${server.port}/overdue`)).status).toBe(200);
      expect(server.output()).toMatch(
        /"level":40,.*"msg":"1 page is overdue for review, and still served \(npm run content:check lists it\)"/,
      );
      expect(server.output()).toContain('The review was due on 2026-05-01');
    } finally {
      await server.stop();
    }
  }, 30_000);

  it('passes on the real content (and fails, so CI does, once a review date has passed), counting the facts still to fill in one line and listing each reading age', async ({
    expect,
  }) => {
    const [plain, gaps] = await Promise.all([
      programProcess('src/cli/check.ts').then(runToExit),
      programProcess('src/cli/check.ts', ['--gaps']).then(runToExit),
    ]);
    expect(plain.code).toBe(0);
    const [, count] = /^0 errors, \d+ warnings \((\d+) facts still to fill\) in \d+ pages\.$/m.exec(plain.output) ?? [];
    expect(Number(count)).toBeGreaterThan(1);
    // One line for the facts still to fill, so a new warning is not buried under them.
    expect(plain.output).toContain(`\n${count} facts still to fill: \`npm run content:check -- --gaps\` lists them.\n`);
    expect(plain.output).not.toContain('To fill:');
    expect(plain.output).toMatch(/^ {2}referral\.md +\d+/m);
    // --gaps lists each of them, with its file and line.
    expect(gaps.code).toBe(0);
    expect(gaps.output.match(/ warning: To fill: /g)).toHaveLength(Number(count));
    expect(gaps.output).toMatch(/^ {2}contact\.md:\d+ warning: To fill: Care Coordination Centre email address\.$/m);
    expect(gaps.output).not.toContain('lists them.');
  }, 30_000);
});
