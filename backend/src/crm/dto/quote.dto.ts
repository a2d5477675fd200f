import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsDateOnly } from '../../common/date.validator';
import { EmptyToNull } from '../../common/query-transforms';
import { CreateInvoiceDto, ListDocumentsQueryDto, UpdateInvoiceDto } from '../../documents/dto/document.dto';

export class CreateQuoteDto extends CreateInvoiceDto {
  @ApiPropertyOptional({ description: 'The last day the offer holds; defaults to 30 days after the issue date' })
  @IsOptional()
  @IsDateOnly()
  validUntil?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'opportunityId must be the id of an existing opportunity' })
  opportunityId?: string;
}

export class UpdateQuoteDto extends UpdateInvoiceDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsDateOnly()
  validUntil?: string;
}

export class RejectQuoteDto {
  @ApiPropertyOptional({ example: 'Went with another supplier' })
  @IsOptional()
  @EmptyToNull()
  @IsString()
  @Length(1, 500, { message: 'reason must be at most 500 characters' })
  reason?: string | null;
}

export class ListQuotesQueryDto extends ListDocumentsQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'opportunityId must be an opportunity id' })
  opportunityId?: string;
}
