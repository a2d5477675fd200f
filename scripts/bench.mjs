// `npm run bench [-- suite...]`: throughput and latency through the HTTP API on this
// machine. Each suite writes docs/benchmarks/<suite>.json and .md; docs/BENCHMARKS.md
// quotes them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { buildAll } from './run.mjs';
import { auditSuite } from './bench/audit.mjs';
import { catalogSuite } from './bench/catalog.mjs';
import { withPostgresSchema } from './bench/postgres.mjs';
import { foundationSuite } from './bench/foundation.mjs';
import { invoicingSuite } from './bench/invoicing.mjs';
import { reportsSuite } from './bench/reports.mjs';

const suites = {
  foundation: foundationSuite,
  catalog: catalogSuite,
  invoicing: invoicingSuite,
  'catalog-postgres': () => withPostgresSchema((url) => catalogSuite({ DATABASE_URL: url })),
  audit: auditSuite,
  reports: reportsSuite,
};
const wanted = process.argv.slice(2).filter((a) => a in suites);

await buildAll();
mkdirSync('docs/benchmarks', { recursive: true });
for (const name of wanted.length ? wanted : Object.keys(suites)) {
  console.log(`\n== ${name}`);
  const outcome = await suites[name]();
  const run = {
    suite: name,
    at: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    ...outcome,
  };
  writeFileSync(`docs/benchmarks/${name}.json`, JSON.stringify(run, null, 2) + '\n');
  const hasP95 = outcome.results.some((r) => r.latencyMs.p95 !== undefined);
  const table = [
    `| scenario | connections | ${outcome.rateLabel ?? 'req/s'} | p50 ms | ${hasP95 ? 'p95 ms' : 'p97.5 ms'} | p99 ms | failures |`,
    '|---|---:|---:|---:|---:|---:|---:|',
    ...outcome.results.map(
      (r) =>
        `| ${r.name} | ${r.connections} | ${r.requestsPerSecond} | ${r.latencyMs.p50} | ${hasP95 ? r.latencyMs.p95 : r.latencyMs.p97_5} | ${r.latencyMs.p99} | ${r.failures} |`,
    ),
  ].join('\n');
  const extra = outcome.importSeconds
    ? `\nImported ${outcome.products} products from one CSV in ${outcome.importSeconds.toFixed(1)} s.\n`
    : '';
  const notes = outcome.notes ? `\n${outcome.notes}\n` : '';
  writeFileSync(
    `docs/benchmarks/${name}.md`,
    `Run ${run.at} on ${run.machine.cpus} cores, Node ${run.machine.node}\n\n${table}\n${extra}${notes}`,
  );
  console.log(`${table}\n${extra}${notes}\nwritten to docs/benchmarks/${name}.json and .md`);
}
