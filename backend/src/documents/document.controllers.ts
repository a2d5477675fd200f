import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
  Type,
  UseInterceptors,
} from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type {
  DocumentDetail,
  DocumentSummary,
  ListResponse,
  PartyAccount,
  Payment,
  PaymentDirection,
  Permission,
} from '@billinator/contracts';
import { RequirePermission } from '../auth/decorators';
import { csvReply } from '../common/csv-reply';
import { notFoundUuid } from '../common/uuid-param';
import { expectedVersion, setEtag } from '../common/versioning';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { CorrectionsService } from './corrections.service';
import { DOCUMENT_KIND_CONFIG } from './document-kinds';
import { DocumentPdfService } from './document-pdf.service';
import { DocumentsService } from './documents.service';
import {
  AllocateDto,
  CorrectionDto,
  CreateInvoiceDto,
  IssueDocumentDto,
  ListDocumentsQueryDto,
  ListPaymentsQueryDto,
  PaymentDto,
  ReasonDto,
  UpdateInvoiceDto,
} from './dto/document.dto';
import { PaymentsService } from './payments.service';

const id = () => new ParseUUIDPipe({ exceptionFactory: notFoundUuid });
const IDEMPOTENCY_HEADER = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retrying with the same key returns the first answer and creates nothing twice',
});

export async function sendPdf(reply: FastifyReply, file: { filename: string; pdf: Buffer }): Promise<StreamableFile> {
  void reply.header('content-disposition', `attachment; filename="${file.filename}"`);
  return new StreamableFile(file.pdf, { type: 'application/pdf' });
}

