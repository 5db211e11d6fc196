import { writeFileSync } from 'node:fs';
import type { ReadsResult } from './bench-reads';

/**
 * The benchmark's report as one self-contained HTML page (no network, no scripts): the targets
 * table, then each read path's latency distribution as an inline SVG chart on a log scale (API and
 * raw SQL, box from p50 to p95, whiskers to p99 and max, every sample as a tick, the target as a
 * line), then the other parts' percentiles. Written beside the run's JSON.
 */

export type TargetRow = [measure: string, target: string, thisRun: string, met: boolean];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Log scale from 0.1 ms to 10 s over `width` pixels. */
function scale(width: number) {
  const lo = Math.log10(0.1);
  const hi = Math.log10(10_000);
  return (ms: number) => ((Math.log10(Math.max(0.1, Math.min(10_000, ms))) - lo) / (hi - lo)) * width;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const LABEL = 330;
const PLOT = 560;
const ROW = 16;

function axis(x: (ms: number) => number, height: number): string {
  const ticks = [0.1, 1, 10, 50, 100, 1000, 10_000];
  return ticks
    .map((t) => {
      const px = LABEL + x(t);
      const label = t >= 1000 ? `${t / 1000} s` : `${t} ms`;
      return `<line x1="${px}" y1="0" x2="${px}" y2="${height}" stroke="#ddd"/><text x="${px}" y="${height + 12}" font-size="10" text-anchor="middle" fill="#666">${label}</text>`;
    })
    .join('');
}

function strip(samples: number[], y: number, x: (ms: number) => number, colour: string): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const [p50, p95, p99, max] = [0.5, 0.95, 0.99, 1].map((q) => quantile(sorted, q));
  const ticks = sorted
    .filter((_, i) => sorted.length <= 400 || i % Math.ceil(sorted.length / 400) === 0)
    .map(
      (v) => `<line x1="${LABEL + x(v)}" y1="${y + 2}" x2="${LABEL + x(v)}" y2="${y + ROW - 4}" stroke="${colour}" stroke-opacity="0.25"/>`,
    )
    .join('');
  const mid = y + (ROW - 2) / 2;
  return (
    ticks +
    `<line x1="${LABEL + x(p95)}" y1="${mid}" x2="${LABEL + x(max)}" y2="${mid}" stroke="${colour}"/>` +
    `<rect x="${LABEL + x(p50)}" y="${y + 3}" width="${Math.max(1, x(p95) - x(p50))}" height="${ROW - 8}" fill="${colour}" fill-opacity="0.6"/>` +
    `<line x1="${LABEL + x(p99)}" y1="${y + 2}" x2="${LABEL + x(p99)}" y2="${y + ROW - 4}" stroke="${colour}" stroke-width="2"/>` +
    `<title>p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, max ${max.toFixed(2)} ms</title>`
  );
}

function readsCharts(reads: ReadsResult): string {
  const x = scale(PLOT);
  const groups = [...new Set(reads.paths.map((p) => p.group))];
  // The exports: time to the last byte of the whole file, against the time its rows may take at the target rate.
  const exportRows = (reads.exports ?? []).map((e) => {
    const target = (e.rows / e.targetRowsPerSecond) * 1000;
    return {
      label: `${e.name}, ${e.format} (${e.rows} rows)`,
      samples: e.api.samples,
      colour: e.rowsPerSecond >= e.targetRowsPerSecond ? '#1b7f3b' : '#b3261e',
      target,
    };
  });
  const charts = [
    ...groups.map((group) => ({ group, rows: null as typeof exportRows | null })),
    ...(exportRows.length ? [{ group: 'export (time to last byte)', rows: exportRows }] : []),
  ];
  return charts
    .map(({ group, rows: given }) => {
      const paths = reads.paths.filter((p) => p.group === group);
      const rows =
        given ??
        paths.flatMap((p) => [
          {
            label: `${p.name} (API)`,
            samples: p.api.samples,
            colour: p.api.p95 <= p.targetP95 ? '#1b7f3b' : '#b3261e',
            target: p.targetP95,
          },
          ...(p.raw ? [{ label: `${p.name} (raw SQL)`, samples: p.raw.samples, colour: '#3465a4', target: p.targetP95 }] : []),
        ]);
      const height = rows.length * ROW;
      const body = rows
        .map((r, i) => {
          const y = i * ROW;
          return (
            `<text x="${LABEL - 6}" y="${y + ROW - 5}" font-size="11" text-anchor="end">${esc(r.label)}</text>` +
            strip(r.samples, y, x, r.colour) +
            `<line x1="${LABEL + x(r.target)}" y1="${y}" x2="${LABEL + x(r.target)}" y2="${y + ROW}" stroke="#e69500" stroke-dasharray="3,2"/>`
          );
        })
        .join('');
      return `<h3>${esc(group)}</h3><svg width="${LABEL + PLOT + 20}" height="${height + 18}" role="img" aria-label="${esc(group)} latency">${axis(x, height)}${body}</svg>`;
    })
    .join('\n');
}

