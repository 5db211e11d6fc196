import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { CaseEvent, CasesService } from '../cases';
import { Problem } from '../common/problem';
import { Db } from '../common/sql';
import { dialogueProblem } from './dialogue.errors';
import { InformationRequestsRepository, InformationRequestView } from './information-requests.repository';

/** A receivedAt a little ahead of this server's clock is the portal's clock, not the future. */
const CLOCK_SKEW_MS = 2 * 60_000;

/**
 * The dialogue with the applicant: the caseworker asks (the case waits for the applicant and the
 * SLA clock stops), the portal posts the applicant's answer with any documents (the case is back
 * in review and the clock runs again from the answer's time), and both are listed with their dates.
 */
@Injectable()
export class InformationRequestsService {
  constructor(
    private readonly repository: InformationRequestsRepository,
    private readonly cases: CasesService,
  ) {}

  list(applicationId: string): Promise<InformationRequestView[]> {
    return this.cases.status(applicationId).then(() => this.repository.list(applicationId));
  }

  /** The same change as a status change to awaiting_applicant (CasesService.requestInformation); the request as recorded. */
  async request(applicationId: string, actor: Actor, body: { message: string; replyBy?: string }, expectedVersion?: number) {
    const { requestId } = await this.cases.requestInformation(applicationId, actor, body, expectedVersion);
    return this.one(applicationId, requestId);
  }

  async reply(
    applicationId: string,
    requestId: string,
    actor: Actor,
    body: { message: string; documentIds?: string[]; receivedAt?: string },
  ): Promise<InformationRequestView> {
    const now = new Date();
    const receivedAt = body.receivedAt ? new Date(body.receivedAt) : now;
    if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      throw Problem.validation([{ path: '$.receivedAt', message: 'must not be in the future' }]);
    }
    const documentIds = [...new Set(body.documentIds ?? [])];
    const { result } = await this.cases.change(
      {
        caseId: applicationId,
        actor,
        action: 'reply-to-request',
        // A reply that ends the wait moves the case (its status); a late one is recorded beside it.
        versioned: (locked) => locked.status === 'awaiting_applicant',
      },
      async (tx, locked) => {
        const request = await this.repository.lock(tx, applicationId, requestId);
        if (!request) throw notFound(requestId);
        if (request.replied_at)
          throw dialogueProblem('already-replied', `The request ${requestId} was answered at ${request.replied_at.toISOString()}`);
        if (receivedAt < request.requested_at) {
          throw Problem.validation([
            { path: '$.receivedAt', message: `must not be before the request was sent (${request.requested_at.toISOString()})` },
          ]);
        }
        const usable = await this.repository.usableDocuments(tx, applicationId, documentIds);
        const unusable = documentIds.flatMap((id) =>
          usable.has(id)
            ? []
            : [
                {
                  path: `$.documentIds[${(body.documentIds ?? []).indexOf(id)}]`,
                  message: 'no such document on this case (or it is entered in error)',
                },
              ],
        );
        if (unusable.length) throw Problem.validation(unusable);
        await this.repository.reply(tx, requestId, body.message, receivedAt, actor);
        await this.repository.attach(tx, requestId, documentIds);
        // "Søker har svart": the case's caseworker hears of it in the console.
        await this.cases.notify(tx, {
          recipientId: locked.assigneeId,
          kind: 'reply-received',
          applicationId,
          actor,
          data: { requestId, receivedAt: receivedAt.toISOString(), documents: documentIds.length },
        });
        const events: CaseEvent[] = [
          { kind: 'information-reply', data: { requestId, message: body.message, receivedAt: receivedAt.toISOString(), documentIds } },
        ];
        // The answer to the request the case waits on ends the wait, from the moment the applicant sent it.
        if (locked.status === 'awaiting_applicant' && request.resumed_at === null) {
          events.push(await this.cases.applicantAnswered(tx, locked, actor, receivedAt));
        }
        return { event: events, result: await this.one(applicationId, requestId, tx) };
      },
    );
    return result;
  }

  private async one(applicationId: string, requestId: string, db?: Db): Promise<InformationRequestView> {
    const view = await this.repository.one(applicationId, requestId, db);
    if (!view) throw notFound(requestId);
    return view;
  }
}

const notFound = (requestId: string) =>
  dialogueProblem('information-request-not-found', `The case has no information request with id ${requestId}`);
