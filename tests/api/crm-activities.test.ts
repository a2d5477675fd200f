import type {
  Activity,
  AuditEvent,
  Contact,
  Customer,
  ListResponse,
  Note,
  ProblemDetails,
  TimelineEntry,
  User,
} from '@billinator/contracts';
import { ApiClient, PASSWORD, signup, uniqueEmail } from '../support/api-client';
import { createCustomer, createProduct, issueInvoice, receivePayment } from '../support/business';
import { SERVER_STORES } from '../support/databases';
import { removeDir, RunningServer, startServer } from '../support/server';

/** Activities, notes and the customer timeline, on both stores (the timeline is one UNION query). */

let server: RunningServer;
let cleanup: () => Promise<void>;
let owner: ApiClient;
let ownerId: string;
let sales: ApiClient;
let salesUser: User;
let auditor: ApiClient;
let inventory: ApiClient;
let other: ApiClient;

const HOUR = 3_600_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

async function loginAs(email: string): Promise<ApiClient> {
  const client = new ApiClient(server.baseUrl);
  const response = await client.post('/api/v1/auth/login', { email, password: PASSWORD });
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${JSON.stringify(response.body)}`);
  return client;
}

async function addUser(role: string, name: string): Promise<{ client: ApiClient; user: User }> {
  const email = uniqueEmail(role);
  const created = await owner.post<User>('/api/v1/users', { email, name, role, password: PASSWORD });
  if (created.status !== 201) throw new Error(`user ${role}: ${created.status} ${JSON.stringify(created.body)}`);
  return { client: await loginAs(email), user: created.body };
}

async function createActivity(client: ApiClient, body: Record<string, unknown>): Promise<Activity> {
  const response = await client.post<Activity>('/api/v1/crm/activities', body);
  if (response.status !== 201) throw new Error(`activity: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function createNote(client: ApiClient, body: Record<string, unknown>): Promise<Note> {
  const response = await client.post<Note>('/api/v1/crm/notes', body);
  if (response.status !== 201) throw new Error(`note: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function createContact(client: ApiClient, customerId: string, name: string): Promise<Contact> {
  const response = await client.post<Contact>(`/api/v1/customers/${customerId}/contacts`, { name });
  if (response.status !== 201) throw new Error(`contact: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function auditOf(entityId: string): Promise<AuditEvent[]> {
  const response = await owner.get<ListResponse<AuditEvent>>(`/api/v1/audit/events?entityId=${entityId}&limit=50`);
  expect(response.status).toBe(200);
  return response.body.items;
}

describe.each(SERVER_STORES)('CRM engagement on %s', (_engine, prepare) => {
  beforeAll(async () => {
    const store = await prepare();
    cleanup = store.cleanup;
    server = await startServer(store.env);
    const signedUp = await signup(server.baseUrl, 'Engagement Co');
    owner = signedUp.client;
    ownerId = signedUp.user.id;
    ({ client: sales, user: salesUser } = await addUser('sales', 'Sally Sales'));
    ({ client: auditor } = await addUser('auditor', 'Audrey Auditor'));
    ({ client: inventory } = await addUser('inventory', 'Ivan Inventory'));
    other = (await signup(server.baseUrl, 'Other Tenant')).client;
  });

  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
    await cleanup();
  });

  describe('activities', () => {
    it('creates, lists mine & open with the overdue one first, completes, reopens and deletes', async () => {
      const customer = await createCustomer(owner, 'Alfreds Futterkiste');
      const contact = await createContact(owner, customer.id, 'Maria Anders');

      const later = await createActivity(owner, { type: 'task', subject: 'Send the catalogue', dueAt: at(48 * HOUR) });
      const overdue = await createActivity(owner, {
        type: 'call',
        subject: 'Call about the spring order',
        details: 'Ask about the delivery window',
        dueAt: at(-24 * HOUR),
        customerId: customer.id,
        contactId: contact.id,
      });
      const sooner = await createActivity(owner, {
        type: 'meeting',
        subject: 'Visit the shop',
        dueAt: at(24 * HOUR),
        customerId: customer.id,
      });
      const notMine = await createActivity(owner, {
        type: 'email',
        subject: 'Mail the price list',
        dueAt: at(-48 * HOUR),
        assigneeId: salesUser.id,
      });
      const done = await createActivity(owner, {
        type: 'task',
        subject: 'Already done',
        dueAt: at(-72 * HOUR),
        done: true,
      });

      expect(overdue).toMatchObject({
        type: 'call',
        subject: 'Call about the spring order',
        details: 'Ask about the delivery window',
        assigneeId: ownerId,
        assigneeName: 'Owner Person',
        done: false,
        doneAt: null,
        overdue: true,
        customerId: customer.id,
        customerName: 'Alfreds Futterkiste',
        opportunityId: null,
        opportunityTitle: null,
        contactId: contact.id,
        version: 1,
      });
      expect(sooner.overdue).toBe(false);
      expect(notMine).toMatchObject({ assigneeId: salesUser.id, assigneeName: 'Sally Sales', overdue: true });
      expect(done).toMatchObject({ done: true, overdue: false });
      expect(done.doneAt).not.toBeNull();

      // A contact alone puts the activity on its customer.
      const viaContact = await createActivity(owner, {
        type: 'call',
        subject: 'Call Maria',
        dueAt: at(72 * HOUR),
        contactId: contact.id,
      });
      expect(viaContact).toMatchObject({ customerId: customer.id, customerName: 'Alfreds Futterkiste' });

      const mineOpen = await owner.get<ListResponse<Activity>>('/api/v1/crm/activities?mine=true&open=true');
      expect(mineOpen.status).toBe(200);
      expect(mineOpen.body.items.map((a) => a.id)).toEqual([overdue.id, sooner.id, later.id, viaContact.id]);
      expect(mineOpen.body).toMatchObject({ total: 4, limit: 25, offset: 0 });

      const all = await owner.get<ListResponse<Activity>>('/api/v1/crm/activities');
      expect(all.body.items.map((a) => a.id)).toEqual([
        notMine.id,
        overdue.id,
        sooner.id,
        later.id,
        viaContact.id,
        done.id,
      ]);

      const salesMine = await sales.get<ListResponse<Activity>>('/api/v1/crm/activities?mine=true');
      expect(salesMine.body.items.map((a) => a.id)).toEqual([notMine.id]);

      const ofCustomer = await owner.get<ListResponse<Activity>>(`/api/v1/crm/activities?customerId=${customer.id}`);
      expect(ofCustomer.body.items.map((a) => a.id)).toEqual([overdue.id, sooner.id, viaContact.id]);
      const meetings = await owner.get<ListResponse<Activity>>('/api/v1/crm/activities?type=meeting');
      expect(meetings.body.items.map((a) => a.id)).toEqual([sooner.id]);
      const closed = await owner.get<ListResponse<Activity>>('/api/v1/crm/activities?open=false');
      expect(closed.body.items.map((a) => a.id)).toEqual([done.id]);
      const page = await owner.get<ListResponse<Activity>>('/api/v1/crm/activities?limit=2&offset=1');
      expect(page.body.items.map((a) => a.id)).toEqual([overdue.id, sooner.id]);
      expect(page.body.total).toBe(6);
      const none = await owner.get<ListResponse<Activity>>(`/api/v1/crm/activities?opportunityId=${NO_SUCH_ID}`);
      expect(none.body).toMatchObject({ items: [], total: 0 });

      const read = await owner.get<Activity>(`/api/v1/crm/activities/${overdue.id}`);
      expect(read.status).toBe(200);
      expect(read.headers.get('etag')).toBe('"1"');

      const completed = await owner.patch<Activity>(`/api/v1/crm/activities/${overdue.id}`, { done: true, version: 1 });
      expect(completed.status).toBe(200);
      expect(completed.headers.get('etag')).toBe('"2"');
      expect(completed.body).toMatchObject({ done: true, overdue: false, version: 2 });
      expect(Date.parse(completed.body.doneAt!)).toBeGreaterThan(Date.now() - 60_000);

      const afterDone = await owner.get<ListResponse<Activity>>('/api/v1/crm/activities?mine=true&open=true');
      expect(afterDone.body.items.map((a) => a.id)).toEqual([sooner.id, later.id, viaContact.id]);

      const reopened = await owner.request<Activity>(
        'PATCH',
        `/api/v1/crm/activities/${overdue.id}`,
        { done: false, dueAt: '2030-01-15T09:30:00+01:00', details: null },
        { headers: { 'if-match': '"2"' } },
      );
      expect(reopened.status).toBe(200);
      expect(reopened.body).toMatchObject({
        done: false,
        doneAt: null,
        overdue: false,
        dueAt: '2030-01-15T08:30:00.000Z',
        details: null,
        customerId: customer.id,
        contactId: contact.id,
        version: 3,
      });

      const stale = await owner.patch<ProblemDetails>(`/api/v1/crm/activities/${overdue.id}`, {
        subject: 'Lost update',
        version: 2,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('conflict');
      const noVersion = await owner.patch<ProblemDetails>(`/api/v1/crm/activities/${overdue.id}`, { subject: 'X' });
      expect(noVersion.status).toBe(428);
      const disagreeing = await owner.request<ProblemDetails>(
        'PATCH',
        `/api/v1/crm/activities/${overdue.id}`,
        { subject: 'X', version: 2 },
        { headers: { 'if-match': '"3"' } },
      );
      expect(disagreeing.status).toBe(412);

      const trail = await auditOf(overdue.id);
      const actions = trail.map((e) => e.action).sort();
      expect(actions).toEqual(['activity.completed', 'activity.created', 'activity.updated']);
      const completion = trail.find((e) => e.action === 'activity.completed')!;
      expect(completion.before).toMatchObject({ done: false, doneAt: null });
      expect(completion.after).toMatchObject({ done: true, doneAt: completed.body.doneAt });

      expect((await owner.request('DELETE', `/api/v1/crm/activities/${later.id}`)).status).toBe(204);
      expect((await owner.get(`/api/v1/crm/activities/${later.id}`)).status).toBe(404);
      const deletion = (await auditOf(later.id)).find((e) => e.action === 'activity.deleted');
      expect(deletion?.before).toMatchObject({ subject: 'Send the catalogue' });
    });

    it('refuses bad input with clear field errors', async () => {
      const customer = await createCustomer(owner, 'Bad Input GmbH');
      const otherCustomer = await createCustomer(owner, 'Someone Else Ltd');
      const strangerContact = await createContact(owner, otherCustomer.id, 'Stranger');
      const foreignCustomer = await createCustomer(other, 'Foreign Customer');
      const valid = { type: 'call', subject: 'Check in', dueAt: at(HOUR) };

      const post = (body: Record<string, unknown>) => owner.post<ProblemDetails>('/api/v1/crm/activities', body);
      const fieldsOf = (body: ProblemDetails) => (body.errors ?? []).map((e) => e.field);

      const badType = await post({ ...valid, type: 'lunch' });
      expect(badType.status).toBe(400);
      expect(fieldsOf(badType.body)).toEqual(['type']);

      const { dueAt: _dueAt, ...withoutDue } = valid;
      const noDue = await post(withoutDue);
      expect(noDue.status).toBe(400);
      expect(fieldsOf(noDue.body)).toEqual(['dueAt']);
      for (const dueAt of ['2026-03-01', '2026-02-30T10:00:00Z', '2026-03-01T10:00:00', 'tomorrow']) {
        const response = await post({ ...valid, dueAt });
        expect([dueAt, response.status]).toEqual([dueAt, 400]);
      }
      const empty = await post({ ...valid, subject: '   ' });
      expect(fieldsOf(empty.body)).toEqual(['subject']);
      const unknownField = await post({ ...valid, priority: 'high' });
      expect(unknownField.status).toBe(400);

      const unknownCustomer = await post({ ...valid, customerId: NO_SUCH_ID });
      expect(unknownCustomer.status).toBe(422);
      expect(unknownCustomer.body.errors).toEqual([
        { field: 'customerId', message: `No customer with id ${NO_SUCH_ID}` },
      ]);
      const foreign = await post({ ...valid, customerId: foreignCustomer.id });
      expect(foreign.status).toBe(422);
      expect(fieldsOf(foreign.body)).toEqual(['customerId']);
      const unknownOpportunity = await post({ ...valid, opportunityId: NO_SUCH_ID });
      expect(unknownOpportunity.status).toBe(422);
      expect(fieldsOf(unknownOpportunity.body)).toEqual(['opportunityId']);
      const unknownContact = await post({ ...valid, contactId: NO_SUCH_ID });
      expect(fieldsOf(unknownContact.body)).toEqual(['contactId']);
      const wrongContact = await post({ ...valid, customerId: customer.id, contactId: strangerContact.id });
      expect(wrongContact.status).toBe(422);
      expect(wrongContact.body.errors).toEqual([
        { field: 'contactId', message: 'Stranger is not a contact of this customer' },
      ]);
      const unknownAssignee = await post({ ...valid, assigneeId: NO_SUCH_ID });
      expect(unknownAssignee.status).toBe(422);
      expect(fieldsOf(unknownAssignee.body)).toEqual(['assigneeId']);

      const { user: leaver } = await addUser('sales', 'Leo Leaver');
      const deactivated = await owner.patch<User>(`/api/v1/users/${leaver.id}`, { active: false, version: 1 });
      expect(deactivated.status).toBe(200);
      const toLeaver = await post({ ...valid, assigneeId: leaver.id });
      expect(toLeaver.status).toBe(422);
      expect(toLeaver.body.errors).toEqual([
        { field: 'assigneeId', message: 'Leo Leaver is deactivated; assign someone else' },
      ]);

      const activity = await createActivity(owner, { ...valid, customerId: customer.id });
      const url = `/api/v1/crm/activities/${activity.id}`;
      const nullSubject = await owner.patch<ProblemDetails>(url, { subject: null, version: 1 });
      expect(nullSubject.status).toBe(400);
      const moved = await owner.patch<ProblemDetails>(url, { contactId: strangerContact.id, version: 1 });
      expect(moved.status).toBe(422);
      expect(fieldsOf(moved.body)).toEqual(['contactId']);
      const unchanged = await owner.get<Activity>(url);
      expect(unchanged.body).toMatchObject({ version: 1, contactId: null });

      // Ids that do not exist, or exist in another tenant, are simply not found.
      const foreignActivity = await createActivity(other, valid);
      for (const id of [foreignActivity.id, NO_SUCH_ID, 'not-a-uuid']) {
        expect((await owner.get(`/api/v1/crm/activities/${id}`)).status).toBe(404);
        expect((await owner.patch(`/api/v1/crm/activities/${id}`, { subject: 'Mine now', version: 1 })).status).toBe(
          404,
        );
        expect((await owner.request('DELETE', `/api/v1/crm/activities/${id}`)).status).toBe(404);
      }
      const untouched = await other.get<Activity>(`/api/v1/crm/activities/${foreignActivity.id}`);
      expect(untouched.body).toMatchObject({ subject: 'Check in', version: 1 });

      expect((await owner.get('/api/v1/crm/activities?customerId=nope')).status).toBe(400);
      expect((await owner.get('/api/v1/crm/activities?open=maybe')).status).toBe(400);
    });
  });

  describe('notes', () => {
    it('writes notes, lists them newest first, and lets only the author or an owner/admin delete them', async () => {
      const customer = await createCustomer(owner, 'Noted & Co');
      const first = await createNote(owner, { body: '  Prefers delivery on Tuesdays  ', customerId: customer.id });
      expect(first).toMatchObject({
        body: 'Prefers delivery on Tuesdays',
        customerId: customer.id,
        opportunityId: null,
        authorId: ownerId,
        authorName: 'Owner Person',
      });
      const second = await createNote(sales, { body: 'Asked for a discount on 50+ units', customerId: customer.id });
      expect(second).toMatchObject({ authorId: salesUser.id, authorName: 'Sally Sales' });
      const third = await createNote(sales, { body: 'Will call back next week', customerId: customer.id });

      const list = await auditor.get<ListResponse<Note>>(`/api/v1/crm/notes?customerId=${customer.id}`);
      expect(list.status).toBe(200);
      expect(list.body.items.map((n) => n.id)).toEqual([third.id, second.id, first.id]);
      expect(list.body.total).toBe(3);

      expect((await owner.get('/api/v1/crm/notes')).status).toBe(400);
      expect((await owner.get(`/api/v1/crm/notes?customerId=${customer.id}&opportunityId=${NO_SUCH_ID}`)).status).toBe(
        400,
      );
      expect((await owner.get(`/api/v1/crm/notes?customerId=${NO_SUCH_ID}`)).status).toBe(404);
      expect((await owner.get(`/api/v1/crm/notes?opportunityId=${NO_SUCH_ID}`)).status).toBe(404);

      const post = (body: Record<string, unknown>) => owner.post<ProblemDetails>('/api/v1/crm/notes', body);
      expect((await post({ body: 'No target' })).status).toBe(400);
      expect((await post({ body: 'Two targets', customerId: customer.id, opportunityId: NO_SUCH_ID })).status).toBe(
        400,
      );
      expect((await post({ body: '   ', customerId: customer.id })).status).toBe(400);
      expect((await post({ body: 'x'.repeat(5001), customerId: customer.id })).status).toBe(400);
      expect((await post({ body: 'x'.repeat(5000), customerId: customer.id })).status).toBe(201);
      const unknown = await post({ body: 'Lost', customerId: NO_SUCH_ID });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors).toEqual([{ field: 'customerId', message: `No customer with id ${NO_SUCH_ID}` }]);
      const unknownOpportunity = await post({ body: 'Lost', opportunityId: NO_SUCH_ID });
      expect(unknownOpportunity.status).toBe(422);

      const refused = await sales.request<ProblemDetails>('DELETE', `/api/v1/crm/notes/${first.id}`);
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toBe('Only the author of a note (Owner Person) or an owner or admin can delete it');
      expect((await sales.request('DELETE', `/api/v1/crm/notes/${second.id}`)).status).toBe(204);
      expect((await owner.request('DELETE', `/api/v1/crm/notes/${third.id}`)).status).toBe(204);
      expect((await owner.request('DELETE', `/api/v1/crm/notes/${third.id}`)).status).toBe(404);

      const left = await owner.get<ListResponse<Note>>(`/api/v1/crm/notes?customerId=${customer.id}&limit=10`);
      expect(left.body.items.map((n) => n.id).slice(1)).toEqual([first.id]);

      const trail = await auditOf(second.id);
      expect(trail.map((e) => e.action).sort()).toEqual(['note.created', 'note.deleted']);
      expect(trail.find((e) => e.action === 'note.deleted')?.before).toMatchObject({
        body: 'Asked for a discount on 50+ units',
        authorId: salesUser.id,
      });
    });
  });

  describe('customer timeline', () => {
    it('brings contacts, invoices, payments, notes and activities together, newest first', async () => {
      const customer = await createCustomer(owner, 'Timeline Traders');
      const contact = await createContact(owner, customer.id, 'Tom Timeline');
      const service = await createProduct(owner, 'CONSULT-1', { kind: 'service', salePrice: '100.00' });
      const invoice = await issueInvoice(owner, customer.id, [
        { productId: service.id, quantity: '2', unitPrice: '100.00', taxRate: '20' },
      ]);
      const payment = await receivePayment(owner, customer.id, '150.00', [{ invoiceId: invoice.id, amount: '150.00' }]);
      const longBody = `Long story. ${'blah '.repeat(80)}`;
      const note = await createNote(owner, { body: longBody, customerId: customer.id });
      const activity = await createActivity(owner, {
        type: 'call',
        subject: 'Thank them for paying',
        dueAt: at(2 * HOUR),
        customerId: customer.id,
      });
      // Someone else's things stay off this timeline.
      const bystander = await createCustomer(owner, 'Bystander');
      await createNote(owner, { body: 'Not on the timeline', customerId: bystander.id });

      const timeline = await owner.get<TimelineEntry[]>(`/api/v1/customers/${customer.id}/timeline`);
      expect(timeline.status).toBe(200);
      expect(timeline.body.map((e) => [e.kind, e.id])).toEqual([
        ['activity', activity.id],
        ['note', note.id],
        ['payment', payment.id],
        ['invoice', invoice.id],
        ['contact', contact.id],
      ]);
      const [call, noted, paid, invoiced, added] = timeline.body;
      expect(call).toMatchObject({
        title: 'Call: Thank them for paying',
        status: 'open',
        amount: null,
        at: activity.dueAt,
      });
      expect(noted).toMatchObject({ title: 'Note', amount: null, status: null, at: note.createdAt });
      expect(noted.detail).toHaveLength(200);
      expect(noted.detail!.endsWith('…')).toBe(true);
      expect(longBody.startsWith(noted.detail!.slice(0, -1))).toBe(true);
      expect(paid).toMatchObject({ title: `Payment ${payment.number}`, amount: '150.00', status: 'posted' });
      expect(invoiced).toMatchObject({
        title: `Invoice ${invoice.number}`,
        amount: '240.00',
        status: 'partially_paid',
      });
      expect(added).toMatchObject({ title: 'Contact Tom Timeline added', amount: null, at: contact.createdAt });
      for (let i = 1; i < timeline.body.length; i++) {
        expect(Date.parse(timeline.body[i - 1].at)).toBeGreaterThanOrEqual(Date.parse(timeline.body[i].at));
      }

      const limited = await owner.get<TimelineEntry[]>(`/api/v1/customers/${customer.id}/timeline?limit=2`);
      expect(limited.body.map((e) => e.kind)).toEqual(['activity', 'note']);
      expect((await owner.get(`/api/v1/customers/${customer.id}/timeline?limit=0`)).status).toBe(400);

      // Completing the call shows on the timeline; a draft invoice appears as one.
      await owner.patch(`/api/v1/crm/activities/${activity.id}`, { done: true, version: 1 });
      const draft = await owner.post<{ id: string }>('/api/v1/sales/invoices', {
        customerId: customer.id,
        issueDate: '2026-03-20',
        lines: [{ productId: service.id, quantity: '1', unitPrice: '10.00', taxRate: '0', discountPercent: '0' }],
      });
      expect(draft.status).toBe(201);
      const again = await owner.get<TimelineEntry[]>(`/api/v1/customers/${customer.id}/timeline`);
      expect(again.body.find((e) => e.id === activity.id)?.status).toBe('done');
      expect(again.body.find((e) => e.id === draft.body.id)).toMatchObject({
        kind: 'invoice',
        title: 'Draft invoice',
        amount: '10.00',
        status: 'draft',
      });

      expect((await owner.get(`/api/v1/customers/${NO_SUCH_ID}/timeline`)).status).toBe(404);
      expect((await other.get(`/api/v1/customers/${customer.id}/timeline`)).status).toBe(404);
      expect((await auditor.get(`/api/v1/customers/${customer.id}/timeline`)).status).toBe(200);
    });
  });

  describe('roles and tenants', () => {
    it('lets an auditor read but not write, and keeps the inventory role out', async () => {
      const customer: Customer = await createCustomer(owner, 'Read Only Corp');
      const activity = await createActivity(owner, {
        type: 'task',
        subject: 'Visible to the auditor',
        dueAt: at(HOUR),
        customerId: customer.id,
      });
      const note = await createNote(owner, { body: 'Visible too', customerId: customer.id });

      expect((await auditor.get('/api/v1/crm/activities')).status).toBe(200);
      expect((await auditor.get(`/api/v1/crm/activities/${activity.id}`)).status).toBe(200);
      expect((await auditor.get(`/api/v1/crm/notes?customerId=${customer.id}`)).status).toBe(200);

      const denied = await auditor.post<ProblemDetails>('/api/v1/crm/activities', {
        type: 'task',
        subject: 'Nope',
        dueAt: at(HOUR),
      });
      expect(denied.status).toBe(403);
      expect(denied.body.code).toBe('forbidden');
      expect((await auditor.patch(`/api/v1/crm/activities/${activity.id}`, { done: true, version: 1 })).status).toBe(
        403,
      );
      expect((await auditor.request('DELETE', `/api/v1/crm/activities/${activity.id}`)).status).toBe(403);
      expect((await auditor.post('/api/v1/crm/notes', { body: 'Nope', customerId: customer.id })).status).toBe(403);
      expect((await auditor.request('DELETE', `/api/v1/crm/notes/${note.id}`)).status).toBe(403);

      expect((await inventory.get('/api/v1/crm/activities')).status).toBe(403);
      expect((await inventory.get(`/api/v1/customers/${customer.id}/timeline`)).status).toBe(403);

      const still = await owner.get<Activity>(`/api/v1/crm/activities/${activity.id}`);
      expect(still.body).toMatchObject({ done: false, version: 1 });
    });

    it('shows another tenant nothing', async () => {
      const customer = await createCustomer(owner, 'Private Customer');
      const activity = await createActivity(owner, {
        type: 'meeting',
        subject: 'Private meeting',
        dueAt: at(HOUR),
        customerId: customer.id,
      });
      const note = await createNote(owner, { body: 'Private note', customerId: customer.id });

      const theirs = await other.get<ListResponse<Activity>>('/api/v1/crm/activities?limit=500');
      expect(theirs.status).toBe(200);
      expect(theirs.body.items.map((a) => a.id)).not.toContain(activity.id);
      const byCustomer = await other.get<ListResponse<Activity>>(`/api/v1/crm/activities?customerId=${customer.id}`);
      expect(byCustomer.body).toMatchObject({ items: [], total: 0 });
      expect((await other.get(`/api/v1/crm/activities/${activity.id}`)).status).toBe(404);
      expect((await other.get(`/api/v1/crm/notes?customerId=${customer.id}`)).status).toBe(404);
      expect((await other.request('DELETE', `/api/v1/crm/notes/${note.id}`)).status).toBe(404);
      expect((await other.post('/api/v1/crm/notes', { body: 'Sneaky', customerId: customer.id })).status).toBe(422);

      const mine = await owner.get<ListResponse<Note>>(`/api/v1/crm/notes?customerId=${customer.id}`);
      expect(mine.body.items.map((n) => n.id)).toEqual([note.id]);
    });
  });
});
