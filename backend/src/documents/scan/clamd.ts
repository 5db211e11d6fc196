import { connect, Socket } from 'node:net';
import { Transform, TransformCallback } from 'node:stream';

/** Where clamd listens (CLAMD_HOST, CLAMD_PORT) and how long it may be silent (CLAMD_TIMEOUT_MS). */
export interface ClamdSettings {
  host: string;
  port: number;
  timeoutMs: number;
}

/** What clamd found in a file. */
export type ScanVerdict = { status: 'clean' } | { status: 'refused'; signature: string };

/** clamd found malware: the upload is refused with the signature's name. */
export class DocumentInfected extends Error {
  constructor(readonly signature: string) {
    super(`The malware scanner found ${signature} in the file`);
  }
}

/** clamd could not be reached, went silent, or answered something other than a verdict. */
export class ScannerUnavailable extends Error {}

/** The longest a reply from clamd is read (a verdict is one short line). */
const MAX_REPLY = 4096;

/**
 * Scans the bytes that pass through it with clamd's INSTREAM command over TCP, as they pass: the
 * stream is never held whole. Each chunk goes to clamd as a 4-byte big-endian length and the bytes
 * (waiting for the socket to drain: clamd sets the pace), then a zero-length chunk ends it and clamd
 * answers `stream: OK` or `stream: <signature> FOUND` (the `z` form of the command: replies end in NUL).
 *
 * The tap passes every chunk on unchanged, but it ends only once clamd has answered: on a clean
 * verdict it ends as its input did; on malware it fails with DocumentInfected, and when clamd
 * cannot be reached, goes silent for `timeoutMs` or answers an error, with ScannerUnavailable. A
 * store reading from it (DocumentStore.put) therefore keeps nothing that was not found clean.
 */
export class ClamdTap extends Transform {
  private readonly socket: Socket;
  private failure: Error | null = null;
  private reply = Buffer.alloc(0);
  private readonly answered: Promise<ScanVerdict>;

  constructor(settings: ClamdSettings) {
    super();
    const where = `${settings.host}:${settings.port}`;
    this.socket = connect({ host: settings.host, port: settings.port });
    this.socket.setTimeout(settings.timeoutMs);
    this.answered = new Promise<ScanVerdict>((resolve, reject) => {
      let settled = false;
      const fail = (message: string) => {
        if (settled) return;
        settled = true;
        this.failure ??= new ScannerUnavailable(message);
        reject(this.failure);
        this.socket.destroy();
      };
      this.socket.on('timeout', () => fail(`The malware scanner (clamd at ${where}) did not answer within ${settings.timeoutMs} ms`));
      this.socket.on('error', (error) => fail(`The malware scanner (clamd at ${where}) cannot be reached: ${error.message}`));
      this.socket.on('data', (data: Buffer) => {
        if (settled) return;
        this.reply = Buffer.concat([this.reply, data]);
        const end = this.reply.indexOf(0);
        if (end < 0 && this.reply.length < MAX_REPLY) return;
        const verdict = parseReply(this.reply.subarray(0, end < 0 ? MAX_REPLY : end).toString('utf8'));
        this.socket.end();
        if (!verdict)
          return fail(`The malware scanner (clamd at ${where}) answered "${this.reply.toString('utf8').replace(/\0/g, '').trim()}"`);
        settled = true;
        resolve(verdict);
      });
      this.socket.on('close', () => fail(`The malware scanner (clamd at ${where}) closed the connection without a verdict`));
    });
    // A failure is read by the transform's callbacks; no unhandled rejection meanwhile.
    this.answered.catch(() => undefined);
    this.socket.write('zINSTREAM\0');
  }

  /** The verdict, once the stream has ended and clamd has answered. */
  verdict(): Promise<ScanVerdict> {
    return this.answered;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.failure) return callback(this.failure);
    if (!chunk.length) return callback();
    const length = Buffer.alloc(4);
    length.writeUInt32BE(chunk.length);
    this.socket.write(length);
    if (this.socket.write(chunk)) return callback(null, chunk);
    const drained = () => {
      this.socket.off('close', drained);
      this.socket.off('drain', drained);
      callback(this.failure, this.failure ? undefined : chunk);
    };
    this.socket.once('drain', drained);
    this.socket.once('close', drained);
  }

  override _flush(callback: TransformCallback): void {
    if (this.failure) return callback(this.failure);
    this.socket.write(Buffer.alloc(4)); // the zero-length chunk: the end of the stream
    this.answered.then(
      (verdict) => callback(verdict.status === 'refused' ? new DocumentInfected(verdict.signature) : null),
      (error: Error) => callback(error),
    );
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }
}

/** A verdict from clamd's reply to INSTREAM, or null when it is not one (an error, such as the size limit). */
export function parseReply(reply: string): ScanVerdict | null {
  const line = reply.replace(/\0/g, '').trim();
  if (/^stream: OK$/.test(line)) return { status: 'clean' };
  const found = /^stream: (.+) FOUND$/.exec(line);
  return found ? { status: 'refused', signature: found[1] } : null;
}
