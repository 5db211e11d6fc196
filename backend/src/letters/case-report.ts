import { formatNumber } from '../rulebook/format';
import { CASE_REPORT_TEXTS, type CaseReportTexts } from './case-report.texts';
import type { CaseReportInput, ReportLang } from './case-report.types';
import { letterDate, letterDateTime, letterNok, letterOrgNumber } from './decision-letter.format';
import { TEXTS } from './texts';
import { BODY, COLOR, LABEL, newPdf, PdfWriter, SIZE, TITLE, type Cell, type Row, type Style } from './pdf-writer';

/**
 * The case report (saksutskrift, issue 14): the whole case on A4 pages for the archive, in the
 * decision letter's typeface and layout. The header (reference, applicant, status, caseworker,
 * dates, deadline), the project, the cost lines with applied and approved amounts and the reasons
 * for each cut, the latest rulebook check rule by rule, the assessments, corrections, notes (those
 * entered in error marked so), information requests and replies, documents, recommendations, the
 * decision and the history, newest first. Every page's foot: who printed it and when, "Side 1 av N".
 *
 * Returns the document ended, as a readable stream of its bytes, for the caller to send on.
 */
export function renderCaseReport(input: CaseReportInput, lang: ReportLang): PDFKit.PDFDocument {
  const t = CASE_REPORT_TEXTS[lang];
  const doc = newPdf({ title: `${t.title} – ${input.reference}`, author: input.printedBy, lang: t.lang, date: new Date(input.printedAt) });
  new CaseReportWriter(doc, input, t, lang).write();
  doc.end();
  return doc;
}

const AMOUNT_COLUMN = 88;
const MUTED: Style = { ...LABEL };

class CaseReportWriter extends PdfWriter {
  private readonly categories: Record<string, string>;

  constructor(
    doc: PDFKit.PDFDocument,
    private readonly input: CaseReportInput,
    private readonly t: CaseReportTexts,
    private readonly lang: ReportLang,
  ) {
    super(doc);
    this.categories = TEXTS[lang].categories;
  }

  write(): void {
    this.header();
    this.project();
    this.costLines();
    this.rules();
    this.judgments();
    this.corrections();
    this.notes();
    this.informationRequests();
    this.documents();
    this.recommendations();
    this.decision();
    this.timeline();
    this.root.end();
    const { input, t } = this;
    this.footers(`${t.title} ${input.reference}  ·  ${t.printed(input.printedBy, this.at(input.printedAt))}`, t.page);
  }

  private header(): void {
    const { doc, input, t } = this;
    this.add('H1', () => {
      this.style({ font: 'bold', size: SIZE.h1, color: COLOR.accent });
      this.text(`${t.title} ${input.reference}`, this.left, doc.y, { width: this.width });
    });
    doc.y += 8;
    const h = t.header;
    const sla = `${this.date(input.slaDueOn)} (${input.slaDaysLeft === null ? h.slaStopped : h.slaLeft(input.slaDaysLeft)})`;
    this.facts([
      [h.reference, input.reference],
      [h.applicant, `${input.applicant.name}, ${h.orgNo} ${letterOrgNumber(input.applicant.orgNumber)}`],
      [h.status, t.statuses[input.status] ?? input.status],
      [h.assignee, input.assignee ?? h.unassigned],
      [h.received, this.at(input.receivedAt)],
      [h.updated, this.at(input.updatedAt)],
      [h.sla, sla],
    ]);
  }

  private project(): void {
    const { input, t } = this;
    const p = t.project;
    const rows: [string, string][] = [[p.title, input.project.title]];
    if (input.project.description) rows.push([p.description, input.project.description]);
    if (input.project.startDate && input.project.endDate) {
      rows.push([p.period, `${this.date(input.project.startDate)} – ${this.date(input.project.endDate)}`]);
    }
    rows.push(
      [p.instrument, t.instruments[input.aid.instrument] ?? input.aid.instrument],
      [p.requested, this.nok(input.aid.requestedAmountNok)],
    );
    this.heading(p.heading);
    this.facts(rows);
  }

