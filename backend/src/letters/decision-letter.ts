import { createHash } from 'node:crypto';
import { canonicalJson } from '../rulebook/canonical';
import type { LetterFont } from './decision-letter.fonts';
import { letterDate, letterNok, letterOrgNumber } from './decision-letter.format';
import type { DecisionLetterInput, LetterLang, RefusedCost } from './decision-letter.types';
import { validateLetterInput } from './decision-letter.validate';
import { costReason, wordConditions, wordGrounds, type WordedItem } from './decision-letter.wording';
import { BODY, collect, COLOR, LABEL, LINE_GAP, MARGINS, newPdf, PdfWriter, SIZE, type Cell, type Row, type Style } from './pdf-writer';
import { TEXTS, type LetterTexts } from './texts';

export { DecisionLetterInputError } from './decision-letter.validate';

/**
 * Raise it whenever a change here changes the bytes of a letter: it goes into the document ID, so
 * two renderer versions never give one ID to different bytes. Stored letters are served as stored
 * and never re-rendered.
 */
export const DECISION_LETTER_LAYOUT_VERSION = 2;

/**
 * The decision letter as a PDF (RULEBOOK section 6): A4, tagged (structure, language and title set
 * for screen readers), fonts embedded, in bokmål or English. Deterministic: the same input and
 * language give the same bytes, since the PDF's dates are the decision date and its document ID is
 * derived from the input. A draft is the same letter, marked as a draft on every page.
 */
export async function renderDecisionLetter(input: DecisionLetterInput, lang: LetterLang): Promise<Buffer> {
  validateLetterInput(input, lang);
  const t = TEXTS[lang];
  const decided = new Date(`${input.decisionDate}T00:00:00Z`);
  const title = `${input.draft ? `${t.draft.watermark} – ` : ''}${t.title[input.outcome]} – ${input.reference}`;
  const doc = newPdf({ title, author: input.agency.name, lang: t.lang, date: decided });
  // pdfkit derives the trailer /ID from the info dictionary alone, the same for every letter of a
  // day; derive it from the whole input instead. The field is internal to pdfkit (0.20), which has
  // no option for it; the determinism test guards it.
  (doc as unknown as { _id: Uint8Array })._id = documentId(input, lang);

  const bytes = collect(doc);
  new LetterWriter(doc, input, t, lang).write();
  doc.end();
  return bytes;
}

const DRAFT_MARK_Y = 24;
const SIGNATURE_SPACE_ABOVE = 10;
const AMOUNT_COLUMN = 92;

class LetterWriter extends PdfWriter {
  private readonly granted: boolean;

  constructor(
    doc: PDFKit.PDFDocument,
    private readonly input: DecisionLetterInput,
    private readonly t: LetterTexts,
    private readonly lang: LetterLang,
  ) {
    super(doc);
    this.granted = input.outcome !== 'rejected';
  }

  /** In the order of RULEBOOK 6: the decision, its reasons and grounds, the legal basis, the conditions, the appeal. */
  write(): void {
    this.letterhead();
    this.addresseeAndReference();
    this.decision();
    this.facts();
    this.eligibleCosts();
    this.justification();
    this.grounds();
    this.legalBasis();
    if (this.granted) this.conditions();
    if (this.input.registerNotice) this.section(this.t.register.heading, [this.t.register.text]);
    this.appeal();
    this.signatures();
    this.root.end();
    this.pageMarks();
  }

  private letterhead(): void {
    const { doc, input, t } = this;
    this.line(input.agency.name, { font: 'bold', size: SIZE.agency, color: COLOR.accent }, this.left, MARGINS.top, this.width);
    const address = [...input.agency.address, `${t.orgNo} ${letterOrgNumber(input.agency.orgNumber)}`].join('  ·  ');
    this.line(address, { font: 'regular', size: SIZE.small, color: COLOR.muted }, this.left, doc.y + 2, this.width);
    const ruleY = doc.y + 8;
    this.artifact(() =>
      doc
        .moveTo(this.left, ruleY)
        .lineTo(this.left + this.width, ruleY)
        .lineWidth(1.2)
        .stroke(COLOR.accent),
    );
    doc.y = ruleY;
  }

