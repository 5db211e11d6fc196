import { createServer, Server, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** The EICAR anti-virus test string: every scanner reports it, and it harms nothing. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/**
 * A fake clamd speaking INSTREAM on 127.0.0.1: `zINSTREAM\0`, then chunks of a 4-byte big-endian
 * length and bytes, ended by a zero length. It finds EICAR and nothing else.
 */
export class FakeClamd {
  server: Server | null = null;
  port = 0;
  /** The bytes of each stream scanned, in order. */
  readonly scanned: Buffer[] = [];

  async start(port = 0): Promise<void> {
    const server = createServer((socket) => this.serve(socket));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  private serve(socket: Socket): void {
    let input = Buffer.alloc(0);
    const chunks: Buffer[] = [];
    let commandRead = false;
    socket.on('data', (data: Buffer) => {
      input = Buffer.concat([input, data]);
      if (!commandRead) {
        if (input.length < 10) return;
        if (input.subarray(0, 10).toString('latin1') !== 'zINSTREAM\0') return void socket.end('UNKNOWN COMMAND\0');
        commandRead = true;
        input = input.subarray(10);
      }
      while (input.length >= 4) {
        const length = input.readUInt32BE(0);
        if (length === 0) {
          const content = Buffer.concat(chunks);
          this.scanned.push(content);
          socket.end(content.includes(EICAR) ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
          return;
        }
        if (input.length < 4 + length) return;
        chunks.push(input.subarray(4, 4 + length));
        input = input.subarray(4 + length);
      }
    });
    socket.on('error', () => undefined);
  }
}
