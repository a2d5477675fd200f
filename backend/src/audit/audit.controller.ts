import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import type { AuditEvent, AuditVerification, ListResponse } from '@billinator/contracts';
import { RequirePermission } from '../auth/decorators';
import { ListQueryDto } from '../common/list-query.dto';
import { AuditService } from './audit.service';

export class AuditQueryDto extends ListQueryDto {
  @IsOptional() @IsISO8601({}, { message: 'from must be an ISO date or date-time' }) from?: string;
  @IsOptional() @IsISO8601({}, { message: 'to must be an ISO date or date-time' }) to?: string;
  @IsOptional() @IsString() @MaxLength(64) actorId?: string;
  @IsOptional() @IsString() @MaxLength(64) action?: string;
  @IsOptional() @IsString() @MaxLength(64) entityType?: string;
  @IsOptional() @IsString() @MaxLength(64) entityId?: string;
}

@ApiTags('audit')
@Controller('audit')
@RequirePermission('audit.read')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('events')
  async events(@Query() query: AuditQueryDto): Promise<ListResponse<AuditEvent>> {
    const { items, total } = await this.audit.list(query, query.limit, query.offset);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  @Post('verify')
  @HttpCode(200)
  verify(): Promise<AuditVerification> {
    return this.audit.verify();
  }
}
