import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { parseQueueQuery, QUEUE_QUERY_PARAMETERS as PARAMETERS, QueueQueryDto, QueueQueryName as Name } from '../../cases';

export { parseQueueQuery, QUEUE_NAMES, QUEUE_SORTS } from '../../cases';
export type { QueueName, QueueQueryDto, QueueSort } from '../../cases';

/** The queue's parameters from the query string, checked by `parseQueueQuery`. */
export const QueueQuery = createParamDecorator((_: unknown, ctx: ExecutionContext): QueueQueryDto =>
  parseQueueQuery(ctx.switchToHttp().getRequest<{ query: Record<string, unknown> }>().query),
);

/** The same parameters in the OpenAPI document; lists are comma-separated (form style, not exploded). */
export const ApiQueueQuery = (except: readonly Name[] = []) =>
  applyDecorators(
    ...Object.entries(PARAMETERS)
      .filter(([name]) => !except.includes(name as Name))
      .map(([name, p]) =>
        ApiQuery({
          name,
          required: false,
          description: p.description,
          schema: p.schema,
          ...(p.schema.type === 'array' ? { style: 'form' as const, explode: false } : {}),
        }),
      ),
  );
