import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Dashboard, ReportResult } from '@billinator/contracts';
import { RequirePermission } from '../auth/decorators';
import { toCsv } from '../common/csv';
import { csvDownload } from '../common/csv-reply';
import {
  AgingQueryDto,
  CustomerStatementQueryDto,
  GrossProfitQueryDto,
  ReportFormat,
  SalesReportQueryDto,
  SupplierStatementQueryDto,
  TableFormatQueryDto,
  TaxSummaryQueryDto,
} from './dto/report-query.dto';
import { ReportsService, StatementReport } from './reports.service';

type ReportAnswer = ReportResult | string | StreamableFile;

/** The table of a report as CSV: column labels, the rows, then the totals row. */
export function reportCsv(result: ReportResult): string {
  const cells = (row: Record<string, unknown>) => result.columns.map((c) => row[c.key] ?? null);
  return toCsv(
    result.columns.map((c) => c.label),
    [...result.rows.map(cells), ...(result.totals ? [cells(result.totals)] : [])],
  );
}

/** `sales-2026-01-01-2026-12-31`, `receivables-aging-2026-03-31`, … */
function fileStem(result: ReportResult): string {
  const { from, to, asOf } = result.filters;
  const dates = from && to ? [from, to] : asOf ? [asOf] : [];
  return [result.name, ...dates].join('-');
}

/**
 * Reports (`reports.read`): JSON by default, `?format=csv` as a download (statements also
 * `?format=pdf`). Every download is audited as `report.exported` with its filters.
 */
@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  private async answer(result: ReportResult, format: ReportFormat | undefined, reply: FastifyReply) {
    if (format !== 'csv') return result;
    await this.reports.recordExport(result.name, 'csv', result.filters);
    return csvDownload(reply, `${fileStem(result)}.csv`, reportCsv(result));
  }

  private async answerStatement(
    direction: 'received' | 'made',
    report: StatementReport,
    format: ReportFormat | undefined,
    reply: FastifyReply,
  ): Promise<ReportAnswer> {
    if (format !== 'pdf') return this.answer(report.result, format, reply);
    const pdf = await this.reports.statementPdf(direction, report);
    await this.reports.recordExport(report.result.name, 'pdf', report.result.filters);
    void reply.header('content-disposition', `attachment; filename="${fileStem(report.result)}.pdf"`);
    return new StreamableFile(pdf, { type: 'application/pdf' });
  }

  @Get('reports/sales')
  @RequirePermission('reports.read')
  async sales(@Query() query: SalesReportQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const range = this.reports.range(query.from, query.to);
    return this.answer(await this.reports.sales(query.groupBy ?? 'month', range), query.format, reply);
  }

  @Get('reports/gross-profit')
  @RequirePermission('reports.read')
  async grossProfit(@Query() query: GrossProfitQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const range = this.reports.range(query.from, query.to);
    return this.answer(await this.reports.grossProfit(query.groupBy ?? 'month', range), query.format, reply);
  }

  @Get('reports/tax-summary')
  @RequirePermission('reports.read')
  async taxSummary(@Query() query: TaxSummaryQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const range = this.reports.range(query.from, query.to);
    return this.answer(await this.reports.taxSummary(query.period ?? 'month', range), query.format, reply);
  }

  @Get('reports/receivables-aging')
  @RequirePermission('reports.read')
  async receivablesAging(@Query() query: AgingQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(await this.reports.aging('receivables', query.asOf), query.format, reply);
  }

  @Get('reports/payables-aging')
  @RequirePermission('reports.read')
  async payablesAging(@Query() query: AgingQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(await this.reports.aging('payables', query.asOf), query.format, reply);
  }

  @Get('reports/customer-statement')
  @RequirePermission('reports.read')
  async customerStatement(
    @Query() query: CustomerStatementQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportAnswer> {
    const range = this.reports.range(query.from, query.to);
    const report = await this.reports.statement('received', query.customerId, range);
    return this.answerStatement('received', report, query.format, reply);
  }

  @Get('reports/supplier-statement')
  @RequirePermission('reports.read')
  async supplierStatement(
    @Query() query: SupplierStatementQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportAnswer> {
    const range = this.reports.range(query.from, query.to);
    const report = await this.reports.statement('made', query.supplierId, range);
    return this.answerStatement('made', report, query.format, reply);
  }

  @Get('reports/stock-valuation')
  @RequirePermission('reports.read')
  async stockValuation(@Query() query: TableFormatQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(await this.reports.stockValuation(), query.format, reply);
  }

  /** The dashboard's figures; `reports.read` (owner, admin, accountant, auditor). */
  @Get('dashboard')
  @RequirePermission('reports.read')
  dashboard(): Promise<Dashboard> {
    return this.reports.dashboard();
  }
}
