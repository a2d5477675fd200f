import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  AuditActionsResponse,
  AuditActorsResponse,
  AuditEvent,
  AuditExportFormat,
  AuditVerification,
  ListResponse,
} from '@billinator/contracts';
import { DownloadedFile, downloadFile } from './csv-file';
import { toParams } from './http-params';

const API = '/api/v1/audit';

/** Filters of the trail; `from`/`to` are timestamps (or dates), `action` may end in `*` (a prefix). */
export interface AuditFilters {
  from?: string;
  to?: string;
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
}

export interface AuditQuery extends AuditFilters {
  limit: number;
  offset: number;
}

@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  /** Newest first. */
  events(query: AuditQuery): Observable<ListResponse<AuditEvent>> {
    return this.http.get<ListResponse<AuditEvent>>(`${API}/events`, { params: toParams(query) });
  }

  /** Recomputes the tenant's whole chain (and is itself audited). */
  verify(): Observable<AuditVerification> {
    return this.http.post<AuditVerification>(`${API}/verify`, {});
  }

  /** The filtered trail with `prevHash` and `hash`, as CSV or JSON lines (the export is audited). */
  export(filters: AuditFilters, format: AuditExportFormat): Observable<DownloadedFile> {
    return downloadFile(this.http, `${API}/export`, toParams({ ...filters, format }), `audit.${format}`);
  }

  /** Everyone who appears in the trail, for the actor filter. */
  actors(): Observable<AuditActorsResponse> {
    return this.http.get<AuditActorsResponse>(`${API}/actors`);
  }

  /** Every action that appears in the trail, for the action filter. */
  actions(): Observable<AuditActionsResponse> {
    return this.http.get<AuditActionsResponse>(`${API}/actions`);
  }
}