/** Sales invoices and bills: drafts, issue/post, void, PDF, CSV export. */
export function invoiceController(
  path: string,
  kind: 'sales_invoice' | 'purchase_invoice',
  issueVerb: 'issue' | 'post',
): Type<unknown> {
  const config = DOCUMENT_KIND_CONFIG[kind];

  @ApiTags(path)
  @Controller(path)
  class InvoiceController {
    constructor(
      readonly documents: DocumentsService,
      readonly pdfs: DocumentPdfService,
    ) {}

    @Get()
    @RequirePermission(config.read)
    list(@Query() query: ListDocumentsQueryDto): Promise<ListResponse<DocumentSummary>> {
      return this.documents.list(kind, query);
    }

    @Get('export')
    @RequirePermission(config.read)
    async export(@Query() query: ListDocumentsQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
      return csvReply(reply, path.replace('/', '-'), await this.documents.exportCsv(kind, query));
    }

    @Get(':id')
    @RequirePermission(config.read)
    async get(@Param('id', id()) docId: string, @Res({ passthrough: true }) reply: FastifyReply) {
      const document = await this.documents.get(kind, docId);
      setEtag(reply, document.version);
      return document;
    }

    @Get(':id/pdf')
    @RequirePermission(config.read)
    async pdf(@Param('id', id()) docId: string, @Res({ passthrough: true }) reply: FastifyReply) {
      return sendPdf(reply, await this.pdfs.render(kind, docId));
    }

    @Post()
    @IDEMPOTENCY_HEADER
    @UseInterceptors(IdempotencyInterceptor)
    @RequirePermission(config.write)
    async create(@Body() dto: CreateInvoiceDto, @Res({ passthrough: true }) reply: FastifyReply) {
      const document = await this.documents.create(kind, dto);
      setEtag(reply, document.version);
      return document;
    }

    @Patch(':id')
    @RequirePermission(config.write)
    async update(
      @Param('id', id()) docId: string,
      @Body() dto: UpdateInvoiceDto,
      @Headers('if-match') ifMatch: string | undefined,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<DocumentDetail> {
      const document = await this.documents.update(kind, docId, expectedVersion(ifMatch, dto.version), dto);
      setEtag(reply, document.version);
      return document;
    }

    @Delete(':id')
    @HttpCode(204)
    @RequirePermission(config.write)
    delete(@Param('id', id()) docId: string): Promise<void> {
      return this.documents.delete(kind, docId);
    }

    @Post(`:id/${issueVerb}`)
    @HttpCode(200)
    @RequirePermission(config.write)
    issue(@Param('id', id()) docId: string, @Body() dto: IssueDocumentDto): Promise<DocumentDetail> {
      return this.documents.issue(kind, docId, dto.version);
    }

    @Post(':id/void')
    @HttpCode(200)
    @RequirePermission('accounting.write')
    void(@Param('id', id()) docId: string, @Body() dto: ReasonDto): Promise<DocumentDetail> {
      return this.documents.void(kind, docId, dto.reason);
    }
  }

  Reflect.defineMetadata('design:paramtypes', [DocumentsService, DocumentPdfService], InvoiceController);
  return InvoiceController;
}

/** Credit notes and purchase returns: created final, read, printed. */
export function correctionController(path: string, kind: 'credit_note' | 'purchase_return'): Type<unknown> {
  const config = DOCUMENT_KIND_CONFIG[kind];

  @ApiTags(path)
  @Controller(path)
  class CorrectionController {
    constructor(
      readonly documents: DocumentsService,
      readonly corrections: CorrectionsService,
      readonly pdfs: DocumentPdfService,
    ) {}

    @Get()
    @RequirePermission(config.read)
    list(@Query() query: ListDocumentsQueryDto): Promise<ListResponse<DocumentSummary>> {
      return this.documents.list(kind, query);
    }

    @Get(':id')
    @RequirePermission(config.read)
    get(@Param('id', id()) docId: string): Promise<DocumentDetail> {
      return this.documents.get(kind, docId);
    }

    @Get(':id/pdf')
    @RequirePermission(config.read)
    async pdf(@Param('id', id()) docId: string, @Res({ passthrough: true }) reply: FastifyReply) {
      return sendPdf(reply, await this.pdfs.render(kind, docId));
    }

    @Post()
    @IDEMPOTENCY_HEADER
    @UseInterceptors(IdempotencyInterceptor)
    @RequirePermission(config.write)
    create(@Body() dto: CorrectionDto): Promise<DocumentDetail> {
      return this.corrections.create(kind, dto);
    }
  }

  Reflect.defineMetadata(
    'design:paramtypes',
    [DocumentsService, CorrectionsService, DocumentPdfService],
    CorrectionController,
  );
  return CorrectionController;
}

/** Payments received or made: record, allocate the remainder, reverse. */
export function paymentController(path: string, direction: PaymentDirection, read: Permission): Type<unknown> {
  @ApiTags(path)
  @Controller(path)
  class PaymentController {
    constructor(readonly payments: PaymentsService) {}

    @Get()
    @RequirePermission(read)
    list(@Query() query: ListPaymentsQueryDto): Promise<ListResponse<Payment>> {
      return this.payments.list(direction, query);
    }

    @Get(':id')
    @RequirePermission(read)
    get(@Param('id', id()) paymentId: string): Promise<Payment> {
      return this.payments.get(direction, paymentId);
    }

    @Post()
    @IDEMPOTENCY_HEADER
    @UseInterceptors(IdempotencyInterceptor)
    @RequirePermission('accounting.write')
    create(@Body() dto: PaymentDto): Promise<Payment> {
      return this.payments.create(direction, dto);
    }

    @Post(':id/allocate')
    @HttpCode(200)
    @RequirePermission('accounting.write')
    allocate(@Param('id', id()) paymentId: string, @Body() dto: AllocateDto): Promise<Payment> {
      return this.payments.allocate(direction, paymentId, dto.allocations);
    }

    @Post(':id/reverse')
    @HttpCode(200)
    @RequirePermission('accounting.write')
    reverse(@Param('id', id()) paymentId: string, @Body() dto: ReasonDto): Promise<Payment> {
      return this.payments.reverse(direction, paymentId, dto.reason);
    }
  }

  Reflect.defineMetadata('design:paramtypes', [PaymentsService], PaymentController);
  return PaymentController;
}

/** Where a customer or supplier stands: balance, credit, overdue, open documents. */
@ApiTags('accounts')
@Controller()
export class PartyAccountsController {
  constructor(private readonly payments: PaymentsService) {}

  @Get('customers/:id/account')
  @RequirePermission('sales.read')
  customer(@Param('id', id()) customerId: string): Promise<PartyAccount> {
    return this.payments.account('received', customerId);
  }

  @Get('suppliers/:id/account')
  @RequirePermission('purchase.read')
  supplier(@Param('id', id()) supplierId: string): Promise<PartyAccount> {
    return this.payments.account('made', supplierId);
  }
}
