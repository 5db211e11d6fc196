import { Logger } from '@nestjs/common';
import { Writable } from 'node:stream';
import { createLogger, NestLogger } from './logger';

function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { pino: createLogger(level, stream), lines };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('NestLogger', () => {
  it('writes Nest messages as JSON lines with their context, level and stack', async () => {
    const { pino, lines } = capture();
    const logger = new NestLogger(pino);
    logger.log('Mapped {/api/applications, GET} route', 'RouterExplorer');
    logger.error('Cannot connect', 'Error: Cannot connect\n    at x.ts:1', 'TypeOrmModule');
    logger.warn({ table: 'application' }, 'slow query', 'Queue');
    logger.error('Lost the connection', 'Error: Lost the connection\n    at y.ts:2');
    logger.debug('not shown at info');
    await flush();
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, context: 'RouterExplorer', msg: 'Mapped {/api/applications, GET} route' }),
      expect.objectContaining({ level: 50, context: 'TypeOrmModule', msg: 'Cannot connect', stack: expect.stringContaining('at x.ts:1') }),
      expect.objectContaining({ level: 40, context: 'Queue', table: 'application', msg: 'slow query' }),
      expect.objectContaining({ level: 50, msg: 'Lost the connection', stack: expect.stringContaining('at y.ts:2') }),
    ]);
    expect(lines[3].context).toBeUndefined();
  });

  it('serves a Nest Logger with a context, and serialises errors', async () => {
    const { pino, lines } = capture();
    Logger.overrideLogger(new NestLogger(pino));
    try {
      new Logger('ProblemFilter').error({ err: new Error('disk full') }, 'unhandled error');
      await flush();
    } finally {
      Logger.overrideLogger(true);
    }
    expect(lines[0]).toMatchObject({
      level: 50,
      context: 'ProblemFilter',
      msg: 'unhandled error',
      err: { message: 'disk full', type: 'Error' },
    });
  });

  it('writes of a request its method, path, client and user agent, never its other headers', async () => {
    const { pino, lines } = capture();
    const req = {
      method: 'GET',
      url: '/api/applications?status=received',
      ip: '10.0.0.7',
      headers: { authorization: 'Bearer secret', cookie: 'a=b', 'user-agent': 'Mozilla/5.0' },
    };
    pino.info({ req, res: { statusCode: 200, getHeaders: () => ({}) } }, 'request completed');
    await flush();
    expect(JSON.stringify(lines[0])).not.toMatch(/secret|a=b/);
    expect(lines[0]).toMatchObject({
      req: { method: 'GET', url: '/api/applications?status=received', remoteAddress: '10.0.0.7', userAgent: 'Mozilla/5.0' },
      res: { statusCode: 200 },
    });
  });
});
