#!/usr/bin/env node
// `npm run audit:verify -- FILE`: verifies an audit export (GET /api/v1/audit/export, CSV or
// JSON lines) offline, with no server and no database: recomputes every record's hash and the
// link from each record to the one before it.
//
//   exit 0  intact: N records (seq a–b)            (and, for a filtered export, the links it
//                                                   could not check because records are missing)
//   exit 1  broken at seq S: <reason>              (the first record that does not fit)
//   exit 2  the file cannot be read as an export
//
// The hash of a record is sha256(prevHash + "\n" + canonicalJson(record)), where the record is
// {tenantId, seq, at, actorId, actorEmail, ip, requestId, action, entityType, entityId, before,
// after, prevHash} and canonical JSON sorts object keys at every level and has no whitespace.
// This file repeats those few lines of libs/contracts/src/canonical-json.ts on purpose, so that
// it runs on its own (no build, no dependencies; copy it anywhere Node runs). A unit test
// (backend/src/audit/audit-verify.spec.ts) hashes the same records with both and compares.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const GENESIS_HASH = '0'.repeat(64);
/** Every hashed field, then the hash: the CSV columns, the keys of a JSON line. */
export const FIELDS = [
  'tenantId',
  'seq',
  'at',
  'actorId',
  'actorEmail',
  'ip',
  'requestId',
  'action',
  'entityType',
  'entityId',
  'before',
  'after',
  'prevHash',
  'hash',
];
const HASHED = FIELDS.slice(0, -1);
const NULLABLE = new Set(['actorId', 'actorEmail', 'ip', 'requestId', 'entityId']);
const HEX64 = /^[0-9a-f]{64}$/;

export function canonicalJson(value) {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value).sort()) {
      const v = value[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function recordHash(record) {
  const hashed = Object.fromEntries(HASHED.map((k) => [k, record[k]]));
  return createHash('sha256')
    .update(`${record.prevHash}\n${canonicalJson(hashed)}`)
    .digest('hex');
}

/** A file that is not an export at all (exit 2). */
class BadFile extends Error {}
/** A record that does not fit (exit 1). */
class Broken extends Error {
  constructor(seq, reason) {
    super(`broken at seq ${seq}: ${reason}`);
    this.seq = seq;
  }
}

// ------------------------------------------------------------------ reading the two formats

/** JSON lines: one object per line. Answers {record} or {seq, problem} for a line that is not one. */
async function* jsonLines(path) {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  for await (const raw of lines) {
    number++;
    const line = number === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') continue;
    let value;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      const seq = /"seq":(\d+)/.exec(line)?.[1];
      if (seq === undefined) throw new BadFile(`line ${number} is not a JSON record`);
      yield { seq: Number(seq), problem: 'the line is not valid JSON' };
      continue;
    }
    yield { record: value };
  }
}

/**
 * CSV (RFC 4180, as the server writes it): a header row of FIELDS, then one row per record.
 * An empty unquoted field is null, `""` is an empty text; before/after are JSON text.
 */
async function* csvRecords(path) {
  let header = null;
  for await (const { fields, line } of csvRows(path)) {
    if (header === null) {
      header = fields.map((f) => f.value);
      if (header.join(',') !== FIELDS.join(',')) {
        throw new BadFile(`the header row is not that of an audit export (expected: ${FIELDS.join(',')})`);
      }
      continue;
    }
    const seqText = fields[1]?.value;
    const seq = /^\d+$/.test(seqText ?? '') ? Number(seqText) : null;
    if (fields.length !== FIELDS.length) {
      if (seq === null) throw new BadFile(`line ${line} has ${fields.length} fields instead of ${FIELDS.length}`);
      yield { seq, problem: `its row has ${fields.length} fields instead of ${FIELDS.length}` };
      continue;
    }
    const record = {};
    let problem = null;
    FIELDS.forEach((name, i) => {
      const { value, quoted } = fields[i];
      if (name === 'seq') record.seq = seq ?? value;
      else if (name === 'before' || name === 'after') {
        try {
          record[name] = JSON.parse(value);
        } catch {
          problem ??= `${name} is not JSON`;
        }
      } else record[name] = !quoted && value === '' && NULLABLE.has(name) ? null : value;
    });
    if (problem !== null && seq !== null) yield { seq, problem };
    else yield { record };
  }
  if (header === null) throw new BadFile('the file is empty');
}

/** Splits CSV text into rows of {value, quoted} fields, streaming. */
async function* csvRows(path) {
  let fields = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  let quoteSeen = false; // a quote inside quotes: either "" or the closing quote
  let line = 1;
  let rowLine = 1;
  let first = true;
  const endField = () => {
    fields.push({ value: field, quoted });
    field = '';
    quoted = false;
  };
  for await (let chunk of createReadStream(path, { encoding: 'utf8' })) {
    if (first) {
      chunk = chunk.replace(/^\uFEFF/, '');
      first = false;
    }
    const rows = [];
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (inQuotes) {
        if (quoteSeen) {
          quoteSeen = false;
          if (c === '"') {
            field += '"';
            continue;
          }
          inQuotes = false; // that was the closing quote: c is outside the quotes
        } else if (c === '"') {
          quoteSeen = true;
          continue;
        } else {
          if (c === '\n') line++;
          field += c;
          continue;
        }
      }
      if (c === ',') endField();
      else if (c === '\n') {
        endField();
        if (!(fields.length === 1 && fields[0].value === '' && !fields[0].quoted)) rows.push({ fields, line: rowLine });
        fields = [];
        line++;
        rowLine = line;
      } else if (c === '\r') continue;
      else if (c === '"' && field === '' && !quoted) {
        inQuotes = true;
        quoted = true;
      } else if (quoted) throw new BadFile(`line ${line}: text after the closing quote of a field`);
      else field += c;
    }
    yield* rows;
  }
  if (inQuotes && !quoteSeen) throw new BadFile(`line ${rowLine}: a quoted field is not closed`);
  if (field !== '' || quoted || fields.length > 0) {
    endField();
    yield { fields, line: rowLine };
  }
}

