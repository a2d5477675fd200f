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
import type { ListResponse, Opportunity, PipelineColumn } from '@billinator/contracts';
import { RequirePermission } from '../auth/decorators';
import { csvReply } from '../common/csv-reply';
import { notFoundUuid } from '../common/uuid-param';
import { expectedVersion, setEtag } from '../common/versioning';
import { CreateOpportunityDto, ListOpportunitiesQueryDto, UpdateOpportunityDto } from './dto/opportunity.dto';
import { OpportunitiesService } from './opportunities.service';

const id = () => new ParseUUIDPipe({ exceptionFactory: notFoundUuid });

@ApiTags('crm/opportunities')
@Controller('crm/opportunities')
export class OpportunitiesController {
  constructor(private readonly opportunities: OpportunitiesService) {}

  @Get()
  @RequirePermission('crm.read')
  list(@Query() query: ListOpportunitiesQueryDto): Promise<ListResponse<Opportunity>> {
    return this.opportunities.list(query);
  }

  @Get('pipeline')
  @RequirePermission('crm.read')
  pipeline(@Query() query: ListOpportunitiesQueryDto): Promise<PipelineColumn[]> {
    return this.opportunities.pipeline(query);
  }

  @Get('export')
  @RequirePermission('crm.read')
  async export(@Query() query: ListOpportunitiesQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return csvReply(reply, 'opportunities', await this.opportunities.exportCsv(query));
  }

  @Get(':id')
  @RequirePermission('crm.read')
  async get(@Param('id', id()) opportunityId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const opportunity = await this.opportunities.get(opportunityId);
    setEtag(reply, opportunity.version);
    return opportunity;
  }

  @Post()
  @RequirePermission('crm.write')
  async create(@Body() dto: CreateOpportunityDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const opportunity = await this.opportunities.create(dto);
    setEtag(reply, opportunity.version);
    return opportunity;
  }

  @Patch(':id')
  @RequirePermission('crm.write')
  async update(
    @Param('id', id()) opportunityId: string,
    @Body() dto: UpdateOpportunityDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Opportunity> {
    const opportunity = await this.opportunities.update(opportunityId, expectedVersion(ifMatch, dto.version), dto);
    setEtag(reply, opportunity.version);
    return opportunity;
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('crm.write')
  delete(@Param('id', id()) opportunityId: string): Promise<void> {
    return this.opportunities.delete(opportunityId);
  }
}
