import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor';
import type { Role } from '../auth/roles';
import { upsertUser } from '../auth/users.repository';
import { CasesService } from '../cases';
import { CaseworkService } from '../casework/casework.service';
import { Problem } from '../common/problem';
import { DecisionsService } from '../decisions/decisions.service';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { IntakeService } from '../intake/intake.service';
import { QueueService } from '../queue/queue.service';
import { grantBlockers } from '../rulebook';
import { generateApplication, Prng } from './generator';

/** The demo users of docs/api.md, each with the password `demo`. */
export const DEMO_USERS: { username: string; displayName: string; roles: Role[] }[] = [
  { username: 'kari', displayName: 'Kari Nordmann', roles: ['caseworker'] },
  { username: 'ola', displayName: 'Ola Hansen', roles: ['caseworker'] },
  { username: 'ingrid', displayName: 'Ingrid Berg', roles: ['caseworker', 'approver'] },
  { username: 'leder', displayName: 'Lene Leder', roles: ['manager', 'approver'] },
  { username: 'portal', displayName: 'Søknadsportalen', roles: ['intake'] },
  { username: 'admin', displayName: 'Administrator', roles: ['admin'] },
];

export async function seedDemoUsers(db: DataSource): Promise<void> {
  for (const user of DEMO_USERS) await upsertUser(db, { ...user, password: 'demo' });
}

export const DEMO_JUDGMENT_TEXTS: Record<string, string> = {
  'J-INNO-01': 'Ny produksjonsprosess med vesentlige endringer i teknologi og arbeidsform.',
  'J-INNO-02': 'Klart forskjellig fra dagens praksis; et betydelig løft for bedriften.',
  'J-INNO-03': 'Ikke på unntakslisten: mer enn utskifting av enkeltutstyr.',
  'J-COMP-01': 'Styrker konkurransekraften gjennom lavere kostnader og kortere leveringstid.',
  'J-COMP-02': 'Ingen uheldig konkurransevridning; markedet er internasjonalt.',
  'J-NEED-01': 'Prosjektet ville blitt utsatt uten støtte; beløpet er under maksimum.',
  'J-FEAS-01': 'Solid økonomi og relevant kompetanse i prosjektgruppen.',
  'J-COST-01': 'Timepriser og bruksandeler er rimelige.',
  'J-LRG-01': 'Samarbeidet med SMB-partneren er reelt og forpliktende.',
  'J-CIRC-01': 'Vurdert miljøteknologiordningen; prosjektet passer best her.',
};

/**
 * A working office: about 300 applications through the real intake path,
 * received over the last four months, taken through the real workflow to
 * every status (judgments, recommendations, returns, decisions with letters),
 * so every screen has something true to show. Runs only on an empty database.
 */
