import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { ServerList } from './server-list';

/**
 * What a list's no-data row says, once the first page is there (so it does not flash): that
 * nothing matches the filters, or that there is nothing yet, followed by the projected content
 * (e.g. the buttons to add the first one).
 */
@Component({
  selector: 'bn-list-empty',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (list().loaded()) {
      <mat-icon>{{ icon() }}</mat-icon>
      @if (filtered()) {
        No {{ noun() }} matches these filters.
      } @else {
        {{ empty() }}
        <ng-content />
      }
    }
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class ListEmptyComponent {
  readonly list = input.required<ServerList<unknown>>();
  readonly icon = input.required<string>();
  /** Whether a search or filter is set. */
  readonly filtered = input.required<boolean>();
  /** One of the listed things, as in "No product matches these filters." */
  readonly noun = input.required<string>();
  /** The sentence for a list with nothing at all, e.g. "No products yet." */
  readonly empty = input.required<string>();
}
