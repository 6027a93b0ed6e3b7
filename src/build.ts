/**
 * One whole build: load the content, then render every page and asset. Used at startup,
 * on reload and by the preview server. It never throws for bad content: the caller gets
 * the problems and decides (refuse to start, or keep serving the last good build).
 */
import { loadSite } from './content/load.js';
import { createMarkdownRenderer } from './content/markdown.js';
import type { Problem } from './content/problem.js';
import { buildAssets, type AssetBundle } from './render/assets.js';
import { nhsukBlockComponents } from './render/components.js';
import { createEnvironment } from './render/environment.js';
import { renderSite, type RenderedSite } from './render/renderSite.js';

export interface BuildOptions {
  contentDir: string;
  viewsDir: string;
  publicDir: string;
  includeDrafts?: boolean;
  today?: Date;
}

export interface Build {
  rendered: RenderedSite;
  assets: AssetBundle;
}

export async function build(options: BuildOptions): Promise<{ build?: Build; problems: Problem[] }> {
  const env = createEnvironment(options.viewsDir);
  const { site, problems } = await loadSite(options.contentDir, {
    renderMarkdown: createMarkdownRenderer(nhsukBlockComponents(env)),
    includeDrafts: options.includeDrafts,
    today: options.today,
  });
  if (!site) return { problems };
  const assets = buildAssets(options.publicDir);
  const rendered = renderSite(env, site, assets);
  // Brotli 11 of the stylesheet takes about a second: done in the background, not awaited.
  // Should it fail, assets keep being sent at the page levels.
  assets.compress().catch(() => {});
  return { build: { rendered, assets }, problems };
}
