import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { OPPORTUNITY_STAGES, OpportunityInput, OpportunityStage } from '@billinator/contracts';
import { IsDateOnly } from '../../common/date.validator';
import { IsDecimal } from '../../common/decimal.validator';
import { ListQueryDto } from '../../common/list-query.dto';
import { EmptyToNull, Trim } from '../../common/query-transforms';
import { OPPORTUNITY_SORTS, OpportunitySort } from '../opportunities.repository';

const STAGE_MESSAGE = { message: `stage must be one of ${OPPORTUNITY_STAGES.join(', ')}` };
const SORT_VALUES = Object.keys(OPPORTUNITY_SORTS).flatMap((f) => [f, `-${f}`]);

class OpportunityFieldsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'customerId must be the id of an existing customer' })
  customerId?: string | null;

  @ApiPropertyOptional({ description: 'A prospect that is not a customer yet' })
  @IsOptional()
  @EmptyToNull()
  @IsString()
  @Length(1, 200, { message: 'prospectName must be 1 to 200 characters' })
  prospectName?: string | null;

  @ApiPropertyOptional({ enum: OPPORTUNITY_STAGES, default: 'lead' })
  @IsOptional()
  @IsIn(OPPORTUNITY_STAGES, STAGE_MESSAGE)
  stage?: OpportunityStage;

  @ApiPropertyOptional({ description: 'Required when the stage is lost' })
  @IsOptional()
  @EmptyToNull()
  @IsString()
  @Length(1, 500, { message: 'lostReason must be 1 to 500 characters' })
  lostReason?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt({ message: 'probability must be a whole percentage from 0 to 100' })
  @Min(0, { message: 'probability must be a whole percentage from 0 to 100' })
  @Max(100, { message: 'probability must be a whole percentage from 0 to 100' })
  probability?: number;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsDateOnly()
  expectedCloseDate?: string | null;

  @ApiPropertyOptional({ description: 'Defaults to you' })
  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be the id of a user of your business' })
  ownerId?: string;
}

export class CreateOpportunityDto extends OpportunityFieldsDto implements OpportunityInput {
  @ApiProperty({ example: 'Hotel breakfast tea contract' })
  @Trim()
  @IsString()
  @Length(1, 200, { message: 'title must be 1 to 200 characters' })
  title!: string;

  @ApiProperty({ example: '12000.00' })
  @IsDecimal({ scale: 2, min: '0', max: '999999999999.99' })
  value!: string;
}

export class UpdateOpportunityDto extends OpportunityFieldsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200, { message: 'title must be 1 to 200 characters' })
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDecimal({ scale: 2, min: '0', max: '999999999999.99' })
  value?: string;

  @ApiPropertyOptional({ description: 'The version you read (or send If-Match)' })
  @IsOptional()
  @IsInt({ message: 'version must be the integer version you read' })
  @Min(1)
  version?: number;
}

export class ListOpportunitiesQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: OPPORTUNITY_STAGES })
  @IsOptional()
  @IsIn(OPPORTUNITY_STAGES, STAGE_MESSAGE)
  stage?: OpportunityStage;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be a user id' })
  ownerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'customerId must be a customer id' })
  customerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateOnly()
  closeFrom?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateOnly()
  closeTo?: string;

  @ApiPropertyOptional({ enum: SORT_VALUES, default: '-updatedAt' })
  @IsOptional()
  @Type(() => String)
  @IsIn(SORT_VALUES, { message: `sort must be one of ${SORT_VALUES.join(', ')}` })
  sort: string = '-updatedAt';

  get sortField(): OpportunitySort {
    return this.sort.replace(/^-/, '') as OpportunitySort;
  }

  get sortDesc(): boolean {
    return this.sort.startsWith('-');
  }
}
