/**
 * The dashboard's handlers: the page (GET /staff/), each list as CSV, and marking a problem
 * report dealt with (POST, then 303 back to the report). The figures come from figures.ts;
 * this file decides what the template shows. A store that cannot be read gets a 503 page.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { PERIODS, StoreUnavailableError, type FeedbackStore, type PeriodDays } from '../../store/types.js';
import { percentYes, weeklyAnswersChart } from './charts.js';
import { CSV_LISTS, csvOf, type CsvList } from './csv.js';
import { LIST_LIMIT, readFigures, type Figures } from './figures.js';
import { STAFF_HEADERS, type StaffPages } from './pages.js';
import type { SignedInLocals } from './router.js';

export interface DashboardOptions {
  store: FeedbackStore;
  pages: StaffPages;
  log: Logger;
  csrfField: string;
  now: () => Date;
}

const DEFAULT_DAYS: PeriodDays = 30;

/** "6 August 2026" (NHS style), in London time. */
export const longDate = (date: Date) =>
  date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const timeOfDay = (date: Date) => date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
const dayText = (day: string) => longDate(new Date(`${day}T12:00:00Z`));

export function dashboardHandlers({ store, pages, log, csrfField, now }: DashboardOptions) {
  /** The period and page asked for in the query string, or undefined when they are not ones the page offers. */
  function choices(req: Request, res: Response): { days: PeriodDays; page?: string } | undefined {
    const query = req.query as Record<string, unknown>;
    const days = query.days === undefined ? DEFAULT_DAYS : (Number(query.days) as PeriodDays);
    const page = typeof query.page === 'string' && query.page !== '' ? query.page : undefined;
    const known = pages.sitePaths();
    if (!PERIODS.includes(days) || (query.page !== undefined && typeof query.page !== 'string') || (page && !known.includes(page))) {
      pages.message(res, 400, {
        title: 'There is no such view of the dashboard',
        paragraphs: ['Choose a period of 7, 30 or 90 days, and one of the site’s pages.'],
        link: { text: 'Go to the dashboard', href: '/staff/' },
      });
      return undefined;
    }
    return { days, page };
  }

  async function figuresOr503(res: Response, options: { days: PeriodDays; page?: string; limit?: number }): Promise<Figures | undefined> {
    try {
      return await readFigures(store, pages.site(), { ...options, now: now() });
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      log.error({ err: err.message }, 'Dashboard: the store cannot be read');
      pages.message(res, 503, {
        title: 'The figures cannot be read at the moment',
        paragraphs: [
          'The database that keeps the feedback is not answering. The public pages are still working.',
          'Try again in a few minutes.',
        ],
        link: { text: 'Try again', href: '/staff/' },
      });
      return undefined;
    }
  }

  const page: RequestHandler = async (req, res) => {
    const chosen = choices(req, res);
    if (!chosen) return;
    const figures = await figuresOr503(res, chosen);
    if (!figures) return;
    const { session } = res.locals as SignedInLocals;
    const pageTitle = chosen.page ? (pages.site().pages.get(chosen.page)?.meta.title ?? chosen.page) : 'every page';
    const chart = await weeklyAnswersChart(`Answers per week, last 90 days, ${pageTitle}`, figures.weeks);
    pages.send(res, 200, 'dashboard', {
      page: { title: 'Dashboard' },
      user: session.user,
      csrf: { name: csrfField, value: session.csrf },
      days: figures.days,
      periods: PERIODS.map((days) => ({ value: String(days), text: `Last ${days} days`, selected: days === figures.days })),
      pageChoices: [
        { value: '', text: 'Every page', selected: !chosen.page },
        ...pages
          .sitePaths()
          .map((path) => ({ value: path, text: pages.site().pages.get(path)!.meta.title, selected: path === chosen.page })),
      ],
      chart,
      usefulness: figures.usefulness.map((row) => ({
        page: row.page,
        title: row.title,
        cells: PERIODS.map((days) => {
          const { yes, no } = row.periods[days];
          const percent = percentYes(yes, no);
          return `${yes} yes, ${no} no${percent === undefined ? '' : ` (${percent}% yes)`}`;
        }),
      })),
      reports: figures.reports.map((report) => ({
        id: report.id,
        page: report.page,
        received: `${longDate(report.createdAt)} at ${timeOfDay(report.createdAt)}`,
        tryingToDo: report.tryingToDo,
        wentWrong: report.wentWrong,
        flagged: report.flagged,
        dealtWith: report.dealtWithBy
          ? `Dealt with by ${report.dealtWithBy}${report.dealtWithAt ? ` on ${longDate(report.dealtWithAt)} at ${timeOfDay(report.dealtWithAt)}` : ''}`
          : undefined,
      })),
      reportsCut: figures.reports.length >= LIST_LIMIT,
      searchesCut: figures.searches.length >= LIST_LIMIT,
      searches: figures.searches.map((search) => ({ ...search, lastSearched: dayText(search.lastSearched) })),
      missing: figures.missing,
      listLimit: LIST_LIMIT,
      updated: `${longDate(figures.now)} at ${timeOfDay(figures.now)}`,
    });
  };

  const csv: RequestHandler = async (req, res, next) => {
    const list = req.params.list as CsvList;
    if (!CSV_LISTS.includes(list)) return next(); // the staff area's 404
    const chosen = choices(req, res);
    if (!chosen) return;
    const figures = await figuresOr503(res, { ...chosen, limit: 100_000 });
    if (!figures) return;
    const day = figures.now.toISOString().slice(0, 10);
    res
      .status(200)
      .set(STAFF_HEADERS)
      .set('Content-Disposition', `attachment; filename="${list}-last-${figures.days}-days-${day}.csv"`)
      .type('text/csv; charset=utf-8')
      .send('\ufeff' + csvOf(list, figures)); // the byte order mark makes Excel read UTF-8
  };

  const markDealtWith: RequestHandler = async (req, res) => {
    const { session } = res.locals as SignedInLocals;
    const id = Number(req.params.id);
    const back = typeof (req.body as Record<string, unknown>).back === 'string' ? String((req.body as Record<string, unknown>).back) : '';
    try {
      const marked =
        Number.isSafeInteger(id) &&
        id > 0 &&
        (await store.markDealtWith(
          id,
          session.user.name === session.user.email ? session.user.email : `${session.user.name} (${session.user.email})`,
          now(),
        ));
      if (!marked) {
        return pages.message(res, 404, {
          title: 'There is no such problem report',
          paragraphs: ['It may have been deleted. Nothing was changed.'],
          link: { text: 'Go to the dashboard', href: '/staff/' },
        });
      }
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      log.error({ err: err.message }, 'Dashboard: could not mark a report dealt with');
      return pages.message(res, 503, {
        title: 'The report could not be marked as dealt with',
        paragraphs: ['The database that keeps the feedback is not answering, so nothing was changed. Try again in a few minutes.'],
        link: { text: 'Go to the dashboard', href: '/staff/' },
      });
    }
    log.info({ id, email: session.user.email }, 'Problem report marked dealt with');
    // Back to the same view of the dashboard, at the report.
    const days = PERIODS.map(String).includes(back) ? `?days=${back}` : '';
    res.set(STAFF_HEADERS).redirect(303, `/staff/${days}#report-${id}`);
  };

  return { page, csv, markDealtWith };
}
