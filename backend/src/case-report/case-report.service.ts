import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { CasesService, type CaseView, type EvaluationView } from '../cases';
import { NotesService } from '../casework/notes.service';
import { Problem } from '../common/problem';
import { DecisionsService } from '../decisions/decisions.service';
import { InformationRequestsService } from '../dialogue/information-requests.service';
import { DocumentsService } from '../documents/documents.service';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { renderCaseReport, type CaseReportInput, type LetterLang } from '../letters';
import { OversightService } from '../oversight/oversight.service';

type Localized = { nb: string; en: string };

/**
 * The case report (saksutskrift): the whole case read through the kernel and each feature's own
 * service (the same reads the case page makes), laid out by the letters library. Reads only.
 */
@Injectable()
export class CaseReportService {
  constructor(
    private readonly cases: CasesService,
    private readonly evaluations: EvaluationsService,
    private readonly notes: NotesService,
    private readonly requests: InformationRequestsService,
    private readonly documents: DocumentsService,
    private readonly decisions: DecisionsService,
    private readonly oversight: OversightService,
  ) {}

  /** The report as a PDF stream, ended; 404 (not-found) for an unknown case before anything is rendered. */
  async render(id: string, actor: Actor, lang: LetterLang): Promise<{ reference: string; pdf: PDFKit.PDFDocument }> {
    const input = await this.read(id, actor, lang);
    return { reference: input.reference, pdf: renderCaseReport(input, lang) };
  }

  async read(id: string, actor: Actor, lang: LetterLang): Promise<CaseReportInput> {
    const view = await this.cases.view(id, actor);
    const [evaluation, notes, requests, documents, recommendations, decision, timeline] = await Promise.all([
      orNull(this.evaluations.latest(id)),
      this.notes.list(id, {}),
      this.requests.list(id),
      this.documents.list(id),
      this.decisions.recommendations(id),
      view.decision ? this.decisions.decision(id) : Promise.resolve(null),
      this.oversight.timeline(id, {}),
    ]);
    const text = (t: Localized | undefined | null) => (t ? t[lang] : '');
    const nameOf = (name: string | null | undefined, username: string | null) => name ?? username ?? '';
    return {
      reference: view.reference,
      status: view.status,
      applicant: { name: view.applicant.name, orgNumber: view.applicant.orgNumber },
      assignee: view.assignee?.displayName ?? null,
      receivedAt: view.receivedAt,
      updatedAt: view.updatedAt,
      slaDueOn: view.slaDueAt.slice(0, 10),
      slaDaysLeft: view.slaDaysLeft,
      project: {
        title: view.project.title,
        description: stringOrNull(view.project.description),
        startDate: stringOrNull(view.project.startDate),
        endDate: stringOrNull(view.project.endDate),
      },
      aid: view.aid,
      costLines: costLines(view, evaluation, lang),
      evaluation: evaluation && {
        evaluatedAt: evaluation.evaluatedAt,
        rulebookVersion: evaluation.rulebookVersion,
        eligibleCostsNok: evaluation.totals.eligibleCostsNok,
        rules: evaluation.rules.map((r) => ({ ruleId: r.ruleId, outcome: r.outcome, explanation: text(r.explanation) })),
      },
      judgments: view.judgments.map((j) => ({
        criterionId: j.criterionId,
        title: text(evaluation?.judgments.find((e) => e.criterionId === j.criterionId)?.title),
        outcome: j.outcome,
        rationale: j.rationale,
        by: nameOf(j.recordedByName, j.recordedBy),
        at: j.recordedAt,
      })),
      corrections: view.corrections.map((c) => ({
        path: c.path,
        submitted: shown(c.submittedValue),
        corrected: shown(c.correctedValue),
        reason: c.reason,
        by: nameOf(c.correctedByName, c.correctedBy),
        at: c.correctedAt,
      })),
      notes: notes.map((n) => ({
        body: n.body,
        by: nameOf(n.authorName, n.author),
        at: n.createdAt,
        editedAt: n.editedAt,
        enteredInError: n.enteredInError,
        errorReason: n.errorReason,
      })),
      informationRequests: requests.map((r) => ({
        message: r.message,
        replyBy: r.replyBy,
        requestedAt: r.requestedAt,
        by: nameOf(r.requestedByName, r.requestedBy),
        status: r.status,
        reply: r.reply && { message: r.reply.message, receivedAt: r.reply.receivedAt },
      })),
      documents: documents.map((d) => ({
        name: d.title || d.fileName,
        kind: d.kind,
        size: Number(d.size),
        sha256: d.sha256,
        uploadedAt: d.uploadedAt,
        by: nameOf(d.uploadedByName, d.uploadedBy),
        enteredInError: d.enteredInError,
      })),
      recommendations: recommendations.map((r) => ({
        outcome: r.outcome,
        amountNok: r.amountNok,
        justification: r.justification,
        conditions: (r.conditions as { text: Localized }[]).map((c) => text(c.text)),
        by: nameOf(r.recommendedByName, r.recommendedBy),
        at: r.recommendedAt,
        returned: r.returned && {
          at: r.returned.at,
          by: nameOf(r.returned.byName, r.returned.by),
          reason: r.returned.reasonCode ?? '',
          comment: r.returned.comment ?? '',
        },
      })),
      decision: decision && decisionOf(decision as unknown as DecisionRecord, lang),
      timeline: timeline.map((e) => ({ at: e.occurredAt, by: e.actorName, text: text(e.summary) })).reverse(),
      printedBy: actor.displayName,
      printedAt: new Date().toISOString(),
    };
  }
}

