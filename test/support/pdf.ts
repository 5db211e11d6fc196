import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** The text of a PDF, as a person copying it out would get it (pdf.js, in a child process). */
export function extractPdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, 'pdf-text.mjs')], { maxBuffer: 20 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
    child.stdin!.end(pdf);
  });
}

/** A supertest parser that keeps a binary answer (a PDF) as one Buffer: `.buffer(true).parse(binary)`. */
export function binary(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
