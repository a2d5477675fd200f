// `npm test`: builds, then runs every kind of test against real parts — unit,
// integration (DuckDB file and PostgreSQL), API end-to-end against the running
// server, browser end-to-end in headless Chromium — and prints one summary line.
import { mkdirSync, readFileSync } from 'node:fs';
import { buildAll, run } from './run.mjs';

const stages = [
  { name: 'unit', args: ['--selectProjects', 'unit'] },
  { name: 'integration', args: ['--selectProjects', 'integration', '--runInBand'] },
  { name: 'api', args: ['--selectProjects', 'api', '--runInBand'] },
  { name: 'browser', args: ['--selectProjects', 'browser', '--runInBand'] },
];
const only = process.argv.slice(2);

await buildAll();
mkdirSync('tmp', { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
let exitCode = 0;
for (const stage of stages.filter((s) => only.length === 0 || only.includes(s.name))) {
  const report = `tmp/jest-${stage.name}.json`;
  const code = await run('npx', ['jest', ...stage.args, '--json', `--outputFile=${report}`, '--forceExit']);
  let result = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTotalTests: 0 };
  try {
    result = JSON.parse(readFileSync(report, 'utf8'));
  } catch {
    result.numFailedTests = 1; // the runner itself failed
  }
  if (code !== 0 || result.numTotalTests === 0) exitCode = 1;
  totals.passed += result.numPassedTests;
  totals.failed += result.numFailedTests;
  totals.skipped += result.numPendingTests;
  lines.push(`  ${stage.name.padEnd(12)} ${result.numPassedTests} passed, ${result.numFailedTests} failed`);
}
console.log('\nTest summary');
console.log(lines.join('\n'));
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
