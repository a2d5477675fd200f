import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Activity, ListResponse } from '@billinator/contracts';
import { RequirePermission } from '../auth/decorators';
import { notFoundUuid } from '../common/uuid-param';
import { expectedVersion, setEtag } from '../common/versioning';
import { ActivitiesService } from './activities.service';
import { ActivityDto, ListActivitiesQueryDto, UpdateActivityDto } from './dto/activity.dto';

const id = () => new ParseUUIDPipe({ exceptionFactory: notFoundUuid });

@ApiTags('crm')
@Controller('crm/activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Get()
  @RequirePermission('crm.read')
  list(@Query() query: ListActivitiesQueryDto): Promise<ListResponse<Activity>> {
    return this.activities.list(query);
  }

  @Get(':id')
  @RequirePermission('crm.read')
  async get(@Param('id', id()) activityId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Activity> {
    const activity = await this.activities.get(activityId);
    setEtag(reply, activity.version);
    return activity;
  }

  @Post()
  @RequirePermission('crm.write')
  async create(@Body() dto: ActivityDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Activity> {
    const activity = await this.activities.create(dto);
    setEtag(reply, activity.version);
    return activity;
  }

  @Patch(':id')
  @RequirePermission('crm.write')
  async update(
    @Param('id', id()) activityId: string,
    @Body() dto: UpdateActivityDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Activity> {
    const activity = await this.activities.update(activityId, expectedVersion(ifMatch, dto.version), dto);
    setEtag(reply, activity.version);
    return activity;
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('crm.write')
  delete(@Param('id', id()) activityId: string): Promise<void> {
    return this.activities.delete(activityId);
  }
}