export async function seedDemo(
  app: INestApplicationContext,
  options: { cases?: number; log?: (m: string) => void } = {},
): Promise<boolean> {
  const db = app.get(DataSource);
  const log = options.log ?? (() => undefined);
  const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM app_user`);
  if (count > 0) return false;
  const total = options.cases ?? 300;
  log(`seeding the demo office: users and ${total} applications through intake and casework`);
  await seedDemoUsers(db);
  const users: { id: string; username: string; display_name: string }[] = await db.query(`SELECT id, username, display_name FROM app_user`);
  const actor = (username: string): Actor => {
    const u = users.find((x) => x.username === username)!;
    const roles = DEMO_USERS.find((d) => d.username === username)!.roles;
    return { id: u.id, username, displayName: u.display_name, roles };
  };
  const intake = app.get(IntakeService);
  const queue = app.get(QueueService);
  const cases = app.get(CasesService);
  const casework = app.get(CaseworkService);
  const decisions = app.get(DecisionsService);
  const evaluations = app.get(EvaluationsService);
  const prng = new Prng(20261127);
  const now = Date.now();
  const caseworkers = ['kari', 'ola', 'ingrid'];
  const started = Date.now();

  for (let i = 1; i <= total; i++) {
    if (i % 25 === 1 && i > 1) log(`  ${i - 1}/${total} applications (${Math.round((Date.now() - started) / 1000)} s)`);
    const receivedAt = new Date(now - Math.floor(prng.next() * 110 * 86_400_000) - 3_600_000);
    const ageDays = (now - receivedAt.getTime()) / 86_400_000;
    const { application } = await intake.submit(generateApplication(prng, i, receivedAt), actor('portal'));
    const roll = prng.next();
    const target =
      ageDays < 5
        ? roll < 0.75
          ? 'received'
          : 'in_review'
        : roll < 0.1
          ? 'received'
          : roll < 0.5
            ? 'in_review'
            : roll < 0.6
              ? 'awaiting_applicant'
              : roll < 0.72
                ? 'recommended'
                : roll < 0.95
                  ? 'decided'
                  : 'withdrawn';
    if (target === 'received' && prng.chance(0.6)) continue;
    const cw = actor(prng.pick(caseworkers));
    try {
      await queue.assign(application.id, cw.username, actor('leder'));
      if (target === 'received') continue;
      if (target === 'withdrawn') {
        await cases.changeStatus(application.id, actor('leder'), { status: 'withdrawn', comment: 'Søker trakk søknaden.' });
        continue;
      }
      await cases.changeStatus(application.id, cw, { status: 'in_review' });
      const latest = await evaluations.latest(application.id);
      const applicable = latest.judgments.filter((j) => j.applies).map((j) => j.criterionId);
      const judged = target === 'in_review' ? applicable.slice(0, prng.int(0, applicable.length)) : applicable;
      // A few cases fail the exclusion list (J-INNO-03) and end in a rejection.
      const excluded = target !== 'in_review' && prng.chance(0.15);
      for (const criterionId of judged) {
        const fail = excluded && criterionId === 'J-INNO-03';
        await casework.recordJudgment(application.id, criterionId, cw, {
          outcome: fail ? 'fail' : 'pass',
          rationale: fail ? 'Prosjektet er innføring av et nytt datasystem uten prosessinnovasjon.' : DEMO_JUDGMENT_TEXTS[criterionId],
        });
      }
      for (const line of latest.costLines.filter((l) => l.outcome === 'assess')) {
        if (target === 'in_review' && prng.chance(0.5)) continue;
        await casework.assessCostLine(application.id, line.costLineId, cw, {
          approvedAmountNok: Math.round((line.claimedNok * prng.int(70, 100)) / 100),
          reason: 'Vurdert mot markedspris og dokumentasjon.',
        });
      }
      if (target === 'in_review') continue;
      if (target === 'awaiting_applicant') {
        const replyBy = new Date(now + prng.int(5, 20) * 86_400_000).toISOString().slice(0, 10);
        await cases.changeStatus(application.id, cw, {
          status: 'awaiting_applicant',
          message: 'Send oppdatert årsregnskap og bekreftelse på prosjektstart.',
          replyBy,
        });
        continue;
      }
      const evaluation = await evaluations.latest(application.id);
      // The most the rules allow (docs/rules.md section 10); one grant in five is set lower, with its reason.
      const { maxAidNok, requestedAidNok, otherAidSameCostsNok } = evaluation.totals;
      const allowed = Math.max(0, Math.min(requestedAidNok ?? 0, (maxAidNok ?? 0) - otherAidSameCostsNok));
      const reduced = allowed > 200_000 && prng.chance(0.2);
      const amount = reduced ? Math.floor((allowed * 0.8) / 10_000) * 10_000 : allowed;
      // Judged as the recommendation will judge it: with the amount rules at the amount to grant.
      const atAmount = amount > 0 ? (await evaluations.whatIf(application.id, { aidAmountNok: amount })).evaluation : evaluation;
      const blockers = amount > 0 ? grantBlockers(atAmount, amount) : grantBlockers(evaluation, amount);
      if (blockers.length === 0) {
        await decisions.recommend(application.id, cw, {
          outcome: 'grant',
          amountNok: amount,
          justification: 'Prosjektet oppfyller kriteriene og er et tydelig innovasjonsløft.',
          conditions: prng.chance(0.3) ? [{ code: 'CHANGES' }] : [],
          ...(reduced
            ? { reductionReason: 'Bedriften kan selv finansiere en større del av prosjektet, så et lavere tilskudd er nok.' }
            : {}),
        });
      } else {
        // A rejection rests on the rules that block and the judgments recorded fail (docs/rules.md section 10).
        const failed = new Set(evaluation.judgments.filter((j) => j.outcome === 'fail').map((j) => j.criterionId as string));
        const grounds = [
          ...new Set(blockers.filter((b) => b.kind === 'rule' || (b.kind === 'judgment' && failed.has(b.ref))).map((b) => b.ref)),
        ];
        if (!grounds.length) continue;
        await decisions.recommend(application.id, cw, {
          outcome: 'reject',
          justification: 'Søknaden oppfyller ikke vilkårene i ordningen.',
          grounds,
        });
      }
      if (target === 'decided') {
        const approver = actor(cw.username === 'ingrid' || prng.chance(0.5) ? 'leder' : 'ingrid');
        await decisions.decide(application.id, approver, { action: 'approve' });
      }
    } catch (error) {
      // A generated case that the real rules stop midway stays where it got to: that is a real office too.
      if (!(error instanceof Problem)) throw error;
    }
  }
  log(`  ${total}/${total} applications (${Math.round((Date.now() - started) / 1000)} s)`);
  return true;
}
