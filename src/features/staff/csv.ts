/**
 * The dashboard's lists as CSV, for a spreadsheet. csv-stringify quotes what needs quoting
 * and, with `escape_formulas`, puts a quote before a cell that starts with = + - @ (or a tab
 * or return), so text a family typed cannot run as a spreadsheet formula.
 */
import { stringify } from 'csv-stringify/sync';
import { PERIODS } from '../../store/types.js';
import { percentYes } from './charts.js';
import type { Figures } from './figures.js';

export const CSV_LISTS = ['pages', 'reports', 'searches', 'missing-facts'] as const;
export type CsvList = (typeof CSV_LISTS)[number];

const csv = (rows: (string | number | boolean)[][]) => stringify(rows, { escape_formulas: true, record_delimiter: 'windows' });
const iso = (date: Date | null) => (date ? date.toISOString() : '');

export function csvOf(list: CsvList, figures: Figures): string {
  switch (list) {
    case 'pages':
      return csv([
        ['page', 'title', 'days', 'yes', 'no', 'percent_yes'],
        ...figures.usefulness.flatMap((row) =>
          PERIODS.map((days) => {
            const { yes, no } = row.periods[days];
            return [row.page, row.title, days, yes, no, percentYes(yes, no) ?? ''];
          }),
        ),
      ]);
    case 'reports':
      return csv([
        ['id', 'page', 'received', 'trying_to_do', 'went_wrong', 'personal_details_removed', 'dealt_with_by', 'dealt_with_at'],
        ...figures.reports.map((report) => [
          report.id,
          report.page,
          iso(report.createdAt),
          report.tryingToDo ?? '',
          report.wentWrong ?? '',
          report.flagged,
          report.dealtWithBy ?? '',
          iso(report.dealtWithAt),
        ]),
      ]);
    case 'searches':
      return csv([['query', 'times_searched', 'last_searched'], ...figures.searches.map((s) => [s.query, s.count, s.lastSearched])]);
    case 'missing-facts':
      return csv([
        ['fact', 'pages', 'times_searched', 'searches'],
        ...figures.missing.map((fact) => [
          fact.fact,
          fact.pages.join(' '),
          fact.searched,
          fact.searches.map((s) => `${s.query} (${s.count})`).join('; '),
        ]),
      ]);
  }
}
