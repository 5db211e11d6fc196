import {
  ChangeDetectionStrategy,
  Component,
  InjectionToken,
  Signal,
  computed,
  inject,
  input,
} from '@angular/core';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { TranslocoDirective } from '@jsverse/transloco';
import type { ControlPart } from './case-decision.component';

/** Who keeps the approver's "seen" marks for the parts of the control on screen. */
export interface ControlMarks {
  /** Whether the person may decide, so the parts carry a "seen" box. */
  readonly approving: Signal<boolean>;
  readonly seen: Signal<ReadonlySet<ControlPart>>;
  markSeen(part: ControlPart, on: boolean): void;
}

export const CONTROL_MARKS = new InjectionToken<ControlMarks>('CONTROL_MARKS');

/**
 * The heading of one part of the approver's control, with its "seen" box while the person
 * may decide. The heading's id is `part-<part>`, so the part's section names itself by it
 * (`aria-labelledby`); the box's accessible name repeats the part's title, as eight boxes
 * all called "Sett" would not say which is which.
 */
@Component({
  selector: 'app-control-part-heading',
  imports: [MatCheckboxModule, TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'part-head' },
  template: `
    <ng-container *transloco="let t">
      @if (level() === 3) {
        <h3 [id]="headingId()">{{ title() }}</h3>
      } @else {
        <h4 [id]="headingId()">{{ title() }}</h4>
      }
      @if (marks.approving()) {
        <mat-checkbox
          class="seen"
          [checked]="checked()"
          (change)="marks.markSeen(part(), $event.checked)"
        >
          {{ t('control.seen') }}<span class="visually-hidden"> – {{ title() }}</span>
        </mat-checkbox>
      }
    </ng-container>
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 4px 16px;
    }

    h3,
    h4 {
      margin: 0;
    }
  `,
})
export class ControlPartHeadingComponent {
  protected readonly marks = inject(CONTROL_MARKS);
  readonly part = input.required<ControlPart>();
  readonly title = input.required<string>();
  /** The heading's level: 4 inside the recommendation's panel, 3 for a panel of its own. */
  readonly level = input<3 | 4>(4);
  protected readonly headingId = computed(() => `part-${this.part()}`);
  protected readonly checked = computed(() => this.marks.seen().has(this.part()));
}
