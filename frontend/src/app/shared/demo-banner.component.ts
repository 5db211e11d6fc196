import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoDirective } from '@jsverse/transloco';
import { catchError, map, of } from 'rxjs';
import { Api } from '../api/api';
import { getPublicConfig } from '../api/fn/health/get-public-config';

/**
 * Says, on every page, that this is the demo office (GET /api/config answers demo: true for the
 * embedded database with its demo data): nobody should mistake its made-up cases for real ones.
 */
@Component({
  selector: 'app-demo-banner',
  imports: [TranslocoDirective, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (demo()) {
      <div class="demo" role="note" *transloco="let t">
        <mat-icon aria-hidden="true">science</mat-icon>
        <span
          ><strong>{{ t('demo.title') }}</strong> {{ t('demo.text') }}</span
        >
      </div>
    }
  `,
  styles: `
    .demo {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 4px 16px;
      background: #fff4ce;
      color: #3d2e00;
      border-bottom: 1px solid #e0c55c;
      font-size: 0.875rem;
    }
  `,
})
export class DemoBannerComponent {
  private readonly api = inject(Api);
  protected readonly demo = toSignal(
    this.api.invoke(getPublicConfig).pipe(
      map((config) => config.demo),
      catchError(() => of(false)),
    ),
    { initialValue: false },
  );
}
