import type { Migration } from './migration';

/**
 * The audit trail's filter by entity. DuckDB answers an equality on a single indexed column
 * from its ART index (the audit repository asks for `entity_id` alone, then narrows to the
 * tenant), which turns a scan of every entity id into a point lookup; its other filters
 * (action, actor, period) scan narrow columns fast enough and get no index. PostgreSQL gets
 * btree indexes for the entity, actor and action filters, each ending in `seq` for the order.
 */
export const auditIndexes: Migration = {
  version: 8,
  name: 'audit trail filter indexes',
  sql: 'CREATE INDEX audit_log_entity_idx ON audit_log (entity_id);',
  engines: {
    postgres: `
CREATE INDEX audit_log_entity_idx ON audit_log (tenant_id, entity_id, seq);
CREATE INDEX audit_log_actor_idx ON audit_log (tenant_id, actor_id, seq);
CREATE INDEX audit_log_action_idx ON audit_log (tenant_id, action, seq);
`,
  },
};
