import { Controller, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, registerDecorator } from 'class-validator';
import {
  AUDIT_EXPORT_FORMATS,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type AuditActionsResponse,
  type AuditActorsResponse,
  type AuditEvent,
  type AuditExportFormat,
  type AuditVerification,
  type ListResponse,
} from '@billinator/contracts';
import { RequirePermission } from '../auth/decorators';
import { isDateOnly } from '../common/date.validator';
import { EmptyToNull } from '../common/query-transforms';
import { isTimestamp } from '../common/timestamp.validator';
import { AuditService } from './audit.service';
import { AuditFilter } from './audit.repository';

/** A date ("2026-11-28", a whole UTC day) or a timestamp with its zone ("2026-11-28T14:30:00Z"). */
function IsDateOrTimestamp(): PropertyDecorator {
  return (target, propertyKey) => {
    registerDecorator({
      name: 'isDateOrTimestamp',
      target: target.constructor,
      propertyName: String(propertyKey),
      validator: {
        validate: (value: unknown) => isDateOnly(value) || isTimestamp(value),
        defaultMessage: (args) =>
          `${args?.property} must be a date (2026-11-28) or a date and time with its zone (2026-11-28T14:30:00Z)`,
      },
    });
  };
}

/** The filters of the trail, shared by the list and the export. */
export class AuditFilterDto {
  @ApiPropertyOptional({ description: 'From this date (whole UTC day) or moment on, e.g. 2026-11-01' })
  @IsOptional()
  @EmptyToNull()
  @IsDateOrTimestamp()
  from?: string;

  @ApiPropertyOptional({ description: 'Up to this moment, or to the end of this date (UTC), e.g. 2026-11-30' })
  @IsOptional()
  @EmptyToNull()
  @IsDateOrTimestamp()
  to?: string;

  @ApiPropertyOptional({ description: 'The user who acted' })
  @IsOptional()
  @EmptyToNull()
  @IsString()
  @MaxLength(64)
  actorId?: string;

  @ApiPropertyOptional({ description: 'An action, or a prefix ending in *, e.g. sales_invoice.*' })
  @IsOptional()
  @EmptyToNull()
  @IsString()
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ description: 'e.g. sales_invoice, product, user' })
  @IsOptional()
  @EmptyToNull()
  @IsString()
  @MaxLength(64)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @EmptyToNull()
  @IsString()
  @MaxLength(64)
  entityId?: string;
}

export class AuditQueryDto extends AuditFilterDto {
  @ApiPropertyOptional({ default: DEFAULT_PAGE_SIZE, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be an integer' })
  @Min(0)
  offset: number = 0;
}

export class AuditExportQueryDto extends AuditFilterDto {
  @ApiPropertyOptional({ enum: AUDIT_EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(AUDIT_EXPORT_FORMATS, { message: `format must be one of: ${AUDIT_EXPORT_FORMATS.join(', ')}` })
  format: AuditExportFormat = 'csv';
}

const FILTER_KEYS = ['from', 'to', 'actorId', 'action', 'entityType', 'entityId'] as const;

/** The filters as given (empty ones dropped), for the audit record of an export. */
function givenFilters(dto: AuditFilterDto): Record<string, string> {
  return Object.fromEntries(FILTER_KEYS.filter((k) => dto[k]).map((k) => [k, dto[k] as string]));
}

/**
 * Dates and timestamps become the stored form (ISO UTC with milliseconds); a date-only `to`
 * takes in its whole day; an action ending in `*` is a prefix; empty filters are none.
 */
export function toAuditFilter(dto: AuditFilterDto): AuditFilter {
  const filter: AuditFilter = {};
  if (dto.from) filter.from = isDateOnly(dto.from) ? `${dto.from}T00:00:00.000Z` : new Date(dto.from).toISOString();
  if (dto.to) {
    if (isDateOnly(dto.to)) {
      const next = new Date(`${dto.to}T00:00:00.000Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      filter.to = next.toISOString();
      filter.toExclusive = true;
    } else {
      filter.to = new Date(dto.to).toISOString();
    }
  }
  if (dto.actorId) filter.actorId = dto.actorId;
  if (dto.action?.endsWith('*')) {
    const prefix = dto.action.slice(0, -1);
    if (prefix) filter.actionPrefix = prefix;
  } else if (dto.action) {
    filter.action = dto.action;
  }
  if (dto.entityType) filter.entityType = dto.entityType;
  if (dto.entityId) filter.entityId = dto.entityId;
  return filter;
}

@ApiTags('audit')
@Controller('audit')
@RequirePermission('audit.read')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The trail, newest first, filtered and paged. */
  @Get('events')
  async events(@Query() query: AuditQueryDto): Promise<ListResponse<AuditEvent>> {
    const { items, total } = await this.audit.list(toAuditFilter(query), query.limit, query.offset);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /** Everyone who appears in the trail (for the actor filter). */
  @Get('actors')
  async actors(): Promise<AuditActorsResponse> {
    return { items: await this.audit.actors() };
  }

  /** Every action that appears in the trail (for the action filter). */
  @Get('actions')
  async actions(): Promise<AuditActionsResponse> {
    return { items: await this.audit.actions() };
  }

  /** The filtered trail, oldest first, with every hashed field and the hash; audited. */
  @Get('export')
  @ApiProduces('text/csv', 'application/x-ndjson')
  async export(@Query() query: AuditExportQueryDto): Promise<StreamableFile> {
    const file = await this.audit.export(toAuditFilter(query), givenFilters(query), query.format);
    return new StreamableFile(file.stream, {
      type: file.contentType,
      disposition: `attachment; filename="${file.filename}"`,
    });
  }

  /** Recomputes the tenant's chain; the check is itself audited. */
  @Post('verify')
  @HttpCode(200)
  verify(): Promise<AuditVerification> {
    return this.audit.verify();
  }
}
