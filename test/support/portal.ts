import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { TestContext } from './app';
import { as, newApplication } from './factories';

/** The criteria a grant needs judged (kari records each as met). */
const JUDGMENTS = ['J-INNO-01', 'J-INNO-02', 'J-INNO-03', 'J-COMP-01', 'J-COMP-02', 'J-NEED-01', 'J-FEAS-01', 'J-COST-01'];

/** A case in review, assigned to kari. */
export async function caseInReview(ctx: TestContext): Promise<string> {
  const app = await newApplication(ctx, (d) => {
    d.otherPublicAid = [];
  });
  const kari = await as(ctx, 'kari');
  expect((await kari.post(`/api/applications/${app.id}/assign`, { assignee: 'kari' })).status).toBe(200);
  expect((await kari.post(`/api/applications/${app.id}/status`, { status: 'in_review' })).status).toBe(200);
  return app.id;
}

/** kari asks the applicant of a case in review; the request's id. */
export async function askApplicant(ctx: TestContext, id: string, message = 'Send oss budsjettet for 2027.'): Promise<string> {
  const kari = await as(ctx, 'kari');
  const asked = await kari.post(`/api/applications/${id}/information-requests`, { message });
  expect(asked.status).toBe(201);
  return asked.body.id;
}

/** kari recommends a grant on a case in review; the case's version after it. */
export async function recommendGrant(ctx: TestContext, id: string): Promise<number> {
  const kari = await as(ctx, 'kari');
  for (const criterion of JUDGMENTS) {
    expect((await kari.put(`/api/applications/${id}/judgments/${criterion}`, { outcome: 'pass', rationale: 'Vurdert.' })).status).toBe(200);
  }
  const recommended = await kari.post(`/api/applications/${id}/recommendation`, {
    outcome: 'grant',
    amountNok: 800000,
    justification: 'Vi støtter prosjektet med et lavere beløp.',
    reductionReason: 'Selskapet har egne midler til en stor del av prosjektet.',
  });
  expect(recommended.status).toBe(200);
  return recommended.body.version;
}

/** The portal's outbox as stored, oldest first (through the owner's connection). */
export async function outboxOf(
  ctx: TestContext,
  id: string,
): Promise<{ id: string; kind: string; payload: any; delivered_at: Date | null }[]> {
  return ctx.db.query(`SELECT id, kind, payload, delivered_at FROM portal_outbox WHERE application_id = $1 ORDER BY seq`, [id]);
}

/** What a receiver got: each delivery's body, whether its signature held, and its message id. */
export interface Delivery {
  id: string;
  kind: string;
  signed: boolean;
  body: any;
}

/**
 * A portal's webhook, as a tiny HTTP server: checks each delivery's signature as docs/jobs-and-outbox.md
 * tells the portal to, records it, and answers what `answer` says (200 unless told otherwise).
 */
export class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  answer: (delivery: Delivery, seen: number) => number | Promise<number> = () => 200;
  private server!: Server;

  constructor(private readonly secret: string) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/tilsagn`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.take(req).then((status) => {
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** Distinct message ids received with a valid signature. */
  ids(): Set<string> {
    return new Set(this.deliveries.filter((d) => d.signed).map((d) => d.id));
  }

  private async take(req: IncomingMessage): Promise<number> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    // The check a portal makes: HMAC-SHA256 of the raw body with the shared secret, compared in constant time.
    const expected = Buffer.from(`sha256=${createHmac('sha256', this.secret).update(raw).digest('hex')}`);
    const given = Buffer.from(String(req.headers['x-tilsagn-signature'] ?? ''));
    const signed = given.length === expected.length && timingSafeEqual(given, expected);
    const body = JSON.parse(raw.toString('utf8'));
    const delivery = { id: body.id, kind: body.kind, signed, body };
    const seen = this.deliveries.filter((d) => d.id === delivery.id).length;
    this.deliveries.push(delivery);
    return this.answer(delivery, seen);
  }
}

/** Waits until `done` holds, checking every 100 ms; fails after `ms`. */
export async function eventually(done: () => boolean | Promise<boolean>, ms = 20_000, what = 'the condition'): Promise<void> {
  const until = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
