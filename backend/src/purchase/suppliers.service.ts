import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { DATABASE, Database } from '../database/database.port';
import { PartyService } from '../parties/party.service';
import { RequestContext } from '../tenancy/request-context';
import { SuppliersRepository } from './suppliers.repository';

@Injectable()
export class SuppliersService extends PartyService {
  constructor(
    @Inject(DATABASE) db: Database,
    suppliers: SuppliersRepository,
    audit: AuditService,
    context: RequestContext,
  ) {
    super(db, suppliers, audit, context, 'supplier');
  }
}