  private costLines(): void {
    const { input, t } = this;
    const c = t.costs;
    this.heading(c.heading, 4 * 24);
    if (!input.costLines.length) return this.paragraph(t.none);
    const amount = (text: string, font: Style['font'] = 'regular'): Cell => ({ ...BODY, font, align: 'right', text });
    const rows: Row[] = input.costLines.flatMap((l) => {
      const name = `${l.lineNo}. ${l.description || (this.categories[l.category] ?? l.category)} (${(this.categories[l.category] ?? l.category).toLowerCase()})`;
      const main: Row = {
        padY: 4,
        keepWithNext: l.reasons.length > 0,
        decorate: l.reasons.length ? undefined : this.ruleBelow(0.6, COLOR.rule),
        cells: [
          { ...BODY, header: 'Row', text: name },
          amount(this.nok(l.appliedNok)),
          amount(l.approvedNok === null ? '–' : this.nok(l.approvedNok), 'semiBold'),
        ],
      };
      if (!l.reasons.length) return [main];
      return [
        main,
        {
          padY: 3,
          decorate: this.ruleBelow(0.6, COLOR.rule),
          cells: [{ ...MUTED, span: 3, text: `${c.reason}: ${l.reasons.join(' ')}` }],
        },
      ];
    });
    const sum = (f: (l: (typeof input.costLines)[number]) => number) => input.costLines.reduce((s, l) => s + f(l), 0);
    rows.push({
      padY: 5,
      cells: [
        { ...BODY, font: 'bold', header: 'Row', text: c.total },
        amount(this.nok(sum((l) => l.appliedNok)), 'bold'),
        amount(this.nok(sum((l) => l.approvedNok ?? 0)), 'bold'),
      ],
    });
    this.table(
      this.left,
      [this.width - 2 * AMOUNT_COLUMN, AMOUNT_COLUMN, AMOUNT_COLUMN],
      [this.columnHeads([c.line, c.applied, c.approved]), ...rows],
      { padX: 6 },
    );
  }

  private rules(): void {
    const { input, t } = this;
    const r = t.rules;
    this.heading(r.heading, 4 * 24);
    const e = input.evaluation;
    if (!e) return this.paragraph(t.none);
    this.paragraph(r.evaluated(this.at(e.evaluatedAt), e.rulebookVersion), 4, MUTED);
    if (e.eligibleCostsNok !== null) this.paragraph(`${r.eligible}: ${this.nok(e.eligibleCostsNok)}`);
    const outcomeWidth = 110;
    this.table(
      this.left,
      [outcomeWidth, this.width - outcomeWidth],
      [
        this.columnHeads([r.outcome, r.rule]).cells.map((cell) => ({ ...cell, align: 'left' as const })),
        ...e.rules.map((rule) => [
          {
            ...BODY,
            font: 'semiBold' as const,
            header: 'Row' as const,
            text: `${rule.ruleId}\n${t.outcomes[rule.outcome] ?? rule.outcome}`,
          },
          { ...BODY, text: rule.explanation },
        ]),
      ].map((cells, i) => ({
        padY: 4,
        keepWithNext: i === 0,
        decorate: i === 0 ? this.ruleBelow(1, COLOR.accent) : this.ruleBelow(0.6, COLOR.rule),
        cells,
      })),
      { padX: 6 },
    );
  }

  private judgments(): void {
    const { input, t } = this;
    this.heading(t.judgments.heading);
    if (!input.judgments.length) return this.paragraph(t.none);
    this.list(
      input.judgments.map((j) => ({
        title: `${j.criterionId} ${j.title}: ${t.outcomes[j.outcome] ?? j.outcome}`,
        text: j.rationale,
        note: { label: '', text: t.judgments.by(j.by, this.at(j.at)) },
      })),
      () => '•',
    );
  }

  private corrections(): void {
    const { input, t } = this;
    if (!input.corrections.length) return;
    this.heading(t.corrections.heading);
    this.list(
      input.corrections.map((c) => ({
        title: t.corrections.change(c.path, c.submitted, c.corrected),
        text: c.reason,
        note: { label: '', text: t.corrections.by(c.by, this.at(c.at)) },
      })),
      () => '•',
    );
  }

  private notes(): void {
    const { input, t } = this;
    const n = t.notes;
    this.heading(n.heading);
    if (!input.notes.length) return this.paragraph(t.none);
    this.list(
      input.notes.map((note) => {
        const by = [n.by(note.by, this.at(note.at)), ...(note.editedAt ? [n.edited(this.at(note.editedAt))] : [])].join(', ');
        return {
          title: note.enteredInError ? `${n.inError} – ${by}` : by,
          text: note.body,
          ...(note.enteredInError && note.errorReason ? { note: { label: n.reason, text: note.errorReason } } : {}),
        };
      }),
      () => '•',
    );
  }

  private informationRequests(): void {
    const { input, t } = this;
    const r = t.requests;
    if (!input.informationRequests.length) return;
    this.heading(r.heading);
    this.list(
      input.informationRequests.map((q) => ({
        title: `${r.asked(q.by, this.at(q.requestedAt), this.date(q.replyBy))} (${r.statuses[q.status] ?? q.status})`,
        text: q.message,
        note: q.reply ? { label: r.reply(this.at(q.reply.receivedAt)), text: q.reply.message } : { label: '', text: r.noReply },
      })),
      () => '•',
    );
  }

