import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AllocationInput,
  CorrectionInput,
  DOCUMENT_SORT_VALUES,
  DOCUMENT_STATUS_FILTERS,
  DocumentLineInput,
  DocumentSortField,
  DocumentStatusFilter,
  PAYMENT_METHODS,
  PaymentInput,
  PaymentMethod,
} from '@billinator/contracts';
import { IsDateOnly } from '../../common/date.validator';
import { IsDecimal } from '../../common/decimal.validator';
import { ListQueryDto } from '../../common/list-query.dto';
import { EmptyToNull, Trim } from '../../common/query-transforms';

const MAX_LINES = 500;
const AMOUNT = { scale: 2, min: '0.01', max: '999999999999.99' };
const UUID_MESSAGE = (field: string) => ({ message: `${field} must be the id of an existing record` });

export class DocumentLineDto implements DocumentLineInput {
  @ApiProperty()
  @IsUUID('all', UUID_MESSAGE('productId'))
  productId!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @EmptyToNull()
  @IsString()
  @Length(1, 500, { message: 'description must be at most 500 characters' })
  description?: string | null;

  @ApiProperty({ example: '2' })
  @IsDecimal(
    { scale: 3, min: '0.001', max: '999999999.999' },
    { message: 'quantity must be more than 0 with at most 3 decimals, e.g. 2 or 1.250' },
  )
  quantity!: string;

  @ApiProperty({ example: '12.50' })
  @IsDecimal({ scale: 4, min: '0', max: '999999999.9999' })
  unitPrice!: string;

  @ApiPropertyOptional({ example: '0' })
  @IsOptional()
  @IsDecimal({ scale: 2, min: '0', max: '100' })
  discountPercent?: string;

  @ApiProperty({ example: '20.00' })
  @IsDecimal({ scale: 2, min: '0', max: '100' })
  taxRate!: string;
}

class DocumentFieldsDto {
  @ApiPropertyOptional({ description: 'Sales invoices' })
  @IsOptional()
  @IsUUID('all', UUID_MESSAGE('customerId'))
  customerId?: string;

  @ApiPropertyOptional({ description: 'Bills' })
  @IsOptional()
  @IsUUID('all', UUID_MESSAGE('supplierId'))
  supplierId?: string;

  @ApiPropertyOptional({ description: "Bills: the supplier's own number, unique per supplier" })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 60, { message: 'supplierBillNumber must be 1 to 60 characters' })
  supplierBillNumber?: string;

  @ApiPropertyOptional({ description: 'Defaults to issue date + payment terms' })
  @IsOptional()
  @IsDateOnly()
  dueDate?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @EmptyToNull()
  @IsString()
  @Length(0, 2000, { message: 'notes must be at most 2000 characters' })
  notes?: string | null;
}

export class CreateInvoiceDto extends DocumentFieldsDto {
  @ApiProperty({ example: '2026-11-28' })
  @IsDateOnly()
  issueDate!: string;

  @ApiProperty({ type: [DocumentLineDto] })
  @IsArray({ message: 'lines must be a list' })
  @ArrayMinSize(1, { message: 'A document needs at least one line' })
  @ArrayMaxSize(MAX_LINES, { message: `A document holds at most ${MAX_LINES} lines` })
  @ValidateNested({ each: true })
  @Type(() => DocumentLineDto)
  lines!: DocumentLineDto[];
}

export class UpdateInvoiceDto extends DocumentFieldsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsDateOnly()
  issueDate?: string;

  @ApiPropertyOptional({ type: [DocumentLineDto] })
  @IsOptional()
  @IsArray({ message: 'lines must be a list' })
  @ArrayMinSize(1, { message: 'A document needs at least one line' })
  @ArrayMaxSize(MAX_LINES, { message: `A document holds at most ${MAX_LINES} lines` })
  @ValidateNested({ each: true })
  @Type(() => DocumentLineDto)
  lines?: DocumentLineDto[];

  @ApiPropertyOptional({ description: 'The version you read (or send If-Match)' })
  @IsOptional()
  @IsInt({ message: 'version must be the integer version you read' })
  @Min(1)
  version?: number;
}

export class IssueDocumentDto {
  @ApiPropertyOptional({ description: 'The version you read; omitted: whatever is current' })
  @IsOptional()
  @IsInt({ message: 'version must be the integer version you read' })
  @Min(1)
  version?: number;
}

export class ReasonDto {
  @ApiProperty({ example: 'Entered twice' })
  @Trim()
  @IsString({ message: 'reason must be text' })
  @Length(1, 500, { message: 'Give a reason of 1 to 500 characters' })
  reason!: string;
}

