/**
 * One whole build: load the content, then render every page and asset. Used at startup,
 * on reload and by the preview server. It never throws for bad content: the caller gets
 * the problems and decides (refuse to start, or keep serving the last good build).
 */
import type nunjucks from 'nunjucks';
import { loadSite, type LoadResult } from './content/load.js';
import { createMarkdownRenderer } from './content/markdown.js';
import type { Problem, Severity } from './content/problem.js';
import { buildAssets, type AssetBundle, type ExtraScript } from './render/assets.js';
import { nhsukBlockComponents } from './render/components.js';
import { createEnvironment } from './render/environment.js';
import { compressAll } from './render/prepared.js';
import { printAddressesCss } from './render/printAddresses.js';
import { renderSite, type RenderedSite } from './render/renderSite.js';

export interface BuildOptions {
  contentDir: string;
  viewsDir: string;
  publicDir: string;
  /** The public address of the site, without a trailing slash (config's `siteUrl`). */
  siteUrl: string;
  includeDrafts?: boolean;
  /** Run the checks that only ever warn; on unless false (the server reports errors only). */
  advice?: boolean;
  today?: Date;
  /** A passed review date: a warning unless set (the content checker makes it an error). */
  overdueReview?: Severity;
  /** Scripts added to every page; only the preview server uses this (live reload). */
  extraScripts?: readonly ExtraScript[];
}

export interface Build {
  rendered: RenderedSite;
  assets: AssetBundle;
  /** Settles once every page, error page and asset has its brotli and gzip bytes. */
  compressed: Promise<void>;
}

/** Load and check the content exactly as a build does (the content checker uses this too). */
export function loadContent(
  options: Omit<BuildOptions, 'siteUrl' | 'publicDir'>,
  env: nunjucks.Environment = createEnvironment(options.viewsDir),
): Promise<LoadResult> {
  return loadSite(options.contentDir, {
    renderMarkdown: createMarkdownRenderer(nhsukBlockComponents(env)),
    includeDrafts: options.includeDrafts,
    advice: options.advice,
    today: options.today,
    overdueReview: options.overdueReview,
  });
}

export async function build(options: BuildOptions): Promise<{ build?: Build; problems: Problem[] }> {
  const env = createEnvironment(options.viewsDir);
  const { site, problems } = await loadContent(options, env);
  if (!site) return { problems };
  const assets = buildAssets(options.publicDir, options.extraScripts, [{ name: 'print', body: printAddressesCss(options.siteUrl) }]);
  const rendered = renderSite(env, site, assets, options.siteUrl);
  // Compressed once, in the background: the site serves as soon as it is rendered. Should
  // compression fail, bodies keep being compressed per request at the page levels.
  const compressed = compressAll([...rendered.pages.values(), ...rendered.errors.values(), ...assets.files.values()]).catch(() => {});
  return { build: { rendered, assets, compressed }, problems };
}
