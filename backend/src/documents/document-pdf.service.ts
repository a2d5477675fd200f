import { Inject, Injectable } from '@nestjs/common';
import type { DocumentKind } from '@billinator/contracts';
import { DATABASE, Database } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';
import { TenantsRepository } from '../tenancy/tenants.repository';
import { DOCUMENT_KIND_CONFIG } from './document-kinds';
import { renderDocumentPdf } from './document-pdf';
import { DocumentsService } from './documents.service';

const TITLES: Record<DocumentKind, string> = {
  sales_invoice: 'Invoice',
  credit_note: 'Credit note',
  purchase_invoice: 'Bill',
  purchase_return: 'Purchase return',
  quote: 'Quote',
};

/** Gathers what a printed document shows (tenant, party, the document) and renders it. */
@Injectable()
export class DocumentPdfService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly documents: DocumentsService,
    private readonly tenants: TenantsRepository,
    private readonly context: RequestContext,
  ) {}

  async render(kind: DocumentKind, id: string): Promise<{ filename: string; pdf: Buffer }> {
    const document = await this.documents.get(kind, id);
    const tenant = await this.tenants.findById(this.context.tenantId);
    const table = DOCUMENT_KIND_CONFIG[kind].partyTable;
    const [party] = await this.db.query<{
      name: string;
      address: string | null;
      tax_id: string | null;
      email: string | null;
    }>(`SELECT name, address, tax_id, email FROM ${table} WHERE tenant_id = $1 AND id = $2`, [
      this.context.tenantId,
      document.partyId,
    ]);
    const pdf = await renderDocumentPdf({
      title: TITLES[kind],
      tenant: {
        name: tenant?.name ?? '',
        address: tenant?.address ?? null,
        taxId: tenant?.taxId ?? null,
        currency: tenant?.currency ?? '',
      },
      party: {
        label: table === 'customers' ? 'Bill to' : 'Supplier',
        name: party?.name ?? document.partyName,
        address: party?.address ?? null,
        taxId: party?.tax_id ?? null,
        email: party?.email ?? null,
      },
      document,
      generatedAt: new Date().toISOString(),
    });
    const filename = `${document.number ?? `draft-${TITLES[kind].toLowerCase().replace(' ', '-')}`}.pdf`;
    return { filename, pdf };
  }
}
