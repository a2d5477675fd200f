import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ServerList } from './server-list';

/**
 * The outlined frame of a list's table (the projected `<table mat-table>`): a loading bar on
 * top while a page comes, the paginator of the server list below.
 */
@Component({
  selector: 'bn-list-table',
  imports: [MatPaginatorModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'table-wrap' },
  template: `
    @if (list().loading()) {
      <mat-progress-bar mode="indeterminate" />
    }
    <ng-content />
    <mat-paginator
      [length]="list().total()"
      [pageSize]="list().pageSize()"
      [pageIndex]="list().pageIndex()"
      [pageSizeOptions]="pageSizeOptions()"
      [showFirstLastButtons]="showFirstLastButtons()"
      (page)="list().onPage($event)"
      [attr.aria-label]="label()"
    />
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class ListTableComponent {
  readonly list = input.required<ServerList<unknown>>();
  /** The paginator's accessible name, e.g. "Pages of products". */
  readonly label = input.required<string>();
  readonly pageSizeOptions = input<readonly number[]>([10, 25, 50, 100]);
  readonly showFirstLastButtons = input(false);
}
