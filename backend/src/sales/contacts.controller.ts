import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Contact } from '@billinator/contracts';
import { RequirePermission } from '../auth/decorators';
import { notFoundUuid } from '../common/uuid-param';
import { expectedVersion } from '../common/versioning';
import { ContactsService } from './contacts.service';
import { ContactDto, UpdateContactDto } from './dto/contact.dto';

const id = () => new ParseUUIDPipe({ exceptionFactory: notFoundUuid });

@ApiTags('customers')
@Controller('customers/:customerId/contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @RequirePermission('sales.read')
  list(@Param('customerId', id()) customerId: string): Promise<Contact[]> {
    return this.contacts.list(customerId);
  }

  @Get(':id')
  @RequirePermission('sales.read')
  get(@Param('customerId', id()) customerId: string, @Param('id', id()) contactId: string): Promise<Contact> {
    return this.contacts.get(customerId, contactId);
  }

  @Post()
  @RequirePermission('sales.write')
  create(@Param('customerId', id()) customerId: string, @Body() dto: ContactDto): Promise<Contact> {
    return this.contacts.create(customerId, dto);
  }

  @Patch(':id')
  @RequirePermission('sales.write')
  update(
    @Param('customerId', id()) customerId: string,
    @Param('id', id()) contactId: string,
    @Body() dto: UpdateContactDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<Contact> {
    return this.contacts.update(customerId, contactId, expectedVersion(ifMatch, dto.version), dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('sales.write')
  delete(@Param('customerId', id()) customerId: string, @Param('id', id()) contactId: string): Promise<void> {
    return this.contacts.delete(customerId, contactId);
  }
}