  private documents(): void {
    const { input, t } = this;
    const d = t.documents;
    this.heading(d.heading, 3 * 24);
    if (!input.documents.length) return this.paragraph(t.none);
    const sizeWidth = 70;
    const kindWidth = 96;
    this.table(
      this.left,
      [this.width - sizeWidth - kindWidth, kindWidth, sizeWidth],
      [
        { ...this.columnHeads([d.name, d.kind, d.size]) },
        ...input.documents.flatMap((doc): Row[] => [
          {
            padY: 4,
            keepWithNext: true,
            cells: [
              { ...BODY, header: 'Row', text: doc.enteredInError ? `${doc.name} (${d.inError})` : doc.name },
              { ...BODY, text: d.kinds[doc.kind] ?? doc.kind },
              { ...BODY, align: 'right', text: this.bytes(doc.size) },
            ],
          },
          {
            padY: 2,
            decorate: this.ruleBelow(0.6, COLOR.rule),
            cells: [{ ...MUTED, size: SIZE.small, span: 3, text: `SHA-256 ${doc.sha256} · ${doc.by}, ${this.at(doc.uploadedAt)}` }],
          },
        ]),
      ],
      { padX: 6 },
    );
  }

  private recommendations(): void {
    const { input, t } = this;
    const r = t.recommendation;
    if (!input.recommendations.length) return;
    this.heading(r.heading);
    for (const rec of input.recommendations) {
      this.subheading(`${t.outcomes[rec.outcome] ?? rec.outcome} – ${r.by(rec.by, this.at(rec.at))}`);
      if (rec.amountNok !== null) this.paragraph(`${r.amount}: ${this.nok(rec.amountNok)}`);
      if (rec.justification.trim()) this.paragraph(rec.justification);
      if (rec.conditions.length) {
        this.paragraph(r.conditions, 2, TITLE);
        this.list(
          rec.conditions.map((text) => ({ title: '', text })),
          (i) => `${i + 1}.`,
        );
      }
      if (rec.returned) {
        const { returned } = rec;
        this.paragraph(
          `${r.returned(returned.by, this.at(returned.at))}: ${[returned.reason, returned.comment].filter(Boolean).join(' – ')}`,
          6,
          {
            ...BODY,
            color: COLOR.draft,
          },
        );
      }
    }
  }

  private decision(): void {
    const { input, t } = this;
    const d = t.decision;
    const decision = input.decision;
    this.heading(d.heading);
    if (!decision) return this.paragraph(t.none);
    this.subheading(
      `${t.outcomes[decision.outcome] ?? decision.outcome} – ${d.decided(decision.decidedBy, this.date(decision.decidedOn))}`,
    );
    const rows: [string, string][] = [];
    if (decision.amountNok !== null) rows.push([d.amount, this.nok(decision.amountNok)]);
    rows.push([d.recommendedBy, decision.recommendedBy]);
    this.facts(rows);
    if (decision.justification.trim()) this.paragraph(decision.justification);
    if (decision.conditions.length) {
      this.paragraph(d.conditions, 2, TITLE);
      this.list(
        decision.conditions.map((text) => ({ title: '', text })),
        (i) => `${i + 1}.`,
      );
    }
  }

  private timeline(): void {
    const { input, t } = this;
    const h = t.timeline;
    this.heading(h.heading, 3 * 24);
    if (!input.timeline.length) return this.paragraph(t.none);
    const when = 140;
    const who = 100;
    this.table(
      this.left,
      [when, who, this.width - when - who],
      [
        {
          ...this.columnHeads([h.when, h.who, h.what]),
          cells: this.columnHeads([h.when, h.who, h.what]).cells.map((c) => ({ ...c, align: 'left' })),
        },
        ...input.timeline.map((e): Row => ({
          padY: 3,
          decorate: this.ruleBelow(0.4, COLOR.rule),
          cells: [
            { ...MUTED, header: 'Row', text: this.at(e.at) },
            { ...MUTED, text: e.by },
            { ...BODY, size: SIZE.meta, text: e.text },
          ],
        })),
      ],
      { padX: 4 },
    );
  }

  private facts(rows: [string, string][]): void {
    this.doc.y += 4;
    this.factsBand(rows.map(([label, value]) => [label, value, 'regular']));
  }

  private nok(amount: number): string {
    return letterNok(this.lang, amount);
  }

  private date(date: string): string {
    return letterDate(this.lang, date.slice(0, 10));
  }

  private at(iso: string): string {
    return letterDateTime(this.lang, iso);
  }

  private bytes(size: number): string {
    if (size < 1024) return `${size} B`;
    if (size < 1024 * 1024) return `${formatNumber(this.lang, Math.round((size / 1024) * 10) / 10, 1)} kB`;
    return `${formatNumber(this.lang, Math.round((size / 1024 / 1024) * 10) / 10, 1)} MB`;
  }
}
