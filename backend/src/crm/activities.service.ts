import { Inject, Injectable } from '@nestjs/common';
import type { Activity, FieldError, ListResponse } from '@billinator/contracts';
import { AuditService } from '../audit/audit.service';
import { newId, nowIso } from '../common/ids';
import { ProblemException } from '../common/problem.exception';
import { normaliseTimestamp } from '../common/timestamp.validator';
import { staleVersion } from '../common/versioning';
import { DATABASE, Database } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';
import { ActivitiesRepository, ActivityRecord } from './activities.repository';
import type { ActivityDto, ListActivitiesQueryDto, UpdateActivityDto } from './dto/activity.dto';
import { EngagementRefsRepository } from './engagement-refs.repository';

type Links = Pick<ActivityRecord, 'customerId' | 'opportunityId' | 'contactId'>;

/** Calls, meetings, e-mails and tasks: who does what by when, about which customer or opportunity. */
@Injectable()
export class ActivitiesService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly activities: ActivitiesRepository,
    private readonly refs: EngagementRefsRepository,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
  ) {}

  async list(query: ListActivitiesQueryDto): Promise<ListResponse<Activity>> {
    const { items, total } = await this.activities.list(
      {
        assigneeId: query.mine ? this.actorId : undefined,
        open: query.open,
        customerId: query.customerId,
        opportunityId: query.opportunityId,
        type: query.type,
        q: query.q,
        limit: query.limit,
        offset: query.offset,
      },
      nowIso(),
    );
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<Activity> {
    const activity = await this.activities.findById(id, nowIso());
    if (!activity) throw new ProblemException(404, 'not_found', `No activity with id ${id}`);
    return activity;
  }

  async create(dto: ActivityDto): Promise<Activity> {
    const id = newId();
    await this.inTransaction(async () => {
      const now = nowIso();
      const done = dto.done === true;
      const record: ActivityRecord = {
        type: dto.type,
        subject: dto.subject,
        details: dto.details ?? null,
        dueAt: normaliseTimestamp(dto.dueAt),
        assigneeId: dto.assigneeId ?? this.actorId,
        done,
        doneAt: done ? now : null,
        ...(await this.checkLinks({
          customerId: dto.customerId ?? null,
          opportunityId: dto.opportunityId ?? null,
          contactId: dto.contactId ?? null,
        })),
      };
      await this.checkAssignee(record.assigneeId);
      await this.activities.insert(id, record, now);
      await this.audit.record({ action: 'activity.created', entityType: 'activity', entityId: id, after: record });
    });
    return this.get(id);
  }

  async update(id: string, version: number, dto: UpdateActivityDto): Promise<Activity> {
    await this.inTransaction(async () => {
      const now = nowIso();
      const current = await this.get(id);
      if (current.version !== version) throw staleVersion('activity', current.version);
      const before = this.record(current);
      const done = dto.done ?? current.done;
      const next: ActivityRecord = {
        type: dto.type ?? current.type,
        subject: dto.subject ?? current.subject,
        details: dto.details !== undefined ? dto.details : current.details,
        dueAt: dto.dueAt !== undefined ? normaliseTimestamp(dto.dueAt) : current.dueAt,
        assigneeId: dto.assigneeId ?? current.assigneeId,
        done,
        // Marking done stamps the time; reopening clears it; staying done keeps the first stamp.
        doneAt: done ? (current.done ? current.doneAt : now) : null,
        ...(await this.checkLinks(
          {
            customerId: dto.customerId !== undefined ? dto.customerId : current.customerId,
            opportunityId: dto.opportunityId !== undefined ? dto.opportunityId : current.opportunityId,
            contactId: dto.contactId !== undefined ? dto.contactId : current.contactId,
          },
          current,
        )),
      };
      if (next.assigneeId !== current.assigneeId) await this.checkAssignee(next.assigneeId);
      if (!(await this.activities.update(id, version, next, now))) throw staleVersion('activity', current.version + 1);
      await this.audit.record({
        action: done && !current.done ? 'activity.completed' : 'activity.updated',
        entityType: 'activity',
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
      await this.activities.delete(id);
      await this.audit.record({
        action: 'activity.deleted',
        entityType: 'activity',
        entityId: id,
        before: this.record(current),
      });
    });
  }

  /** The assignee must be an active user of the tenant. */
  private async checkAssignee(assigneeId: string): Promise<void> {
    const user = await this.refs.user(assigneeId);
    if (!user) throw this.unprocessable('assigneeId', `No user with id ${assigneeId}`);
    if (!user.active) throw this.unprocessable('assigneeId', `${user.name} is deactivated; assign someone else`);
  }

  /**
   * The customer, opportunity and contact must exist in the tenant and agree with each
   * other: the contact works at the customer, the opportunity is the customer's. Without a
   * customer, the activity takes the opportunity's or the contact's, so that it shows on
   * that customer's timeline. Links that did not change are not checked for existence
   * again (what they point at may have been deleted since), only for agreement.
   */
  private async checkLinks(links: Links, current?: Links): Promise<Links> {
    const changed = (field: keyof Links) => current === undefined || links[field] !== current[field];
    const errors: FieldError[] = [];
    let customerId = links.customerId;
    let customerKnown = true;
    if (customerId && changed('customerId') && !(await this.refs.customerExists(customerId))) {
      errors.push({ field: 'customerId', message: `No customer with id ${customerId}` });
      customerKnown = false;
    }
    const opportunity = links.opportunityId ? await this.refs.opportunity(links.opportunityId) : null;
    if (links.opportunityId && !opportunity && changed('opportunityId')) {
      errors.push({ field: 'opportunityId', message: `No opportunity with id ${links.opportunityId}` });
    }
    const contact = links.contactId ? await this.refs.contact(links.contactId) : null;
    if (links.contactId && !contact && changed('contactId')) {
      errors.push({ field: 'contactId', message: `No contact with id ${links.contactId}` });
    }
    customerId ??= opportunity?.customerId ?? contact?.customerId ?? null;
    if (customerKnown && customerId) {
      const relinked = changed('customerId');
      if (opportunity?.customerId && opportunity.customerId !== customerId && (relinked || changed('opportunityId'))) {
        errors.push({ field: 'opportunityId', message: `${opportunity.title} is another customer's opportunity` });
      }
      if (contact && contact.customerId !== customerId && (relinked || changed('contactId'))) {
        errors.push({ field: 'contactId', message: `${contact.name} is not a contact of this customer` });
      }
    }
    if (errors.length > 0) {
      throw new ProblemException(422, 'unprocessable', errors.map((e) => e.message).join('; '), errors);
    }
    return { customerId, opportunityId: links.opportunityId, contactId: links.contactId };
  }

  private record(a: Activity): ActivityRecord {
    return {
      type: a.type,
      subject: a.subject,
      details: a.details,
      dueAt: a.dueAt,
      assigneeId: a.assigneeId,
      done: a.done,
      doneAt: a.doneAt,
      customerId: a.customerId,
      opportunityId: a.opportunityId,
      contactId: a.contactId,
    };
  }

  private unprocessable(field: string, message: string): ProblemException {
    return new ProblemException(422, 'unprocessable', message, [{ field, message }]);
  }

  private get actorId(): string {
    const actor = this.context.actor;
    if (!actor) throw new ProblemException(401, 'unauthenticated', 'Sign in first');
    return actor.userId;
  }

  private inTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.db.transaction(this.context.tenantId, work);
  }
}
