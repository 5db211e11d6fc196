import { loadLetterFonts, renderLetter } from '../letters';
import type { LetterLang } from '../letters';
import type { LetterDraft } from './letter-input';

// Each thread parses the fonts as it starts, before its first letter.
loadLetterFonts();

/** A worker thread's task (letter-renderer.ts): one letter, returned as bytes the caller takes over. */
export default async function renderInWorker(
  task: { input: LetterDraft; lang: LetterLang } | { warmUp: true },
): Promise<Uint8Array | null> {
  if ('warmUp' in task) return null;
  const pdf = await renderLetter(task.input, task.lang);
  return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
}
