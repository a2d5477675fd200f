import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AUDIT_GENESIS_HASH, AuditHashInput, canonicalJson } from '@billinator/contracts';
import { CSV_HEADER, csvLine, exportedRecord, jsonLine } from './audit-export';
import type { AuditRow } from './audit.repository';
import { hashRecord } from './audit.service';

/**
 * The offline verifier (scripts/audit-verify.mjs) repeats the canonical JSON and the hash
 * payload of libs/contracts so that it runs on its own. These tests hash records with the
 * backend's code, export them with the backend's writers, and ask the script: any drift
 * between the two copies shows up as a record the script calls altered.
 */
const SCRIPT = resolve(__dirname, '../../../scripts/audit-verify.mjs');

type Entry = Omit<AuditHashInput, 'tenantId' | 'seq' | 'prevHash'>;

const base: Entry = {
  at: '2026-11-28T10:00:00.000Z',
  actorId: 'a1b2c3d4-0000-4000-8000-000000000001',
  actorEmail: 'owner@example.test',
  ip: '127.0.0.1',
  requestId: 'req-1',
  action: 'thing.changed',
  entityType: 'thing',
  entityId: 'thing-1',
  before: null,
  after: null,
};

/** Values that canonical JSON must treat exactly alike in both copies. */
const TRICKY: Partial<Entry>[] = [
  { after: { z: 1, a: 2, A: 3, _: 4, é: 5, '😀': 6, 'a b': 7, '10': 8, '9': 9 } },
  { before: { nested: [{ y: [3, 2, 1], x: { d: null, c: true } }, [], {}] }, after: [1, 'two', false, null] },
  { after: { n: [0.1, 1e21, -0, 123456789012345, 1.5e-7, -42] } },
  { after: { text: 'quote " comma , newline \n return \r tab \t backslash \\ unicode \u2028 é 😀' } },
  { actorEmail: '', entityId: '', ip: null, requestId: null, actorId: null },
  { action: ' spaced action ', entityType: '"quoted"', entityId: 'a,b' },
  { after: '=HYPERLINK("x")', before: 'plain text value' },
  { after: { password: '[redacted]', deep: { list: [{ b: 1, a: 2 }] } } },
  { entityId: null, before: 0, after: '' },
];

function chain(tenantId: string, entries: Partial<Entry>[]): AuditRow[] {
  let prevHash = AUDIT_GENESIS_HASH;
  return entries.map((partial, i) => {
    const input: AuditHashInput = { ...base, ...partial, tenantId, seq: i + 1, prevHash };
    const hash = hashRecord(input);
    prevHash = hash;
    return {
      tenant_id: tenantId,
      seq: input.seq,
      occurred_at: input.at,
      actor_id: input.actorId,
      actor_email: input.actorEmail,
      ip: input.ip,
      request_id: input.requestId,
      action: input.action,
      entity_type: input.entityType,
      entity_id: input.entityId,
      before_json: input.before === null ? null : canonicalJson(input.before),
      after_json: input.after === null ? null : canonicalJson(input.after),
      prev_hash: input.prevHash,
      hash,
    };
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'billinator-verify-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function verify(name: string, text: string): { code: number | null; out: string } {
  const file = join(dir, name);
  writeFileSync(file, text);
  const run = spawnSync(process.execPath, [SCRIPT, file], { encoding: 'utf8' });
  return { code: run.status, out: `${run.stdout}${run.stderr}`.trim() };
}

const asJsonl = (rows: AuditRow[]) => rows.map(jsonLine).join('');
const asCsv = (rows: AuditRow[]) => CSV_HEADER + rows.map(csvLine).join('');

describe('offline verifier (scripts/audit-verify.mjs) against the backend hashes', () => {
  const rows = chain('tenant-1', [{}, ...TRICKY, {}]);
  const last = rows.length;

  it('writes each JSON line as the canonical JSON of the record (keys sorted, stored JSON verbatim)', () => {
    for (const row of rows) expect(jsonLine(row)).toBe(`${canonicalJson(exportedRecord(row))}\n`);
  });

  it.each([
    ['jsonl', asJsonl],
    ['csv', asCsv],
  ])('finds an intact %s export of tricky records intact', (format, write) => {
    expect(verify(`intact.${format}`, write(rows))).toEqual({
      code: 0,
      out: `intact: ${last} records (seq 1–${last})`,
    });
  });

  it.each([
    ['jsonl', asJsonl],
    ['csv', asCsv],
  ])('names the record whose content changed in a %s export', (format, write) => {
    const text = write(rows);
    // One byte of record 4's after value: "n":[0.1,… becomes "n":[0.2,…
    const changed = text.replace('[0.1,', '[0.2,');
    expect(changed).not.toBe(text);
    const result = verify(`changed.${format}`, changed);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^broken at seq 4: /);
  });

  it('names the next record when one was rewritten with a fresh hash', () => {
    const forged = chain('tenant-1', [{}, {}, {}, {}]);
    const rewritten = chain('tenant-1', [{}, { after: { forged: true } }])[1];
    const rows2 = [forged[0], rewritten, forged[2], forged[3]];
    const result = verify('forged.jsonl', asJsonl(rows2));
    expect(result).toEqual({
      code: 1,
      out: expect.stringMatching(/^broken at seq 3: its prevHash is not the hash of seq 2/),
    });
  });

  it('checks each record of a filtered export and reports the links it could not check', () => {
    const filtered = rows.filter((r) => [2, 3, 6, 9].includes(r.seq));
    const result = verify('filtered.csv', asCsv(filtered));
    expect(result.code).toBe(0);
    expect(result.out.split('\n')[0]).toBe('intact: 4 records (seq 2–9)');
    expect(result.out).toMatch(/3 link\(s\) not checked.*…→2, 3→6, 6→9/);
  });

  it('tells null from an empty text in CSV', () => {
    const row = chain('tenant-1', [{ actorEmail: '', entityId: null }])[0];
    const line = csvLine(row);
    expect(line).toContain(',"",'); // the empty e-mail
    const swapped = line.replace(',"",', ',,');
    expect(verify('nulls.csv', CSV_HEADER + swapped)).toMatchObject({ code: 1 });
  });

  it('answers 2 for a file that is not an export', () => {
    expect(verify('empty.csv', '')).toMatchObject({ code: 2 });
    expect(verify('other.csv', 'a,b,c\n1,2,3\n')).toMatchObject({ code: 2, out: expect.stringMatching(/header/) });
    expect(verify('garbage.jsonl', 'not json at all\n')).toMatchObject({ code: 2 });
    const missing = spawnSync(process.execPath, [SCRIPT, join(dir, 'nope.jsonl')], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
  });
});
