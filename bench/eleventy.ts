/**
 * Eleventy 3, installed into a scratch folder for the benchmark only (never a project
 * dependency), set up to build the same corpus with the same Markdown (markdown-it with
 * the same anchor and container plugins) and the same Nunjucks (nhsuk-frontend's page
 * template and header, breadcrumb, summary list and footer macros, in a layout shaped
 * like ours). It does not validate front matter, check links or compress: we do.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, TMP } from './support.js';

const run = promisify(execFile);
const SCRATCH = resolve(TMP, 'eleventy');
const CLI = resolve(SCRATCH, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs');
const LAYOUTS = resolve(SCRATCH, 'layouts');
const NHSUK = resolve(ROOT, 'node_modules', 'nhsuk-frontend', 'dist');

export async function installEleventy(): Promise<string> {
  if (!existsSync(CLI)) {
    await mkdir(SCRATCH, { recursive: true });
    await writeFile(resolve(SCRATCH, 'package.json'), '{ "name": "eleventy-scratch", "private": true, "type": "module" }\n');
    await run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '@11ty/eleventy@3'], { cwd: SCRATCH, timeout: 300_000 });
  }
  const { stdout } = await run(process.execPath, [CLI, '--version'], { cwd: SCRATCH });
  await writeLayouts();
  return stdout.trim();
}

const BASE = `{% extends "template.njk" %}
{% from "nhsuk/components/header/macro.njk" import header %}
{% from "nhsuk/components/footer/macro.njk" import footer %}
{% from "nhsuk/components/breadcrumb/macro.njk" import breadcrumb %}
{% block pageTitle %}{{ title }} - Children's Occupational Therapy - Bromley Healthcare{% endblock %}
{% block head %}
  <meta name="description" content="{{ description }}">
  <link rel="stylesheet" href="/static/nhsuk-frontend.css">
  <script type="module" src="/static/init.js"></script>
{% endblock %}
{% block header %}
  {{ header({
    organisation: { name: "Bromley Healthcare" },
    service: { text: "Children's Occupational Therapy", href: "/" },
    navigation: { items: navigation, ariaLabel: "Menu" },
    search: { action: "/search", name: "q", visuallyHiddenLabel: "Search this website" }
  }) }}
{% endblock %}
{% block beforeContent %}{{ breadcrumb({ items: [{ text: "Home", href: "/" }] }) }}{% endblock %}
{% block content %}
<div class="nhsuk-grid-row">
  <div class="nhsuk-grid-column-two-thirds">
    <h1>{{ title }}</h1>
    {% block lead %}{% endblock %}
    <div class="app-prose">{{ content | safe }}</div>
    <p class="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-top-7 nhsuk-u-margin-bottom-0">Page last reviewed: {{ lastReviewed }}<br>Next review due: {{ nextReview }}</p>
  </div>
</div>
{% endblock %}
{% block footer %}{{ footer({ meta: { items: navigation, visuallyHiddenTitle: "Support links" }, copyright: "© Bromley Healthcare" }) }}{% endblock %}
`;

const TIER = `{% extends "base.njk" %}
{% from "nhsuk/components/summary-list/macro.njk" import summaryList %}
{% block lead %}
<p class="nhsuk-lede-text">{{ description }}</p>
{{ summaryList({ rows: [
  { key: { text: "Who it is for" }, value: { text: whoFor } },
  { key: { text: "Referral needed" }, value: { text: "Yes" if referralNeeded else "No" } }
] }) }}
{% endblock %}
`;

async function writeLayouts() {
  await mkdir(LAYOUTS, { recursive: true });
  await writeFile(resolve(LAYOUTS, 'base.njk'), BASE);
  await writeFile(resolve(LAYOUTS, 'page.njk'), '{% extends "base.njk" %}\n');
  await writeFile(
    resolve(LAYOUTS, 'home.njk'),
    '{% extends "base.njk" %}\n{% block lead %}<p class="nhsuk-lede-text">{{ description }}</p>{% endblock %}\n',
  );
  await writeFile(resolve(LAYOUTS, 'tier.njk'), TIER);
}

function config(corpus: string, output: string): string {
  const from = (pkg: string) => JSON.stringify(resolve(ROOT, 'node_modules', pkg));
  return `import { createRequire } from 'node:module';
const require = createRequire(${from('markdown-it')} + '/');
// Eleventy's own copy of Nunjucks (3.2.x, as ours): its runtime only trusts its own SafeString.
const nunjucks = createRequire(${JSON.stringify(resolve(SCRATCH, 'package.json'))})('nunjucks');
const MarkdownIt = require(${from('markdown-it')});
const anchor = require(${from('markdown-it-anchor')});
const container = require(${from('markdown-it-container')});

export default function (eleventyConfig) {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: true });
  md.use(anchor.default ?? anchor, { tabIndex: false });
  md.use(container.default ?? container, 'block', { validate: () => true });
  eleventyConfig.setLibrary('md', md);
  const paths = ['nhsuk/components', 'nhsuk/macros', 'nhsuk', ''].map((p) => ${JSON.stringify(NHSUK)} + '/' + p);
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([...paths, ${JSON.stringify(LAYOUTS)}]), { autoescape: true, trimBlocks: true, lstripBlocks: true });
  eleventyConfig.setLibrary('njk', env);
  eleventyConfig.addGlobalData('navigation', ['universal', 'targeted', 'specialist'].map((t) => ({ text: t, href: '/' + t })));
  eleventyConfig.setQuietMode(true);
  return {
    dir: { input: ${JSON.stringify(corpus)}, output: ${JSON.stringify(output)}, layouts: ${JSON.stringify(relative(corpus, LAYOUTS))} },
    markdownTemplateEngine: false,
    templateFormats: ['md', 'njk'],
  };
}
`;
}

/** Builds the corpus with Eleventy; wall time and peak RSS from /usr/bin/time. */
export async function eleventyBuild(corpus: string, size: number): Promise<{ ms: number; peakMb: number }> {
  const output = resolve(TMP, `eleventy-out-${size}`);
  const configFile = resolve(SCRATCH, `eleventy.config.${size}.mjs`);
  await writeFile(configFile, config(corpus, output));
  const started = performance.now();
  const { stderr } = await run('/usr/bin/time', ['-f', 'peak-kb %M', process.execPath, CLI, `--config=${configFile}`], {
    cwd: SCRATCH,
    timeout: 900_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  const peakKb = Number(/peak-kb (\d+)/.exec(stderr)?.[1] ?? NaN);
  return { ms, peakMb: peakKb / 1024 };
}
