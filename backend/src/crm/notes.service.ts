import { Inject, Injectable } from '@nestjs/common';
import type { ListResponse, Note } from '@billinator/contracts';
import { AuditService } from '../audit/audit.service';
import { newId, nowIso } from '../common/ids';
import { ProblemException } from '../common/problem.exception';
import { DATABASE, Database } from '../database/database.port';
import { Actor, RequestContext } from '../tenancy/request-context';
import type { ListNotesQueryDto, NoteDto } from './dto/note.dto';
import { EngagementRefsRepository } from './engagement-refs.repository';
import { NoteRecord, NotesRepository } from './notes.repository';

interface Target {
  customerId?: string | null;
  opportunityId?: string | null;
}

/** Roles that may delete anyone's note; everyone else deletes only their own. */
const MODERATOR_ROLES = ['owner', 'admin'];

/** Notes about a customer or an opportunity. They are never edited: delete and write a new one. */
@Injectable()
export class NotesService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly notes: NotesRepository,
    private readonly refs: EngagementRefsRepository,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
  ) {}

  async list(query: ListNotesQueryDto): Promise<ListResponse<Note>> {
    this.requireOneTarget(
      query,
      'Ask for the notes of one customer (customerId) or of one opportunity (opportunityId)',
    );
    if (query.customerId && !(await this.refs.customerExists(query.customerId))) {
      throw new ProblemException(404, 'not_found', `No customer with id ${query.customerId}`);
    }
    if (query.opportunityId && !(await this.refs.opportunity(query.opportunityId))) {
      throw new ProblemException(404, 'not_found', `No opportunity with id ${query.opportunityId}`);
    }
    const { items, total } = await this.notes.list({
      customerId: query.customerId,
      opportunityId: query.opportunityId,
      q: query.q,
      limit: query.limit,
      offset: query.offset,
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<Note> {
    const note = await this.notes.findById(id);
    if (!note) throw new ProblemException(404, 'not_found', `No note with id ${id}`);
    return note;
  }

  async create(dto: NoteDto): Promise<Note> {
    this.requireOneTarget(dto, 'A note is about one customer (customerId) or one opportunity (opportunityId)');
    const id = newId();
    await this.inTransaction(async () => {
      if (dto.customerId && !(await this.refs.customerExists(dto.customerId))) {
        throw this.unprocessable('customerId', `No customer with id ${dto.customerId}`);
      }
      if (dto.opportunityId && !(await this.refs.opportunity(dto.opportunityId))) {
        throw this.unprocessable('opportunityId', `No opportunity with id ${dto.opportunityId}`);
      }
      const record: NoteRecord = {
        body: dto.body,
        customerId: dto.customerId ?? null,
        opportunityId: dto.opportunityId ?? null,
        authorId: this.actor.userId,
      };
      await this.notes.insert(id, record, nowIso());
      await this.audit.record({ action: 'note.created', entityType: 'note', entityId: id, after: record });
    });
    return this.get(id);
  }

  /** The author deletes their note; an owner or admin deletes anyone's. */
  async delete(id: string): Promise<void> {
    await this.inTransaction(async () => {
      const note = await this.get(id);
      const actor = this.actor;
      if (note.authorId !== actor.userId && !MODERATOR_ROLES.includes(actor.role)) {
        throw new ProblemException(
          403,
          'forbidden',
          `Only the author of a note (${note.authorName || 'someone else'}) or an owner or admin can delete it`,
        );
      }
      await this.notes.delete(id);
      await this.audit.record({
        action: 'note.deleted',
        entityType: 'note',
        entityId: id,
        before: {
          body: note.body,
          customerId: note.customerId,
          opportunityId: note.opportunityId,
          authorId: note.authorId,
          createdAt: note.createdAt,
        },
      });
    });
  }

  private requireOneTarget(target: Target, message: string): void {
    if (!target.customerId === !target.opportunityId) {
      const errors = ['customerId', 'opportunityId'].map((field) => ({
        field,
        message: 'give either customerId or opportunityId (exactly one)',
      }));
      throw new ProblemException(400, 'validation_failed', message, errors);
    }
  }

  private unprocessable(field: string, message: string): ProblemException {
    return new ProblemException(422, 'unprocessable', message, [{ field, message }]);
  }

  private get actor(): Actor {
    const actor = this.context.actor;
    if (!actor) throw new ProblemException(401, 'unauthenticated', 'Sign in first');
    return actor;
  }

  private inTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.db.transaction(this.context.tenantId, work);
  }
}
