import { createServer, Server, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ClamdTap, DocumentInfected, parseReply, ScannerUnavailable } from './clamd';

/** A clamd stand-in: `behave` gets each connection and what it has sent so far. */
async function clamd(behave: (socket: Socket, received: () => Buffer) => void): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    let received = Buffer.alloc(0);
    socket.on('data', (data: Buffer) => (received = Buffer.concat([received, data])));
    socket.on('error', () => undefined);
    behave(socket, () => received);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** Streams `chunks` through a tap to nowhere; what passed, or the error. */
async function scan(port: number, chunks: Buffer[], timeoutMs = 2000): Promise<Buffer | Error> {
  const tap = new ClamdTap({ host: '127.0.0.1', port, timeoutMs });
  const passed: Buffer[] = [];
  try {
    await pipeline(Readable.from(chunks), tap, async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) passed.push(chunk);
    });
    return Buffer.concat(passed);
  } catch (error) {
    return error as Error;
  }
}

describe('clamd INSTREAM', () => {
  let server: Server | null = null;
  afterEach(async () => {
    if (server) await new Promise((resolve) => server!.close(resolve));
    server = null;
  });

  it('reads clamd’s verdicts and nothing else as one', () => {
    expect(parseReply('stream: OK\0')).toEqual({ status: 'clean' });
    expect(parseReply('stream: Win.Test.EICAR_HDB-1 FOUND\0')).toEqual({ status: 'refused', signature: 'Win.Test.EICAR_HDB-1' });
    expect(parseReply('INSTREAM size limit exceeded. ERROR\0')).toBeNull();
    expect(parseReply('')).toBeNull();
  });

  it('sends the command, each chunk with its 4-byte length and a zero length at the end, and passes the bytes on unchanged', async () => {
    let sent: Buffer = Buffer.alloc(0);
    ({ server } = await clamd((socket, received) =>
      socket.on('data', () => {
        if (received().subarray(-4).equals(Buffer.alloc(4)) && received().length > 14) {
          sent = received();
          socket.end('stream: OK\0');
        }
      }),
    ));
    const port = (server!.address() as AddressInfo).port;
    const result = await scan(port, [Buffer.from('abc'), Buffer.from('de')]);
    expect(result).toEqual(Buffer.from('abcde'));
    expect(sent).toEqual(
      Buffer.concat([
        Buffer.from('zINSTREAM\0'),
        Buffer.from([0, 0, 0, 3]),
        Buffer.from('abc'),
        Buffer.from([0, 0, 0, 2]),
        Buffer.from('de'),
        Buffer.alloc(4),
      ]),
    );
  });

  it('fails with the signature when clamd finds something, and as unavailable on an error, silence or no clamd', async () => {
    ({ server } = await clamd((socket, received) =>
      socket.on('data', () => {
        if (received().subarray(-4).equals(Buffer.alloc(4)))
          socket.end(received().includes('EVIL') ? 'stream: Evil FOUND\0' : 'INSTREAM size limit exceeded. ERROR\0');
      }),
    ));
    const port = (server!.address() as AddressInfo).port;
    const infected = await scan(port, [Buffer.from('an EVIL file')]);
    expect(infected).toBeInstanceOf(DocumentInfected);
    expect((infected as DocumentInfected).signature).toBe('Evil');
    const refused = await scan(port, [Buffer.from('a file')]);
    expect(refused).toBeInstanceOf(ScannerUnavailable);
    expect((refused as Error).message).toContain('INSTREAM size limit exceeded. ERROR');

    const silent = await clamd(() => undefined);
    const timedOut = await scan(silent.port, [Buffer.from('a file')], 200);
    await new Promise((resolve) => silent.server.close(resolve));
    expect(timedOut).toBeInstanceOf(ScannerUnavailable);
    expect((timedOut as Error).message).toContain('did not answer within 200 ms');

    const gone = await scan(silent.port, [Buffer.from('a file')]);
    expect(gone).toBeInstanceOf(ScannerUnavailable);
    expect((gone as Error).message).toContain('cannot be reached');
  });
});
