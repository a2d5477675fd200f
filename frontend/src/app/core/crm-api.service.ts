import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  Activity,
  ActivityInput,
  ActivityType,
  DocumentSummary,
  ListResponse,
  Note,
  NoteInput,
  Opportunity,
  OpportunityInput,
  OpportunityStage,
  PipelineColumn,
  QuoteStatus,
  UpdateOpportunityRequest,
} from '@billinator/contracts';
import { DownloadedFile, downloadFile } from './csv-file';
import { toParams } from './http-params';

const API = '/api/v1/crm';

function url(path: string, id: string): string {
  return `${API}/${path}/${encodeURIComponent(id)}`;
}

/** The filters of the opportunity list, the board and the CSV export (`docs/CRM.md`). */
export interface OpportunityFilters {
  stage?: OpportunityStage;
  ownerId?: string;
  customerId?: string;
  /** Expected close date range, inclusive, `YYYY-MM-DD`. */
  closeFrom?: string;
  closeTo?: string;
  q?: string;
  sort?: string;
}

export interface OpportunityListQuery extends OpportunityFilters {
  limit: number;
  offset: number;
}

/** A quote as listed under its opportunity (quotes are documents of kind `quote`). */
export type QuoteSummary = DocumentSummary & { validUntil?: string | null; opportunityId?: string | null };

export interface QuoteListQuery {
  opportunityId?: string;
  customerId?: string;
  status?: QuoteStatus;
  limit: number;
  offset: number;
  sort?: string;
}

/** Opportunities: list, board columns, CSV, and one opportunity (its quotes too). */
@Injectable({ providedIn: 'root' })
export class OpportunitiesApi {
  private readonly http = inject(HttpClient);

  list(query: OpportunityListQuery): Observable<ListResponse<Opportunity>> {
    return this.http.get<ListResponse<Opportunity>>(`${API}/opportunities`, { params: toParams(query) });
  }

  pipeline(filters: OpportunityFilters): Observable<PipelineColumn[]> {
    return this.http.get<PipelineColumn[]>(`${API}/opportunities/pipeline`, { params: toParams(filters) });
  }

  exportCsv(filters: OpportunityFilters): Observable<DownloadedFile> {
    return downloadFile(this.http, `${API}/opportunities/export`, toParams(filters), 'opportunities.csv');
  }

  get(id: string): Observable<Opportunity> {
    return this.http.get<Opportunity>(url('opportunities', id));
  }

  create(request: OpportunityInput): Observable<Opportunity> {
    return this.http.post<Opportunity>(`${API}/opportunities`, request);
  }

  update(id: string, request: UpdateOpportunityRequest): Observable<Opportunity> {
    return this.http.patch<Opportunity>(url('opportunities', id), request);
  }

  delete(id: string): Observable<void> {
    return this.http.delete<void>(url('opportunities', id));
  }

  quotes(query: QuoteListQuery): Observable<ListResponse<QuoteSummary>> {
    return this.http.get<ListResponse<QuoteSummary>>(`${API}/quotes`, { params: toParams(query) });
  }
}

export interface ActivityListQuery {
  /** Assigned to the caller. */
  mine?: boolean;
  /** `true`: only open (not done) ones; `false`: only done ones; absent: both. */
  open?: boolean;
  customerId?: string;
  opportunityId?: string;
  type?: ActivityType;
  limit: number;
  offset: number;
}

export type UpdateActivityRequest = Partial<ActivityInput> & { version: number };

/** Calls, meetings, e-mails and tasks; lists answer open overdue ones first, then by due time. */
@Injectable({ providedIn: 'root' })
export class ActivitiesApi {
  private readonly http = inject(HttpClient);

  list(query: ActivityListQuery): Observable<ListResponse<Activity>> {
    // `mine=false` is simply not sent (everyone's); `open=false` asks for the done ones
    const { mine, ...rest } = query;
    return this.http.get<ListResponse<Activity>>(`${API}/activities`, {
      params: toParams({ ...rest, mine: mine || undefined }),
    });
  }

  create(request: ActivityInput): Observable<Activity> {
    return this.http.post<Activity>(`${API}/activities`, request);
  }

  update(id: string, request: UpdateActivityRequest): Observable<Activity> {
    return this.http.patch<Activity>(url('activities', id), request);
  }

  delete(id: string): Observable<void> {
    return this.http.delete<void>(url('activities', id));
  }
}

/** Notes on a customer or an opportunity, newest first. */
@Injectable({ providedIn: 'root' })
export class NotesApi {
  private readonly http = inject(HttpClient);

  /** Newest first, the first `limit` of them. */
  list(about: { customerId?: string; opportunityId?: string }, limit: number): Observable<ListResponse<Note>> {
    return this.http.get<ListResponse<Note>>(`${API}/notes`, { params: toParams({ ...about, limit, offset: 0 }) });
  }

  create(request: NoteInput): Observable<Note> {
    return this.http.post<Note>(`${API}/notes`, request);
  }

  delete(id: string): Observable<void> {
    return this.http.delete<void>(url('notes', id));
  }
}
