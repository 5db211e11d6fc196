import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { ReadReason } from './read-reasons';

export const ACCESS_LOGGED_KEY = 'tilsagn:access-logged';

/** What the route marks on a request it lets through; the access observer writes it down once the answer is sent. */
export interface ReadMark {
  why: ReadReason;
  /** The route parameter that names the document, letter or other part read, if any. */
  resourceParam?: string;
}

/**
 * The route shows a case (its `:id`), a document or a letter of it: a person's read is recorded
 * in the access log with this why-code, who, when, the request id and the client's address, once
 * it has been answered with success (2xx, or 304 for bytes the client has). Put it on every such
 * route; the queue's lists are not reads of a case.
 *
 *     @AccessLogged('document.content', 'documentId')
 */
export const AccessLogged = (why: ReadReason, resourceParam?: string) =>
  applyDecorators(SetMetadata(ACCESS_LOGGED_KEY, { why, resourceParam } satisfies ReadMark), UseInterceptors(MarkRead));

/**
 * Puts the route's read mark on the request. It runs only after the guard has let the caller in,
 * so a refused request is recorded as a refusal, not as a read; it adds no work to the answer.
 */
@Injectable()
export class MarkRead implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const mark = Reflect.getMetadata(ACCESS_LOGGED_KEY, context.getHandler()) as ReadMark | undefined;
    if (mark) context.switchToHttp().getRequest<{ accessRead?: ReadMark }>().accessRead = mark;
    return next.handle();
  }
}
