/**
 * One whole build: load the content, then render every page and asset into finished
 * responses (the server's first build finishes the least it can, and the rest once it
 * listens: `finish`). Used at startup, on reload, by the preview server and the export. It
 * never throws for bad content: the caller gets the problems and decides (refuse to start,
 * or keep serving the last good build).
 */
import { loadSite, type LoadResult } from './content/load.js';
import { createMarkdownRenderer, type BlockComponents } from './content/markdown.js';
import type { Problem, Severity } from './content/problem.js';
import { buildAssets, type AssetBundle, type ExtraScript } from './render/assets.js';
import { nhsukBlockComponents } from './render/components.js';
import { createEnvironment } from './render/environment.js';
import { ASSET_COMPRESSION, FinishingQueue, PAGE_COMPRESSION } from './render/finishedResponse.js';
import { printAddressesCss } from './render/printAddresses.js';
import { renderPages, renderSite, type RenderedSite } from './render/renderSite.js';
import { reservedPaths } from './routes.js';

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
  /**
   * False for the static mirror, which cannot take a POST: the pages give the phone number
   * where the feedback form would be (the route table leaves the forms out of the mirror).
   */
  forms?: boolean;
  /**
   * How much is finished before `build` returns. 'all' (the default): every response
   * rendered and compressed. 'uncompressed': the preview's, whose one reader is on this
   * machine and which rebuilds at every save. 'least': the server's first build, so that it
   * listens sooner: nothing compressed, and only one page of each layout rendered, which
   * proves the templates (a page asked for meanwhile is drawn for its request); `finishBuild`
   * makes the rest while it serves.
   */
  finish?: 'all' | 'uncompressed' | 'least';
}

export interface Build {
  rendered: RenderedSite;
  assets: AssetBundle;
}

/**
 * Load and check the content exactly as a build does (the content checker uses this too).
 * `components` draws the Markdown blocks (`::: inset` and so on); by default nhsuk-frontend's
 * own macros, from the views' template environment.
 */
export function loadContent(
  options: Omit<BuildOptions, 'siteUrl' | 'publicDir'>,
  components: BlockComponents = nhsukBlockComponents(createEnvironment(options.viewsDir)),
): Promise<LoadResult> {
  return loadSite(options.contentDir, {
    renderMarkdown: createMarkdownRenderer(components),
    includeDrafts: options.includeDrafts,
    advice: options.advice,
    today: options.today,
    overdueReview: options.overdueReview,
    reserved: reservedPaths(),
  });
}

/** `provider`: from site.yml when it could be read, even when the build failed (the preview's problems page names it). */
export async function build(options: BuildOptions): Promise<{ build?: Build; problems: Problem[]; provider?: string }> {
  const { finish = 'all' } = options;
  // The assets compress in the thread pool while the content loads.
  const assetsBuilt = buildAssets(
    options.publicDir,
    { scripts: options.extraScripts, css: [printAddressesCss(options.siteUrl)] },
    finish === 'all' ? ASSET_COMPRESSION : false,
  );
  assetsBuilt.catch(() => undefined); // awaited below; not reported twice if the content fails first
  const env = createEnvironment(options.viewsDir);
  const { site, problems, settings } = await loadContent(options, nhsukBlockComponents(env));
  if (!site) return { problems, provider: settings?.provider };
  const assets = await assetsBuilt;
  const rendered = await renderSite(env, site, assets, options.siteUrl, finish === 'all' ? PAGE_COMPRESSION : false, {
    forms: options.forms ?? true,
    pages: finish === 'least' ? 'one of each layout' : 'all',
  });
  return { build: { rendered, assets }, problems };
}

/** The same build with every page rendered and every response compressed, as 'all' finishes one. */
export async function finishBuild({ rendered, assets }: Build): Promise<Build> {
  const [pages, errors, crawlerFiles, fingerprinted, nhsuk] = await Promise.all([
    renderPages(rendered, PAGE_COMPRESSION),
    FinishingQueue.compressAll(rendered.errors, PAGE_COMPRESSION),
    FinishingQueue.compressAll(rendered.crawlerFiles, PAGE_COMPRESSION),
    FinishingQueue.compressAll(assets.fingerprinted, ASSET_COMPRESSION),
    FinishingQueue.compressAll(assets.nhsuk, ASSET_COMPRESSION),
  ]);
  return { rendered: { ...rendered, pages, errors, crawlerFiles }, assets: { ...assets, fingerprinted, nhsuk } };
}
