import { Inject, Injectable } from '@nestjs/common';
import type { DocumentDetail, DocumentSummary, ListResponse } from '@billinator/contracts';
import { AuditService } from '../audit/audit.service';
import { addDays, today } from '../common/date.validator';
import { nowIso } from '../common/ids';
import { ProblemException } from '../common/problem.exception';
import { staleVersion } from '../common/versioning';
import { DATABASE, Database } from '../database/database.port';
import { DOCUMENT_KIND_CONFIG } from '../documents/document-kinds';
import { DocumentLinksRepository } from '../documents/document-links.repository';
import { DocumentHeaderRecord, DocumentsRepository } from '../documents/documents.repository';
import { DocumentsService } from '../documents/documents.service';
import { CreateQuoteDto, ListQuotesQueryDto, UpdateQuoteDto } from './dto/quote.dto';
import { OpportunitiesRepository } from './opportunities.repository';
import { QuotesRepository } from './quotes.repository';
import { RequestContext } from '../tenancy/request-context';

const QUOTE = DOCUMENT_KIND_CONFIG.quote;

/** Whether a sent quote has run out: past its valid-until date. */
export function isExpired(header: Pick<DocumentHeaderRecord, 'status' | 'dueDate'>, on: string): boolean {
  return header.status === 'sent' && header.dueDate < on;
}

/**
 * Quotes: drafts priced like invoices, sent with a QT- number, accepted or rejected by
 * the customer, converted exactly once into a draft sales invoice.
 */
