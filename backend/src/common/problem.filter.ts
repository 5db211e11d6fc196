import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from './problem';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not authenticated',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  429: 'Too many requests',
};

/**
 * Turns every error into RFC 9457 problem+json. Unknown errors become a 500
 * that names the request id (for the logs) and never carries a stack trace.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const res = http.getResponse<FastifyReply>();
    const instance = req.url;
    let body: Record<string, unknown>;
    let status: number;

    if (exception instanceof Problem) {
      status = exception.getStatus();
      res.headers(exception.headers);
      body = {
        type: `urn:tilsagn:problem:${exception.code}`,
        title: exception.title,
        status,
        ...(exception.detail ? { detail: exception.detail } : {}),
        ...exception.extensions,
      };
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : Array.isArray((response as { message?: unknown }).message)
            ? (response as { message: string[] }).message.join('; ')
            : String((response as { message?: unknown }).message ?? exception.message);
      body = httpProblem(status, message);
    } else {
      status = 500;
      // The request's logger carries its id.
      req.log.error({ err: exception }, 'unhandled error');
      body = {
        type: 'urn:tilsagn:problem:internal',
        title: 'Internal error',
        status,
        detail: `Something went wrong on our side. Quote request id ${req.id ?? 'unknown'} when reporting it.`,
        requestId: req.id,
      };
    }
    res
      .status(status)
      .type('application/problem+json')
      .send(JSON.stringify({ ...body, instance }));
  }
}

/** The problem for a plain HTTP error (one without a code of our own), by its status. */
export function httpProblem(status: number, detail: string): Record<string, unknown> {
  return { type: `urn:tilsagn:problem:http-${status}`, title: TITLES[status] ?? HttpStatus[status] ?? 'Error', status, detail };
}