function percentileBars(title: string, figures: Record<string, number>, targetMs?: number): string {
  const x = scale(PLOT);
  const entries = Object.entries(figures).filter(([, v]) => Number.isFinite(v));
  const height = entries.length * ROW;
  const body = entries
    .map(([k, v], i) => {
      const y = i * ROW;
      return (
        `<text x="${LABEL - 6}" y="${y + ROW - 5}" font-size="11" text-anchor="end">${esc(k)}</text>` +
        `<rect x="${LABEL}" y="${y + 3}" width="${Math.max(1, x(v))}" height="${ROW - 8}" fill="#3465a4" fill-opacity="0.7"><title>${v.toFixed(2)} ms</title></rect>` +
        `<text x="${LABEL + x(v) + 4}" y="${y + ROW - 5}" font-size="10">${v.toFixed(1)} ms</text>`
      );
    })
    .join('');
  const target = targetMs
    ? `<line x1="${LABEL + x(targetMs)}" y1="0" x2="${LABEL + x(targetMs)}" y2="${height}" stroke="#e69500" stroke-dasharray="3,2"/>`
    : '';
  return `<h3>${esc(title)}</h3><svg width="${LABEL + PLOT + 60}" height="${height + 18}">${axis(x, height)}${body}${target}</svg>`;
}

export function reportHtml(results: Record<string, unknown>, rows: TargetRow[]): string {
  const met = rows.filter((r) => r[3]).length;
  const table = rows
    .map(
      ([m, t, v, ok]) =>
        `<tr class="${ok ? 'met' : 'not'}"><td>${esc(m)}</td><td>${esc(t)}</td><td>${esc(v)}</td><td>${ok ? 'met' : 'NOT met'}</td></tr>`,
    )
    .join('');
  const parts: string[] = [];
  if (results.reads) parts.push('<h2>Read paths, one request at a time</h2>', readsCharts(results.reads as ReadsResult));
  const intake = results.intake as { latencyMs?: Record<string, number> } | undefined;
  if (intake?.latencyMs) parts.push(percentileBars('Intake latency under load', intake.latencyMs));
  const decision = results.decision as { decisionMs?: Record<string, number>; healthMs?: Record<string, number> } | undefined;
  if (decision?.decisionMs)
    parts.push(percentileBars('Decisions with both letters', pick(decision.decisionMs, ['p50', 'p95', 'max']), 1000));
  if (decision?.healthMs) parts.push(percentileBars('/health during decisions', pick(decision.healthMs, ['p50', 'p95', 'max']), 100));
  const queue = results.queue as { pages?: Record<string, { api: Record<string, number>; raw: Record<string, number> }> } | undefined;
  for (const [name, page] of Object.entries(queue?.pages ?? {})) {
    parts.push(
      percentileBars(
        `Queue ${name}`,
        { 'API p50': page.api.p50, 'API p95': page.api.p95, 'raw p50': page.raw.p50, 'raw p95': page.raw.p95 },
        50,
      ),
    );
  }
  const staff = results.staff as
    { people: number; thinkMs: number; perSecond: number; kinds: Record<string, { p50: number; p95: number; p99: number }> }[] | undefined;
  for (const run of staff ?? []) {
    const figures: Record<string, number> = {};
    for (const [kind, k] of Object.entries(run.kinds)) for (const q of ['p50', 'p95', 'p99'] as const) figures[`${kind} ${q}`] = k[q];
    const pace = run.thinkMs ? `${run.thinkMs} ms pauses` : 'flat out';
    parts.push(percentileBars(`${run.people} staff at once, ${pace}: ${Math.round(run.perSecond)} requests/s`, figures, 100));
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tilsagn benchmark ${esc(String(results.date ?? ''))}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; }
table { border-collapse: collapse; } td, th { padding: 3px 10px; border-bottom: 1px solid #eee; text-align: left; }
td:last-child { white-space: nowrap; } tr.met td:last-child { color: #1b7f3b; font-weight: 600; } tr.not td:last-child { color: #b3261e; font-weight: 600; }
h3 { margin: 18px 0 4px; font-size: 14px; } svg { display: block; }
.legend span { margin-right: 16px; }
</style></head><body>
<h1>Tilsagn benchmark</h1>
<p>${esc(String(results.date ?? ''))} · ${esc(String(results.cases ?? ''))} cases · Node ${esc(String(results.node ?? ''))} · ${met} of ${rows.length} targets met</p>
<table><thead><tr><th>measure</th><th>target</th><th>this run</th><th></th></tr></thead><tbody>${table}</tbody></table>
<p class="legend"><span>box: p50 to p95</span><span>thick tick: p99</span><span>line: to the slowest</span><span>faint ticks: every sample</span><span style="color:#e69500">dashed: target</span><span>log scale</span></p>
${parts.join('\n')}
</body></html>
`;
}

function pick(o: Record<string, number>, keys: string[]): Record<string, number> {
  return Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));
}

/** Writes the HTML report beside the JSON file; returns its path. */
export function writeHtmlReport(jsonFile: string, results: Record<string, unknown>, rows: TargetRow[]): string {
  const file = jsonFile.replace(/\.json$/, '.html');
  writeFileSync(file, reportHtml(results, rows));
  return file;
}
