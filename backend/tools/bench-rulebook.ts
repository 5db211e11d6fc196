import { performance } from 'node:perf_hooks';
import { benchmarkCase, canonicalCopy, evaluate, selectParameterSet, type CaseSnapshot } from '../src/rulebook';

export interface RulebookBenchResult {
  lines: number;
  /** Median of the rounds: evaluations of a snapshot as the service hands it to the rulebook (built once, in canonical key order). */
  evaluationsPerSecond: number;
  /** Evaluations per second of each one-second round, after the warm-up. */
  rounds: number[];
  /** Median when every evaluation also builds its snapshot (the canonical copy), as a single intake does. */
  withSnapshotBuildPerSecond: number;
  warmUpSeconds: number;
}

/** Runs `work` in rounds of `seconds` and returns the operations per second of each round. */
function rounds(work: () => void, count: number, seconds: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < count; r++) {
    let n = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    while (performance.now() < deadline) {
      for (let i = 0; i < 100; i++) work();
      n += 100;
    }
    out.push(n / ((performance.now() - started) / 1000));
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Evaluations per second of a 20-line case on this thread (one core). The JIT needs about a
 * second of this work before the code runs at its steady speed, so the first two seconds are
 * warm-up and not counted; then five one-second rounds, reported by their median and each.
 */
export function runRulebookBench(
  options: { rounds?: number; warmUpSeconds?: number; onRound?: (i: number, perSecond: number) => void } = {},
): RulebookBenchResult {
  const count = options.rounds ?? 5;
  const warmUpSeconds = options.warmUpSeconds ?? 2;
  const raw: CaseSnapshot = benchmarkCase(20);
  // The service builds each snapshot once, in canonical key order (EvaluationsService.loadInput, intakeInput).
  const snapshot = canonicalCopy(raw);
  const ctx = { evaluationDate: '2026-06-01', nokPerEur: 11.5, fxSource: 'bench', fxDate: '2026-06-01' };
  const params = selectParameterSet(ctx.evaluationDate);
  const evaluateBuilt = () => void evaluate(snapshot, ctx, params);
  const buildAndEvaluate = () => void evaluate(canonicalCopy(raw), ctx, params);

  rounds(() => (evaluateBuilt(), buildAndEvaluate()), 1, warmUpSeconds);
  const main = rounds(evaluateBuilt, count, 1);
  main.forEach((v, i) => options.onRound?.(i, v));
  const withBuild = rounds(buildAndEvaluate, 3, 1);
  return {
    lines: snapshot.costLines?.length ?? 0,
    evaluationsPerSecond: median(main),
    rounds: main.map(Math.round),
    withSnapshotBuildPerSecond: median(withBuild),
    warmUpSeconds,
  };
}
