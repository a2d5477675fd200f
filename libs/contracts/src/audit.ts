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
