import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  OnDestroy,
  afterNextRender,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoDirective } from '@jsverse/transloco';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  ChartConfiguration,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';
import { LanguageService } from '../core/i18n/language.service';
import { formatLocalNumber } from '../shared/format';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface ChartSeries {
  label: string;
  data: number[];
  /** A colour with at least 3:1 contrast against white (WCAG 1.4.11). */
  color: string;
  /** Diagonal stripes, so two series differ by more than colour. */
  striped?: boolean;
}

export interface ChartSpec {
  /** Heading of the first column of the data table (what the labels are). */
  category: string;
  labels: string[];
  series: ChartSeries[];
  stacked?: boolean;
  horizontal?: boolean;
}

function prefersReducedMotion(): boolean {
  return (
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches
  );
}

/** A striped fill for a series; falls back to the plain colour where canvas is unavailable. */
function stripes(color: string): CanvasPattern | string {
  try {
    const tile = document.createElement('canvas');
    tile.width = 8;
    tile.height = 8;
    const ctx = tile.getContext('2d');
    if (!ctx) return color;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, 8, 8);
    ctx.strokeStyle = color;
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(-2, 10);
    ctx.lineTo(10, -2);
    ctx.stroke();
    return ctx.createPattern(tile, 'repeat') ?? color;
  } catch {
    return color;
  }
}

/**
 * One chart of the dashboard with its numbers as a table. The canvas is hidden
 * from assistive technology; the table (visually hidden until shown) carries
 * the same numbers for screen readers and for anyone who prefers them.
 */
@Component({
  selector: 'app-chart-panel',
  imports: [MatButtonModule, TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <figure [attr.aria-labelledby]="id + '-title'">
        <figcaption>
          <h2 [id]="id + '-title'">{{ heading() }}</h2>
          <button
            mat-button
            type="button"
            (click)="showTable.set(!showTable())"
            [attr.aria-expanded]="showTable()"
            [attr.aria-controls]="id + '-table'"
          >
            {{ showTable() ? t('dashboard.hideTable') : t('dashboard.showTable') }}
          </button>
        </figcaption>
        <div class="canvas-wrap" [class.visually-hidden]="showTable()">
          <canvas #canvas aria-hidden="true"></canvas>
        </div>
        <div
          [class.scroll]="showTable()"
          [class.visually-hidden]="!showTable()"
          [attr.tabindex]="showTable() ? 0 : null"
          [attr.role]="showTable() ? 'region' : null"
          [attr.aria-labelledby]="showTable() ? id + '-title' : null"
        >
          <table class="data-table" [id]="id + '-table'">
            <caption class="visually-hidden">
              {{
                heading()
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ spec().category }}</th>
                @for (s of spec().series; track s.label) {
                  <th scope="col" class="num">{{ s.label }}</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (label of spec().labels; track $index; let i = $index) {
                <tr>
                  <th scope="row">{{ label }}</th>
                  @for (s of spec().series; track s.label) {
                    <td class="num">{{ number(s.data[i]) }}</td>
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
      </figure>
    </ng-container>
  `,
  styles: `
    figure {
      margin: 0;
      padding: 16px;
      border-radius: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface);
    }
    figcaption {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 0;
    }
    .canvas-wrap {
      position: relative;
      height: 260px;
    }
    .scroll {
      overflow-x: auto;
    }
  `,
})
export class ChartPanelComponent implements OnDestroy {
  private static next = 0;
  private readonly lang = inject(LanguageService).language;
  protected readonly id = `chart-${ChartPanelComponent.next++}`;

  readonly heading = input.required<string>();
  readonly spec = input.required<ChartSpec>();

  protected readonly showTable = signal(false);
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart<'bar'> | null = null;
  private rendered = false;

  constructor() {
    afterNextRender(() => {
      this.rendered = true;
      this.draw();
    });
    effect(() => {
      this.spec();
      this.lang();
      untracked(() => {
        if (this.rendered) this.draw();
      });
    });
  }

  ngOnDestroy(): void {
    this.chart?.destroy();
  }

  protected number(value: number | undefined): string {
    return formatLocalNumber(value ?? 0, this.lang(), '1.0-0');
  }

  private draw(): void {
    const spec = this.spec();
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: {
        labels: spec.labels,
        datasets: spec.series.map((s) => ({
          label: s.label,
          data: s.data,
          backgroundColor: s.striped ? stripes(s.color) : s.color,
          borderColor: s.color,
          borderWidth: s.striped ? 2 : 0,
        })),
      },
      options: {
        indexAxis: spec.horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: prefersReducedMotion() ? false : undefined,
        locale: this.lang(),
        plugins: {
          legend: { display: spec.series.length > 1, labels: { color: '#1b1f23' } },
        },
        scales: {
          x: { stacked: spec.stacked, ticks: { color: '#1b1f23', precision: 0 } },
          y: {
            stacked: spec.stacked,
            ticks: { color: '#1b1f23', precision: 0 },
            beginAtZero: true,
          },
        },
      },
    };
    if (this.chart) {
      this.chart.data = config.data;
      this.chart.options = config.options ?? {};
      this.chart.update();
      return;
    }
    const canvas = this.canvas().nativeElement;
    // No 2D context (jsdom, very old browsers): the table still has the numbers.
    if (typeof canvas.getContext !== 'function') return;
    try {
      this.chart = new Chart(canvas, config);
    } catch {
      this.chart = null;
    }
  }
}
