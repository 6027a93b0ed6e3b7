/**
 * The page layouts (front matter `layout:`): each is a template in views/ and what it adds to
 * the page's view model (viewModel.ts). A new layout is a new entry here and a template; the
 * schema's `LAYOUTS` (content/schema.ts) says which names content may use.
 */
import type { Page } from '../../content/page.js';
import type { FrontMatter } from '../../content/schema.js';
import type { Site } from '../../content/site.js';

export interface TierCard {
  title: string;
  description: string;
  /** Who the support is for (the page's `whoFor`), under the description. */
  whoFor: string;
  href: string;
  referralNeeded: boolean;
}

export interface LayoutEntry {
  template: string;
  /** What this layout's template needs besides what every page has. */
  model: (site: Site, page: Page) => Record<string, unknown>;
}

export const PAGE_LAYOUTS: Record<FrontMatter['layout'], LayoutEntry> = {
  /** The home page: the tier pages as cards. */
  home: {
    template: 'home.njk',
    model: (site) => ({
      tierCards: site.tiers.map((tier): TierCard => ({
        title: tier.meta.title,
        description: tier.meta.description,
        whoFor: tier.meta.whoFor ?? '',
        href: tier.path,
        referralNeeded: tier.meta.referralNeeded ?? false,
      })),
    }),
  },
  /** A level of support: its words say who it is for and whether it needs a referral. */
  tier: { template: 'tier.njk', model: () => ({}) },
  page: { template: 'page.njk', model: () => ({}) },
};
