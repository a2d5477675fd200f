import { AUDIT_EXPORT_FIELDS, AuditEvent, AuditExportFormat } from '@billinator/contracts';
import type { AuditRow } from './audit.repository';

/**
 * The export formats of the trail. Both carry every field the hash covers, verbatim, so that
 * `npm run audit:verify` (scripts/audit-verify.mjs) recomputes each hash from the file alone.
 *
 * - JSON lines: one canonical JSON object per line (keys sorted), the record plus `hash`.
 * - CSV: a header row of `AUDIT_EXPORT_FIELDS`, then one row per record. `before` and `after`
 *   are canonical JSON text (`null` when empty). Of the other fields, null is an empty field
 *   and an empty text is `""`, so that the two stay apart. Values are written as they are,
 *   without the formula guard of the other CSV exports: a changed character would break the
 *   record's hash. The file starts with a BOM, like the other CSV exports.
 */

/** Stored before/after text as a value; text that is not JSON (a tampered row) stays text, and fails verification. */
function jsonValue(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The exported record of one stored row. */
export function exportedRecord(row: AuditRow): AuditEvent {
  return {
    tenantId: row.tenant_id,
    seq: Number(row.seq),
    at: row.occurred_at,
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    ip: row.ip,
    requestId: row.request_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: jsonValue(row.before_json),
    after: jsonValue(row.after_json),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Stored before/after text as it goes into a JSON line: verbatim when it is JSON, else as a JSON string. */
function jsonMember(text: string | null): string {
  if (text === null) return 'null';
  try {
    JSON.parse(text);
    return text;
  } catch {
    return JSON.stringify(text);
  }
}

/**
 * One record as a JSON line: canonical JSON of `exportedRecord(row)`, written directly (keys in
 * sorted order, the stored before/after text, which is canonical JSON already) instead of
 * parsing and re-serialising every record of a large export.
 */
export function jsonLine(row: AuditRow): string {
  const q = JSON.stringify;
  return `{"action":${q(row.action)},"actorEmail":${q(row.actor_email)},"actorId":${q(row.actor_id)},"after":${jsonMember(row.after_json)},"at":${q(row.occurred_at)},"before":${jsonMember(row.before_json)},"entityId":${q(row.entity_id)},"entityType":${q(row.entity_type)},"hash":${q(row.hash)},"ip":${q(row.ip)},"prevHash":${q(row.prev_hash)},"requestId":${q(row.request_id)},"seq":${Number(row.seq)},"tenantId":${q(row.tenant_id)}}\n`;
}

/** One CSV field: null → empty; text quoted when it holds a quote, comma, line break, edge space, or is empty. */
function csvField(value: string | null): string {
  if (value === null) return '';
  return value === '' || /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const CSV_HEADER = `\uFEFF${AUDIT_EXPORT_FIELDS.join(',')}\n`;

/** One record as a CSV row; before/after are the stored text (canonical JSON), `null` when empty. */
export function csvLine(row: AuditRow): string {
  const fields = [
    row.tenant_id,
    String(Number(row.seq)),
    row.occurred_at,
    row.actor_id,
    row.actor_email,
    row.ip,
    row.request_id,
    row.action,
    row.entity_type,
    row.entity_id,
    row.before_json ?? 'null',
    row.after_json ?? 'null',
    row.prev_hash,
    row.hash,
  ];
  return `${fields.map(csvField).join(',')}\n`;
}

export const EXPORT_CONTENT_TYPES: Record<AuditExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** "Müller & Söhne GmbH" → "muller-sohne-gmbh". */
export function slug(name: string): string {
  const text = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return text || 'tenant';
}