@Injectable()
export class QuotesService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly documents: DocumentsService,
    private readonly repository: DocumentsRepository,
    private readonly quotes: QuotesRepository,
    private readonly links: DocumentLinksRepository,
    private readonly opportunities: OpportunitiesRepository,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
  ) {}

  list(query: ListQuotesQueryDto): Promise<ListResponse<DocumentSummary>> {
    const linkedTo = query.opportunityId ? { kind: 'opportunity', targetId: query.opportunityId } : undefined;
    return this.documents.list('quote', query, linkedTo);
  }

  get(id: string): Promise<DocumentDetail> {
    return this.documents.get('quote', id);
  }

  async create(dto: CreateQuoteDto): Promise<DocumentDetail> {
    return this.db.transaction(this.context.tenantId, async () => {
      if (dto.opportunityId && !(await this.opportunities.find(dto.opportunityId))) {
        throw new ProblemException(422, 'unprocessable', `No opportunity with id ${dto.opportunityId}`, [
          { field: 'opportunityId', message: 'unknown' },
        ]);
      }
      const { validUntil, opportunityId, ...invoice } = dto;
      const created = await this.documents.create('quote', {
        ...invoice,
        dueDate: validUntil ?? dto.dueDate ?? addDays(dto.issueDate, 30),
      });
      if (opportunityId) await this.links.set(created.id, 'opportunity', opportunityId, nowIso());
      return this.get(created.id);
    });
  }

  update(id: string, version: number, dto: UpdateQuoteDto): Promise<DocumentDetail> {
    const { validUntil, ...rest } = dto;
    return this.documents.update('quote', id, version, {
      ...rest,
      ...(validUntil !== undefined ? { dueDate: validUntil } : {}),
    });
  }

  delete(id: string): Promise<void> {
    return this.db.transaction(this.context.tenantId, async () => {
      await this.documents.delete('quote', id);
      await this.links.remove(id, 'opportunity');
    });
  }

  /** Numbers the quote (gapless QT- series) and marks it sent. */
  async send(id: string, version: number | undefined): Promise<DocumentDetail> {
    await this.db.transaction(this.context.tenantId, async () => {
      const current = await this.documents.header('quote', id);
      if (current.status !== 'draft') {
        throw new ProblemException(409, 'conflict', `${current.number} has already been sent`);
      }
      if (version !== undefined && current.version !== version) throw staleVersion('quote', current.version);
      const number = await this.documents.nextNumber(QUOTE, current.issueDate);
      const at = nowIso();
      if (!(await this.repository.markIssued(id, current.version, number, 'sent', at))) {
        throw staleVersion('quote', current.version + 1);
      }
      await this.audit.record({
        action: 'quote.sent',
        entityType: 'quote',
        entityId: id,
        before: { status: 'draft', number: null },
        after: { status: 'sent', number, total: current.total, validUntil: current.dueDate },
      });
    });
    return this.get(id);
  }

  accept(id: string): Promise<DocumentDetail> {
    return this.answer(id, 'accepted', null);
  }

  reject(id: string, reason: string | null): Promise<DocumentDetail> {
    return this.answer(id, 'rejected', reason);
  }

  private async answer(id: string, to: 'accepted' | 'rejected', reason: string | null): Promise<DocumentDetail> {
    await this.db.transaction(this.context.tenantId, async () => {
      const current = await this.documents.header('quote', id);
      if (current.status === 'draft') {
        throw new ProblemException(409, 'conflict', 'This quote is still a draft; send it to the customer first');
      }
      if (current.status !== 'sent') {
        throw new ProblemException(409, 'conflict', `${current.number} is already ${current.status}`);
      }
      if (to === 'accepted' && isExpired(current, today())) {
        throw new ProblemException(
          409,
          'conflict',
          `${current.number} expired on ${current.dueDate}; it can no longer be accepted — send a new quote`,
        );
      }
      if (!(await this.quotes.moveStatus(id, 'sent', to, reason, nowIso()))) {
        throw staleVersion('quote', current.version + 1);
      }
      await this.audit.record({
        action: `quote.${to}`,
        entityType: 'quote',
        entityId: id,
        before: { status: current.status },
        after: { status: to, reason },
      });
    });
    return this.get(id);
  }

  /**
   * Turns an accepted quote into a draft sales invoice with the same lines, in one
   * transaction, linked both ways. The link's key refuses a second conversion.
   */
  async convert(id: string): Promise<DocumentDetail> {
    const invoiceId = await this.db.transaction(this.context.tenantId, async () => {
      const current = await this.documents.header('quote', id);
      if (current.status === 'converted') {
        const invoice = await this.links.target(id, 'converted_to');
        throw new ProblemException(
          409,
          'conflict',
          `${current.number} has already been converted into an invoice`,
          undefined,
          {
            invoiceId: invoice,
          },
        );
      }
      if (current.status !== 'accepted') {
        const state = current.status === 'draft' ? 'a draft' : isExpired(current, today()) ? 'expired' : current.status;
        throw new ProblemException(
          409,
          'conflict',
          `Only an accepted quote becomes an invoice; ${current.number ?? 'this quote'} is ${state}`,
        );
      }
      const lines = await this.repository.lines(id);
      const invoice = await this.documents.create('sales_invoice', {
        customerId: current.partyId,
        issueDate: today(),
        notes: current.notes ? `${current.notes}\nFrom quote ${current.number}` : `From quote ${current.number}`,
        lines: lines.map((l) => ({
          productId: l.productId,
          description: l.description,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          discountPercent: l.discountPercent,
          taxRate: l.taxRate,
        })),
      });
      const at = nowIso();
      await this.links.set(id, 'converted_to', invoice.id, at);
      await this.links.set(invoice.id, 'from_quote', id, at);
      if (!(await this.quotes.moveStatus(id, 'accepted', 'converted', null, at))) {
        throw staleVersion('quote', current.version + 1);
      }
      await this.audit.record({
        action: 'quote.converted',
        entityType: 'quote',
        entityId: id,
        before: { status: 'accepted' },
        after: { status: 'converted', invoiceId: invoice.id, total: invoice.total },
      });
      return invoice.id;
    });
    return this.documents.get('sales_invoice', invoiceId);
  }
}
