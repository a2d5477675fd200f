import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEmail, IsInt, IsOptional, IsString, Length, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import type { ContactInput } from '@billinator/contracts';
import { EmptyToNull, Trim } from '../../common/query-transforms';

export class ContactDto implements ContactInput {
  @ApiProperty({ example: 'Maria Anders' })
  @Trim()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @EmptyToNull()
  @ValidateIf((_, v) => v !== null)
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  email?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @EmptyToNull()
  @ValidateIf((_, v) => v !== null)
  @Matches(/^[+0-9 ()./-]{3,40}$/, { message: 'phone may hold digits, spaces and + ( ) . / - (3 to 40 characters)' })
  phone?: string | null;

  @ApiPropertyOptional({ example: 'Purchasing manager' })
  @IsOptional()
  @EmptyToNull()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(100, { message: 'position can have at most 100 characters' })
  position?: string | null;
}

export class UpdateContactDto extends PartialType(ContactDto) {
  @ApiProperty()
  @IsInt({ message: 'version must be the integer version you read' })
  @Min(1)
  version!: number;
}
