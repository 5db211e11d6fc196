import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { loadLetterFonts, renderLetter } from '../letters';
import type { LetterLang } from '../letters';
import type { LetterDraft } from './letter-input';

const WORKER = join(__dirname, 'letter-render.worker.js');
/** Two threads: a decision renders its two letters at once. Each holds its parsed fonts (about 40 MB). */
const THREADS = 2;

/**
 * Renders decision letters off the event loop. pdfkit lays a letter out synchronously, 50-400 ms
 * of CPU for a long one, and while it does, the process answers nothing else, /health included.
 * The built server renders in worker threads (piscina), each with the fonts parsed once; run from
 * the TypeScript sources (the test suites), where there is no compiled worker to start, it renders
 * in the process itself. Both give the same bytes: the worker runs the same renderer.
 */
@Injectable()
export class LetterRenderer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly pool = existsSync(WORKER) ? new Piscina({ filename: WORKER, minThreads: THREADS, maxThreads: THREADS }) : null;

  /** The fonts are parsed at start (about a second), not in the first decision. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.pool) await Promise.all(Array.from({ length: THREADS }, () => this.pool!.run({ warmUp: true })));
    else loadLetterFonts();
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.destroy();
  }

  /** Both languages of one letter, rendered side by side. */
  async renderBoth(input: LetterDraft): Promise<Record<LetterLang, Buffer>> {
    const [nb, en] = await Promise.all([this.render(input, 'nb'), this.render(input, 'en')]);
    return { nb, en };
  }

  async render(input: LetterDraft, lang: LetterLang): Promise<Buffer> {
    if (!this.pool) return renderLetter(input, lang);
    const bytes = (await this.pool.run({ input, lang })) as Uint8Array;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}
