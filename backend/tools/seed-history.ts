import { createHash } from 'node:crypto';
import { applyCorrections, CaseInput, IntakeDocument, summariseEvaluation } from '../src/cases';
import type { CorrectionRow } from '../src/cases/corrections';
import { decisionRecord, Recommended, recommendationOf } from '../src/decisions/decisions.service';
import { DEMO_JUDGMENT_TEXTS } from '../src/demo/demo';
import { generateApplication, Prng } from '../src/demo/generator';
import {
  AidAmount,
  canonicalCopy,
  canonicalJson,
  CaseSnapshot,
  evaluate,
  EvaluationContext,
  EvaluationResult,
  grantBlockers,
  selectParameterSet,
  sha256Hex,
} from '../src/rulebook';
import { addBusinessDays, businessDaysBetween, toOsloDate } from '../src/sla/business-days';
import { ChainEvent, LinkedEvent, linkStream } from './audit-chain';

/**
 * One case's whole history as a working office leaves it, for the bulk seed (bulk-seed.ts): the
 * rows intake, casework, information requests, recommendations, returns and the decision write,
 * and the audit events each step writes, already hash-linked. The contents come from the same
 * code the services run: the demo generator's documents, the rulebook's evaluations (real
 * results, input snapshots and hashes), summariseEvaluation for the case's summary and the
 * evaluation events, recommendationOf and decisionRecord (decisions/) for recommendations, the
 * decision record and the letter's input.
 *
 * What differs from the services, on purpose (docs/operations.md, "A realistic database"):
 * - judgments, cost-line assessments and corrections are not each followed by an evaluation: the
 *   services evaluate after every one (about 12 evaluations for a decided case, 14 kB of result
 *   each); here one evaluation follows the casework, so a case has 1-4 evaluations.
 * - letters are stored for a sample of decisions only, and their bytes are those of one rendered
 *   letter per outcome and language, not of the case's own letter.
 */

export interface SeedUser {
  id: string;
  username: string;
  displayName: string;
}

export interface SeedUsers {
  portal: SeedUser;
  managers: SeedUser[];
  caseworkers: SeedUser[];
  approvers: SeedUser[];
}

/** One sample letter's bytes, stored for every decision of the sample with that outcome and language. */
export interface SampleLetter {
  sha256: string;
  bytes: number;
}

export interface SeedContext {
  /** The office's history runs from `start` to `now` (ms). */
  now: number;
  start: number;
  /** Cases in the whole run, and this case's place in it (0-based): its receipt time follows from it. */
  total: number;
  slaBusinessDays: number;
  fx: { nokPerEur: number; fxSource: string; fxDate: string };
  users: SeedUsers;
  /** The reference number of case 0 (application_reference_seq is moved past the run's numbers). */
  referenceBase: number;
  /** Makes this run's ids its own. */
  runTag: number;
  /** Chance that a decision gets its letters stored. */
  letterShare: number;
  letters: { grant: Record<'nb' | 'en', SampleLetter>; reject: Record<'nb' | 'en', SampleLetter> } | null;
}

/** Rows per table, each row its columns in TABLE_COLUMNS order. */
export type SeedRows = Record<SeedTable, unknown[][]>;

