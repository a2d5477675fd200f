// `npm run bench`: throughput and latency of the HTTP stack on this machine,
// written to docs/benchmarks/*.json and summarised in docs/BENCHMARKS.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { buildAll } from './run.mjs';
import { load, signupOwner, startBackend, startBare } from './bench/harness.mjs';

await buildAll();
const results = [];
const password = 'bench-password-123';
const email = `owner-${Date.now()}@bench.test`;

const bare = await startBare();
results.push(await load('bare Fastify handler (GET /bare)', { url: `${bare.baseUrl}/bare`, connections: 16 }));
bare.stop();

const backend = await startBackend();
try {
  const owner = await signupOwner(backend.baseUrl, email, password);
  results.push(
    await load('authenticated read (GET /api/v1/auth/me)', {
      url: `${backend.baseUrl}/api/v1/auth/me`,
      connections: 16,
      headers: { cookie: owner.cookie },
    }),
  );
  results.push(
    await load('sign-in (POST /api/v1/auth/login, bcrypt cost 12)', {
      url: `${backend.baseUrl}/api/v1/auth/login`,
      method: 'POST',
      connections: 4,
      headers: { cookie: owner.cookie, 'x-xsrf-token': owner.token, 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    }),
  );
} finally {
  await backend.stop();
}

const run = {
  suite: 'foundation',
  at: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  results,
};
mkdirSync('docs/benchmarks', { recursive: true });
writeFileSync('docs/benchmarks/foundation.json', JSON.stringify(run, null, 2) + '\n');
const table = [
  '| scenario | connections | req/s | p50 ms | p97.5 ms | p99 ms | failures |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...results.map(
    (r) =>
      `| ${r.name} | ${r.connections} | ${r.requestsPerSecond} | ${r.latencyMs.p50} | ${r.latencyMs.p97_5} | ${r.latencyMs.p99} | ${r.failures} |`,
  ),
].join('\n');
writeFileSync(
  'docs/benchmarks/foundation.md',
  `Run ${run.at} on ${run.machine.cpus} cores, Node ${run.machine.node}\n\n${table}\n`,
);
console.log(`\n${table}\n\nwritten to docs/benchmarks/foundation.json and docs/benchmarks/foundation.md`);
