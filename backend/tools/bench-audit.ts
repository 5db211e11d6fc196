import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { AnchorKeyring } from '../src/cases/audit-anchor';
import { dataSourceOptions } from '../src/database/data-source';
import { AuditRepository } from '../src/oversight/audit.repository';
import { AuditVerifier } from '../src/oversight/audit-verification';

/** The benchmark's anchor key: the migrations, the bulk seed and the API under test all sign with it. */
export const BENCH_ANCHOR_KEY = 'bench-audit-anchor-key-bench-audit-anchor-key';

export interface AuditBenchResult {
  ok: boolean;
  events: number;
  streams: number;
  brokenStreams: number;
  seconds: number;
  eventsPerSecond: number;
  /** One case checked on its own (GET /api/audit/verify?applicationId=), over a sample of cases. */
  oneCaseMs: { p50: number; p95: number; samples: number };
}

/**
 * `npm run bench -- --only audit`: the whole audit log verified as GET /api/audit/verify does it
 * (hash chains and anchors, in keyset batches), timed, with progress; then single cases.
 */
export async function runAuditBench(url: string, anchorKey: string, say: (message: string) => void): Promise<AuditBenchResult> {
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  try {
    const repository = new AuditRepository(ds);
    const verifier = new AuditVerifier(repository, new AnchorKeyring(anchorKey));
    say('audit: verifying every stream of the audit log (hash chains and anchors)');
    const started = performance.now();
    let reported = started;
    const result = await verifier.verifyAll({
      onProgress: (p) => {
        if (performance.now() - reported < 5_000) return;
        reported = performance.now();
        const seconds = (reported - started) / 1000;
        const share = p.estimatedEvents ? `, about ${Math.min(99, Math.floor((100 * p.events) / p.estimatedEvents))}%` : '';
        say(`  ${p.events} events of ${p.streams} cases in ${seconds.toFixed(0)} s (${Math.round(p.events / seconds)} events/s${share})`);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    say(
      `audit: ${result.events} events of ${result.streams} cases verified in ${seconds.toFixed(1)} s ` +
        `(${Math.round(result.events / seconds)} events/s); ${result.ok ? 'all as the application wrote them' : `${result.brokenStreams} broken, first: ${JSON.stringify(result.firstBrokenAt)}`}`,
    );

    const sample: { stream: string }[] = await ds.query(`SELECT id::text AS stream FROM application TABLESAMPLE SYSTEM (1) LIMIT 200`);
    const times: number[] = [];
    for (const { stream } of sample) {
      const t = performance.now();
      await verifier.verifyStream(stream);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
    const oneCaseMs = { p50: at(0.5), p95: at(0.95), samples: times.length };
    say(`audit: one case on its own: p50 ${oneCaseMs.p50.toFixed(2)} ms, p95 ${oneCaseMs.p95.toFixed(2)} ms (${times.length} cases)`);
    return {
      ok: result.ok,
      events: result.events,
      streams: result.streams,
      brokenStreams: result.brokenStreams,
      seconds,
      eventsPerSecond: result.events / seconds,
      oneCaseMs,
    };
  } finally {
    await ds.destroy();
  }
}
