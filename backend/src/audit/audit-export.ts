import { AUDIT_EXPORT_FIELDS, AuditEvent, AuditExportFormat, canonicalJson } from '@billinator/contracts';
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

export function jsonLine(row: AuditRow): string {
  return `${canonicalJson(exportedRecord(row))}\n`;
}

/** One CSV field: null → empty; text quoted when it holds a quote, comma, line break, edge space, or is empty. */
function csvField(value: string | null): string {
  if (value === null) return '';
  return value === '' || /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function jsonText(stored: string | null): string {
  const value = jsonValue(stored);
  // Unparsable stored text goes out as it is (and fails verification), never silently repaired.
  return typeof value === 'string' && value === stored ? stored : canonicalJson(value);
}

export const CSV_HEADER = `\uFEFF${AUDIT_EXPORT_FIELDS.join(',')}\n`;

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
    jsonText(row.before_json),
    jsonText(row.after_json),
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
