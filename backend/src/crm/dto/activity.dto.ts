import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Min, ValidateIf } from 'class-validator';
import { ACTIVITY_TYPES, ActivityInput, ActivityType } from '@billinator/contracts';
import { ListQueryDto } from '../../common/list-query.dto';
import { BooleanQuery, EmptyToNull, Trim } from '../../common/query-transforms';
import { IsTimestamp } from '../../common/timestamp.validator';

const TYPE_MESSAGE = { message: `type must be one of ${ACTIVITY_TYPES.join(', ')}` };
const UUID_MESSAGE = (field: string) => ({ message: `${field} must be the id of an existing record` });
/** Validates a field of a partial update only when it is sent; `null` is refused unless the field can be cleared. */
const Sent = () => ValidateIf((_, v) => v !== undefined);
const NotNull = () => ValidateIf((_, v) => v !== null);

export class ActivityDto implements ActivityInput {
  @ApiProperty({ enum: ACTIVITY_TYPES })
  @IsIn(ACTIVITY_TYPES, TYPE_MESSAGE)
  type!: ActivityType;

  @ApiProperty({ example: 'Call about the spring order' })
  @Trim()
  @IsString()
  @Length(1, 200, { message: 'subject must be 1 to 200 characters' })
  subject!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @EmptyToNull()
  @NotNull()
  @IsString()
  @Length(1, 5000, { message: 'details can have at most 5000 characters' })
  details?: string | null;

  @ApiProperty({ description: 'ISO 8601 timestamp with its zone', example: '2026-11-28T14:30:00Z' })
  @IsTimestamp()
  dueAt!: string;

  @ApiPropertyOptional({ description: 'An active user of the tenant; default: the caller' })
  @IsOptional()
  @IsUUID('all', UUID_MESSAGE('assigneeId'))
  assigneeId?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: 'done must be true or false' })
  done?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @NotNull()
  @IsUUID('all', UUID_MESSAGE('customerId'))
  customerId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @NotNull()
  @IsUUID('all', UUID_MESSAGE('opportunityId'))
  opportunityId?: string | null;

  @ApiPropertyOptional({ description: 'A contact of the customer' })
  @IsOptional()
  @NotNull()
  @IsUUID('all', UUID_MESSAGE('contactId'))
  contactId?: string | null;
}

/** A partial change; `details`, `customerId`, `opportunityId` and `contactId` are cleared with null. */
export class UpdateActivityDto implements Partial<ActivityInput> {
  @ApiPropertyOptional({ enum: ACTIVITY_TYPES })
  @Sent()
  @IsIn(ACTIVITY_TYPES, TYPE_MESSAGE)
  type?: ActivityType;

  @ApiPropertyOptional()
  @Sent()
  @Trim()
  @IsString({ message: 'subject must be 1 to 200 characters' })
  @Length(1, 200, { message: 'subject must be 1 to 200 characters' })
  subject?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @EmptyToNull()
  @NotNull()
  @IsString()
  @Length(1, 5000, { message: 'details can have at most 5000 characters' })
  details?: string | null;

  @ApiPropertyOptional({ example: '2026-11-28T14:30:00Z' })
  @Sent()
  @IsTimestamp()
  dueAt?: string;

  @ApiPropertyOptional()
  @Sent()
  @IsUUID('all', UUID_MESSAGE('assigneeId'))
  assigneeId?: string;

  @ApiPropertyOptional({ description: 'true marks it done (doneAt is set), false reopens it' })
  @Sent()
  @IsBoolean({ message: 'done must be true or false' })
  done?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @NotNull()
  @IsUUID('all', UUID_MESSAGE('customerId'))
  customerId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @NotNull()
  @IsUUID('all', UUID_MESSAGE('opportunityId'))
  opportunityId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @NotNull()
  @IsUUID('all', UUID_MESSAGE('contactId'))
  contactId?: string | null;

  @ApiPropertyOptional({ description: 'The version you read (or send If-Match); a stale version is refused with 409' })
  @IsOptional()
  @IsInt({ message: 'version must be the integer version you read' })
  @Min(1)
  version?: number;
}

export class ListActivitiesQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Only activities assigned to the caller' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean({ message: 'mine must be true or false' })
  mine?: boolean;

  @ApiPropertyOptional({ description: 'true: only open (not done) activities; false: only done ones' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean({ message: 'open must be true or false' })
  open?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'customerId must be the id of a customer' })
  customerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'opportunityId must be the id of an opportunity' })
  opportunityId?: string;

  @ApiPropertyOptional({ enum: ACTIVITY_TYPES })
  @IsOptional()
  @IsIn(ACTIVITY_TYPES, TYPE_MESSAGE)
  type?: ActivityType;
}
