import type { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger as Pino } from 'pino';

/**
 * The process's one logger: JSON lines on stdout. Fastify logs each request with it (bound to
 * the request id); NestJS's own messages go through NestLogger below.
 */
export function createLogger(level: string, destination?: DestinationStream): Pino {
  return pino(
    { level, serializers: { req: serializeRequest, res: serializeReply, err: pino.stdSerializers.err } },
    destination ?? stdout(),
  );
}

/**
 * Standard output, written asynchronously: a line is written at once when no write is under way,
 * and the lines that come meanwhile go out together in the next. pino's default writes every line
 * synchronously: under the bench's 50 people (`npm run bench -- --only staff`) a tenth of the API
 * process's time went to writev, one call per line. pino flushes what is left when the process exits.
 */
function stdout(): DestinationStream {
  return pino.destination({ dest: 1, sync: false });
}

/** What a log line tells of a request: never its headers (bearer tokens) beyond the user agent. */
export function serializeRequest(req: { method?: string; url?: string; ip?: string; headers?: Record<string, unknown> }) {
  return { method: req.method, url: req.url, remoteAddress: req.ip, userAgent: req.headers?.['user-agent'] };
}

function serializeReply(reply: { statusCode?: number }) {
  return { statusCode: reply.statusCode };
}

const STACK = /\n\s+at /;

/** NestJS's LoggerService on pino: `context` is the Nest component that logs (e.g. `RoutesResolver`). */
export class NestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }

  /**
   * Nest calls `logger.error(message, stack?, context?)` and `logger.log(message, context?)`; our
   * own code logs an object of fields first, then a message, as pino does.
   */
  private write(level: pino.Level, message: unknown, rest: unknown[]) {
    if (!this.pino.isLevelEnabled(level)) return;
    const args = [...rest];
    // A trailing text is the context, unless it is a stack trace (`error(message, stack)` from a
    // Logger without a context).
    const last = args[args.length - 1];
    const context = typeof last === 'string' && !STACK.test(last) ? (args.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (message !== null && typeof message === 'object' && !(message instanceof Error)) {
      const text = typeof args[0] === 'string' ? (args.shift() as string) : undefined;
      this.pino[level]({ ...fields, ...(message as object) }, text);
    } else if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else {
      const stack = level === 'error' && typeof args[0] === 'string' ? args.shift() : undefined;
      this.pino[level](stack ? { ...fields, stack } : fields, String(message));
    }
  }
}
