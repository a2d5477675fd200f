import http from 'node:http';

/**
 * A closed-loop load generator that records every request's latency, so that exact
 * percentiles (p95 included) can be reported. `paths` are requested round-robin.
 */
export async function measure({ baseUrl, paths, headers = {}, connections = 1, durationMs = 8000, warmupMs = 1000 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const url = new URL(baseUrl);
  const latencies = [];
  let failures = 0;
  let next = 0;
  const request = (path) =>
    new Promise((resolve) => {
      const started = process.hrtime.bigint();
      const req = http.request({ host: url.hostname, port: url.port, path, headers, agent }, (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ ok: res.statusCode === 200, ms: Number(process.hrtime.bigint() - started) / 1e6 }),
        );
      });
      req.on('error', () => resolve({ ok: false, ms: 0 }));
      req.end();
    });
  const run = async (until, record) => {
    while (Date.now() < until) {
      const result = await request(paths[next++ % paths.length]);
      if (!record) continue;
      if (result.ok) latencies.push(result.ms);
      else failures++;
    }
  };
  await Promise.all(Array.from({ length: connections }, () => run(Date.now() + warmupMs, false)));
  const started = Date.now();
  await Promise.all(Array.from({ length: connections }, () => run(started + durationMs, true)));
  const seconds = (Date.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p) =>
    Number((latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0).toFixed(1));
  return {
    connections,
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / seconds),
    latencyMs: { p50: at(50), p95: at(95), p99: at(99), max: at(100) },
    failures,
  };
}
