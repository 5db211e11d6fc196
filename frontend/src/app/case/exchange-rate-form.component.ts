import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import {
  FormControl,
  FormGroup,
  FormGroupDirective,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { LocalNumberPipe } from '../shared/local-number.pipe';
import { CaseStore } from './case.store';

/** NOK per EUR for this one case, with a reason; or back to the default rate. */
@Component({
  selector: 'app-exchange-rate-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoDirective,
    LocalNumberPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      @let override = store.detail()?.exchangeRate;
      <p>
        @if (override) {
          {{ t('exchangeRate.override', { rate: (override.nokPerEur | localNumber: '1.2-4') }) }}
          <span class="muted">{{ t('exchangeRate.because', { reason: override.reason }) }}</span>
        } @else {
          {{ t('exchangeRate.default') }}
        }
      </p>
      @if (store.canAssess()) {
        <form
          [formGroup]="form"
          #rateForm="ngForm"
          (ngSubmit)="save(rateForm)"
          class="row"
          novalidate
        >
          <mat-form-field appearance="outline">
            <mat-label>{{ t('exchangeRate.rate') }}</mat-label>
            <input
              matInput
              type="number"
              inputmode="decimal"
              step="0.0001"
              min="0"
              formControlName="nokPerEur"
              required
            />
            @if (form.controls.nokPerEur.hasError('required')) {
              <mat-error>{{ t('exchangeRate.rateRequired') }}</mat-error>
            } @else if (
              form.controls.nokPerEur.invalid && !form.controls.nokPerEur.hasError('server')
            ) {
              <mat-error>{{ t('exchangeRate.rateRange') }}</mat-error>
            } @else if (form.controls.nokPerEur.hasError('server')) {
              <mat-error>{{ form.controls.nokPerEur.getError('server') }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline" class="reason">
            <mat-label>{{ t('exchangeRate.reason') }}</mat-label>
            <input matInput formControlName="reason" required />
            <mat-hint>{{ t('exchangeRate.reasonHint') }}</mat-hint>
            @if (form.controls.reason.hasError('required')) {
              <mat-error>{{ t('exchangeRate.reasonRequired') }}</mat-error>
            } @else if (form.controls.reason.hasError('server')) {
              <mat-error>{{ form.controls.reason.getError('server') }}</mat-error>
            }
          </mat-form-field>
          <div class="buttons">
            <button mat-stroked-button type="submit" [disabled]="saving()">
              {{ t('exchangeRate.save') }}
            </button>
            @if (override) {
              <button mat-button type="button" (click)="useDefault(rateForm)" [disabled]="saving()">
                {{ t('exchangeRate.useDefault') }}
              </button>
            }
          </div>
        </form>
      }
    </ng-container>
  `,
  styles: `
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: flex-start;
    }
    .reason {
      flex: 1 1 320px;
    }
    .buttons {
      display: flex;
      gap: 8px;
      padding-top: 8px;
    }
  `,
})
export class ExchangeRateFormComponent {
  protected readonly store = inject(CaseStore);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);
  protected readonly saving = signal(false);

  protected readonly form = new FormGroup({
    nokPerEur: new FormControl<number | null>(null, [
      Validators.required,
      Validators.min(0.0001),
      Validators.max(1000),
    ]),
    reason: new FormControl('', { nonNullable: true, validators: Validators.required }),
  });

  protected save(formDirective: FormGroupDirective): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { nokPerEur, reason } = this.form.getRawValue();
    this.send(nokPerEur, reason.trim(), formDirective);
  }

  protected useDefault(formDirective: FormGroupDirective): void {
    this.send(null, '', formDirective);
  }

  private send(nokPerEur: number | null, reason: string, formDirective: FormGroupDirective): void {
    this.saving.set(true);
    this.store.setExchangeRate(nokPerEur, reason).subscribe({
      next: () => {
        this.saving.set(false);
        formDirective.resetForm();
        this.notifier.success(this.transloco.translate('exchangeRate.saved'));
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.notifier.notifyForm(err, this.form, { onReload: () => this.store.reload() });
      },
    });
  }
}
