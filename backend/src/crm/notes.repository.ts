import { Inject, Injectable } from '@nestjs/common';
import type { Note } from '@billinator/contracts';
import { SqlWhere } from '../common/sql-where';
import { DATABASE, Database } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';

export interface NoteRecord {
  body: string;
  customerId: string | null;
  opportunityId: string | null;
  authorId: string;
}

export interface NoteFilter {
  customerId?: string;
  opportunityId?: string;
  q?: string;
  limit: number;
  offset: number;
}

interface NoteRow {
  id: string;
  body: string;
  customer_id: string | null;
  opportunity_id: string | null;
  author_id: string;
  author_name: string | null;
  created_at: string;
}

const SELECT = `SELECT n.id, n.body, n.customer_id, n.opportunity_id, n.author_id, u.name AS author_name, n.created_at
  FROM notes n LEFT JOIN users u ON u.tenant_id = n.tenant_id AND u.id = n.author_id`;

function toNote(row: NoteRow): Note {
  return {
    id: row.id,
    body: row.body,
    customerId: row.customer_id,
    opportunityId: row.opportunity_id,
    authorId: row.author_id,
    authorName: row.author_name ?? '',
    createdAt: row.created_at,
  };
}

/** Notes on customers and opportunities; written once, never edited. */
@Injectable()
export class NotesRepository {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly context: RequestContext,
  ) {}

  /** Newest first. */
  async list(filter: NoteFilter): Promise<{ items: Note[]; total: number }> {
    const where = new SqlWhere('n.tenant_id', this.context.tenantId);
    if (filter.customerId) where.add('n.customer_id = ?', filter.customerId);
    if (filter.opportunityId) where.add('n.opportunity_id = ?', filter.opportunityId);
    if (filter.q) where.add('strpos(lower(n.body), ?) > 0', filter.q.trim().toLowerCase());
    const countParams = [...where.params];
    const limit = where.next(filter.limit);
    const offset = where.next(filter.offset);
    const [count, rows] = await Promise.all([
      this.db.query<{ total: number }>(`SELECT count(*) AS total FROM notes n WHERE ${where.sql}`, countParams),
      this.db.query<NoteRow>(
        `${SELECT} WHERE ${where.sql} ORDER BY n.created_at DESC, n.id DESC LIMIT ${limit} OFFSET ${offset}`,
        where.params,
      ),
    ]);
    return { items: rows.map(toNote), total: Number(count[0]?.total ?? 0) };
  }

  async findById(id: string): Promise<Note | null> {
    const rows = await this.db.query<NoteRow>(`${SELECT} WHERE n.tenant_id = $1 AND n.id = $2`, [
      this.context.tenantId,
      id,
    ]);
    return rows[0] ? toNote(rows[0]) : null;
  }

  async insert(id: string, note: NoteRecord, at: string): Promise<void> {
    await this.db.execute(
      `INSERT INTO notes (id, tenant_id, body, customer_id, opportunity_id, author_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, CAST($7 AS TIMESTAMPTZ))`,
      [id, this.context.tenantId, note.body, note.customerId, note.opportunityId, note.authorId, at],
    );
  }

  async delete(id: string): Promise<void> {
    await this.db.execute('DELETE FROM notes WHERE tenant_id = $1 AND id = $2', [this.context.tenantId, id]);
  }
}
