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
import { NgTemplateOutlet } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { Params, RouterLink } from '@angular/router';
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
  /**
   * Where each label leads (the queue filtered to it), or null for a label that leads nowhere.
   * Given, the chart is drawn as horizontal bars in HTML with their values written beside them,
   * each bar a link, and the table's row headers link there too.
   */
  links?: (ChartLink | null)[];
}

export interface ChartLink {
  path: string;
  queryParams: Params;
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
  imports: [MatButtonModule, NgTemplateOutlet, RouterLink, TranslocoDirective],
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
        @if (spec().links; as links) {
          <ul
            class="bars"
            [class.visually-hidden]="showTable()"
            [attr.aria-hidden]="showTable() ? 'true' : null"
          >
            @for (label of spec().labels; track $index; let i = $index) {
              <li>
                @if (links[i]; as link) {
                  <a
                    class="bar-row"
                    [routerLink]="link.path"
                    [queryParams]="link.queryParams"
                    [attr.tabindex]="showTable() ? -1 : null"
                  >
                    <ng-container
                      *ngTemplateOutlet="bar; context: { $implicit: label, i: i }"
                    ></ng-container>
                  </a>
                } @else {
                  <div class="bar-row">
                    <ng-container
                      *ngTemplateOutlet="bar; context: { $implicit: label, i: i }"
                    ></ng-container>
                  </div>
                }
              </li>
            }
          </ul>
          <ng-template #bar let-label let-i="i">
            <span class="bar-label">{{ label }}</span>
            <span class="bar-track">
              @for (s of spec().series; track s.label) {
                <span
                  class="bar"
                  [class.striped]="s.striped"
                  [style.width.%]="share(s.data[i])"
                  [style.background-color]="s.striped ? null : s.color"
                  [style.border-color]="s.color"
                  [style.color]="s.color"
                ></span>
              }
            </span>
            <span class="bar-value">
              @for (s of spec().series; track s.label; let first = $first) {
                @if (!first) {
                  <span aria-hidden="true"> · </span>
                }
                @if (spec().series.length > 1) {
                  <span class="visually-hidden">{{ ' ' + s.label + ' ' }}</span>
                }
                {{ number(s.data[i]) }}
              }
            </span>
          </ng-template>
        } @else {
          <div class="canvas-wrap" [class.visually-hidden]="showTable()">
            <canvas #canvas aria-hidden="true"></canvas>
          </div>
        }
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
                  <th scope="row">
                    @if (spec().links?.[i]; as link) {
                      <a [routerLink]="link.path" [queryParams]="link.queryParams">{{ label }}</a>
                    } @else {
                      {{ label }}
                    }
                  </th>
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
    .bars {
      list-style: none;
      margin: 8px 0 0;
      padding: 0;
      display: grid;
      gap: 4px;
    }
    .bar-row {
      display: grid;
      grid-template-columns: minmax(96px, 30%) 1fr auto;
      align-items: center;
      gap: 8px;
      padding: 4px;
      border-radius: 4px;
      color: #1b1f23;
      text-decoration: none;
    }
    a.bar-row:hover,
    a.bar-row:focus-visible {
      background: var(--mat-sys-surface-container-high);
    }
    a.bar-row:hover .bar-label,
    a.bar-row:focus-visible .bar-label {
      text-decoration: underline;
    }
    a.bar-row .bar-label {
      color: var(--mat-sys-primary);
    }
    .bar-label {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .bar-track {
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-width: 0;
    }
    .bar {
      display: block;
      height: 14px;
      min-width: 2px;
      border-radius: 0 3px 3px 0;
      box-sizing: border-box;
      border: 2px solid;
    }
    .bar.striped {
      background-image: repeating-linear-gradient(135deg, currentColor 0 3px, #ffffff 3px 7px);
    }
    .bar-value {
      font-variant-numeric: tabular-nums;
      text-align: right;
      white-space: nowrap;
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
  private readonly canvas = viewChild<ElementRef<HTMLCanvasElement>>('canvas');
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

  /** A bar's length: its share of the largest value of the chart. */
  protected share(value: number | undefined): number {
    const max = Math.max(0, ...this.spec().series.flatMap((s) => s.data));
    return max > 0 ? (100 * (value ?? 0)) / max : 0;
  }

  protected number(value: number | undefined): string {
    return formatLocalNumber(value ?? 0, this.lang(), '1.0-0');
  }

  private draw(): void {
    const spec = this.spec();
    if (spec.links) {
      this.chart?.destroy();
      this.chart = null;
      return;
    }
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
    const canvas = this.canvas()?.nativeElement;
    if (!canvas) return;
    // No 2D context (jsdom, very old browsers): the table still has the numbers.
    if (typeof canvas.getContext !== 'function') return;
    try {
      this.chart = new Chart(canvas, config);
    } catch {
      this.chart = null;
    }
  }
}
