import { performance } from 'node:perf_hooks';
import { benchmarkCase, evaluate, selectParameterSet } from '../rulebook';

/** Evaluations per second of a 20-line case on this thread (one core). */
export function runRulebookBench(seconds = 3): { evaluations: number; seconds: number; evaluationsPerSecond: number; lines: number } {
  const snapshot = benchmarkCase(20);
  const ctx = { evaluationDate: '2026-06-01', nokPerEur: 11.5, fxSource: 'bench', fxDate: '2026-06-01' };
  const params = selectParameterSet(ctx.evaluationDate);
  for (let i = 0; i < 2000; i++) evaluate(snapshot, ctx, params); // warm-up
  let evaluations = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 500; i++) evaluate(snapshot, ctx, params);
    evaluations += 500;
  }
  const elapsed = (performance.now() - started) / 1000;
  return { evaluations, seconds: elapsed, evaluationsPerSecond: evaluations / elapsed, lines: snapshot.costLines?.length ?? 0 };
}
