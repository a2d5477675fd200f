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
  Type,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Customer, ImportReport, ListResponse, Permission } from '@billinator/contracts';
import { RequirePermission } from '../auth/decorators';
import { requireCsvBody } from '../common/csv-body';
import { csvReply } from '../common/csv-reply';
import { ImportQueryDto } from '../common/import-query.dto';
import { notFoundUuid } from '../common/uuid-param';
import { createValidationPipe } from '../common/validation';
import { expectedVersion, setEtag } from '../common/versioning';
import { ListPartiesQueryDto } from './party.dto';
import type { PartyService } from './party.service';

export interface PartyControllerOptions {
  path: 'customers' | 'suppliers';
  read: Permission;
  write: Permission;
  createDto: Type<object>;
  updateDto: Type<{ version: number }>;
  service: Type<PartyService>;
}

const id = () => new ParseUUIDPipe({ exceptionFactory: notFoundUuid });

/**
 * The REST surface of a party resource (list, read, create, update, delete, CSV in
 * and out). Customers and suppliers each get a controller class from here.
 */
export function partyController(options: PartyControllerOptions): Type<unknown> {
  const createPipe = createValidationPipe(options.createDto);
  const updatePipe = createValidationPipe(options.updateDto);

  @ApiTags(options.path)
  @Controller(options.path)
  class PartyController {
    constructor(readonly parties: PartyService) {}

    @Get()
    @RequirePermission(options.read)
    list(@Query() query: ListPartiesQueryDto): Promise<ListResponse<Customer>> {
      return this.parties.list(query);
    }

    @Get('export')
    @RequirePermission(options.read)
    async export(
      @Query() query: ListPartiesQueryDto,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<string> {
      return csvReply(reply, options.path, await this.parties.exportCsv(query));
    }

    @Post('import')
    @HttpCode(200)
    @ApiConsumes('text/csv')
    @RequirePermission(options.write)
    importCsv(@Body() body: unknown, @Query() query: ImportQueryDto): Promise<ImportReport> {
      return this.parties.importCsv(requireCsvBody(body), query.dryRun === true);
    }

    @Get(':id')
    @RequirePermission(options.read)
    async get(@Param('id', id()) partyId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Customer> {
      const party = await this.parties.get(partyId);
      setEtag(reply, party.version);
      return party;
    }

    @Post()
    @ApiBody({ type: options.createDto })
    @RequirePermission(options.write)
    async create(@Body(createPipe) dto: object, @Res({ passthrough: true }) reply: FastifyReply): Promise<Customer> {
      const party = await this.parties.create(dto as never);
      setEtag(reply, party.version);
      return party;
    }

    @Patch(':id')
    @ApiBody({ type: options.updateDto })
    @RequirePermission(options.write)
    async update(
      @Param('id', id()) partyId: string,
      @Body(updatePipe) dto: { version: number },
      @Headers('if-match') ifMatch: string | undefined,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<Customer> {
      const party = await this.parties.update(partyId, expectedVersion(ifMatch, dto.version), dto as never);
      setEtag(reply, party.version);
      return party;
    }

    @Delete(':id')
    @HttpCode(204)
    @RequirePermission(options.write)
    delete(@Param('id', id()) partyId: string): Promise<void> {
      return this.parties.delete(partyId);
    }
  }

  // Nest resolves the constructor parameter by this token.
  Reflect.defineMetadata('design:paramtypes', [options.service], PartyController);
  return PartyController;
}
