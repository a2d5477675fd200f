import type { CurrentUser, ListResponse, ProblemDetails, User } from '@billinator/contracts';
import { ApiClient, PASSWORD, signup, uniqueEmail } from '../support/api-client';
import { signJwt } from '../support/jwt';
import { removeDir, RunningServer, startServer, TEST_JWT_SECRET } from '../support/server';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server.stop();
  removeDir(server.dataDir);
});

async function loginAs(email: string, password = PASSWORD): Promise<ApiClient> {
  const client = new ApiClient(server.baseUrl);
  const response = await client.post('/api/v1/auth/login', { email, password });
  expect(response.status).toBe(200);
  return client;
}

describe('sign-up, users and roles', () => {
  it('signs up, creates a user, denies by role, logs out', async () => {
    const { client: owner, email } = await signup(server.baseUrl, 'Acme Trading');
    const me = await owner.get<CurrentUser>('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email, role: 'owner', tenant: { name: 'Acme Trading', currency: 'EUR' } });

    const salesEmail = uniqueEmail('sales');
    const created = await owner.post<User>('/api/v1/users', {
      email: salesEmail,
      name: 'Sally Sales',
      role: 'sales',
      password: PASSWORD,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: salesEmail, role: 'sales', active: true, version: 1 });

    const sales = await loginAs(salesEmail);
    const denied = await sales.post<ProblemDetails>('/api/v1/users', {
      email: uniqueEmail(),
      name: 'X',
      role: 'sales',
      password: PASSWORD,
    });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('forbidden');
    expect(denied.body.detail).toContain('sales');
    expect((await sales.get('/api/v1/users')).status).toBe(403);

    expect((await sales.post('/api/v1/auth/logout')).status).toBe(204);
    const after = await sales.get<ProblemDetails>('/api/v1/auth/me');
    expect(after.status).toBe(401);
    expect(after.headers.get('content-type')).toContain('application/problem+json');
  });

  it('keeps tenants apart: another tenant’s user is 404 everywhere', async () => {
    const a = await signup(server.baseUrl, 'Tenant A');
    const b = await signup(server.baseUrl, 'Tenant B');
    const bUser = await b.client.post<User>('/api/v1/users', {
      email: uniqueEmail('b'),
      name: 'B Staff',
      role: 'accountant',
      password: PASSWORD,
    });
    expect(bUser.status).toBe(201);

    const list = await a.client.get<ListResponse<User>>('/api/v1/users?limit=500');
    expect(list.body.items.map((u) => u.id)).not.toContain(bUser.body.id);
    expect(list.body.items.map((u) => u.email)).toEqual([a.email]);
    expect((await a.client.get(`/api/v1/users/${bUser.body.id}`)).status).toBe(404);
    expect((await a.client.get(`/api/v1/users/${b.user.id}`)).status).toBe(404);
    const patch = await a.client.patch(`/api/v1/users/${bUser.body.id}`, { role: 'auditor', version: 1 });
    expect(patch.status).toBe(404);
    const unchanged = await b.client.get<User>(`/api/v1/users/${bUser.body.id}`);
    expect(unchanged.body).toMatchObject({ role: 'accountant', version: 1 });
  });

  it('changes a role and deactivates a user with optimistic versions', async () => {
    const { client: owner } = await signup(server.baseUrl);
    const email = uniqueEmail('staff');
    const created = await owner.post<User>('/api/v1/users', {
      email,
      name: 'Staff',
      role: 'sales',
      password: PASSWORD,
    });
    const staff = await loginAs(email);

    const promoted = await owner.patch<User>(`/api/v1/users/${created.body.id}`, { role: 'accountant', version: 1 });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ role: 'accountant', version: 2 });
    expect((await staff.get<CurrentUser>('/api/v1/auth/me')).body.role).toBe('accountant');

    const stale = await owner.patch<ProblemDetails>(`/api/v1/users/${created.body.id}`, { active: false, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toMatch(/reload/);

    const deactivated = await owner.patch<User>(`/api/v1/users/${created.body.id}`, { active: false, version: 2 });
    expect(deactivated.body.active).toBe(false);
    expect((await staff.get('/api/v1/auth/me')).status).toBe(401);
    const relogin = await new ApiClient(server.baseUrl).post<ProblemDetails>('/api/v1/auth/login', {
      email,
      password: PASSWORD,
    });
    expect(relogin.status).toBe(401);
    expect(relogin.body.detail).toMatch(/deactivated/);
  });

  it('refuses to demote the last owner or to change oneself', async () => {
    const { client: owner, user } = await signup(server.baseUrl);
    const self = await owner.patch<ProblemDetails>(`/api/v1/users/${user.id}`, { role: 'sales', version: 1 });
    expect(self.status).toBe(422);
    const adminEmail = uniqueEmail('admin');
    await owner.post('/api/v1/users', { email: adminEmail, name: 'Admin', role: 'admin', password: PASSWORD });
    const admin = await loginAs(adminEmail);
    const demoteOwner = await admin.patch<ProblemDetails>(`/api/v1/users/${user.id}`, { role: 'sales', version: 1 });
    expect(demoteOwner.status).toBe(403);
    const grantOwner = await admin.post<ProblemDetails>('/api/v1/users', {
      email: uniqueEmail(),
      name: 'O',
      role: 'owner',
      password: PASSWORD,
    });
    expect(grantOwner.status).toBe(403);
  });

  it('handles 10 concurrent sign-ups and 10 concurrent logins without an error', async () => {
    const emails = Array.from({ length: 10 }, () => uniqueEmail('burst'));
    const signups = await Promise.all(
      emails.map((email, i) =>
        new ApiClient(server.baseUrl).post('/api/v1/auth/signup', {
          tenantName: `Burst ${i}`,
          name: 'Burst',
          email,
          password: PASSWORD,
        }),
      ),
    );
    expect(signups.map((r) => r.status)).toEqual(Array(10).fill(201));
    const logins = await Promise.all(
      emails.map((email) => new ApiClient(server.baseUrl).post('/api/v1/auth/login', { email, password: PASSWORD })),
    );
    expect(logins.map((r) => r.status)).toEqual(Array(10).fill(200));
  });

  it('refuses a second account with the same e-mail', async () => {
    const { email } = await signup(server.baseUrl);
    const again = await new ApiClient(server.baseUrl).post<ProblemDetails>('/api/v1/auth/signup', {
      tenantName: 'Copycat',
      name: 'Copy',
      email: email.toUpperCase(),
      password: PASSWORD,
    });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ field: 'email', message: 'is already registered' }]);
  });
});