export class ListDocumentsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: DOCUMENT_STATUS_FILTERS })
  @IsOptional()
  @IsIn(DOCUMENT_STATUS_FILTERS, { message: `status must be one of ${DOCUMENT_STATUS_FILTERS.join(', ')}` })
  status?: DocumentStatusFilter;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', UUID_MESSAGE('customerId'))
  customerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', UUID_MESSAGE('supplierId'))
  supplierId?: string;

  @ApiPropertyOptional({ description: 'Issue date from (inclusive)' })
  @IsOptional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({ description: 'Issue date to (inclusive)' })
  @IsOptional()
  @IsDateOnly()
  to?: string;

  @ApiPropertyOptional({ enum: DOCUMENT_SORT_VALUES, default: '-issueDate' })
  @IsOptional()
  @IsIn(DOCUMENT_SORT_VALUES, { message: `sort must be one of ${DOCUMENT_SORT_VALUES.join(', ')}` })
  sort: string = '-issueDate';

  get sortField(): DocumentSortField {
    return this.sort.replace(/^-/, '') as DocumentSortField;
  }

  get sortDesc(): boolean {
    return this.sort.startsWith('-');
  }
}

class CorrectionLineDto {
  @ApiProperty()
  @IsUUID('all', UUID_MESSAGE('invoiceLineId'))
  invoiceLineId!: string;

  @ApiProperty({ example: '1' })
  @IsDecimal(
    { scale: 3, min: '0.001', max: '999999999.999' },
    { message: 'quantity must be more than 0 with at most 3 decimals' },
  )
  quantity!: string;
}

export class CorrectionDto implements CorrectionInput {
  @ApiProperty()
  @IsUUID('all', UUID_MESSAGE('invoiceId'))
  invoiceId!: string;

  @ApiPropertyOptional({ description: 'Defaults to today' })
  @IsOptional()
  @IsDateOnly()
  issueDate?: string;

  @ApiProperty({ example: 'Damaged in transit' })
  @Trim()
  @IsString({ message: 'reason must be text' })
  @Length(1, 500, { message: 'Give a reason of 1 to 500 characters' })
  reason!: string;

  @ApiProperty({ type: [CorrectionLineDto] })
  @IsArray({ message: 'lines must be a list' })
  @ArrayMinSize(1, { message: 'Return at least one line' })
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => CorrectionLineDto)
  lines!: CorrectionLineDto[];
}

export class AllocationDto implements AllocationInput {
  @ApiProperty()
  @IsUUID('all', UUID_MESSAGE('invoiceId'))
  invoiceId!: string;

  @ApiProperty({ example: '50.00' })
  @IsDecimal(AMOUNT, { message: 'amount must be more than 0 with at most 2 decimals, e.g. 50.00' })
  amount!: string;
}

export class PaymentDto implements PaymentInput {
  @ApiPropertyOptional({ description: 'Payments received' })
  @IsOptional()
  @IsUUID('all', UUID_MESSAGE('customerId'))
  customerId?: string;

  @ApiPropertyOptional({ description: 'Payments made' })
  @IsOptional()
  @IsUUID('all', UUID_MESSAGE('supplierId'))
  supplierId?: string;

  @ApiProperty({ example: '2026-11-28' })
  @IsDateOnly()
  date!: string;

  @ApiProperty({ example: '120.00' })
  @IsDecimal(AMOUNT, { message: 'amount must be more than 0 with at most 2 decimals, e.g. 120.00' })
  amount!: string;

  @ApiProperty({ enum: PAYMENT_METHODS })
  @IsIn(PAYMENT_METHODS, { message: `method must be one of ${PAYMENT_METHODS.join(', ')}` })
  method!: PaymentMethod;

  @ApiPropertyOptional()
  @IsOptional()
  @EmptyToNull()
  @IsString()
  @Length(0, 100, { message: 'reference must be at most 100 characters' })
  reference?: string | null;

  @ApiPropertyOptional({ type: [AllocationDto], description: 'Omitted: oldest first; empty: keep as credit' })
  @IsOptional()
  @IsArray({ message: 'allocations must be a list' })
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => AllocationDto)
  allocations?: AllocationDto[];
}

export class AllocateDto {
  @ApiPropertyOptional({ type: [AllocationDto], description: 'Omitted: oldest first' })
  @IsOptional()
  @IsArray({ message: 'allocations must be a list' })
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => AllocationDto)
  allocations?: AllocationDto[];
}

export class ListPaymentsQueryDto extends ListQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', UUID_MESSAGE('customerId'))
  customerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', UUID_MESSAGE('supplierId'))
  supplierId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateOnly()
  to?: string;

  @ApiPropertyOptional({ enum: ['posted', 'reversed'] })
  @IsOptional()
  @IsIn(['posted', 'reversed'], { message: 'status must be posted or reversed' })
  status?: 'posted' | 'reversed';
}
