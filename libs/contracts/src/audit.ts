import type { AuditHashInput } from './canonical-json';

/** One record of the audit trail: what its hash covers, and the hash. */
export interface AuditEvent extends AuditHashInput {
  hash: string;
}
export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: string | null;
}

/** Someone who appears in a tenant's trail (`GET audit/actors`), with the e-mail of their latest record. */
export interface AuditActor {
  id: string;
  email: string | null;
}

/** `GET audit/actors`: everyone who appears in the tenant's trail, by e-mail. */
export interface AuditActorsResponse {
  items: AuditActor[];
}

/** `GET audit/actions`: every action that appears in the tenant's trail, sorted. */
export interface AuditActionsResponse {
  items: string[];
}

export const AUDIT_EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

/**
 * The fields of an exported record, in column order: every field the hash covers, then the
 * hash. A CSV export has these columns (before/after as canonical JSON text); a JSON-lines
 * export has one canonical JSON object with these keys per line.
 */
export const AUDIT_EXPORT_FIELDS = [
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
] as const satisfies readonly (keyof AuditEvent)[];
