/**
 * The dashboard's figures, read from the store and put in the shape the page, the charts
 * and the CSV downloads share: usefulness per page over 7, 30 and 90 days, answers per week,
 * problem reports, searches that found nothing, and the facts still missing beside the
 * searches that asked for them.
 */
import { termsOf } from '../../content/searchWords.js';
import type { Site } from '../../content/site.js';
import { PERIODS, type FeedbackStore, type PeriodDays, type ProblemReport, type SearchCount } from '../../store/types.js';
import type { WeekOfAnswers } from './charts.js';

export interface PageUsefulness {
  page: string;
  /** The page's title, or its path when it is no longer on the site. */
  title: string;
  periods: Record<PeriodDays, { yes: number; no: number }>;
}

export interface MissingFact {
  fact: string;
  pages: string[];
  /** Searches that found nothing, every word of which is in the fact, most frequent first. */
  searches: SearchCount[];
  /** How many times those were searched for. */
  searched: number;
}

export interface Figures {
  days: PeriodDays;
  now: Date;
  usefulness: PageUsefulness[];
  /** The weeks of the last 90 days, Monday first, each with its answers (0 when none). */
  weeks: WeekOfAnswers[];
  /** The page the weeks are for, or undefined for every page. */
  weeksPage?: string;
  reports: ProblemReport[];
  searches: SearchCount[];
  missing: MissingFact[];
}

/** How many problem reports and searches the page lists (the CSV downloads have them all). */
export const LIST_LIMIT = 100;
const ALL = 100_000;

export async function readFigures(
  store: FeedbackStore,
  site: Site,
  options: { days: PeriodDays; page?: string; now: Date; limit?: number },
): Promise<Figures> {
  const { days, now, page } = options;
  const limit = options.limit ?? LIST_LIMIT;
  const [totals, weekly, reports, searches, allSearches] = await Promise.all([
    Promise.all(PERIODS.map((period) => store.usefulness({ days: period, by: 'total', now }))),
    store.usefulness({ days: 90, by: 'week', now }),
    store.problemReports({ days, limit, now }),
    store.zeroResultSearches({ days, limit, now }),
    store.zeroResultSearches({ days, limit: ALL, now }),
  ]);

  const byPage = new Map<string, PageUsefulness>();
  PERIODS.forEach((period, index) => {
    for (const row of totals[index]!) {
      let entry = byPage.get(row.page);
      if (!entry) {
        const periods = Object.fromEntries(PERIODS.map((p) => [p, { yes: 0, no: 0 }])) as PageUsefulness['periods'];
        entry = { page: row.page, title: site.pages.get(row.page)?.meta.title ?? row.page, periods };
        byPage.set(row.page, entry);
      }
      entry.periods[period].yes += row.yes;
      entry.periods[period].no += row.no;
    }
  });
  // The pages most often found not useful lately come first.
  const usefulness = [...byPage.values()].sort(
    (a, b) => b.periods[30].no - a.periods[30].no || b.periods[90].no - a.periods[90].no || a.page.localeCompare(b.page),
  );

  const weeks = weeksOf90Days(now).map((week) => ({ week, yes: 0, no: 0 }));
  const weekIndex = new Map(weeks.map((week, index) => [week.week, index]));
  for (const row of weekly) {
    if (page !== undefined && row.page !== page) continue;
    const index = weekIndex.get(row.from);
    if (index === undefined) continue;
    weeks[index]!.yes += row.yes;
    weeks[index]!.no += row.no;
  }

  return { days, now, usefulness, weeks, weeksPage: page, reports, searches, missing: missingFacts(site, allSearches) };
}

/** The Mondays (YYYY-MM-DD, UTC) of the weeks that the last 90 days touch, oldest first. */
export function weeksOf90Days(now: Date): string[] {
  const day = 86_400_000;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const monday = (time: number) => time - ((new Date(time).getUTCDay() + 6) % 7) * day;
  const weeks: string[] = [];
  for (let week = monday(today - 89 * day); week <= today; week += 7 * day) weeks.push(new Date(week).toISOString().slice(0, 10));
  return weeks;
}

/**
 * Each fact still missing (content/gaps.yml), with the searches that found nothing whose
 * every word is in how the fact is described: "email" and "phoenix centre address" ask for
 * "Address of the Phoenix Centre" and the email addresses, where "phoenix centre address" does
 * not ask for the Care Coordination Centre's email address. The words are compared as the
 * site's search compares them (stems, without words such as "the"), so "addresses" meets
 * "address"; a search of stop words only asks for nothing.
 */
export function missingFacts(site: Site, searches: readonly SearchCount[]): MissingFact[] {
  const searchTerms = searches.map((search) => ({ search, terms: termsOf(search.query) })).filter(({ terms }) => terms.length > 0);
  return site.gaps
    .map((gap) => {
      const factTerms = new Set(termsOf(gap.fact));
      const matched = searchTerms.filter(({ terms }) => terms.every((term) => factTerms.has(term))).map(({ search }) => search);
      return {
        fact: gap.fact,
        pages: gap.pages,
        searches: matched,
        searched: matched.reduce((sum, search) => sum + search.count, 0),
      };
    })
    .sort((a, b) => b.searched - a.searched || a.fact.localeCompare(b.fact));
}
