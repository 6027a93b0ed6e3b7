/**
 * The staff report (`npm run feedback -- report`): for the last 7, 30 and 90 days, each
 * page's "Is this page useful?" yes and no with the share of yes, the searches that found
 * nothing (most frequent first), and the problem reports, newest first. As text for the
 * terminal, or CSV for a spreadsheet.
 */
import { PERIODS, type ProblemReport, type SearchCount } from '../../store/types.js';
import type { StoreReader } from '../../store/reader.js';
import { firstDayOf, dayOf } from '../../store/days.js';
import { stringify } from 'csv-stringify/sync';

export interface PageUsefulness {
  page: string;
  yes: number;
  no: number;
  /** Whole per cent of answers that were yes. */
  percentYes: number;
}

export interface PeriodReport {
  days: number;
  /** First and last day, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** Most "no" first, then by page. */
  pages: PageUsefulness[];
  zeroResultSearches: SearchCount[];
  problemReports: number;
}

export interface FeedbackReport {
  madeAt: Date;
  periods: PeriodReport[];
  /** Over the longest period, newest first. */
  problems: ProblemReport[];
}

/** Reads the report from a store (or the running site); the periods are 7, 30 and 90 days unless given. */
export async function readReport(store: StoreReader, now = new Date(), periods: readonly number[] = PERIODS): Promise<FeedbackReport> {
  const longest = Math.max(...periods);
  const problems = await store.problemReports({ days: longest, now, limit: 10_000 });
  const result: PeriodReport[] = [];
  for (const days of periods) {
    const from = firstDayOf(days, now);
    const rows = await store.usefulness({ days, by: 'total', now });
    const pages = rows
      .map(({ page, yes, no }) => ({ page, yes, no, percentYes: Math.round((100 * yes) / (yes + no)) }))
      .sort((a, b) => b.no - a.no || a.page.localeCompare(b.page));
    const zeroResultSearches = await store.zeroResultSearches({ days, limit: 100, now });
    const problemReports = problems.filter((p) => dayOf(p.createdAt) >= from).length;
    result.push({ days, from, to: dayOf(now), pages, zeroResultSearches, problemReports });
  }
  return { madeAt: now, periods: result, problems };
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const longDate = (day: string | Date) => LONG_DATE.format(typeof day === 'string' ? new Date(`${day}T00:00:00Z`) : day);
const time = (at: Date) => at.toISOString().slice(11, 16);

/** The report as text for a terminal. */
export function reportText(report: FeedbackReport, source: string): string {
  const lines = [`Feedback report, made ${longDate(report.madeAt)} at ${time(report.madeAt)} UTC (${source})`, ''];
  for (const period of report.periods) {
    lines.push(`Last ${period.days} days (${longDate(period.from)} to ${longDate(period.to)})`, '');
    lines.push('  Is this page useful?');
    if (period.pages.length === 0) lines.push('    No answers.');
    else {
      const width = Math.max(4, ...period.pages.map((p) => p.page.length));
      lines.push(`    ${'Page'.padEnd(width)}    Yes     No  Useful`);
      for (const p of period.pages) {
        lines.push(
          `    ${p.page.padEnd(width)} ${String(p.yes).padStart(6)} ${String(p.no).padStart(6)}  ${String(p.percentYes).padStart(5)}%`,
        );
      }
    }
    lines.push('', '  Searches that found nothing (most frequent first)');
    if (period.zeroResultSearches.length === 0) lines.push('    None.');
    for (const s of period.zeroResultSearches) lines.push(`    ${String(s.count).padStart(5)}  ${s.query}`);
    lines.push('', `  Problem reports: ${period.problemReports}`, '');
  }
  const longest = Math.max(...report.periods.map((p) => p.days));
  lines.push(`Problem reports, last ${longest} days, newest first`, '');
  if (report.problems.length === 0) lines.push('  None.', '');
  for (const p of report.problems) {
    const flag = p.flagged ? '  (personal details were removed)' : '';
    lines.push(`  #${p.id}  ${longDate(p.createdAt)} ${time(p.createdAt)}  ${p.page}${flag}`);
    if (p.tryingToDo === null && p.wentWrong === null) lines.push('    (text deleted at the end of the retention period)');
    else {
      lines.push(`    Trying to do: ${p.tryingToDo ?? ''}`);
      lines.push(`    What went wrong: ${p.wentWrong ?? ''}`);
    }
    if (p.dealtWithAt) lines.push(`    Dealt with by ${p.dealtWithBy ?? 'unknown'} on ${longDate(p.dealtWithAt)}`);
    lines.push('');
  }
  return lines.join('\n');
}

const CSV_COLUMNS = [
  'section',
  'days',
  'page',
  'yes',
  'no',
  'percent_yes',
  'query',
  'searches',
  'report_id',
  'created',
  'flagged',
  'trying_to_do',
  'went_wrong',
  'dealt_with_by',
  'dealt_with_at',
] as const;
type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string | number | boolean | null>>;

/** The report as one CSV table, a `section` column saying which part each row is. */
export function reportCsv(report: FeedbackReport): string {
  const rows: CsvRow[] = [];
  for (const period of report.periods) {
    for (const p of period.pages)
      rows.push({ section: 'useful', days: period.days, page: p.page, yes: p.yes, no: p.no, percent_yes: p.percentYes });
    for (const s of period.zeroResultSearches)
      rows.push({ section: 'search found nothing', days: period.days, query: s.query, searches: s.count });
  }
  const longest = Math.max(...report.periods.map((p) => p.days));
  for (const p of report.problems) {
    rows.push({
      section: 'problem report',
      days: longest,
      page: p.page,
      report_id: p.id,
      created: p.createdAt.toISOString(),
      flagged: p.flagged,
      trying_to_do: p.tryingToDo,
      went_wrong: p.wentWrong,
      dealt_with_by: p.dealtWithBy,
      dealt_with_at: p.dealtWithAt?.toISOString() ?? null,
    });
  }
  // csv-stringify quotes what needs it and puts ' before text a family typed that starts like
  // a formula, so a spreadsheet shows it rather than running it (as the staff area's CSV does).
  return stringify(rows, {
    header: true,
    columns: [...CSV_COLUMNS],
    cast: { boolean: String },
    escape_formulas: true,
    record_delimiter: 'windows',
  });
}
