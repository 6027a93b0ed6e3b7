/**
 * The Site: every page by URL path, plus what the templates need to draw navigation.
 * Built once from parsed pages and never changed afterwards; a reload builds a new one.
 */
import type { Page } from './page.js';
import type { Gap, SiteSettings, Tier } from './schema.js';
import type { Synonyms } from './synonyms.js';
import { TIERS } from './schema.js';

export interface Site {
  settings: SiteSettings;
  /** Pages by URL path, in navigation order. */
  pages: ReadonlyMap<string, Page>;
  /** Pages shown in the header navigation. */
  navigation: readonly Page[];
  /** The tier pages, universal → targeted → specialist. */
  tiers: readonly Page[];
  /** Pages linked from every footer. */
  footer: readonly Page[];
  /** Facts the service mentions but has not given yet (content/gaps.yml). */
  gaps: readonly Gap[];
  /** What people type in the search box → the words the site uses for it (content/synonyms.yml). */
  synonyms: Synonyms;
}

const byOrder = (a: Page, b: Page) => a.meta.order - b.meta.order || a.path.localeCompare(b.path);

export function buildSite(settings: SiteSettings, pages: readonly Page[], gaps: readonly Gap[], synonyms: Synonyms = {}): Site {
  const sorted = [...pages].sort(byOrder);
  const tierRank = (tier: Tier | undefined) => TIERS.indexOf(tier as Tier);
  return Object.freeze({
    settings,
    pages: new Map(sorted.map((page) => [page.path, page])),
    navigation: sorted.filter((page) => page.meta.navTitle),
    tiers: sorted.filter((page) => page.meta.layout === 'tier').sort((a, b) => tierRank(a.meta.tier) - tierRank(b.meta.tier)),
    footer: sorted.filter((page) => page.meta.footer),
    gaps,
    synonyms,
  });
}
