import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { SYSTEM_ACTOR } from '../auth/actor';
import { CasesService, writePortalMessage } from '../cases';
import { Problem } from '../common/problem';
import { JobsService } from '../jobs/jobs.service';
import { toOsloDate } from '../sla/business-days';
import { DeadlinesRepository } from './deadlines.repository';

/** Rows a sweep takes per round; it goes round until nothing is due or MAX_ROUNDS are done (the next tick goes on). */
const BATCH = 100;
const MAX_ROUNDS = 20;

export const LATE_REPLY_JOB = 'late-reply';
export const PRELIMINARY_REPLY_JOB = 'preliminary-reply';

/**
 * The dialogue's deadlines, kept by background jobs (docs/jobs-and-outbox.md):
 *
 * - late reply: an information request whose reply-by date has passed without an answer is marked
 *   (`overdue_at`, an audit event), and its case shows in the queue's `replyOverdue=true` list
 *   ("Svarfrist passert") for the caseworker to follow up;
 * - preliminary reply (forvaltningsloven § 11 a third paragraph): a case still undecided a month
 *   after it was received gets one preliminary reply to the applicant, through the portal's outbox,
 *   with when a decision can be expected.
 *
 * Each is a sweep the schedule starts every minute; each case is changed in its own transaction
 * through the case kernel, so two sweeps on two replicas never do a case twice.
 */
@Injectable()
export class DeadlinesService implements OnModuleInit {
  private readonly log = new Logger('Deadlines');

  constructor(
    private readonly repository: DeadlinesRepository,
    private readonly cases: CasesService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: LATE_REPLY_JOB,
      description: 'Marks information requests whose reply-by date has passed without an answer (Svarfrist passert)',
      schedule: '* * * * *',
      run: () => this.markLateReplies().then(() => undefined),
    });
    this.jobs.register({
      name: PRELIMINARY_REPLY_JOB,
      description: 'Sends the preliminary reply (forvaltningsloven § 11 a) for cases undecided a month after receipt',
      schedule: '* * * * *',
      run: () => this.sendPreliminaryReplies().then(() => undefined),
    });
  }

  /** Marks every request now late; how many it marked. */
  async markLateReplies(): Promise<number> {
    let marked = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const due = await this.repository.lateRequests(toOsloDate(new Date()), BATCH);
      for (const request of due) {
        const done = await this.orSkip(() =>
          this.cases.change(
            { caseId: request.application_id, actor: SYSTEM_ACTOR, action: 'mark-reply-overdue', versioned: false },
            async (tx) => {
              const late = await this.repository.markLate(tx, request.id);
              return {
                event: late ? { kind: 'reply-overdue', data: { requestId: request.id, replyBy: request.reply_by } } : null,
                result: late,
              };
            },
          ),
        );
        if (done?.result) marked++;
      }
      if (due.length < BATCH) break;
    }
    if (marked) this.log.log(`${marked} information request(s) past their reply-by date`);
    return marked;
  }

  /** Sends every preliminary reply now due; how many it sent. */
  async sendPreliminaryReplies(): Promise<number> {
    let sent = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const due = await this.repository.preliminaryReplyDue(BATCH);
      for (const { id } of due) {
        const done = await this.orSkip(() =>
          this.cases.change({ caseId: id, actor: SYSTEM_ACTOR, action: 'send-preliminary-reply', versioned: false }, async (tx) => {
            const facts = await this.repository.markPreliminaryReply(tx, id);
            if (!facts) return { event: null, result: false };
            const expectedBy = facts.sla_due_on;
            const messageId = await writePortalMessage(tx, id, 'preliminary_reply', {
              reference: facts.reference,
              receivedOn: toOsloDate(facts.received_at),
              expectedDecisionBy: expectedBy,
              lang: 'nb',
              message: preliminaryReplyText(facts.reference, facts.project_title, toOsloDate(facts.received_at), expectedBy),
            });
            return {
              event: {
                kind: 'preliminary-reply',
                data: { messageId, expectedDecisionBy: expectedBy, legalBasis: 'forvaltningsloven § 11 a' },
              },
              result: true,
            };
          }),
        );
        if (done?.result) sent++;
      }
      if (due.length < BATCH) break;
    }
    if (sent) this.log.log(`${sent} preliminary reply(ies) to the outbox`);
    return sent;
  }

  /** A case that moved on meanwhile (decided, withdrawn, answered) refuses the change: nothing to do for it. */
  private async orSkip<T>(change: () => Promise<T>): Promise<T | null> {
    try {
      return await change();
    } catch (error) {
      if (error instanceof Problem && error.getStatus() < 500) return null;
      throw error;
    }
  }
}

/** 2026-12-16 as 16.12.2026. */
const nbDate = (isoDate: string) => isoDate.split('-').reverse().join('.');

/**
 * The preliminary reply in bokmål (forvaltningsloven § 11 a third paragraph): why the answer takes
 * time and when it can be expected. The expected date is the case's SLA due date, which moves on
 * when the applicant is asked for more information.
 */
export function preliminaryReplyText(reference: string, projectTitle: string, receivedOn: string, expectedBy: string): string {
  return [
    `Foreløpig svar på søknaden om tilskudd til «${projectTitle}» (${reference})`,
    `Vi mottok søknaden ${nbDate(receivedOn)}. Behandlingen tar lengre tid enn én måned, og vi regner med å kunne gi dere svar innen ${nbDate(expectedBy)}. ` +
      'Må vi be om flere opplysninger, kan svaret komme senere; da får dere beskjed.',
    'Dette foreløpige svaret gir vi etter forvaltningsloven § 11 a tredje ledd.',
  ].join('\n\n');
}
