import { ActivityListComponent } from '../crm/shared/activity-list.component';
import { NotesComponent } from '../crm/shared/notes.component';
import { CustomerTimelineComponent } from '../crm/timeline/customer-timeline.component';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { AuthService } from '../../core/auth.service';
import { injectConfirm } from '../../core/confirm';
import { AmountPipe } from '../../core/decimal-format';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { RemoteValue } from '../../core/remote-value';
import { loadForRoute } from '../../core/route-load';
import { ContactsComponent } from './contacts.component';
import { PartyAccountComponent } from './party-account.component';
import { AnyParty, injectPartyApis, PARTY_CONFIG, PartyKind } from './party-kind';

/** One customer or supplier: details, account, actions and (for customers) contact people. */
@Component({
  selector: 'bn-party-detail-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MatProgressBarModule,
    ErrorBannerComponent,
    ContactsComponent,
    PartyAccountComponent,
    ActivityListComponent,
    NotesComponent,
    CustomerTimelineComponent,
    AmountPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <a class="back-link" [routerLink]="config().base"><mat-icon>arrow_back</mat-icon>{{ config().title }}</a>
      @if (loading() && !party()) {
        <mat-progress-bar mode="indeterminate" />
      }
      <bn-error-banner [error]="error()">
        @if (error()?.status === 409 && party()) {
          <button mat-stroked-button type="button" (click)="load()" data-testid="reload">
            <mat-icon>refresh</mat-icon>Reload
          </button>
        }
      </bn-error-banner>

      @if (party(); as p) {
        <div class="page-header">
          <h1 data-testid="party-name">{{ p.name }}</h1>
          <span class="chip" [class.chip-active]="p.active" data-testid="party-status">
            {{ p.active ? 'Active' : 'Inactive' }}
          </span>
          @if (canWrite()) {
            <div class="header-actions">
              <a mat-stroked-button [routerLink]="[config().base, p.id, 'edit']" data-testid="edit-party">
                <mat-icon>edit</mat-icon>Edit
              </a>
              <button mat-icon-button [matMenuTriggerFor]="more" aria-label="More actions" data-testid="more-actions">
                <mat-icon>more_vert</mat-icon>
              </button>
              <mat-menu #more="matMenu" xPosition="before">
                <button mat-menu-item (click)="toggleActive(p)" data-testid="toggle-active">
                  <mat-icon>{{ p.active ? 'block' : 'check_circle' }}</mat-icon>
                  {{ p.active ? 'Deactivate' : 'Reactivate' }}
                </button>
                <button mat-menu-item (click)="remove(p)" data-testid="delete-party">
                  <mat-icon>delete</mat-icon>Delete
                </button>
              </mat-menu>
            </div>
          }
        </div>

        <section class="panel">
          <h2>Details</h2>
          <dl class="details">
            <div>
              <dt>E-mail</dt>
              <dd data-testid="party-email">{{ p.email ?? '—' }}</dd>
            </div>
            <div>
              <dt>Phone</dt>
              <dd>{{ p.phone ?? '—' }}</dd>
            </div>
            <div>
              <dt>Tax id</dt>
              <dd>{{ p.taxId ?? '—' }}</dd>
            </div>
            <div>
              <dt>Payment terms</dt>
              <dd>{{ p.paymentTermsDays }} days</dd>
            </div>
            <div>
              <dt>Opening balance</dt>
              <dd>{{ p.openingBalance | amount }} {{ currency }}</dd>
            </div>
            @if (config().creditLimit) {
              <div>
                <dt>Credit limit</dt>
                <dd>{{ p.creditLimit ? (p.creditLimit | amount) + ' ' + currency : 'No limit' }}</dd>
              </div>
            }
            <div class="address">
              <dt>Address</dt>
              <dd>{{ p.address ?? '—' }}</dd>
            </div>
          </dl>
        </section>

        <bn-party-account [kind]="kind()" [partyId]="p.id" />

        @if (config().contacts) {
          <bn-contacts [customerId]="p.id" [canWrite]="canWrite()" />
        }

        @if (kind() === 'customers' && canReadCrm()) {
          <section class="crm-links" aria-label="Sales opportunities and quotes">
            <a
              mat-stroked-button
              [routerLink]="['/crm/opportunities']"
              [queryParams]="{ customerId: p.id }"
              data-testid="customer-opportunities"
            >
              <mat-icon>handshake</mat-icon> Opportunities
            </a>
            <a
              mat-stroked-button
              [routerLink]="['/crm/quotes']"
              [queryParams]="{ customerId: p.id }"
              data-testid="customer-quotes"
            >
              <mat-icon>request_quote</mat-icon> Quotes
            </a>
            @if (canWriteCrm()) {
              <a
                mat-stroked-button
                [routerLink]="['/crm/opportunities/new']"
                [queryParams]="{ customerId: p.id }"
                data-testid="customer-new-opportunity"
              >
                <mat-icon>add</mat-icon> New opportunity
              </a>
              <a
                mat-stroked-button
                [routerLink]="['/crm/quotes/new']"
                [queryParams]="{ customerId: p.id }"
                data-testid="customer-new-quote"
              >
                <mat-icon>add</mat-icon> New quote
              </a>
            }
          </section>
          <div class="crm-panels">
            <bn-activity-list [customerId]="p.id" [open]="true" heading="Open activities" [pageSize]="10" />
            <bn-notes [customerId]="p.id" />
          </div>
          <bn-customer-timeline [customerId]="p.id" />
        }
      }
    </div>
  `,
  styles: `
    .page-header h1 {
      flex: 0 1 auto;
    }
    .header-actions {
      margin-left: auto;
    }
    .address dd {
      white-space: pre-line;
    }
    .crm-links {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin: 16px 0;
    }
    .crm-panels {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
      gap: 16px;
      align-items: start;
      margin-bottom: 16px;
    }
  `,
})
export class PartyDetailPage {
  private readonly apis = injectPartyApis();
  private readonly auth = inject(AuthService);
  private readonly confirm = injectConfirm();
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  readonly kind = input.required<PartyKind>();
  readonly id = input.required<string>();

  readonly config = computed(() => PARTY_CONFIG[this.kind()]);
  readonly currency = this.auth.currentUser()?.tenant.currency ?? '';
  readonly record = new RemoteValue<AnyParty>();
  readonly party = this.record.value;
  readonly loading = this.record.loading;
  readonly error = this.record.error;
  readonly canWrite = computed(() => this.auth.can(this.config().write));
  readonly canReadCrm = computed(() => this.auth.can('crm.read'));
  readonly canWriteCrm = computed(() => this.auth.can('crm.write'));

  constructor() {
    loadForRoute(this.id, () => this.load());
  }

  load(): void {
    this.record.load(this.apis(this.kind()).get(this.id()));
  }

  toggleActive(party: AnyParty): void {
    const deactivate = party.active;
    this.confirm(
      {
        title: deactivate ? `Deactivate ${this.config().singular}?` : `Reactivate ${this.config().singular}?`,
        message: deactivate
          ? `${party.name} can no longer be picked on new documents. Their history stays.`
          : `${party.name} can be used on documents again.`,
        confirm: deactivate ? 'Deactivate' : 'Reactivate',
        danger: deactivate,
      },
      () =>
        this.record.send(
          this.apis(this.kind()).update(party.id, { active: !deactivate, version: party.version }),
          (updated) => {
            this.party.set(updated);
            this.snackBar.open(`${updated.name} ${deactivate ? 'deactivated' : 'reactivated'}`, 'OK', {
              duration: 4000,
            });
          },
        ),
    );
  }

  remove(party: AnyParty): void {
    this.confirm(
      {
        title: `Delete ${this.config().singular}?`,
        message: `${party.name} is removed for good${this.config().contacts ? ', with their contacts' : ''}. One with documents cannot be deleted.`,
        confirm: 'Delete',
        danger: true,
      },
      () =>
        this.record.send(this.apis(this.kind()).delete(party.id), () => {
          this.snackBar.open(`${party.name} deleted`, 'OK', { duration: 4000 });
          void this.router.navigate([this.config().base]);
        }),
    );
  }
}
