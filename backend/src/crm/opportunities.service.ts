import { Inject, Injectable } from '@nestjs/common';
import { ListResponse, Opportunity, PipelineColumn, STAGE_PROBABILITY } from '@billinator/contracts';
import { dec, money } from '@billinator/money';
import { AuditService } from '../audit/audit.service';
import { toCsv } from '../common/csv';
import { newId, nowIso } from '../common/ids';
import { ProblemException } from '../common/problem.exception';
import { staleVersion } from '../common/versioning';
import { DATABASE, Database } from '../database/database.port';
import { DocumentLinksRepository } from '../documents/document-links.repository';
import { RequestContext } from '../tenancy/request-context';
import { CreateOpportunityDto, ListOpportunitiesQueryDto, UpdateOpportunityDto } from './dto/opportunity.dto';
import { EngagementRefsRepository } from './engagement-refs.repository';
import { OpportunitiesRepository, OpportunityRecord } from './opportunities.repository';

const EXPORT_COLUMNS = [
  'title',
  'customerName',
  'prospectName',
  'stage',
  'value',
  'probability',
  'weightedValue',
  'expectedCloseDate',
  'ownerName',
  'lostReason',
] as const;

/** Opportunities and the pipeline: stage rules, owners, audit. */
@Injectable()
export class OpportunitiesService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly opportunities: OpportunitiesRepository,
    private readonly links: DocumentLinksRepository,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
    private readonly refs: EngagementRefsRepository,
  ) {}

  async list(query: ListOpportunitiesQueryDto): Promise<ListResponse<Opportunity>> {
    const { items, total } = await this.opportunities.list(this.filter(query, query.limit, query.offset));
    return { items, total, limit: query.limit, offset: query.offset };
  }

  pipeline(query: ListOpportunitiesQueryDto): Promise<PipelineColumn[]> {
    return this.opportunities.pipeline(this.filter(query, query.limit, query.offset));
  }

  async exportCsv(query: ListOpportunitiesQueryDto): Promise<string> {
    const rows: Opportunity[] = [];
    for (let offset = 0; ; offset += 5000) {
      const page = await this.opportunities.list(this.filter(query, 5000, offset));
      rows.push(...page.items);
      if (page.items.length < 5000) break;
    }
    return toCsv(
      [...EXPORT_COLUMNS],
      rows.map((r) => EXPORT_COLUMNS.map((c) => r[c])),
    );
  }

  private filter(query: ListOpportunitiesQueryDto, limit: number, offset: number) {
    return {
      stage: query.stage,
      ownerId: query.ownerId,
      customerId: query.customerId,
      closeFrom: query.closeFrom,
      closeTo: query.closeTo,
      q: query.q,
      sort: query.sortField,
      desc: query.sortDesc,
      limit,
      offset,
    };
  }

  async get(id: string): Promise<Opportunity> {
    const opportunity = await this.opportunities.find(id);
    if (!opportunity) throw new ProblemException(404, 'not_found', `No opportunity with id ${id}`);
    return opportunity;
  }

  async create(dto: CreateOpportunityDto): Promise<Opportunity> {
    const id = newId();
    await this.db.transaction(this.context.tenantId, async () => {
      const stage = dto.stage ?? 'lead';
      const record = await this.checked({
        id,
        title: dto.title,
        customerId: dto.customerId ?? null,
        prospectName: dto.prospectName ?? null,
        value: money(dto.value),
        stage,
        lostReason: dto.lostReason ?? null,
        probability: dto.probability ?? STAGE_PROBABILITY[stage],
        expectedCloseDate: dto.expectedCloseDate ?? null,
        ownerId: dto.ownerId ?? this.context.actor!.userId,
      });
      await this.opportunities.insert(record, nowIso());
      await this.audit.record({
        action: 'opportunity.created',
        entityType: 'opportunity',
        entityId: id,
        after: record,
      });
    });
    return this.get(id);
  }

  async update(id: string, version: number, dto: UpdateOpportunityDto): Promise<Opportunity> {
    await this.db.transaction(this.context.tenantId, async () => {
      const current = await this.get(id);
      if (current.version !== version) throw staleVersion('opportunity', current.version);
      const stage = dto.stage ?? current.stage;
      const stageChanged = stage !== current.stage;
      const before: OpportunityRecord = {
        id,
        title: current.title,
        customerId: current.customerId,
        prospectName: current.prospectName,
        value: current.value,
        stage: current.stage,
        lostReason: current.lostReason,
        probability: current.probability,
        expectedCloseDate: current.expectedCloseDate,
        ownerId: current.ownerId,
      };
      const record = await this.checked({
        ...before,
        title: dto.title ?? current.title,
        customerId: dto.customerId !== undefined ? dto.customerId : current.customerId,
        prospectName: dto.prospectName !== undefined ? dto.prospectName : current.prospectName,
        value: dto.value !== undefined ? money(dto.value) : current.value,
        stage,
        lostReason: dto.lostReason !== undefined ? dto.lostReason : current.lostReason,
        probability: dto.probability ?? (stageChanged ? STAGE_PROBABILITY[stage] : current.probability),
        expectedCloseDate: dto.expectedCloseDate !== undefined ? dto.expectedCloseDate : current.expectedCloseDate,
        ownerId: dto.ownerId ?? current.ownerId,
      });
      if (!(await this.opportunities.update(record, version, nowIso()))) {
        throw staleVersion('opportunity', current.version + 1);
      }
      await this.audit.record({
        action: stageChanged ? `opportunity.${stage}` : 'opportunity.updated',
        entityType: 'opportunity',
        entityId: id,
        before,
        after: record,
      });
    });
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    await this.db.transaction(this.context.tenantId, async () => {
      const current = await this.get(id);
      const quotes = await this.links.sources('opportunity', id);
      if (quotes.length > 0) {
        throw new ProblemException(
          409,
          'conflict',
          `${current.title} has ${quotes.length} quote(s); mark it lost instead of deleting it`,
        );
      }
      if (await this.opportunities.hasEngagement(id)) {
        throw new ProblemException(
          409,
          'conflict',
          `${current.title} has activities or notes; mark it lost instead of deleting it`,
        );
      }
      await this.opportunities.delete(id);
      await this.audit.record({
        action: 'opportunity.deleted',
        entityType: 'opportunity',
        entityId: id,
        before: current,
      });
    });
  }

  /** The stage rules: a customer or a prospect, won with a value, lost with a reason. */
  private async checked(record: OpportunityRecord): Promise<OpportunityRecord> {
    const field = (name: string, message: string, status = 422) =>
      new ProblemException(status, status === 400 ? 'validation_failed' : 'unprocessable', message, [
        { field: name, message },
      ]);
    if (record.customerId && record.prospectName) {
      throw field('prospectName', 'Name either a customer or a prospect, not both', 400);
    }
    if (!record.customerId && !record.prospectName) {
      throw field('customerId', 'Choose a customer or enter the prospect’s name', 400);
    }
    if (record.customerId && !(await this.refs.customerExists(record.customerId))) {
      throw field('customerId', `No customer with id ${record.customerId}`);
    }
    if (!(await this.refs.user(record.ownerId))?.active) {
      throw field('ownerId', 'The owner must be an active user of your business');
    }
    if (record.stage === 'won' && !dec(record.value).gt(0)) {
      throw field('value', 'A won opportunity needs its value; enter what was won');
    }
    if (record.stage === 'lost' && !record.lostReason) {
      throw field('lostReason', 'Say why the opportunity was lost');
    }
    return {
      ...record,
      lostReason: record.stage === 'lost' ? record.lostReason : null,
      probability: record.stage === 'won' ? 100 : record.stage === 'lost' ? 0 : record.probability,
    };
  }
}