// ------------------------------------------------------------------ checking

function checkShape(record) {
  for (const name of FIELDS) {
    if (!(name in record)) return `it has no ${name}`;
  }
  if (!Number.isSafeInteger(record.seq) || record.seq < 1) return 'its seq is not a positive whole number';
  for (const name of ['tenantId', 'at', 'action', 'entityType', 'prevHash', 'hash']) {
    if (typeof record[name] !== 'string') return `its ${name} is not text`;
  }
  for (const name of NULLABLE) {
    if (record[name] !== null && typeof record[name] !== 'string') return `its ${name} is neither text nor null`;
  }
  if (!HEX64.test(record.hash)) return 'its hash is not 64 hexadecimal digits';
  if (!HEX64.test(record.prevHash)) return 'its prevHash is not 64 hexadecimal digits';
  return null;
}

/** Verifies an export file; answers the summary lines, or throws Broken / BadFile. */
export async function verifyFile(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    throw new BadFile(`cannot read ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  }
  if (!stat.isFile()) throw new BadFile(`${path} is not a file`);
  const format = await detectFormat(path);
  const source = format === 'jsonl' ? jsonLines(path) : csvRecords(path);
  let count = 0;
  let first = null;
  let previous = null; // { seq, hash, tenantId }
  const unchecked = []; // [from seq, to seq] pairs whose link is not in the file
  for await (const item of source) {
    if (item.problem) throw new Broken(item.seq, item.problem);
    const record = item.record;
    const shape = checkShape(record);
    // A record without a readable seq is named by the seq it should have had.
    if (shape) throw new Broken(Number.isSafeInteger(record.seq) ? record.seq : (previous?.seq ?? 0) + 1, shape);
    const { seq } = record;
    if (previous && seq <= previous.seq) throw new Broken(seq, `out of order: it follows seq ${previous.seq}`);
    if (previous && record.tenantId !== previous.tenantId) {
      throw new Broken(seq, `it belongs to tenant ${record.tenantId}, the records before it to ${previous.tenantId}`);
    }
    if (recordHash(record) !== record.hash) throw new Broken(seq, 'its content does not match its hash (altered)');
    if (seq === 1) {
      if (record.prevHash !== GENESIS_HASH) throw new Broken(seq, 'the first record must point to 64 zeros');
    } else if (previous && seq === previous.seq + 1) {
      if (record.prevHash !== previous.hash) {
        throw new Broken(seq, `its prevHash is not the hash of seq ${previous.seq} (one of the two was changed)`);
      }
    } else {
      unchecked.push([previous ? previous.seq : null, seq]);
    }
    first ??= seq;
    previous = { seq, hash: record.hash, tenantId: record.tenantId };
    count++;
  }
  if (count === 0) return ['intact: 0 records'];
  const lines = [`intact: ${count} records (seq ${first}–${previous.seq})`];
  if (unchecked.length > 0) {
    const shown = unchecked
      .slice(0, 10)
      .map(([from, to]) => (from === null ? `…→${to}` : `${from}→${to}`))
      .join(', ');
    lines.push(
      `${unchecked.length} link(s) not checked: the records between are not in the file (a filtered export): ${shown}${unchecked.length > 10 ? ', …' : ''}`,
    );
  }
  return lines;
}

async function detectFormat(path) {
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv') return 'csv';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', start: 0, end: 4095 })) {
    const text = chunk.replace(/^\uFEFF/, '').trimStart();
    if (text.startsWith('{')) return 'jsonl';
    if (text.startsWith('tenantId,')) return 'csv';
    break;
  }
  throw new BadFile(`${path} is neither a CSV nor a JSON-lines audit export`);
}

async function main(args) {
  const files = args.filter((a) => a !== '--');
  if (files.length !== 1) {
    console.error('usage: npm run audit:verify -- FILE   (a CSV or JSON-lines export of the audit trail)');
    return 2;
  }
  try {
    for (const line of await verifyFile(files[0])) console.log(line);
    return 0;
  } catch (error) {
    if (error instanceof Broken) {
      console.log(error.message);
      return 1;
    }
    if (error instanceof BadFile) {
      console.error(`not an audit export: ${error.message}`);
      return 2;
    }
    console.error(`cannot verify ${files[0]}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
