import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import type { CustomerInput, PartyInput } from '@billinator/contracts';
import { IsDecimal } from '../common/decimal.validator';
import { ListQueryDto } from '../common/list-query.dto';
import { BooleanQuery, EmptyToNull, Trim } from '../common/query-transforms';

const SIGNED_MONEY = { scale: 2, min: '-999999999999.99', max: '999999999999.99' };

export class PartyDto implements PartyInput {
  @ApiProperty({ example: 'Northwind Traders' })
  @Trim()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name!: string;

  @ApiPropertyOptional({ example: 'orders@northwind.test' })
  @IsOptional()
  @EmptyToNull()
  @ValidateIf((_, v) => v !== null)
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  email?: string | null;

  @ApiPropertyOptional({ example: '+44 20 7946 0000' })
  @IsOptional()
  @EmptyToNull()
  @ValidateIf((_, v) => v !== null)
  @Matches(/^[+0-9 ()./-]{3,40}$/, { message: 'phone may hold digits, spaces and + ( ) . / - (3 to 40 characters)' })
  phone?: string | null;

  @ApiPropertyOptional({ example: 'GB123456789' })
  @IsOptional()
  @EmptyToNull()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(40, { message: 'taxId can have at most 40 characters' })
  taxId?: string | null;

  @ApiPropertyOptional({ example: '12 High Street, Leeds' })
  @IsOptional()
  @EmptyToNull()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500, { message: 'address can have at most 500 characters' })
  address?: string | null;

  @ApiPropertyOptional({ default: 30 })
  @IsOptional()
  // With stopAtFirstError the validators run bottom-up: the type check first.
  @Max(365, { message: 'paymentTermsDays can be at most 365' })
  @Min(0, { message: 'paymentTermsDays cannot be negative' })
  @IsInt({ message: 'paymentTermsDays must be a whole number of days' })
  paymentTermsDays?: number;

  @ApiPropertyOptional({
    default: '0.00',
    description: 'What was owed before the first document (positive: they owe us / we owe them)',
  })
  @IsOptional()
  @IsDecimal(SIGNED_MONEY)
  openingBalance?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class CustomerDto extends PartyDto implements CustomerInput {
  @ApiPropertyOptional({ example: '5000.00', description: 'Empty for no limit' })
  @IsOptional()
  @EmptyToNull()
  @ValidateIf((_, v) => v !== null)
  @IsDecimal({ scale: 2, min: '0', max: '999999999999.99' })
  creditLimit?: string | null;
}

export class UpdatePartyDto extends PartialType(PartyDto) {
  @ApiProperty()
  @IsInt({ message: 'version must be the integer version you read' })
  @Min(1)
  version!: number;
}

export class UpdateCustomerDto extends PartialType(CustomerDto) {
  @ApiProperty()
  @IsInt({ message: 'version must be the integer version you read' })
  @Min(1)
  version!: number;
}

export const PARTY_SORTS = {
  name: 'name',
  email: 'email',
  paymentTermsDays: 'payment_terms_days',
  createdAt: 'created_at',
} as const;
const PARTY_SORT_VALUES = Object.keys(PARTY_SORTS).flatMap((k) => [k, `-${k}`]);

export class ListPartiesQueryDto extends ListQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @BooleanQuery()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({ enum: PARTY_SORT_VALUES })
  @IsOptional()
  @IsIn(PARTY_SORT_VALUES, { message: `sort must be one of ${PARTY_SORT_VALUES.join(', ')}` })
  sort: string = 'name';
}
