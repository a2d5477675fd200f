// Foundation suite: a bare Fastify handler beside sign-in and an authenticated read.
import { load, signupOwner, startBackend, startBare } from './harness.mjs';

export async function foundationSuite() {
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
  return { results };
}
