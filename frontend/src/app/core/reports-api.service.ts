import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type { Dashboard, ReportName, ReportResult } from '@billinator/contracts';
import { DownloadedFile, downloadFile } from './csv-file';
import { toParams } from './http-params';

const API = '/api/v1/reports';

/** A report's query: `from`/`to`, `groupBy`, `period`, `asOf`, `customerId`, … (unset ones are not sent). */
export type ReportQuery = Record<string, string | undefined>;

@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);

  /** `GET reports/<name>`: typed columns, rows and a totals row. */
  get(name: ReportName, query: ReportQuery): Observable<ReportResult> {
    return this.http.get<ReportResult>(`${API}/${name}`, { params: toParams(query) });
  }

  /** The same report as a file: `format=csv` (every report) or `format=pdf` (statements). */
  download(name: ReportName, query: ReportQuery, format: 'csv' | 'pdf'): Observable<DownloadedFile> {
    return downloadFile(this.http, `${API}/${name}`, toParams({ ...query, format }), `${name}.${format}`);
  }

  /** `GET dashboard`: the figures of the home page (the parts the role may read). */
  dashboard(): Observable<Partial<Dashboard>> {
    return this.http.get<Partial<Dashboard>>('/api/v1/dashboard');
  }
}
