import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  PROFIT_GROUPINGS,
  ProfitGrouping,
  SALES_GROUPINGS,
  SalesGrouping,
  TAX_PERIODS,
  TaxPeriod,
} from '@billinator/contracts';
import { IsDateOnly } from '../../common/date.validator';

export const TABLE_FORMATS = ['json', 'csv'] as const;
export const STATEMENT_FORMATS = ['json', 'csv', 'pdf'] as const;
export type ReportFormat = (typeof STATEMENT_FORMATS)[number];

const oneOf = (field: string, values: readonly string[]) => ({
  message: `${field} must be one of: ${values.join(', ')}`,
});

/** `format` of reports that answer JSON or CSV. */
export class TableFormatQueryDto {
  @ApiPropertyOptional({ enum: TABLE_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(TABLE_FORMATS, oneOf('format', TABLE_FORMATS))
  format?: ReportFormat;
}

/** An inclusive period of issue dates; both default to the current calendar year. */
export class PeriodQueryDto extends TableFormatQueryDto {
  @ApiPropertyOptional({ description: 'First day (inclusive), YYYY-MM-DD; default 1 January of this year' })
  @IsOptional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({ description: 'Last day (inclusive), YYYY-MM-DD; default 31 December of this year' })
  @IsOptional()
  @IsDateOnly()
  to?: string;
}

export class SalesReportQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ enum: SALES_GROUPINGS, default: 'month' })
  @IsOptional()
  @IsIn(SALES_GROUPINGS, oneOf('groupBy', SALES_GROUPINGS))
  groupBy?: SalesGrouping;
}

export class GrossProfitQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ enum: PROFIT_GROUPINGS, default: 'month' })
  @IsOptional()
  @IsIn(PROFIT_GROUPINGS, oneOf('groupBy', PROFIT_GROUPINGS))
  groupBy?: ProfitGrouping;
}

export class TaxSummaryQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ enum: TAX_PERIODS, default: 'month' })
  @IsOptional()
  @IsIn(TAX_PERIODS, oneOf('period', TAX_PERIODS))
  period?: TaxPeriod;
}

export class AgingQueryDto extends TableFormatQueryDto {
  @ApiPropertyOptional({ description: 'Day the days past due are counted to, YYYY-MM-DD; default today' })
  @IsOptional()
  @IsDateOnly()
  asOf?: string;
}

class StatementQueryDto {
  @ApiPropertyOptional({ description: 'First day (inclusive), YYYY-MM-DD; default 1 January of this year' })
  @IsOptional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({ description: 'Last day (inclusive), YYYY-MM-DD; default 31 December of this year' })
  @IsOptional()
  @IsDateOnly()
  to?: string;

  @ApiPropertyOptional({ enum: STATEMENT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(STATEMENT_FORMATS, oneOf('format', STATEMENT_FORMATS))
  format?: ReportFormat;
}

export class CustomerStatementQueryDto extends StatementQueryDto {
  @ApiProperty()
  @IsString({ message: 'customerId is required: the customer the statement is for' })
  @MaxLength(100, { message: 'customerId must be the id of an existing customer' })
  customerId!: string;
}

export class SupplierStatementQueryDto extends StatementQueryDto {
  @ApiProperty()
  @IsString({ message: 'supplierId is required: the supplier the statement is for' })
  @MaxLength(100, { message: 'supplierId must be the id of an existing supplier' })
  supplierId!: string;
}
