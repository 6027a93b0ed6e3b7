/**
 * The Site: every page by URL path, plus what the templates need to draw navigation.
 * Built once from parsed pages and never changed afterwards; a reload builds a new one.
 */
import type { Flow } from '../features/flow/flow.js';
import type { ContentImage } from './images.js';
import { showOpenGaps } from './gapInsets.js';
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
  /** The question flows (content/flows/*.yml) by the address each is asked at. */
  flows: ReadonlyMap<string, Flow>;
  /** The pictures in content/images/, which the site serves at their fingerprinted addresses. */
  images: readonly ContentImage[];
}

const byOrder = (a: Page, b: Page) => a.meta.order - b.meta.order || a.path.localeCompare(b.path);

/** `openGaps`: the gaps still open, whose insets the pages keep (see gapInsets.ts). */
export function buildSite(
  settings: SiteSettings,
  pages: readonly Page[],
  gaps: readonly Gap[],
  {
    synonyms = {},
    openGaps = new Set(),
    flows = new Map(),
    images = [],
  }: { synonyms?: Synonyms; openGaps?: ReadonlySet<string>; flows?: ReadonlyMap<string, Flow>; images?: readonly ContentImage[] } = {},
): Site {
  const sorted = [...pages].sort(byOrder).map((page) => ({ ...page, body: { ...page.body, html: showOpenGaps(page.body.html, openGaps) } }));
  const tierRank = (tier: Tier | undefined) => TIERS.indexOf(tier as Tier);
  return Object.freeze({
    settings,
    pages: new Map(sorted.map((page) => [page.path, page])),
    navigation: sorted.filter((page) => page.meta.navTitle),
    tiers: sorted.filter((page) => page.meta.layout === 'tier').sort((a, b) => tierRank(a.meta.tier) - tierRank(b.meta.tier)),
    footer: sorted.filter((page) => page.meta.footer),
    gaps,
    synonyms,
    flows,
    images,
  });
}