/** Each cost line with what was applied for, what counts (the approved amount, else what the rules made of it) and why it was cut. */
function costLines(view: CaseView, evaluation: EvaluationView | null, lang: LetterLang): CaseReportInput['costLines'] {
  return view.costLines.map((line) => {
    const assessment = line.assessment as { approvedAmountNok: number; reason: string | null } | null | undefined;
    const result = evaluation?.costLines.find((c) => c.costLineId === line.id);
    // The rules' explanation of a caseworker's cut quotes the reason; without an evaluation, the reason alone.
    const ruled = (result?.reasons ?? []).filter((r) => r.outcome !== 'eligible').map((r) => r.explanation[lang]);
    const reasons = ruled.length ? ruled : assessment?.reason ? [assessment.reason] : [];
    return {
      lineNo: line.lineNo,
      category: line.category,
      description: stringOrNull(line.description) ?? '',
      appliedNok: line.amountNok,
      approvedNok: result?.eligibleNok ?? assessment?.approvedAmountNok ?? null,
      reasons,
    };
  });
}

/** What the report shows of the decision record (DecisionsService.decision, as GET /decision gives it). */
interface DecisionRecord {
  outcome: string;
  amountNok: number | null;
  decisionDate?: string;
  decidedAt: string;
  decidedBy: string;
  decidedByName: string | null;
  recommendedBy: string;
  recommendedByName: string | null;
  justification?: string;
  conditions?: { text: Localized }[];
}

function decisionOf(d: DecisionRecord, lang: LetterLang): NonNullable<CaseReportInput['decision']> {
  return {
    outcome: d.outcome,
    amountNok: d.amountNok ?? null,
    decidedOn: (d.decisionDate ?? d.decidedAt).slice(0, 10),
    decidedBy: d.decidedByName ?? d.decidedBy,
    recommendedBy: d.recommendedByName ?? d.recommendedBy,
    justification: d.justification ?? '',
    conditions: (d.conditions ?? []).map((c) => c.text[lang]),
  };
}

function stringOrNull(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function shown(v: unknown): string {
  if (v === null || v === undefined) return '–';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The case's latest evaluation, or null when it has none (the case exists: the view was read first). */
async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof Problem && e.getStatus() === 404) return null;
    throw e;
  }
}
