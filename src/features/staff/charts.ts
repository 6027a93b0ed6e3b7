/**
 * Charts for the staff dashboard: a Vega-Lite specification (data, not drawing code),
 * compiled to Vega and drawn to SVG on the server by Vega's own renderer (no canvas, no
 * browser, no JavaScript on the page). Each chart comes with a title, a description that
 * the SVG carries as its accessible name, and the same figures as a table.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** NHS identity colours: NHS Blue for "yes", NHS Dark Grey for "no" (both at least 4.5:1 on white). */
const YES_COLOUR = '#005eb8';
const NO_COLOUR = '#4c6272';
const TEXT_COLOUR = '#212b32';
const FONT = 'Frutiger W01, Arial, sans-serif';

export interface WeekOfAnswers {
  /** The week's Monday, YYYY-MM-DD. */
  week: string;
  yes: number;
  no: number;
}

export interface Chart {
  title: string;
  description: string;
  /** The chart as SVG, drawn on the server. */
  svg: string;
  /** The same figures, for a table beside the chart. */
  table: { head: string[]; rows: string[][] };
}

/** "3 Nov" for 2026-11-03: short enough for the axis of a phone-width chart. */
export function shortDate(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

export const percentYes = (yes: number, no: number) => (yes + no === 0 ? undefined : Math.round((100 * yes) / (yes + no)));

/** Yes and no answers per week, stacked: how many answered, and how many found the page useful. */
export async function weeklyAnswersChart(title: string, weeks: readonly WeekOfAnswers[]): Promise<Chart> {
  const total = weeks.reduce((sum, week) => sum + week.yes + week.no, 0);
  const yes = weeks.reduce((sum, week) => sum + week.yes, 0);
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  const description =
    first && last
      ? `Bar chart of answers to "Is this page useful?" per week, from the week of ${shortDate(first.week)} to the week of ${shortDate(last.week)}: ${total} answers, ${yes} yes and ${total - yes} no${total ? ` (${percentYes(yes, total - yes)}% yes)` : ''}.`
      : 'Bar chart of answers to "Is this page useful?" per week: no weeks to show.';
  const values = weeks.flatMap((week) => [
    {
      week: shortDate(week.week),
      answer: 'Yes',
      count: week.yes,
      order: 0,
      label: `Week beginning ${shortDate(week.week)}: ${week.yes} yes`,
    },
    { week: shortDate(week.week), answer: 'No', count: week.no, order: 1, label: `Week beginning ${shortDate(week.week)}: ${week.no} no` },
  ]);
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description,
    width: 560,
    height: 200,
    background: 'white',
    data: { values },
    mark: { type: 'bar', tooltip: false },
    encoding: {
      x: { field: 'week', type: 'ordinal', sort: null, title: 'Week beginning', axis: { labelAngle: -45 } },
      y: { field: 'count', type: 'quantitative', title: 'Answers', axis: { tickMinStep: 1, format: 'd' } },
      color: {
        field: 'answer',
        type: 'nominal',
        title: 'Answer',
        scale: { domain: ['Yes', 'No'], range: [YES_COLOUR, NO_COLOUR] },
        legend: { orient: 'top' },
      },
      order: { field: 'order', type: 'quantitative' },
      // What a screen reader says for each bar (Vega writes it as the bar's aria-label).
      description: { field: 'label', type: 'nominal' },
    },
    config: {
      font: FONT,
      axis: { labelColor: TEXT_COLOUR, titleColor: TEXT_COLOUR, labelFontSize: 12, titleFontSize: 13 },
      legend: { labelColor: TEXT_COLOUR, titleColor: TEXT_COLOUR, labelFontSize: 12, titleFontSize: 13 },
    },
  };
  return {
    title,
    description,
    svg: await toSvg(spec),
    table: {
      head: ['Week beginning', 'Yes', 'No', 'Useful'],
      rows: weeks.map((week) => {
        const percent = percentYes(week.yes, week.no);
        return [shortDate(week.week), String(week.yes), String(week.no), percent === undefined ? 'no answers' : `${percent}%`];
      }),
    },
  };
}

/** Draws a Vega-Lite specification as SVG, headless (Vega's "none" renderer measures text without a canvas). */
export async function toSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
