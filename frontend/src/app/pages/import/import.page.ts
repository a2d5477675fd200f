import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { TitleCasePipe } from '@angular/common';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import type { ImportReport } from '@billinator/contracts';
import { ApiError, toApiError } from '../../core/api-error';
import { saveFile } from '../../core/csv-file';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { IMPORT_RESOURCES, ImportResourceName, injectCsvResources } from './import-resources';

function reportOf(error: unknown): ImportReport | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const body = error.error as { report?: ImportReport } | null;
  return body?.report ?? null;
}

/**
 * CSV import of products, customers or suppliers (by the route's `resource`): pick a file,
 * check it (a dry run that lists every problem by line), then import it, all or nothing.
 */
@Component({
  selector: 'bn-import-page',
  imports: [
    TitleCasePipe,
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    ErrorBannerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './import.page.html',
  styleUrl: './import.page.scss',
})
export class ImportPage {
  private readonly apis = injectCsvResources();
  readonly resource = input.required<ImportResourceName>();

  readonly config = computed(() => IMPORT_RESOURCES[this.resource()]);
  readonly problemColumns = ['line', 'field', 'message'];
  readonly fileName = signal<string | null>(null);
  private readonly text = signal<string | null>(null);
  readonly report = signal<ImportReport | null>(null);
  readonly busy = signal(false);
  readonly error = signal<ApiError | null>(null);
  /** Import only a file whose dry run found nothing wrong. */
  readonly canImport = computed(() => {
    const report = this.report();
    return !!this.text() && !!report && report.dryRun && report.problems.length === 0 && report.valid > 0;
  });
  readonly done = computed(() => {
    const report = this.report();
    return report !== null && !report.dryRun && report.problems.length === 0;
  });

  async pick(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = ''; // picking the same (fixed) file again must count as a new pick
    if (!file) return;
    this.report.set(null);
    this.error.set(null);
    this.fileName.set(file.name);
    this.text.set(await file.text());
  }

  check(): void {
    this.run(true);
  }

  import(): void {
    if (this.canImport()) this.run(false);
  }

  downloadTemplate(): void {
    const header = `${this.config().columns.join(',')}\r\n`;
    saveFile({ blob: new Blob([header], { type: 'text/csv' }), filename: `${this.resource()}-template.csv` });
  }

  private run(dryRun: boolean): void {
    const text = this.text();
    if (text === null || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    this.apis[this.resource()].importCsv(text, dryRun).subscribe({
      next: (report) => {
        this.report.set(report);
        if (!dryRun) {
          this.text.set(null);
          this.fileName.set(null);
        }
        this.busy.set(false);
      },
      error: (e: unknown) => {
        // a refused import still answers its report: show which lines to fix
        this.report.set(reportOf(e));
        this.error.set(toApiError(e));
        this.busy.set(false);
      },
    });
  }
}
