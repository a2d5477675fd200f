import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { TimelineEntry } from '@billinator/contracts';
import { RequirePermission } from '../auth/decorators';
import { notFoundUuid } from '../common/uuid-param';
import { TimelineQueryDto } from './dto/timeline.dto';
import { TimelineService } from './timeline.service';

const id = () => new ParseUUIDPipe({ exceptionFactory: notFoundUuid });

@ApiTags('customers')
@Controller('customers')
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  @Get(':id/timeline')
  @RequirePermission('crm.read')
  get(@Param('id', id()) customerId: string, @Query() query: TimelineQueryDto): Promise<TimelineEntry[]> {
    return this.timeline.ofCustomer(customerId, query.limit);
  }
}