  /** The reference and date first, so that an addressee long enough to run over a page cannot push them off it. */
  private addresseeAndReference(): void {
    const { doc, input, t, lang } = this;
    const top = doc.y + 30;
    const metaWidth = 190;
    const metaX = this.left + this.width - metaWidth;
    const addressWidth = metaX - this.left - 24;

    doc.y = top;
    const meta = [
      [t.ourReference, input.reference],
      [t.date, letterDate(lang, input.decisionDate)],
    ];
    this.table(
      metaX,
      [78, metaWidth - 78],
      meta.map(([label, value]) => ({
        padY: 1,
        cells: [
          { ...LABEL, text: label, header: 'Row', dy: 1 },
          { ...BODY, text: value },
        ],
      })),
    );
    const metaBottom = doc.y;
    const pages = this.pageCount();

    const addressee = { ...BODY, size: SIZE.body + 0.5 };
    this.line(input.applicant.name, { ...addressee, font: 'semiBold' }, this.left, top, addressWidth);
    for (const line of input.applicant.address ?? []) this.line(line, addressee, this.left, doc.y, addressWidth);
    this.line(`${t.orgNo} ${letterOrgNumber(input.applicant.orgNumber)}`, LABEL, this.left, doc.y + 1, addressWidth);
    doc.y = (this.pageCount() === pages ? Math.max(metaBottom, doc.y) : doc.y) + 34;
  }

  /** The title, a draft's notice, then the decision itself with its amounts (RULEBOOK 6: the decision first). */
  private decision(): void {
    const { doc, input, t } = this;
    this.add('H1', () => {
      this.style({ font: 'bold', size: SIZE.h1, color: COLOR.accent });
      this.text(t.title[input.outcome], this.left, doc.y, { width: this.width });
    });
    doc.y += 8;
    if (input.draft) this.paragraph(t.draft.notice, 8, { ...BODY, font: 'semiBold', color: COLOR.draft });
    const applicant = input.applicant.name;
    const project = t.quote(input.project.title);
    // validate(): a grant has an amount, a partial grant a requested amount above it.
    const amount = input.amountNok ?? 0;
    const text =
      input.outcome === 'granted'
        ? t.decision.granted(applicant, project, amount)
        : input.outcome === 'partly-granted'
          ? t.decision.partlyGranted(applicant, project, amount, input.requestedAmountNok ?? 0)
          : t.decision.rejected(applicant, project);
    this.paragraph(text);
  }

  /** The key figures in a shaded band: project, period, amounts, intensity, legal basis. */
  private facts(): void {
    const { doc, input, t, lang } = this;
    const rows: [string, string, LetterFont][] = [
      [t.facts.project, input.project.title, 'regular'],
      [t.facts.period, t.period(letterDate(lang, input.project.startDate), letterDate(lang, input.project.endDate)), 'regular'],
    ];
    if (input.requestedAmountNok !== null) rows.push([t.facts.requested, letterNok(lang, input.requestedAmountNok), 'regular']);
    if (this.granted && input.amountNok !== null) rows.push([t.facts.amount, letterNok(lang, input.amountNok), 'bold']);
    if (this.granted && input.intensityPct !== null) rows.push([t.facts.intensity, t.facts.intensityOf(input.intensityPct), 'regular']);
    rows.push([t.facts.legalBasis, t.facts.legalBasisShort, 'regular']);

    doc.y += 6;
    this.factsBand(rows);
  }

  private eligibleCosts(): void {
    const { input, t, lang } = this;
    if (input.eligibleCosts.length === 0) return;
    this.heading(t.eligibleCosts, (input.eligibleCosts.length + 2) * 24);
    const lines = input.eligibleCosts.map((c, i) => ({
      padY: 4,
      decorate: i < input.eligibleCosts.length - 1 ? this.ruleBelow(0.6, COLOR.rule) : this.ruleBelow(1, COLOR.text),
      cells: [
        { ...BODY, header: 'Row' as const, text: t.categories[c.category] ?? c.category },
        { ...BODY, align: 'right' as const, text: letterNok(lang, c.amountNok) },
      ],
    }));
    this.table(
      this.left,
      [this.width - 150, 150],
      [
        this.columnHeads([t.category, t.amount]),
        ...lines,
        {
          padY: 5,
          cells: [
            { ...BODY, font: 'bold', header: 'Row', text: t.total },
            { ...BODY, font: 'bold', align: 'right', text: letterNok(lang, input.eligibleCostsTotalNok) },
          ],
        },
      ],
      { padX: 8, keepTogether: true },
    );
    this.doc.y += 4;
  }

