import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { NoteInput } from '@billinator/contracts';
import { ListQueryDto } from '../../common/list-query.dto';
import { Trim } from '../../common/query-transforms';

export class NoteDto implements NoteInput {
  @ApiProperty({ example: 'Prefers delivery on Tuesdays' })
  @Trim()
  @IsString({ message: 'body must be 1 to 5000 characters' })
  @Length(1, 5000, { message: 'body must be 1 to 5000 characters' })
  body!: string;

  @ApiPropertyOptional({ description: 'The customer the note is about (or opportunityId, exactly one)' })
  @IsOptional()
  @IsUUID('all', { message: 'customerId must be the id of an existing record' })
  customerId?: string | null;

  @ApiPropertyOptional({ description: 'The opportunity the note is about (or customerId, exactly one)' })
  @IsOptional()
  @IsUUID('all', { message: 'opportunityId must be the id of an existing record' })
  opportunityId?: string | null;
}

export class ListNotesQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Notes of this customer (or opportunityId, exactly one)' })
  @IsOptional()
  @IsUUID('all', { message: 'customerId must be the id of a customer' })
  customerId?: string;

  @ApiPropertyOptional({ description: 'Notes of this opportunity (or customerId, exactly one)' })
  @IsOptional()
  @IsUUID('all', { message: 'opportunityId must be the id of an opportunity' })
  opportunityId?: string;
}
