import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Piscina } from 'piscina';
import { renderLetter } from '../letters';
import { partialGrant } from '../letters/decision-letter.fixtures';
import type { LetterDraft } from './letter-input';

/**
 * The built server renders letters in worker threads (letter-renderer.ts). `npm test` builds the
 * backend first, so the compiled worker is there to test: it gives the bytes the renderer gives in
 * the process, and while it renders a long letter the event loop keeps answering.
 */
const WORKER = join(__dirname, '../../dist/backend/src/decisions/letter-render.worker.js');

/** A letter at its worst: 2 000-character texts and a refused cost whose description is one 19 000-character word. */
function longLetter(): LetterDraft {
  const input = partialGrant();
  const words = Array.from({ length: 10 }, (_, i) => String(i).repeat(199)).join(' ');
  input.justification = words;
  input.refusedCosts = input.refusedCosts.map((c) => ({ ...c, description: 'x'.repeat(19_000), caseworkerReason: words }));
  return input;
}

describe('letters rendered in a worker thread', () => {
  let pool: Piscina;

  beforeAll(() => {
    if (!existsSync(WORKER)) throw new Error(`no compiled worker at ${WORKER}: run npm run build -w backend (npm test does)`);
    pool = new Piscina({ filename: WORKER, minThreads: 1, maxThreads: 1 });
  });
  afterAll(() => pool.destroy());

  it('are the same bytes as rendered in the process', async () => {
    const input = partialGrant();
    const inWorker = (await pool.run({ input, lang: 'nb' })) as Uint8Array;
    expect(Buffer.from(inWorker).equals(await renderLetter(input, 'nb'))).toBe(true);
  });

  it('leave the event loop free while a long letter renders', async () => {
    const input = longLetter();
    await pool.run({ warmUp: true });
    // How late a 5 ms timer fires while each renders: the process's answers are as late.
    const lag = async (render: () => Promise<unknown>) => {
      let worst = 0;
      let last = performance.now();
      const timer = setInterval(() => {
        const now = performance.now();
        worst = Math.max(worst, now - last - 5);
        last = now;
      }, 5);
      const started = performance.now();
      await render();
      const total = performance.now() - started;
      // A timer that was due while the loop stood still fires now: let it.
      await new Promise((resolve) => setTimeout(resolve, 20));
      clearInterval(timer);
      return { worst, total };
    };
    const inProcess = await lag(() => renderLetter(input, 'nb'));
    const inWorker = await lag(() => pool.run({ input, lang: 'nb' }));
    // In the process the loop stands still for the whole render; in a worker it does not.
    expect(inProcess.worst).toBeGreaterThan(inProcess.total * 0.5);
    expect(inWorker.worst).toBeLessThan(Math.max(50, inProcess.worst / 4));
  });
});
