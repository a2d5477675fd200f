// `npm start`: builds what changed (Nx caches the rest), then runs the backend,
// which serves the SPA on an embedded DuckDB file and seeds a demo business.
import { spawn } from 'node:child_process';
import { buildAll } from './run.mjs';

await buildAll();
const child = spawn(process.execPath, ['dist/backend/backend/src/main.js'], {
  stdio: 'inherit',
  env: { SEED_DEMO: 'true', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
