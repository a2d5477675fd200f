import { Inject, Injectable } from '@nestjs/common';
import type { Contact } from '@billinator/contracts';
import { AuditService } from '../audit/audit.service';
import { newId, nowIso } from '../common/ids';
import { ProblemException } from '../common/problem.exception';
import { staleVersion } from '../common/versioning';
import { DATABASE, Database } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';
import { ContactRecord, ContactsRepository } from './contacts.repository';
import { CustomersRepository } from './customers.repository';
import type { ContactDto, UpdateContactDto } from './dto/contact.dto';

/** People at a customer. */
@Injectable()
export class ContactsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly contacts: ContactsRepository,
    private readonly customers: CustomersRepository,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
  ) {}

  async list(customerId: string): Promise<Contact[]> {
    await this.requireCustomer(customerId);
    return this.contacts.listOfCustomer(customerId);
  }

  async get(customerId: string, id: string): Promise<Contact> {
    const contact = await this.contacts.findById(customerId, id);
    if (!contact) throw new ProblemException(404, 'not_found', `No contact with id ${id} at this customer`);
    return contact;
  }

  async create(customerId: string, dto: ContactDto): Promise<Contact> {
    const id = newId();
    await this.inTransaction(async () => {
      await this.requireCustomer(customerId);
      await this.contacts.insert(id, customerId, this.record(dto), nowIso());
      await this.audit.record({
        action: 'contact.created',
        entityType: 'contact',
        entityId: id,
        after: { customerId, ...dto },
      });
    });
    return this.get(customerId, id);
  }

  async update(customerId: string, id: string, version: number, dto: UpdateContactDto): Promise<Contact> {
    await this.inTransaction(async () => {
      const current = await this.get(customerId, id);
      if (current.version !== version) throw staleVersion('contact', current.version);
      const { version: _v, ...changes } = dto;
      const next = this.record({
        ...current,
        ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
      });
      if (!(await this.contacts.update(customerId, id, version, next, nowIso())))
        throw staleVersion('contact', current.version + 1);
      await this.audit.record({
        action: 'contact.updated',
        entityType: 'contact',
        entityId: id,
        before: this.record(current),
        after: next,
      });
    });
    return this.get(customerId, id);
  }

  async delete(customerId: string, id: string): Promise<void> {
    await this.inTransaction(async () => {
      const current = await this.get(customerId, id);
      await this.contacts.delete(customerId, id);
      await this.audit.record({ action: 'contact.deleted', entityType: 'contact', entityId: id, before: current });
    });
  }

  private async requireCustomer(customerId: string): Promise<void> {
    if (!(await this.customers.findById(customerId))) {
      throw new ProblemException(404, 'not_found', `No customer with id ${customerId}`);
    }
  }

  private record(c: ContactDto | Contact): ContactRecord {
    return { name: c.name, email: c.email ?? null, phone: c.phone ?? null, position: c.position ?? null };
  }

  private inTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.db.transaction(this.context.tenantId, work);
  }
}
