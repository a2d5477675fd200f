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
  UseInterceptors,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { DocumentDetail, DocumentSummary, ListResponse } from '@billinator/contracts';
import { RequirePermission } from '../auth/decorators';
import { notFoundUuid } from '../common/uuid-param';
import { expectedVersion, setEtag } from '../common/versioning';
import { sendPdf } from '../documents/document.controllers';
import { DocumentPdfService } from '../documents/document-pdf.service';
import { IssueDocumentDto } from '../documents/dto/document.dto';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { CreateQuoteDto, ListQuotesQueryDto, RejectQuoteDto, UpdateQuoteDto } from './dto/quote.dto';
import { QuotesService } from './quotes.service';

const id = () => new ParseUUIDPipe({ exceptionFactory: notFoundUuid });

@ApiTags('crm/quotes')
@Controller('crm/quotes')
export class QuotesController {
  constructor(
    private readonly quotes: QuotesService,
    private readonly pdfs: DocumentPdfService,
  ) {}

  @Get()
  @RequirePermission('crm.read')
  list(@Query() query: ListQuotesQueryDto): Promise<ListResponse<DocumentSummary>> {
    return this.quotes.list(query);
  }

  @Get(':id')
  @RequirePermission('crm.read')
  async get(@Param('id', id()) quoteId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const quote = await this.quotes.get(quoteId);
    setEtag(reply, quote.version);
    return quote;
  }

  @Get(':id/pdf')
  @RequirePermission('crm.read')
  async pdf(@Param('id', id()) quoteId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendPdf(reply, await this.pdfs.render('quote', quoteId));
  }

  @Post()
  @UseInterceptors(IdempotencyInterceptor)
  @RequirePermission('crm.write')
  create(@Body() dto: CreateQuoteDto): Promise<DocumentDetail> {
    return this.quotes.create(dto);
  }

  @Patch(':id')
  @RequirePermission('crm.write')
  update(
    @Param('id', id()) quoteId: string,
    @Body() dto: UpdateQuoteDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<DocumentDetail> {
    return this.quotes.update(quoteId, expectedVersion(ifMatch, dto.version), dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('crm.write')
  delete(@Param('id', id()) quoteId: string): Promise<void> {
    return this.quotes.delete(quoteId);
  }

  @Post(':id/send')
  @HttpCode(200)
  @RequirePermission('crm.write')
  send(@Param('id', id()) quoteId: string, @Body() dto: IssueDocumentDto): Promise<DocumentDetail> {
    return this.quotes.send(quoteId, dto.version);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @RequirePermission('crm.write')
  accept(@Param('id', id()) quoteId: string): Promise<DocumentDetail> {
    return this.quotes.accept(quoteId);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequirePermission('crm.write')
  reject(@Param('id', id()) quoteId: string, @Body() dto: RejectQuoteDto): Promise<DocumentDetail> {
    return this.quotes.reject(quoteId, dto.reason ?? null);
  }

  @Post(':id/convert')
  @RequirePermission('crm.write')
  convert(@Param('id', id()) quoteId: string): Promise<DocumentDetail> {
    return this.quotes.convert(quoteId);
  }
}
