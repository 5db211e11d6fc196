import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor';
import type { AccessEntry } from './access-entry';
import { AccessLog } from './access-log';
import type { ReadMark } from './access-logged';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOGIN = '/api/auth/login';
const LOGOUT = '/api/auth/logout';

type ObservedRequest = FastifyRequest & { actor?: Actor | null; accessRead?: ReadMark | null };

/**
 * Watches every API answer as it is sent (Fastify's onResponse, after the client has it) and
 * records in the access log what it must: a person's read of a route marked `@AccessLogged`
 * (answered 2xx or 304), a sign-in and a failed one (401, or 429 over the login limits: the name
 * tried and the address, never the password), a logout, and every refusal (401 and 403) with the
 * route and who, when the token said. Nothing here waits for the database (AccessLog batches).
 *
 * A person is a user with a role other than `intake`: the portal's account submits applications
 * and posts documents and replies; its requests are the applicant's, and are not a person's reads.
 */
@Injectable()
export class AccessObserver implements OnModuleInit {
  private readonly log = new Logger('AccessObserver');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly accessLog: AccessLog,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify?.addHook) return;
    fastify.decorateRequest('accessRead', null);
    fastify.addHook('onResponse', (request, reply, done) => {
      try {
        this.observe(request as ObservedRequest, reply.statusCode);
      } catch (err) {
        this.log.error({ err }, 'could not record a request in the access log');
      }
      done();
    });
  }

  private observe(req: ObservedRequest, status: number): void {
    const route = req.routeOptions?.url;
    if (!route?.startsWith('/api/')) return;
    const base = { occurredAt: new Date(), requestId: String(req.id).slice(0, 100), clientAddress: req.ip?.slice(0, 100) ?? null };
    const params = (req.params ?? {}) as Record<string, unknown>;
    const applicationId = uuid(params.id);
    if (route === LOGIN && req.method === 'POST') {
      const tried = (req.body as { username?: unknown } | undefined)?.username;
      const username = typeof tried === 'string' ? tried.slice(0, 64) : null;
      if (status === 200) this.record({ ...base, kind: 'login', username: username?.toLowerCase() ?? null });
      else if (status === 401 || status === 429) this.record({ ...base, kind: 'login-failed', username, route: `POST ${LOGIN}`, status });
      return;
    }
    const actor = req.actor ?? null;
    if (status === 401 || status === 403) {
      this.record({
        ...base,
        kind: 'refused',
        username: actor?.username ?? null,
        route: `${req.method} ${route}`.slice(0, 300),
        status,
        applicationId,
      });
      return;
    }
    if (status >= 400 || !actor) return;
    if (route === LOGOUT && req.method === 'POST') {
      this.record({ ...base, kind: 'logout', username: actor.username });
      return;
    }
    const mark = req.accessRead;
    if (mark && applicationId && isPerson(actor)) {
      const resourceId = mark.resourceParam ? uuid(params[mark.resourceParam]) : null;
      this.record({ ...base, kind: 'read', username: actor.username, why: mark.why, applicationId, resourceId });
    }
  }

  private record(entry: AccessEntry): void {
    this.accessLog.record(entry);
  }
}

function isPerson(actor: Actor): boolean {
  return actor.roles.some((role) => role !== 'intake');
}

function uuid(value: unknown): string | null {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null;
}