describe('sessions', () => {
  it('rotates the refresh token and ends the session when an old one is replayed', async () => {
    const { client } = await signup(server.baseUrl);
    const firstRefresh = client.cookies.get('bn_refresh')!;
    const refreshed = await client.post<CurrentUser>('/api/v1/auth/refresh');
    expect(refreshed.status).toBe(200);
    expect(client.cookies.get('bn_refresh')).not.toBe(firstRefresh);
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);

    const thief = new ApiClient(server.baseUrl);
    thief.cookies.set('bn_refresh', firstRefresh);
    expect((await thief.post('/api/v1/auth/refresh')).status).toBe(401);
    // the replay revoked the whole session, including the legitimate holder
    expect((await client.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('ends every session on password change', async () => {
    const { client, email } = await signup(server.baseUrl);
    const other = await loginAs(email);
    const wrong = await client.post<ProblemDetails>('/api/v1/auth/password', {
      currentPassword: 'nope-nope',
      newPassword: 'new-password-123',
    });
    expect(wrong.status).toBe(400);
    expect(
      (await client.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'new-password-123' }))
        .status,
    ).toBe(204);
    expect((await client.get('/api/v1/auth/me')).status).toBe(401);
    expect((await other.get('/api/v1/auth/me')).status).toBe(401);
    expect((await new ApiClient(server.baseUrl).post('/api/v1/auth/login', { email, password: PASSWORD })).status).toBe(
      401,
    );
    await loginAs(email, 'new-password-123');
  });
});

describe('bad input gets a clear 4xx and changes nothing', () => {
  let owner: ApiClient;
  let ownerId: string;
  let tenantId: string;

  beforeAll(async () => {
    const s = await signup(server.baseUrl);
    owner = s.client;
    ownerId = s.user.id;
    tenantId = s.user.tenant.id;
  });

  async function userCount(): Promise<number> {
    return (await owner.get<ListResponse<User>>('/api/v1/users')).body.total;
  }

  it('malformed JSON', async () => {
    const before = await userCount();
    const response = await owner.request<ProblemDetails>('POST', '/api/v1/users', undefined, {
      raw: '{"email": "a@b.c",',
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'malformed_request', status: 400 });
    expect(response.body.detail).toMatch(/JSON/);
    expect(await userCount()).toBe(before);
  });

  it('unknown fields and wrong types name the fields', async () => {
    const unknown = await owner.post<ProblemDetails>('/api/v1/users', {
      email: uniqueEmail(),
      name: 'X',
      role: 'sales',
      password: PASSWORD,
      isAdmin: true,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'isAdmin', message: 'isAdmin is not a known field' }]);
    const wrongTypes = await owner.post<ProblemDetails>('/api/v1/users', {
      email: 42,
      name: ['x'],
      role: 'king',
      password: 'short',
    });
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.body.code).toBe('validation_failed');
    expect(wrongTypes.body.errors!.map((e) => e.field).sort()).toEqual(
      expect.arrayContaining(['email', 'name', 'password', 'role']),
    );
    const badQuery = await owner.get<ProblemDetails>('/api/v1/users?limit=100000&sort=password');
    expect(badQuery.status).toBe(400);
  });

  it('no session cookie, a forged token, an expired token', async () => {
    const anonymous = await new ApiClient(server.baseUrl).get<ProblemDetails>('/api/v1/users');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.detail).toMatch(/Sign in/);

    const sid = '00000000-0000-4000-8000-000000000000';
    const forged = new ApiClient(server.baseUrl);
    forged.cookies.set(
      'bn_access',
      signJwt(
        { sub: ownerId, tid: tenantId, sid, exp: Math.floor(Date.now() / 1000) + 600 },
        'not-the-secret-at-all-not-the-secret',
      ),
    );
    expect((await forged.get('/api/v1/users')).status).toBe(401);

    const tampered = new ApiClient(server.baseUrl);
    const [h, , s] = owner.cookies.get('bn_access')!.split('.');
    const payload = Buffer.from(JSON.stringify({ sub: ownerId, tid: tenantId, sid, role: 'owner' })).toString(
      'base64url',
    );
    tampered.cookies.set('bn_access', `${h}.${payload}.${s}`);
    expect((await tampered.get('/api/v1/users')).status).toBe(401);

    const expired = new ApiClient(server.baseUrl);
    expired.cookies.set(
      'bn_access',
      signJwt({ sub: ownerId, tid: tenantId, sid, exp: Math.floor(Date.now() / 1000) - 60 }, TEST_JWT_SECRET),
    );
    const expiredResponse = await expired.get<ProblemDetails>('/api/v1/users');
    expect(expiredResponse.status).toBe(401);
    expect(expiredResponse.body.detail).toMatch(/expired/);
  });

  it('a state-changing request without or with a wrong CSRF token', async () => {
    const before = await userCount();
    const body = { email: uniqueEmail(), name: 'X', role: 'sales', password: PASSWORD };
    const missing = await owner.request<ProblemDetails>('POST', '/api/v1/users', body, { csrf: false });
    expect(missing.status).toBe(403);
    expect(missing.body.code).toBe('csrf_token_invalid');
    const wrong = await owner.request<ProblemDetails>('POST', '/api/v1/users', body, {
      csrf: false,
      headers: { 'x-xsrf-token': 'x'.repeat(43) },
    });
    expect(wrong.status).toBe(403);
    expect(await userCount()).toBe(before);
  });

  it('a wrong password eleven times locks the account and is audited', async () => {
    const email = uniqueEmail('victim');
    await owner.post('/api/v1/users', { email, name: 'Victim', role: 'sales', password: PASSWORD });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (await new ApiClient(server.baseUrl).post('/api/v1/auth/login', { email, password: `wrong-${i}-password` }))
          .status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 423, 423, 423, 423, 423, 423, 423]);
    const locked = await new ApiClient(server.baseUrl).post<ProblemDetails>('/api/v1/auth/login', {
      email,
      password: PASSWORD,
    });
    expect(locked.status).toBe(423);
    expect(locked.body.detail).toMatch(/locked for 15 more minutes/);

    const events = await owner.get<ListResponse<{ action: string; actorEmail: string }>>(
      '/api/v1/audit/events?limit=50',
    );
    const mine = events.body.items.filter((e) => e.actorEmail === email).map((e) => e.action);
    // 4 wrong passwords, 6 more while locked, 1 right password while locked
    expect(mine.filter((a) => a === 'auth.login_failed')).toHaveLength(11);
    expect(mine.filter((a) => a === 'auth.account_locked')).toHaveLength(1);
    expect((await owner.post<{ ok: boolean }>('/api/v1/audit/verify')).body.ok).toBe(true);
  });

  it('unknown routes and ids answer 404 problems', async () => {
    const route = await owner.get<ProblemDetails>('/api/v1/nowhere');
    expect(route.status).toBe(404);
    expect(route.body.code).toBe('not_found');
    expect((await owner.get('/api/v1/users/not-a-uuid')).status).toBe(404);
    expect((await owner.get('/api/v1/users/6f1c1c1e-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

describe('audit trail', () => {
  it('records sign-up, login, user changes and logout in a verifiable chain', async () => {
    const { client: owner, email } = await signup(server.baseUrl);
    const second = await loginAs(email);
    const staffEmail = uniqueEmail('staff');
    const staff = await owner.post<User>('/api/v1/users', {
      email: staffEmail,
      name: 'Staff',
      role: 'sales',
      password: PASSWORD,
    });
    await owner.patch(`/api/v1/users/${staff.body.id}`, { role: 'inventory', version: 1 });
    await second.post('/api/v1/auth/logout');
    const events = await owner.get<
      ListResponse<{ seq: number; action: string; before: unknown; after: unknown; requestId: string; ip: string }>
    >('/api/v1/audit/events?limit=100');
    expect(events.body.items.map((e) => e.action).reverse()).toEqual([
      'tenant.created',
      'user.created',
      'auth.login',
      'user.created',
      'user.role_changed',
      'auth.logout',
    ]);
    expect(events.body.items.map((e) => e.seq)).toEqual([6, 5, 4, 3, 2, 1]);
    const roleChange = events.body.items.find((e) => e.action === 'user.role_changed')!;
    expect(roleChange).toMatchObject({ before: { role: 'sales' }, after: { role: 'inventory' }, ip: '127.0.0.1' });
    expect(roleChange.requestId).toEqual(expect.any(String));
    expect(JSON.stringify(events.body)).not.toMatch(/correct-horse|\$2b\$/);
    const verify = await owner.post('/api/v1/audit/verify');
    expect(verify.body).toEqual({ ok: true, checked: 6, firstBrokenSeq: null, reason: null });
  });

  it('offers no route that changes or deletes audit records', async () => {
    const { client } = await signup(server.baseUrl);
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect((await client.request(method, '/api/v1/audit/events', {})).status).toBe(404);
      expect((await client.request(method, '/api/v1/audit/events/1', {})).status).toBe(404);
    }
  });
});

describe('operations', () => {
  it('answers the probes, the metrics and the OpenAPI document', async () => {
    const client = new ApiClient(server.baseUrl);
    expect((await client.get('/health/live')).status).toBe(200);
    const ready = await client.get<{ status: string; details: Record<string, { status: string }> }>('/health/ready');
    expect(ready.body.status).toBe('ok');
    expect(Object.keys(ready.body.details).sort()).toEqual(['database', 'migrations', 'shutdown']);
    const metrics = await client.get<string>('/metrics');
    expect(metrics.body).toMatch(/http_requests_total\{method="GET",route="\/health\/live",status="200"\} \d+/);
    expect(metrics.body).toMatch(/http_request_duration_seconds_bucket/);
    const openapi = await client.get<{ paths: Record<string, unknown> }>('/api/docs/openapi.json');
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users/{id}']),
    );
    expect((await client.get('/api/docs')).status).toBe(200);
  });

  it('sets security headers and a request id', async () => {
    const response = await new ApiClient(server.baseUrl).get('/health/live');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
