/**
 * Canonical JSON: object keys sorted at every level, no whitespace. Two equal
 * values always give the same text, which is what the audit hash chain needs.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit record that its hash covers, in the form they are hashed. */
export interface AuditHashInput {
  tenantId: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  ip: string | null;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
}

/** The exact text hashed for one record: `prevHash` + newline + canonical JSON of the record. */
export function auditHashPayload(record: AuditHashInput): string {
  return `${record.prevHash}\n${canonicalJson(record)}`;
}
