import { Inject, Injectable } from '@nestjs/common';
import type { DocumentLinks } from '@billinator/contracts';
import { DATABASE, Database } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';

export type LinkKind = 'converted_to' | 'from_quote' | 'opportunity';

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

  /** The links a document detail shows, with the numbers of the linked documents. */
  async linksOf(documentId: string, validUntil: string | null): Promise<DocumentLinks> {
    const rows = await this.db.query<{ link_kind: LinkKind; target_id: string; number: string | null }>(
      `SELECT l.link_kind, l.target_id, d.number FROM document_links l
       LEFT JOIN documents d ON d.tenant_id = l.tenant_id AND d.id = l.target_id
       WHERE l.tenant_id = $1 AND l.document_id = $2`,
      [this.context.tenantId, documentId],
    );
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
}
