import { HttpClient, HttpParams, HttpResponse } from '@angular/common/http';
import { map, Observable } from 'rxjs';
import type { ImportReport } from '@billinator/contracts';

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/** The CSV side of a resource: export with the list's filters, import a file (optionally as a dry run). */
export interface CsvResource {
  exportCsv(filters: object): Observable<DownloadedFile>;
  importCsv(text: string, dryRun: boolean): Observable<ImportReport>;
}

function filenameOf(response: HttpResponse<Blob>, fallback: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return match ? decodeURIComponent(match[1]) : fallback;
}

/** GETs a file as a blob and keeps the name the server gives it. */
export function downloadFile(
  http: HttpClient,
  url: string,
  params: HttpParams,
  fallbackName: string,
): Observable<DownloadedFile> {
  return http
    .get(url, { params, responseType: 'blob', observe: 'response' })
    .pipe(map((response) => ({ blob: response.body ?? new Blob([]), filename: filenameOf(response, fallbackName) })));
}

/** POSTs CSV text as the request body, the way the import endpoints expect it. */
export function uploadCsv(http: HttpClient, url: string, text: string, dryRun: boolean): Observable<ImportReport> {
  return http.post<ImportReport>(url, text, {
    params: new HttpParams().set('dryRun', dryRun),
    headers: { 'Content-Type': 'text/csv' },
  });
}

/** Hands a blob to the browser as a download. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
