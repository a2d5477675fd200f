import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { OpportunityStage } from '@billinator/contracts';
import { STAGE_LABELS } from './crm-labels';

/** An opportunity's stage as a chip: open stages neutral, won green, lost red. */
@Component({
  selector: 'bn-stage-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="chip" [class]="'stage-' + stage()" data-testid="stage-chip">{{ label() }}</span>`,
  styles: `
    .stage-lead,
    .stage-qualified {
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface-variant);
    }
    .stage-proposal,
    .stage-negotiation {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .stage-won {
      background: #e3f4e6;
      color: #1b5e20;
    }
    .stage-lost {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class StageChipComponent {
  readonly stage = input.required<OpportunityStage>();
  readonly label = computed(() => STAGE_LABELS[this.stage()]);
}