export const TABLE_COLUMNS = {
  application: [
    'id',
    'reference',
    'external_ref',
    'submission_hash',
    'submitted_document',
    'status',
    'assignee_id',
    'version',
    'received_at',
    'created_at',
    'updated_at',
    'sla_due_on',
    'applicant_name',
    'org_number',
    'county',
    'project_title',
    'project_description',
    'innovation_types',
    'start_date',
    'end_date',
    'first_binding_commitment_date',
    'location',
    'circular_transition',
    'aid_instrument',
    'requested_amount_nok',
    'size_class',
    'decision_outcome',
    'latest_evaluation_id',
    'rule_outcomes',
    'flag_fail',
    'flag_missing',
    'flag_refer',
    'flag_assess',
    'eligible_costs_nok',
    'max_aid_nok',
    'decided_at',
  ],
  applicant: [
    'application_id',
    'org_number',
    'name',
    'company_form',
    'incorporated_on',
    'nace_code',
    'county',
    'public_ownership_pct',
    'insolvency_proceedings',
    'outstanding_rescue_aid',
    'outstanding_recovery_order',
  ],
  financial_year: [
    'id',
    'application_id',
    'year',
    'annual_work_units',
    'turnover_nok',
    'balance_sheet_nok',
    'share_capital_nok',
    'other_equity_nok',
    'debt_nok',
    'ebitda_nok',
    'interest_expense_nok',
  ],
  related_enterprise: [
    'id',
    'application_id',
    'position',
    'name',
    'org_number',
    'relation',
    'share_pct',
    'annual_work_units',
    'turnover_nok',
    'balance_sheet_nok',
  ],
  collaboration_partner: ['id', 'application_id', 'position', 'name', 'org_number', 'size_class', 'eligible_costs_nok'],
  other_public_aid: ['id', 'application_id', 'position', 'grantor', 'legal_basis', 'amount_nok', 'covers_same_costs'],
  cost_line: [
    'id',
    'application_id',
    'line_no',
    'category',
    'description',
    'amount_nok',
    'hours',
    'hourly_rate_nok',
    'basis',
    'acquisition_cost_nok',
    'useful_life_months',
    'months_used',
    'project_use_share_pct',
    'monthly_rent_nok',
    'supplier_name',
    'supplier_relation',
    'incurred_from',
    'approved_amount_nok',
    'approval_reason',
    'assessed_by',
    'assessed_at',
  ],
  evaluation: [
    'id',
    'application_id',
    'evaluated_at',
    'evaluated_by',
    'reason',
    'rulebook_version',
    'parameter_set',
    'evaluation_date',
    'nok_per_eur',
    'fx_source',
    'fx_date',
    'input_hash',
    'input_snapshot',
    'result',
    'amount_basis',
    'aid_amount_nok',
  ],
  fact_correction: ['id', 'application_id', 'path', 'submitted_value', 'corrected_value', 'reason', 'corrected_by', 'corrected_at'],
  judgment: ['application_id', 'criterion_id', 'outcome', 'rationale', 'recorded_by', 'recorded_at', 'revision'],
  judgment_revision: ['application_id', 'criterion_id', 'revision', 'outcome', 'rationale', 'recorded_by', 'recorded_at'],
  information_request: [
    'id',
    'application_id',
    'message',
    'reply_by',
    'requested_by',
    'requested_at',
    'resumed_at',
    'resumed_by',
    'paused_business_days',
  ],
  note: ['id', 'application_id', 'anchor_type', 'anchor_ref', 'body', 'author_id', 'created_at', 'edited_at', 'version'],
  note_revision: ['note_id', 'version', 'body', 'written_by', 'written_at'],
  recommendation: [
    'id',
    'application_id',
    'outcome',
    'amount_nok',
    'justification',
    'conditions',
    'grounds',
    'evaluation_id',
    'recommended_by',
    'recommended_at',
    'returned_at',
    'returned_by',
    'return_reason',
    'return_comment',
    'partial',
    'reduction_reason',
  ],
  audit_event: ['occurred_at', 'actor_id', 'actor', 'application_id', 'kind', 'data', 'stream_seq', 'prev_hash', 'hash'],
  decision: [
    'id',
    'application_id',
    'recommendation_id',
    'recommended_by',
    'decided_by',
    'decided_at',
    'decision_date',
    'outcome',
    'amount_nok',
    'eligible_costs_nok',
    'intensity_pct',
    'legal_basis',
    'conditions',
    'grounds',
    'evaluation_id',
    'input_hash',
    'rulebook_version',
    'parameter_set',
    'appeal',
    'register_obligation',
    'record',
    'letter_input',
  ],
  /** The pdf column is filled in SQL from the sample letter named by `sample` (see bulk-seed.ts). */
  decision_letter: ['decision_id', 'lang', 'sample', 'sha256', 'created_at'],
  register_report: ['decision_id', 'due_on', 'reported_at', 'reported_by', 'register_reference'],
} as const;

export type SeedTable = keyof typeof TABLE_COLUMNS;
export const SEED_TABLES = Object.keys(TABLE_COLUMNS) as SeedTable[];

