import { Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PassThrough } from 'node:stream';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiAuthenticatedProblems, ApiProblems } from '../common/openapi';
import { Problem } from '../common/problem';
import { NotificationPageResponse, NotificationResponse, NotificationsQuery, NotificationsReadResponse } from './dto/notifications.dto';
import { HEARTBEAT_MS, NotificationStreams, OpenStream } from './notification-streams';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

const uuid = new ParseUUIDPipe({ version: undefined });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * How long one stream stays open: then the server ends it and the console opens a new one with
 * the token it has then, so a stream never outlives its session by more than this (a logout, a
 * deactivation). Missed nothing: the new one names the last event (Last-Event-ID).
 */
export const STREAM_MAX_MS = 5 * 60_000;
/** How long the browser waits before it reconnects (the console backs off on its own). */
const RETRY_MS = 3000;

/** The signed-in person's notifications (docs/notifications.md): a list, marking read, and a live stream. */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly service: NotificationsService,
    private readonly repository: NotificationsRepository,
    private readonly streams: NotificationStreams,
  ) {}

  @Get()
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({ operationId: 'listNotifications', summary: 'My notifications, newest first, with how many are unread' })
  @ApiOkResponse({ type: NotificationPageResponse })
  @ApiProblems([400, 'A parameter is not valid (`errors` names it: $.unread, $.limit, $.cursor)'])
  list(@CurrentActor() actor: Actor, @Query() query: NotificationsQuery): Promise<NotificationPageResponse> {
    return this.service.page(actor, query);
  }

  @Post('read-all')
  @HttpCode(200)
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({ operationId: 'markAllNotificationsRead', summary: 'Mark all my notifications read' })
  @ApiOkResponse({ type: NotificationsReadResponse })
  readAll(@CurrentActor() actor: Actor): Promise<NotificationsReadResponse> {
    return this.service.markAllRead(actor);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({ operationId: 'markNotificationRead', summary: 'Mark one of my notifications read (again: no change)' })
  @ApiOkResponse({ type: NotificationResponse, description: 'The notification, read' })
  @ApiProblems([400, 'The id is not one'], [404, 'No such notification of mine'])
  read(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<NotificationResponse> {
    return this.service.markRead(actor, id);
  }

  @Get('stream')
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({
    operationId: 'streamNotifications',
    summary: 'My new notifications as they are written, as server-sent events',
    description:
      'text/event-stream: each notification as an event `notification` with the id as its event id and the Notification ' +
      `as JSON data; a comment line every ${HEARTBEAT_MS / 1000} s; the stream ends after ${STREAM_MAX_MS / 60_000} minutes ` +
      '(reconnect with the token you have then). With Last-Event-ID, first what was written since that event (and in the ' +
      'seconds before it: drop what you have, by id). Authenticated as every route, by the bearer token: read it with ' +
      'fetch(), since EventSource cannot send the header.',
  })
  @ApiHeader({ name: 'last-event-id', required: false, description: 'The id of the last event received; what came after it is sent first' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'The event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiProblems([400, 'Last-Event-ID is not the id of a notification'])
  async stream(
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
    @Headers('last-event-id') lastEventId?: string,
  ): Promise<void> {
    if (lastEventId !== undefined && !UUID.test(lastEventId)) {
      throw Problem.validation([{ path: 'Last-Event-ID', message: 'must be the id of a notification' }]);
    }
    const out = new PassThrough();
    const sent = new Set<string>();
    let ended = false;
    const session = (req as { session?: { sessionId?: string; sessionEndsAt?: number } }).session;
    const stream: OpenStream = {
      recipient: actor.username,
      userId: actor.id,
      sessionId: session?.sessionId ?? null,
      lastId: lastEventId ?? null,
      send: (n) => {
        if (ended || sent.has(n.id)) return;
        sent.add(n.id);
        if (!stream.lastId || n.id > stream.lastId) stream.lastId = n.id;
        out.write(`event: notification\nid: ${n.id}\ndata: ${JSON.stringify(n)}\n\n`);
      },
      ping: () => void (ended || out.write(`: ${new Date().toISOString()}\n\n`)),
      // The process is stopping, or the session was revoked: the connection goes too, so the
      // server's close is not held by it and the browser learns at once.
      end: () => {
        close();
        res.raw.destroy();
      },
    };
    // Registered before the replay is read, so nothing written meanwhile falls between the two.
    const remove = this.streams.add(stream);
    // Not past the session's absolute end either (Unix seconds, from the guard).
    const sessionEndsAt = session?.sessionEndsAt;
    const left = sessionEndsAt ? sessionEndsAt * 1000 - Date.now() : STREAM_MAX_MS;
    const timer = setTimeout(() => close(), Math.max(0, Math.min(STREAM_MAX_MS, left)));
    timer.unref();
    function close() {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      remove();
      out.end();
    }
    res.raw.on('close', close);
    res
      .status(200)
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-store')
      // Not buffered by a proxy in front (nginx).
      .header('x-accel-buffering', 'no')
      .send(out);
    out.write(`retry: ${RETRY_MS}\n\n`);
    if (lastEventId) {
      for (const n of await this.repository.since(actor.username, lastEventId)) stream.send(n);
    }
  }
}
