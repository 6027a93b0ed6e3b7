/**
 * `npm run bench`: every benchmark in one run, printed as one table with the date and the
 * machine. Ratios compare figures measured in this same run.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { edge } from './edge.js';
import { feedback } from './feedback.js';
import { staffDashboard } from './staffDashboard.js';
import { startup } from './startup.js';
import { throughput } from './throughput.js';
import { printTable, type Row } from './support.js';
import { weight } from './weight.js';

const started = performance.now();
const rows: Row[] = [];
for (const bench of [throughput, edge, feedback, startup, weight, staffDashboard]) rows.push(...(await bench()));

const minutes = ((performance.now() - started) / 60_000).toFixed(1);
console.log(
  `\n${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${cpus().length} cores (${cpus()[0]?.model.trim()}) · ${Math.round(totalmem() / 2 ** 30)} GB · Node ${process.version} · load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} · ${minutes} min\n`,
);
console.log(printTable(rows));
const missed = rows.filter((row) => !row.pass);
console.log(
  missed.length
    ? `\n${missed.length} target${missed.length === 1 ? '' : 's'} missed: ${missed.map((r) => `${r.bench} ${r.name}`).join('; ')}`
    : '\nEvery target met.',
);
