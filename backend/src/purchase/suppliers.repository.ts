import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, Database } from '../database/database.port';
import { PartyRepository } from '../parties/party.repository';
import { RequestContext } from '../tenancy/request-context';

@Injectable()
export class SuppliersRepository extends PartyRepository {
  constructor(@Inject(DATABASE) db: Database, context: RequestContext) {
    super(db, context, 'suppliers');
  }
}
