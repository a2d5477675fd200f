import { Inject, Injectable } from '@nestjs/common';
import type { DocumentLinks } from '@billinator/contracts';
import { placeholders } from '../common/placeholders';
import { DATABASE, Database, SqlParam } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';

export type LinkKind = 'converted_to' | 'from_quote' | 'opportunity';

/** A link of a document with the number of the document it points to (null for other records). */
export interface LinkRow {
  link_kind: LinkKind;
  target_id: string;
  number: string | null;
}

/** The links a document detail shows. */
export function toDocumentLinks(rows: readonly LinkRow[], validUntil: string | null): DocumentLinks {
  const link = (kind: LinkKind) => rows.find((r) => r.link_kind === kind);
  return {
    quoteId: link('from_quote')?.target_id ?? null,
    quoteNumber: link('from_quote')?.number ?? null,
    convertedInvoiceId: link('converted_to')?.target_id ?? null,
    convertedInvoiceNumber: link('converted_to')?.number ?? null,
    opportunityId: link('opportunity')?.target_id ?? null,
    validUntil,
  };
}

/** Links from a document to another record: one per kind, so a quote converts once. */
@Injectable()
export class DocumentLinksRepository {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly context: RequestContext,
  ) {}

  async set(documentId: string, kind: LinkKind, targetId: string, at: string): Promise<void> {
    await this.db.execute(
      `INSERT INTO document_links (tenant_id, document_id, link_kind, target_id, created_at)
       VALUES ($1, $2, $3, $4, CAST($5 AS TIMESTAMPTZ))`,
      [this.context.tenantId, documentId, kind, targetId, at],
    );
  }

  async remove(documentId: string, kind: LinkKind): Promise<void> {
    await this.db.execute('DELETE FROM document_links WHERE tenant_id = $1 AND document_id = $2 AND link_kind = $3', [
      this.context.tenantId,
      documentId,
      kind,
    ]);
  }

  async target(documentId: string, kind: LinkKind): Promise<string | null> {
    const rows = await this.db.query<{ target_id: string }>(
      'SELECT target_id FROM document_links WHERE tenant_id = $1 AND document_id = $2 AND link_kind = $3',
      [this.context.tenantId, documentId, kind],
    );
    return rows[0]?.target_id ?? null;
  }

  /** Documents that link to `targetId` with `kind` (e.g. the quotes of an opportunity). */
  async sources(kind: LinkKind, targetId: string): Promise<string[]> {
    const rows = await this.db.query<{ document_id: string }>(
      'SELECT document_id FROM document_links WHERE tenant_id = $1 AND link_kind = $2 AND target_id = $3',
      [this.context.tenantId, kind, targetId],
    );
    return rows.map((r) => r.document_id);
  }

  /**
   * The links a document detail shows, with the numbers of the linked documents: the links by
   * `document_id` alone (an index lookup on DuckDB, see migration 9), other tenants' dropped here,
   * then the numbers only when there are links (most documents have none).
   */
  async linksOf(documentId: string, validUntil: string | null): Promise<DocumentLinks> {
    const tenantId = this.context.tenantId;
    const links = (
      await this.db.query<{ tenant_id: string; link_kind: LinkKind; target_id: string }>(
        'SELECT tenant_id, link_kind, target_id FROM document_links WHERE document_id = $1',
        [documentId],
      )
    ).filter((l) => l.tenant_id === tenantId);
    if (links.length === 0) return toDocumentLinks([], validUntil);
    const params: SqlParam[] = [];
    const numbers = new Map(
      (
        await this.db.query<{ tenant_id: string; id: string; number: string | null }>(
          `SELECT tenant_id, id, number FROM documents WHERE id IN (${placeholders(params, [...new Set(links.map((l) => l.target_id))])})`,
          params,
        )
      )
        .filter((d) => d.tenant_id === tenantId)
        .map((d) => [d.id, d.number]),
    );
    return toDocumentLinks(
      links.map((l) => ({ link_kind: l.link_kind, target_id: l.target_id, number: numbers.get(l.target_id) ?? null })),
      validUntil,
    );
  }
}