export function emptyRows(): SeedRows {
  return Object.fromEntries(SEED_TABLES.map((t) => [t, []])) as unknown as SeedRows;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const json = (v: unknown) => JSON.stringify(v);

/**
 * Where a case of this age stands in a working office: new cases wait or are being read, cases of
 * a few weeks are in review, with the applicant or recommended, and cases older than about four
 * months are decided or withdrawn, but for a few that got stuck (and are overdue).
 */
export function statusForAge(prng: Prng, ageDays: number): string {
  const r = prng.next();
  const pick = (table: [string, number][]) => {
    let acc = 0;
    for (const [s, w] of table) if (r < (acc += w)) return s;
    return table[table.length - 1][0];
  };
  if (ageDays < 3)
    return pick([
      ['received', 0.75],
      ['in_review', 0.25],
    ]);
  if (ageDays < 14)
    return pick([
      ['received', 0.2],
      ['in_review', 0.6],
      ['awaiting_applicant', 0.12],
      ['withdrawn', 0.03],
      ['recommended', 0.05],
    ]);
  if (ageDays < 45)
    return pick([
      ['received', 0.04],
      ['in_review', 0.42],
      ['awaiting_applicant', 0.14],
      ['recommended', 0.14],
      ['decided', 0.22],
      ['withdrawn', 0.04],
    ]);
  if (ageDays < 120)
    return pick([
      ['in_review', 0.12],
      ['awaiting_applicant', 0.05],
      ['recommended', 0.06],
      ['decided', 0.72],
      ['withdrawn', 0.05],
    ]);
  return pick([
    ['in_review', 0.006],
    ['awaiting_applicant', 0.002],
    ['recommended', 0.002],
    ['decided', 0.93],
    ['withdrawn', 0.06],
  ]);
}

const NOTE_TEXTS = [
  'Ringte søker og fikk bekreftet prosjektstart.',
  'Timeprisene er på nivå med sammenlignbare prosjekter.',
  'Avklart med leder at saken kan prioriteres.',
  'Søker har sendt oppdatert budsjett på e-post; lagt ved saken.',
  'Sjekket Brønnøysundregistrene: ingen merknader.',
  'Usikker på bruksandelen for utstyret; bør vurderes nærmere.',
];
const INFO_MESSAGES = [
  'Send oppdatert årsregnskap og bekreftelse på prosjektstart.',
  'Vi trenger en nærmere beskrivelse av hvordan prosessen endres.',
  'Legg ved tilbud fra konsulenten og avtalen med samarbeidspartneren.',
];
const RETURN_REASONS = ['missing-investigation', 'missing-justification', 'wrong-result', 'other'] as const;

/** A case's own id maker: UUIDv7 from the time, then the run, the case and a counter, so ids never collide within a run. */
function idMaker(runTag: number, caseNo: number) {
  let k = 0;
  return (ms: number) => {
    const t = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12);
    const a = (runTag & 0xfff).toString(16).padStart(3, '0');
    const b = (0x8000 | ((caseNo / 2 ** 32) & 0x3fff)).toString(16).padStart(4, '0');
    const c = (caseNo >>> 0).toString(16).padStart(8, '0') + (k++ & 0xffff).toString(16).padStart(4, '0');
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${a}-${b}-${c}`;
  };
}

interface Snapshot {
  doc: IntakeDocument;
  lineIds: string[];
  approved: (number | null)[];
  approvalReasons: (string | null)[];
  judgments: Map<string, { outcome: 'pass' | 'fail'; rationale: string }>;
  corrections: CorrectionRow[];
}

function snapshotOf(s: Snapshot): CaseSnapshot {
  const base = {
    ...(s.doc as unknown as CaseSnapshot),
    costLines: s.doc.costLines.map((line, i) => ({
      ...line,
      id: s.lineIds[i],
      approvedAmountNok: s.approved[i],
      approvalReason: s.approvalReasons[i],
    })),
    judgments: [...s.judgments.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([criterionId, j]) => ({ criterionId, outcome: j.outcome, rationale: j.rationale })),
  } as CaseSnapshot;
  return canonicalCopy(applyCorrections(base, s.corrections));
}

/**
 * Generates case `index` of the run into `rows`. Returns the number of audit events written.
 */
export function seedCase(ctx: SeedContext, prng: Prng, index: number, rows: SeedRows): number {
  const { users } = ctx;
  const span = ctx.now - ctx.start;
  const receivedAt = Math.min(ctx.now - HOUR, ctx.start + Math.floor((index / ctx.total) * span) + prng.int(0, 60_000));
  const ageDays = (ctx.now - receivedAt) / DAY;
  const number = ctx.referenceBase + index;
  const newId = idMaker(ctx.runTag, number);
  const caseId = newId(receivedAt);
  const doc = generateApplication(prng, number, new Date(receivedAt));
  doc.externalRef = `SEED-${number}`;
  const receivedOn = toOsloDate(new Date(receivedAt));
  const reference = `PIO-${receivedOn.slice(0, 4)}-${String(number).padStart(6, '0')}`;
  const submissionHash = sha256Hex(canonicalJson(doc));
  const target = statusForAge(prng, ageDays);

  // The span the history takes: a decided case of any age took 3-16 weeks; one still open runs until now.
  const available = ctx.now - receivedAt - HOUR;
  const closes = target === 'decided' || target === 'withdrawn';
  const length = closes ? Math.min(available * 0.98, prng.int(20, 110) * DAY) : available * (0.6 + prng.next() * 0.35);
  const at = (fraction: number) => Math.floor(receivedAt + length * fraction);

  const events: (ChainEvent & { actorId: string | null })[] = [];
  let version = 1;
  let updatedAt = receivedAt;
  const event = (t: number, who: SeedUser, kind: string, data: object, versioned = true) => {
    // Events of one transaction follow each other by a millisecond (their order in the stream).
    const last = events.length ? events[events.length - 1].occurredAt : 0;
    const occurredAt = Math.max(t, last + 1);
    events.push({ occurredAt, actor: who.username, actorId: who.id, kind, data });
    if (versioned) {
      version++;
      updatedAt = occurredAt;
    }
    return occurredAt;
  };

  const s: Snapshot = {
    doc,
    lineIds: doc.costLines.map(() => newId(receivedAt)),
    approved: doc.costLines.map(() => null),
    approvalReasons: doc.costLines.map(() => null),
    judgments: new Map(),
    corrections: [],
  };
  const assessedBy: (string | null)[] = doc.costLines.map(() => null);
  const assessedAt: (string | null)[] = doc.costLines.map(() => null);

  let latest: { id: string; result: EvaluationResult } | null = null;
  /** Evaluates the case as it stands (or stores `ready`, worked out before) and writes the evaluation and its event. */
  const evaluateNow = (t: number, who: SeedUser, reason: 'intake' | 'change' | 'decision', ready?: Preview) => {
    const { snapshot, context, result } = ready ?? preview(s, ctx, undefined, toOsloDate(new Date(t)));
    const amount = context.aidAmount ?? undefined;
    const summary = summariseEvaluation(result, reason);
    const id = newId(t);
    const occurredAt = event(t, who, 'evaluation', { evaluationId: id, ...summary.audit }, false);
    rows.evaluation.push([
      id,
      caseId,
      iso(occurredAt),
      who.username,
      reason,
      result.rulebookVersion,
      result.parameterSet,
      context.evaluationDate,
      result.nokPerEur,
      result.fxSource,
      result.fxDate,
      result.inputHash,
      json(snapshot),
      json(result),
      amount?.basis ?? 'requested',
      amount?.amountNok ?? null,
    ]);
    latest = { id, result };
    const input: CaseInput = { snapshot, context, status: 'in_review' };
    return { id, result, input, summary };
  };

  const recommend = (when: number) => {
    const cwr = assignee as SeedUser;
    const basis = latest!.result;
    const { maxAidNok, requestedAidNok, otherAidSameCostsNok } = basis.totals;
    const allowed = Math.max(0, Math.min(requestedAidNok ?? 0, (maxAidNok ?? 0) - otherAidSameCostsNok));
    const reduced = allowed > 200_000 && prng.chance(0.2);
    const amount = reduced ? Math.floor((allowed * 0.8) / 10_000) * 10_000 : allowed;
    const day = toOsloDate(new Date(when));
    let evaluation = amount > 0 ? preview(s, ctx, { basis: 'recommended', amountNok: amount }, day) : null;
    let input;
    if (evaluation && grantBlockers(evaluation.result, amount).length === 0) {
      input = {
        outcome: 'grant' as const,
        amountNok: amount,
        justification: 'Prosjektet oppfyller kriteriene og er et tydelig innovasjonsløft.',
        conditions: prng.chance(0.3) ? [{ code: 'CHANGES' }] : [],
        ...(reduced ? { reductionReason: 'Bedriften kan selv finansiere en større del av prosjektet, så et lavere tilskudd er nok.' } : {}),
      };
    } else {
      const atRequested = evaluation ?? preview(s, ctx, undefined, day);
      const blockers = grantBlockers(atRequested.result, amount);
      const failed = new Set(atRequested.result.judgments.filter((j) => j.outcome === 'fail').map((j) => j.criterionId as string));
      const grounds = [
        ...new Set(blockers.filter((b) => b.kind === 'rule' || (b.kind === 'judgment' && failed.has(b.ref))).map((b) => b.ref)),
      ];
      if (!grounds.length) return null; // the real rules stop this case in review: a real office has those too
      evaluation = atRequested;
      input = { outcome: 'reject' as const, justification: 'Søknaden oppfyller ikke vilkårene i ordningen.', grounds };
    }
    const stored = evaluateNow(when, cwr, 'change', evaluation);
    const r = recommendationOf(input, stored.result, stored.input, false);
    const id = newId(when);
    event(when, cwr, 'recommendation', {
      before: { status: 'in_review' },
      after: {
        status: 'recommended',
        outcome: input.outcome,
        amountNok: input.outcome === 'grant' ? input.amountNok : null,
        justification: input.justification,
        conditions: r.conditions,
        grounds: r.grounds.map((g) => g.id),
        ...(r.partial ? { partial: r.partial } : {}),
        evaluationId: stored.id,
      },
    });
    const row: unknown[] = [
      id,
      caseId,
      input.outcome,
      r.amountNok,
      input.justification,
      json(r.conditions),
      json(r.grounds),
      stored.id,
      cwr.id,
      iso(when),
      null,
      null,
      null,
      null,
      r.partial === null ? null : json(r.partial),
      r.partial?.reductionReason ?? null,
    ];
    rows.recommendation.push(row);
    status = 'recommended';
    const recommended: Recommended = {
      outcome: input.outcome,
      amountNok: r.amountNok,
      justification: input.justification,
      conditions: r.conditions,
      grounds: r.grounds,
      partial: r.partial,
      caseworkerName: cwr.displayName,
    };
    return { id, row, recommended, recommender: cwr };
  };

  const decide = (rec: NonNullable<ReturnType<typeof recommend>>, when: number) => {
    const approver = prng.pick(users.approvers);
    const decisionDate = toOsloDate(new Date(when));
    const granted = rec.recommended.outcome === 'grant';
    const amount = granted ? rec.recommended.amountNok : null;
    const pending = preview(s, ctx, granted ? { basis: 'granted', amountNok: amount as number } : undefined, decisionDate);
    if (granted && grantBlockers(pending.result, amount).length) return; // the approver cannot approve this one as it stands
    const stored = evaluateNow(when, approver, 'decision', pending);
    const facts = {
      reference,
      applicant_name: doc.applicant.name,
      org_number: doc.applicant.orgNumber,
      project_title: doc.project.title,
      start_date: doc.project.startDate as string,
      end_date: doc.project.endDate as string,
      user_name: approver.displayName,
    };
    const { record, letterInput, obliged, grounds } = decisionRecord(
      facts,
      stored.input,
      { ...stored.result, id: stored.id },
      rec.recommended,
      {
        recommender: rec.recommender.username,
        decidedBy: approver.username,
        decisionDate,
      },
    );
    // The approver often writes down what the decision rested on before approving.
    if (prng.chance(0.5)) note(when - 2 * HOUR, approver, 'application', null, 'Gjennomgått innstillingen; ingen merknader.', false);
    const decisionId = newId(when);
    const decidedAt = event(when, approver, 'decision', { before: { status: 'recommended' }, after: { status: 'decided', ...record } });
    rows.decision.push([
      decisionId,
      caseId,
      rec.id,
      rec.recommender.id,
      approver.id,
      iso(decidedAt),
      decisionDate,
      record.outcome,
      amount,
      record.eligibleCostsNok,
      record.intensityPct,
      record.legalBasis,
      json(record.conditions),
      json(grounds),
      stored.id,
      stored.result.inputHash,
      stored.result.rulebookVersion,
      stored.result.parameterSet,
      json(record.appeal),
      obliged,
      json(record),
      json(letterInput),
    ]);
    if (ctx.letters && prng.chance(ctx.letterShare)) {
      const sample = granted ? 'grant' : 'reject';
      for (const lang of ['nb', 'en'] as const) {
        const letter = ctx.letters[sample][lang];
        event(decidedAt, approver, 'letter', { decisionId, lang, sha256: letter.sha256, bytes: letter.bytes }, false);
        rows.decision_letter.push([decisionId, lang, `${sample}-${lang}`, letter.sha256, iso(decidedAt)]);
      }
    }
    if (obliged) {
      const dueOn = addMonths(decisionDate, 6);
      // Most grants are reported to the register within weeks; the newest wait.
      const reportedAt = decidedAt + prng.int(5, 60) * DAY;
      if (reportedAt < ctx.now - DAY) {
        const reporter = prng.pick(users.managers);
        const registerReference = `RSP-${decisionDate.slice(0, 4)}-${String(number).padStart(7, '0')}`;
        const when2 = event(
          reportedAt,
          reporter,
          'register-report',
          {
            decisionId,
            before: { reported: false },
            after: { reported: true, registerReference },
          },
          false,
        );
        rows.register_report.push([decisionId, dueOn, iso(when2), reporter.id, registerReference]);
      } else {
        rows.register_report.push([decisionId, dueOn, null, null, null]);
      }
    }
    status = 'decided';
    decision = { outcome: record.outcome, at: decidedAt };
  };

  /** A note (and now and then its edit a little later), with its revisions and events; notes leave the version alone. */
  const note = (when: number, author: SeedUser, kind: string, ref: string | null, body: string, edited: boolean) => {
    const noteId = newId(when);
    const occurred = event(when, author, 'note', { noteId, anchor: { type: kind, ref }, after: { body } }, false);
    rows.note_revision.push([noteId, 1, body, author.id, iso(occurred)]);
    let text = body;
    let editedAt: string | null = null;
    if (edited) {
      text = `${body} Avklart.`;
      const at2 = event(
        occurred + Math.max(1000, Math.min(prng.int(1, 48) * HOUR, (ctx.now - occurred) / 10)),
        author,
        'note',
        { noteId, edit: true, before: { body }, after: { body: text } },
        false,
      );
      editedAt = iso(at2);
      rows.note_revision.push([noteId, 2, text, author.id, editedAt]);
    }
    rows.note.push([noteId, caseId, kind, ref, text, author.id, iso(occurred), editedAt, edited ? 2 : 1]);
  };

  // Intake: the case, its parts, the first evaluation and two events, at receipt.
  event(
    receivedAt,
    users.portal,
    'intake',
    { after: { reference, externalRef: doc.externalRef, status: 'received', submissionHash } },
    false,
  );
  const intake = evaluateNow(receivedAt, users.portal, 'intake');
  let status = 'received';
  let assignee: SeedUser | null = null;
  let slaDue = addBusinessDays(receivedOn, ctx.slaBusinessDays);
  let decision: { outcome: 'granted' | 'rejected'; at: number } | null = null;

  const manager = prng.pick(users.managers);
  if (target !== 'received' || prng.chance(0.4)) {
    assignee = prng.pick(users.caseworkers);
    event(at(0.03) + prng.int(0, HOUR), manager, 'assignment', { before: { assignee: null }, after: { assignee: assignee.username } });
  }
  // Now and then a manager moves the case to another caseworker before work starts.
  if (assignee && target !== 'received' && prng.chance(0.12)) {
    const other = prng.pick(users.caseworkers);
    if (other.id !== assignee.id) {
      event(at(0.04), manager, 'assignment', { before: { assignee: assignee.username }, after: { assignee: other.username } });
      assignee = other;
    }
  }
  const cw = assignee;
  if (target === 'withdrawn' && (!cw || prng.chance(0.3))) {
    // Withdrawn before anyone looked at it.
    event(at(0.5), manager, 'status', { before: { status }, after: { status: 'withdrawn' }, comment: 'Søker trakk søknaden.' });
    status = 'withdrawn';
  } else if (cw && target !== 'received') {
    event(at(0.06), cw, 'status', { before: { status: 'received' }, after: { status: 'in_review' } });
    status = 'in_review';
    const goesOn = target !== 'in_review' && target !== 'awaiting_applicant' && target !== 'withdrawn';
    const applicable = intake.result.judgments.filter((j) => j.applies).map((j) => j.criterionId as string);
    const judged = goesOn ? applicable : applicable.slice(0, prng.int(0, applicable.length));
    // A few cases fail the exclusion list (J-INNO-03) and end in a rejection.
    const excluded = goesOn && prng.chance(0.15);
    let t = at(0.1);
    const step = () => (t += Math.floor((length * 0.5) / 24) + prng.int(0, HOUR));
    // Corrections of facts, in about one case in five.
    if (prng.chance(0.2) && doc.applicant.financials?.length) {
      const path = 'applicant.financials[0].annualWorkUnits';
      const before = doc.applicant.financials[0].annualWorkUnits ?? 1;
      const value = Math.max(1, before + prng.pick([-2, -1, 1, 2]));
      const reason = 'Oppgitt feil antall årsverk; rettet etter årsregnskapet.';
      const when = event(step(), cw, 'correction', { path, reason, before: { value: before }, after: { value } });
      rows.fact_correction.push([newId(when), caseId, path, json(before), json(value), reason, cw.username, iso(when)]);
      s.corrections.push({ path, corrected_value: value });
    }
    for (const criterionId of judged) {
      const fail = excluded && criterionId === 'J-INNO-03';
      const rationale = fail
        ? 'Prosjektet er innføring av et nytt datasystem uten prosessinnovasjon.'
        : (DEMO_JUDGMENT_TEXTS[criterionId] ?? 'Vurdert.');
      const outcome: 'pass' | 'fail' = fail ? 'fail' : 'pass';
      // Now and then a judgment is first recorded one way, then revised.
      const revisions: { outcome: 'pass' | 'fail'; rationale: string }[] =
        !fail && prng.chance(0.04)
          ? [
              { outcome: 'fail', rationale: 'Foreløpig: mangler dokumentasjon.' },
              { outcome, rationale },
            ]
          : [{ outcome, rationale }];
      let before: { outcome: string; rationale: string } | null = null;
      let when = 0;
      revisions.forEach((r, k) => {
        when = event(step(), cw, 'judgment', { criterionId, before, after: { outcome: r.outcome, rationale: r.rationale } });
        rows.judgment_revision.push([caseId, criterionId, k + 1, r.outcome, r.rationale, cw.username, iso(when)]);
        before = r;
      });
      rows.judgment.push([caseId, criterionId, outcome, rationale, cw.username, iso(when), revisions.length]);
      s.judgments.set(criterionId, { outcome, rationale });
    }
    intake.result.costLines.forEach((line, i) => {
      if (line.outcome !== 'assess' || (!goesOn && prng.chance(0.5))) return;
      const approvedAmountNok = Math.round((line.claimedNok * prng.int(70, 100)) / 100);
      const reason = 'Vurdert mot markedspris og dokumentasjon.';
      const when = event(step(), cw, 'assessment', {
        costLineId: s.lineIds[i],
        lineNo: i + 1,
        claimedNok: line.claimedNok,
        before: { approvedAmountNok: null, reason: null },
        after: { approvedAmountNok, reason },
      });
      s.approved[i] = approvedAmountNok;
      s.approvalReasons[i] = reason;
      assessedBy[i] = cw.username;
      assessedAt[i] = iso(when);
    });
    // Notes: on the case, a cost line or a rule; some are edited later (every text is kept).
    for (let n = prng.int(1, 4); n > 0; n--) {
      const kind = prng.pick(['application', 'application', 'costLine', 'rule'] as const);
      const ref =
        kind === 'application' ? null : kind === 'costLine' ? prng.pick(s.lineIds) : prng.pick(['INC-01', 'SME-01', 'CUM-01', 'J-NEED-01']);
      note(step(), prng.chance(0.85) ? cw : manager, kind, ref, prng.pick(NOTE_TEXTS), prng.chance(0.15));
    }
    // An information request: the clock stops until the applicant answers (or still waits).
    const asks = target === 'awaiting_applicant' || prng.chance(0.35);
    if (asks) {
      const askedAt = target === 'awaiting_applicant' ? at(0.9) : step();
      const message = prng.pick(INFO_MESSAGES);
      const requestId = newId(askedAt);
      const askedOn = toOsloDate(new Date(askedAt));
      const replyBy = toOsloDate(new Date(Math.max(askedAt, ctx.now) + prng.int(5, 20) * DAY));
      event(askedAt, cw, 'status', {
        before: { status: 'in_review' },
        after: { status: 'awaiting_applicant' },
        message,
        replyBy,
        requestId,
      });
      if (target === 'awaiting_applicant') {
        status = 'awaiting_applicant';
        rows.information_request.push([requestId, caseId, message, replyBy, cw.id, iso(askedAt), null, null, null]);
      } else {
        const resumedAt = Math.min(askedAt + prng.int(3, 15) * DAY, at(0.6));
        const paused = Math.max(0, businessDaysBetween(askedOn, toOsloDate(new Date(resumedAt))));
        const when = event(resumedAt, cw, 'status', {
          before: { status: 'awaiting_applicant' },
          after: { status: 'in_review' },
          pausedBusinessDays: paused,
        });
        rows.information_request.push([requestId, caseId, message, replyBy, cw.id, iso(askedAt), iso(when), cw.id, paused]);
        if (paused > 0) slaDue = addBusinessDays(slaDue, paused);
        t = Math.max(t, when);
      }
    }
    const casework = judged.length > 0 || s.corrections.length > 0 || s.approved.some((a) => a !== null);
    const returned = goesOn && prng.chance(0.1);
    // One evaluation after the casework of a case still in review (the services run one after each
    // change); a recommendation's own evaluation follows the casework of the others.
    if (casework && !goesOn && status === 'in_review') evaluateNow(Math.max(step(), at(0.7)), cw, 'change');

    if (target === 'withdrawn' && status === 'in_review') {
      event(at(0.8), manager, 'status', { before: { status }, after: { status: 'withdrawn' }, comment: 'Søker trakk søknaden.' });
      status = 'withdrawn';
    }
    if (goesOn) {
      let rec = recommend(at(0.75));
      if (rec && returned) {
        const approver = prng.pick(users.approvers);
        const reasonCode = prng.pick(RETURN_REASONS);
        const comment = 'Mangler vurdering av konkurransevridning.';
        const when = event(at(0.8), approver, 'return', {
          before: { status: 'recommended' },
          after: { status: 'in_review' },
          reasonCode,
          comment,
          recommendationId: rec.id,
        });
        rec.row[10] = iso(when);
        rec.row[11] = approver.id;
        rec.row[12] = reasonCode;
        rec.row[13] = comment;
        status = 'in_review';
        note(when + HOUR, cw, 'rule', 'J-COMP-02', 'Vurdert konkurransevridning på nytt etter retur.', false);
        rec = recommend(at(0.88));
      }
      if (rec && target === 'decided') decide(rec, at(1));
    }
  }

  const last = latest as unknown as { id: string; result: EvaluationResult };
  const summary = summariseEvaluation(last.result, 'change');
  const lines = doc.costLines;
  rows.application.push([
    caseId,
    reference,
    doc.externalRef,
    submissionHash,
    json(doc),
    status,
    assignee?.id ?? null,
    version,
    iso(receivedAt),
    iso(receivedAt),
    iso(updatedAt),
    slaDue,
    doc.applicant.name,
    doc.applicant.orgNumber,
    doc.applicant.county ?? null,
    doc.project.title,
    doc.project.description ?? null,
    doc.project.innovationTypes,
    doc.project.startDate ?? null,
    doc.project.endDate ?? null,
    doc.project.firstBindingCommitmentDate ?? null,
    doc.project.location ?? null,
    doc.project.circularTransition ?? null,
    doc.aid.instrument,
    doc.aid.requestedAmountNok,
    last.result.sizeClass,
    decision ? (decision as { outcome: string }).outcome : null,
    last.id,
    summary.ruleOutcomes,
    summary.flags.fail,
    summary.flags.missing,
    summary.flags.refer,
    summary.flags.assess,
    last.result.totals.eligibleCostsNok,
    last.result.totals.maxAidNok,
    decision ? iso((decision as { at: number }).at) : null,
  ]);
  const a = doc.applicant;
  rows.applicant.push([
    caseId,
    a.orgNumber,
    a.name,
    a.companyForm,
    a.incorporatedOn ?? null,
    a.naceCode ?? null,
    a.county ?? null,
    a.publicOwnershipPct ?? null,
    a.insolvencyProceedings ?? null,
    a.outstandingRescueAid ?? null,
    a.outstandingRecoveryOrder ?? null,
  ]);
  for (const f of a.financials ?? []) {
    rows.financial_year.push([
      newId(receivedAt),
      caseId,
      f.year,
      f.annualWorkUnits ?? null,
      f.turnoverNok ?? null,
      f.balanceSheetNok ?? null,
      f.shareCapitalNok ?? null,
      f.otherEquityNok ?? null,
      f.debtNok ?? null,
      f.ebitdaNok ?? null,
      f.interestExpenseNok ?? null,
    ]);
  }
  (a.relatedEnterprises ?? []).forEach((r, k) =>
    rows.related_enterprise.push([
      newId(receivedAt),
      caseId,
      k,
      r.name,
      r.orgNumber ?? null,
      r.relation,
      r.sharePct ?? null,
      r.annualWorkUnits ?? null,
      r.turnoverNok ?? null,
      r.balanceSheetNok ?? null,
    ]),
  );
  (doc.project.collaborationPartners ?? []).forEach((p, k) =>
    rows.collaboration_partner.push([
      newId(receivedAt),
      caseId,
      k,
      p.name,
      p.orgNumber ?? null,
      p.sizeClass ?? null,
      p.eligibleCostsNok ?? null,
    ]),
  );
  (doc.otherPublicAid ?? []).forEach((o, k) =>
    rows.other_public_aid.push([newId(receivedAt), caseId, k, o.grantor, o.legalBasis ?? null, o.amountNok, o.coversSameCosts]),
  );
  lines.forEach((c, k) =>
    rows.cost_line.push([
      s.lineIds[k],
      caseId,
      k + 1,
      c.category,
      c.description,
      c.amountNok,
      c.hours ?? null,
      c.hourlyRateNok ?? null,
      c.basis ?? null,
      c.acquisitionCostNok ?? null,
      c.usefulLifeMonths ?? null,
      c.monthsUsed ?? null,
      c.projectUseSharePct ?? null,
      c.monthlyRentNok ?? null,
      c.supplierName ?? null,
      c.supplierRelation ?? null,
      c.incurredFrom ?? null,
      s.approved[k],
      s.approvalReasons[k],
      assessedBy[k],
      assessedAt[k],
    ]),
  );
  const linked: LinkedEvent[] = linkStream(caseId, events);
  linked.forEach((e, i) =>
    rows.audit_event.push([iso(e.occurredAt), events[i].actorId, e.actor, caseId, e.kind, e.text, e.seq, e.prevHash, e.hash]),
  );
  return linked.length;
}

interface Preview {
  snapshot: CaseSnapshot;
  context: EvaluationContext;
  result: EvaluationResult;
}

/** The case evaluated as it stands, not yet stored (a recommendation or decision stores it when it is made). */
function preview(s: Snapshot, ctx: SeedContext, amount: AidAmount | undefined, date: string): Preview {
  const snapshot = snapshotOf(s);
  const context: EvaluationContext = { evaluationDate: date, ...ctx.fx, ...(amount ? { aidAmount: amount } : {}) };
  return { snapshot, context, result: evaluate(snapshot, context, selectParameterSet(date)) };
}

function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCMonth(d.getUTCMonth() + months);
  // PostgreSQL's date + interval 'n months' clamps to the month's last day.
  if (d.getUTCDate() !== day) d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

/** A short hash of a text, for sample names. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