  /** The caseworker's justification, as written for the applicant: blank lines part its paragraphs. */
  private justification(): void {
    const paragraphs = this.input.justification
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p !== '');
    if (paragraphs.length === 0) return; // only a draft may have none (validate)
    this.heading(this.t.justification, 3 * this.doc.currentLineHeight(true));
    for (const p of paragraphs) this.paragraph(p);
  }

  /**
   * The grounds (forvaltningsloven §§ 24-25) in words. A rejection lists what it rests on, in the
   * order given. A grant groups them: the rules met, our assessments of the project, then for a
   * partial grant the costs not approved and why the grant is below the most the rules allow.
   */
  private grounds(): void {
    const { input, t } = this;
    const w = wordGrounds(input, t);
    const refused = this.granted ? input.refusedCosts : [];
    if (w.all.length + refused.length === 0 && !w.reduction) return;
    this.heading(t.grounds.heading);
    if (!this.granted) {
      this.paragraph(t.grounds.rejectionIntro);
      this.list([...w.all, ...(w.reduction ? [w.reduction] : [])], () => '•');
      return;
    }
    this.paragraph(t.grounds.grantIntro);
    if (w.rules.length) {
      this.subheading(w.rulesAllPass ? t.grounds.rulesMet : t.grounds.rules);
      this.list(w.rules, () => '•');
    }
    if (w.judgments.length) {
      this.subheading(t.grounds.assessments);
      this.list(w.judgments, () => '•');
    }
    if (refused.length) this.refusedCosts(refused);
    if (w.reduction) this.reduction(w.reduction);
    if (w.other.length) {
      this.subheading(t.grounds.other);
      this.list(w.other, () => '•');
    }
  }

  /** A partial grant's refused and reduced cost lines: the amounts on one row, the reason in words under them. */
  private refusedCosts(costs: readonly RefusedCost[]): void {
    const { t, lang } = this;
    const r = t.refusedCosts;
    this.subheading(r.heading, 5 * 24);
    this.paragraph(r.intro);
    const nok = (n: number) => letterNok(lang, n);
    const amount = (text: string, font: LetterFont = 'regular'): Cell => ({ ...BODY, font, align: 'right', text });
    const rows: Row[] = costs.flatMap((c) => [
      {
        padY: 4,
        keepWithNext: true,
        cells: [
          { ...BODY, font: 'semiBold', header: 'Row' as const, text: this.costName(c) },
          amount(nok(c.claimedNok)),
          amount(nok(c.approvedNok)),
          amount(nok(c.claimedNok - c.approvedNok), 'semiBold'),
        ],
      },
      {
        padY: 3,
        decorate: this.ruleBelow(0.6, COLOR.rule),
        cells: [{ ...BODY, size: SIZE.meta, span: 4, text: costReason(c, t) }],
      },
    ]);
    const sum = (f: (c: RefusedCost) => number) => costs.reduce((s, c) => s + f(c), 0);
    rows.push({
      padY: 5,
      cells: [
        { ...BODY, font: 'bold', header: 'Row', text: r.total },
        amount(nok(sum((c) => c.claimedNok)), 'bold'),
        amount(nok(sum((c) => c.approvedNok)), 'bold'),
        amount(nok(sum((c) => c.claimedNok - c.approvedNok)), 'bold'),
      ],
    });
    const description = this.width - 3 * AMOUNT_COLUMN;
    this.table(
      this.left,
      [description, AMOUNT_COLUMN, AMOUNT_COLUMN, AMOUNT_COLUMN],
      [this.columnHeads([r.cost, r.claimed, r.approved, r.notApproved]), ...rows],
      { padX: 6 },
    );
    this.doc.y += 4;
  }

  /** Why a grant is below the most the rules allow: kept on one page with its heading when it takes at most a third of one. */
  private reduction(item: WordedItem): void {
    this.style(BODY);
    const options = { width: this.width, lineGap: LINE_GAP };
    const note = item.note ? this.measure(`${item.note.label} ${item.note.text}`, options) + 6 : 0;
    const height = this.measure(item.text, options) + 6 + note;
    this.subheading(item.title, height <= this.pageHeight() / 3 ? height : 3 * this.doc.currentLineHeight(true));
    this.paragraph(item.text);
    if (item.note) this.note(item.note, this.left, this.width);
  }

  private costName(c: RefusedCost): string {
    const category = c.category ? this.t.categories[c.category] : undefined;
    const description = c.description.trim();
    if (!description) return category ?? '';
    return category ? `${description} (${category.toLowerCase()})` : description;
  }

  private legalBasis(): void {
    const { t } = this;
    this.section(t.legalBasis.heading, [this.granted ? t.legalBasis.text.grant : t.legalBasis.text.rejection]);
  }

  /** Every condition in full, numbered; the standard ones with their title and worked-out dates, then the caseworker's own. */
  private conditions(): void {
    const { t } = this;
    const items = wordConditions(this.input, t);
    if (items.length === 0) return;
    this.heading(t.conditions.heading);
    this.paragraph(t.conditions.intro);
    this.list(items, (i) => `${i + 1}.`);
  }

  /** Its last paragraph is kept with the signatures, which never stand alone on a page. */
  private appeal(): void {
    const { input, t } = this;
    const [how, next] = t.appeal.text(input.agency.name, input.agency.address.join(', '), input.appealBody?.[this.lang]);
    this.section(t.appeal.heading, [how]);
    this.style(BODY);
    const signatures = this.signatureHeight();
    this.ensureSpace(
      this.measure(next, { width: this.width, lineGap: LINE_GAP }) + 6 + (signatures <= this.pageHeight() / 2 ? signatures : 0),
    );
    this.paragraph(next);
  }

  /** Who decided, or in a draft that no one has yet, and the caseworker. */
  private signers(): [string, string][] {
    const { input, t } = this;
    const decidedBy = input.draft || !input.approver ? t.draft.notDecided : input.approver.name;
    return [
      [decidedBy, t.approver],
      [input.caseworker.name, t.caseworker],
    ];
  }

  private closingLine(): string {
    return this.input.draft ? this.t.draft.notApproved : this.t.approvedElectronically;
  }

  private signatureHeight(): number {
    const { t } = this;
    const h = (style: Style, text: string, width = this.width, lineGap = 0) => {
      this.style(style);
      return this.measure(text, { width, lineGap });
    };
    const column = this.width / 2 - 16;
    const people = this.signers().map(([name, role]) => h(BODY, name, column) + 1 + h(LABEL, role, column));
    return (
      SIGNATURE_SPACE_ABOVE +
      h(BODY, t.regards, this.width, LINE_GAP) +
      1 +
      h({ ...BODY, font: 'semiBold' }, this.input.agency.name) +
      16 +
      Math.max(...people) +
      12 +
      h({ ...LABEL, font: 'italic' }, this.closingLine())
    );
  }

  /**
   * Laid out as signatureHeight() measures it: two names side by side. Names too long for that
   * (over half a page) are set one after the other instead, where they may run over pages.
   */
  private signatures(): void {
    const { doc, input, t } = this;
    const height = this.signatureHeight();
    const sideBySide = height <= this.pageHeight() / 2;
    this.ensureSpace(sideBySide ? height : 4 * doc.currentLineHeight(true));
    doc.y += SIGNATURE_SPACE_ABOVE;
    this.paragraph(t.regards, 1);
    this.line(input.agency.name, { ...BODY, font: 'semiBold' }, this.left, doc.y, this.width);
    doc.y += 16;
    if (sideBySide) {
      const top = doc.y;
      const column = this.width / 2;
      let bottom = top;
      this.signers().forEach(([name, role], i) => {
        const x = this.left + i * column;
        this.line(name, BODY, x, top, column - 16);
        this.line(role, LABEL, x, doc.y + 1, column - 16);
        bottom = Math.max(bottom, doc.y);
      });
      doc.y = bottom;
    } else {
      for (const [name, role] of this.signers()) {
        this.line(name, BODY, this.left, doc.y, this.width);
        this.line(role, LABEL, this.left, doc.y + 1, this.width);
        doc.y += 8;
      }
    }
    doc.y += 12;
    this.line(this.closingLine(), { ...LABEL, font: 'italic' }, this.left, doc.y, this.width);
  }

  /** The reference at the foot of every page; in a draft, the draft mark at the head and a light diagonal one across the page. */
  private pageMarks(): void {
    const { input, t } = this;
    this.footers(
      `${input.agency.name}  ·  ${t.ourReference} ${input.reference}`,
      t.page,
      input.draft ? () => this.draftMarks() : undefined,
    );
  }

  private draftMarks(): void {
    const { doc, t } = this;
    this.style({ font: 'bold', size: SIZE.meta, color: COLOR.draft });
    this.text(t.draft.mark, this.left, DRAFT_MARK_Y, { width: this.width, align: 'right', lineBreak: false });
    const { width, height } = doc.page;
    doc.save();
    doc.rotate(-55, { origin: [width / 2, height / 2] });
    doc.font('bold').fontSize(SIZE.watermark).fillColor(COLOR.draft, 0.07);
    doc.text(t.draft.watermark, 0, height / 2 - SIZE.watermark * 0.7, { width, align: 'center', lineBreak: false });
    doc.restore();
  }
}

/** The trailer /ID: 16 bytes of the SHA-256 of the layout version, the language and the input. */
function documentId(input: DecisionLetterInput, lang: LetterLang): Uint8Array {
  const digest = createHash('sha256')
    .update(canonicalJson({ layout: DECISION_LETTER_LAYOUT_VERSION, lang, input }))
    .digest();
  return new Uint8Array(digest.subarray(0, 16));
}
