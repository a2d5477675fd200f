import {
  Customer,
  CUSTOMER_IMPORT_COLUMNS,
  ImportReport,
  ListResponse,
  SUPPLIER_IMPORT_COLUMNS,
} from '@billinator/contracts';
import { AuditService } from '../audit/audit.service';
import { toCsv } from '../common/csv';
import { assertImportable, planImport } from '../common/csv-import';
import { newId, nowIso } from '../common/ids';
import { ProblemException } from '../common/problem.exception';
import { staleVersion } from '../common/versioning';
import type { Database } from '../database/database.port';
import type { RequestContext } from '../tenancy/request-context';
import { CustomerDto, ListPartiesQueryDto, PARTY_SORTS, PartyDto, UpdateCustomerDto } from './party.dto';
import { PartyRecord, PartyRepository } from './party.repository';

export type PartyKind = 'customer' | 'supplier';

/** Rules shared by customers and suppliers; the subclass names the kind. */
export abstract class PartyService {
  readonly columns: readonly string[];

  protected constructor(
    private readonly db: Database,
    private readonly parties: PartyRepository,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
    private readonly kind: PartyKind,
  ) {
    this.columns = kind === 'customer' ? CUSTOMER_IMPORT_COLUMNS : SUPPLIER_IMPORT_COLUMNS;
  }

  async list(query: ListPartiesQueryDto): Promise<ListResponse<Customer>> {
    const { items, total } = await this.parties.list(this.filter(query));
    return { items: items.map((p) => this.shape(p)), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<Customer> {
    const party = await this.parties.findById(id);
    if (!party) throw new ProblemException(404, 'not_found', `No ${this.kind} with id ${id}`);
    return this.shape(party);
  }

  async create(dto: CustomerDto): Promise<Customer> {
    const id = newId();
    await this.inTransaction(async () => {
      await this.parties.insertMany([this.record(dto, id)], nowIso());
      await this.audit.record({ action: `${this.kind}.created`, entityType: this.kind, entityId: id, after: dto });
    });
    return this.get(id);
  }

  async update(id: string, version: number, dto: UpdateCustomerDto): Promise<Customer> {
    await this.inTransaction(async () => {
      const current = await this.get(id);
      if (current.version !== version) throw staleVersion(this.kind, current.version);
      const { id: _id, ...next } = this.record({ ...current, ...this.defined(dto) } as CustomerDto, id);
      if (!(await this.parties.update(id, version, next, nowIso()))) throw staleVersion(this.kind, current.version + 1);
      const { id: _sameId, ...before } = this.record(current as CustomerDto, id);
      await this.audit.record({
        action: current.active && !next.active ? `${this.kind}.deactivated` : `${this.kind}.updated`,
        entityType: this.kind,
        entityId: id,
        before,
        after: next,
      });
    });
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    await this.inTransaction(async () => {
      const current = await this.get(id);
      const documents = await this.parties.documentCount(id);
      if (documents > 0) {
        throw new ProblemException(
          409,
          'conflict',
          `${current.name} has ${documents} document(s), payment(s) or CRM record(s) and stays in the books; deactivate it instead of deleting it`,
        );
      }
      await this.beforeDelete(id);
      await this.parties.delete(id);
      await this.audit.record({ action: `${this.kind}.deleted`, entityType: this.kind, entityId: id, before: current });
    });
  }

  async importCsv(text: string, dryRun: boolean): Promise<ImportReport> {
    const plan = await planImport(text, dryRun, {
      columns: this.columns,
      dto: this.kind === 'customer' ? CustomerDto : PartyDto,
      normalise: (plain) => ({
        ...plain,
        ...(typeof plain['paymentTermsDays'] === 'string' && /^-?\d+$/.test(plain['paymentTermsDays'])
          ? { paymentTermsDays: Number(plain['paymentTermsDays']) }
          : {}),
      }),
    });
    if (dryRun) return plan.report;
    assertImportable(plan);
    await this.inTransaction(async () => {
      const records = plan.rows.map((r) => this.record(r.value as CustomerDto, newId()));
      await this.parties.insertMany(records, nowIso());
      await this.audit.recordMany(
        records.map((r, i) => ({
          action: `${this.kind}.imported`,
          entityType: this.kind,
          entityId: r.id,
          after: plan.rows[i].value,
        })),
      );
    });
    return { ...plan.report, imported: plan.rows.length };
  }

  async exportCsv(query: ListPartiesQueryDto): Promise<string> {
    const rows: Customer[] = [];
    for (let offset = 0; ; offset += 5000) {
      const page = await this.parties.list({ ...this.filter(query), limit: 5000, offset });
      rows.push(...page.items);
      if (page.items.length < 5000) break;
    }
    await this.inTransaction(() =>
      this.audit.record({
        action: `${this.kind}.exported`,
        entityType: this.kind,
        after: { rows: rows.length, filter: { ...query } },
      }),
    );
    return toCsv(
      this.columns,
      rows.map((p) => this.columns.map((c) => p[c as keyof Customer])),
    );
  }

  /** Removes what belongs to the party alone (a customer's contacts). */
  protected async beforeDelete(_id: string): Promise<void> {}

  protected inTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.db.transaction(this.context.tenantId, work);
  }

  private shape(party: Customer): Customer {
    if (this.kind === 'customer') return party;
    const { creditLimit: _omit, ...supplier } = party;
    return supplier as Customer;
  }

  private defined(dto: UpdateCustomerDto): Partial<CustomerDto> {
    const { version: _v, ...rest } = dto;
    return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  }

  private record(dto: CustomerDto, id: string): PartyRecord {
    return {
      id,
      name: dto.name,
      email: dto.email ?? null,
      phone: dto.phone ?? null,
      taxId: dto.taxId ?? null,
      address: dto.address ?? null,
      paymentTermsDays: dto.paymentTermsDays ?? 30,
      openingBalance: dto.openingBalance ?? '0.00',
      creditLimit: this.kind === 'customer' ? (dto.creditLimit ?? null) : null,
      active: dto.active ?? true,
    };
  }

  private filter(query: ListPartiesQueryDto) {
    return {
      q: query.q,
      active: query.active,
      sort: query.sort.replace(/^-/, '') as keyof typeof PARTY_SORTS,
      desc: query.sort.startsWith('-'),
      limit: query.limit,
      offset: query.offset,
    };
  }
}
