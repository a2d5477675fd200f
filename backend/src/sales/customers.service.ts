import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { DATABASE, Database } from '../database/database.port';
import { PartyService } from '../parties/party.service';
import { RequestContext } from '../tenancy/request-context';
import { ContactsRepository } from './contacts.repository';
import { CustomersRepository } from './customers.repository';

@Injectable()
export class CustomersService extends PartyService {
  constructor(
    @Inject(DATABASE) db: Database,
    customers: CustomersRepository,
    audit: AuditService,
    context: RequestContext,
    private readonly contacts: ContactsRepository,
  ) {
    super(db, customers, audit, context, 'customer');
  }

  protected override async beforeDelete(id: string): Promise<void> {
    await this.contacts.deleteOfCustomer(id);
  }
}
