import { spawn } from 'node:child_process';
import { quietToolEnv } from './nx-env.mjs';

/** Runs a command, streaming its output; resolves with its exit code. */
export function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: 'inherit',
      env: { ...process.env, ...quietToolEnv, ...env },
      shell: false,
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function buildAll() {
  if (process.env.SKIP_BUILD === 'true') return; // the caller built already
  const code = await run('npx', [
    'nx',
    'run-many',
    '-t',
    'build',
    '--projects=backend,frontend',
    '--outputStyle=static',
    // CI builds from scratch: a cache left on the machine by other checkouts must not answer for it.
    ...(process.env.CI ? ['--skip-nx-cache'] : []),
  ]);
  if (code !== 0) {
    console.error('Build failed.');
    process.exit(code);
  }
}
