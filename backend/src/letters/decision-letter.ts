import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { canonicalJson } from '../rulebook/canonical';
import { letterFonts, type LetterFont } from './decision-letter.fonts';
import { isIsoDate, letterDate, letterNok, letterOrgNumber, letterPct, NBSP } from './decision-letter.format';
import { TEXTS, type LetterTexts } from './decision-letter.texts';
import type { DecisionLetterInput, LetterLang } from './decision-letter.types';

/**
 * Raise it whenever a change here changes the bytes of a letter: it goes into the document ID, so
 * two renderer versions never give one ID to different bytes. Stored letters are served as stored
 * and never re-rendered.
 */
export const DECISION_LETTER_LAYOUT_VERSION = 1;

/** The input cannot make a correct letter: a bug in the caller, never a user error. */
export class DecisionLetterInputError extends Error {
  override readonly name = 'DecisionLetterInputError';
}

/**
 * The decision letter as a PDF: A4, tagged (structure, language and title set for screen readers),
 * fonts embedded, in bokmål or English. Deterministic: the same input and language give the same
 * bytes, since the PDF's dates are the decision date and its document ID is derived from the input.
 */
export async function renderDecisionLetter(input: DecisionLetterInput, lang: LetterLang): Promise<Buffer> {
  validate(input, lang);
  const t = TEXTS[lang];
  const fonts = letterFonts();
  const decided = new Date(`${input.decisionDate}T00:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    pdfVersion: '1.7',
    tagged: true,
    lang: t.lang,
    displayTitle: true,
    bufferPages: true,
    // The default font would otherwise be the standard Helvetica, written into the file unembedded.
    font: fonts.regular as unknown as string, // pdfkit 0.20 takes a parsed fontkit font; @types/pdfkit 0.17 does not know it
    info: {
      Title: metadataText(`${t.title[input.outcome]} – ${input.reference}`),
      Author: metadataText(input.agency.name),
      Creator: 'Tilsagn',
      Producer: 'PDFKit',
      CreationDate: decided,
      ModDate: decided,
    },
  });
  // pdfkit derives the trailer /ID from the info dictionary alone, the same for every letter of a
  // day; derive it from the whole input instead. The field is internal to pdfkit (0.20), which has
  // no option for it; the determinism test guards it.
  (doc as unknown as { _id: Uint8Array })._id = documentId(input, lang);
  for (const [name, font] of Object.entries(fonts)) doc.registerFont(name, font as unknown as PDFKit.Mixins.PDFFontSource);

  const bytes = collect(doc);
  new LetterWriter(doc, input, t, lang).write();
  doc.end();
  return bytes;
}

// A4 is 595.28 x 841.89 pt; 62 pt is 22 mm.
const MARGINS = { top: 50, bottom: 74, left: 62, right: 62 };
const FOOTER_RULE_Y = 841.89 - 56;

const COLOR = { text: '#1b1f24', muted: '#5b6470', accent: '#12355b', rule: '#c5cdd6', band: '#f2f5f8' };
const SIZE = { small: 8, meta: 9, body: 10, h3: 10, h2: 12, h1: 18, agency: 15 };
const LINE_GAP = 2.5;
const SIGNATURE_SPACE_ABOVE = 10;

type Struct = PDFKit.PDFStructureElement;

class LetterWriter {
  private readonly root: Struct;
  private readonly left = MARGINS.left;
  private readonly width: number;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly input: DecisionLetterInput,
    private readonly t: LetterTexts,
    private readonly lang: LetterLang,
  ) {
    this.width = doc.page.width - MARGINS.left - MARGINS.right;
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
  }

  write(): void {
    this.letterhead();
    this.addresseeAndReference();
    this.title();
    this.facts();
    this.eligibleCosts();
    this.legalBasis();
    this.conditions();
    this.grounds();
    if (this.input.registerNotice) this.registerNotice();
    this.appeal();
    this.signatures();
    this.root.end();
    this.footers();
  }

  private letterhead(): void {
    const { doc, input, t } = this;
    const y = MARGINS.top;
    this.add('P', () => {
      this.style('bold', SIZE.agency, COLOR.accent);
      doc.text(input.agency.name, this.left, y, { width: this.width });
      this.style('regular', SIZE.small, COLOR.muted);
      const line = [...input.agency.address, `${t.orgNo} ${letterOrgNumber(input.agency.orgNumber)}`].join('  ·  ');
      doc.text(line, this.left, doc.y + 2, { width: this.width });
    });
    const ruleY = doc.y + 8;
    this.artifact(() => doc.moveTo(this.left, ruleY).lineTo(this.left + this.width, ruleY).lineWidth(1.2).stroke(COLOR.accent));
    doc.y = ruleY;
  }

  private addresseeAndReference(): void {
    const { doc, input, t, lang } = this;
    const top = doc.y + 30;
    const metaWidth = 150;
    const metaX = this.left + this.width - metaWidth;
    const addressWidth = metaX - this.left - 24;

    this.add('P', () => {
      this.style('semiBold', SIZE.body + 0.5, COLOR.text);
      doc.text(input.applicant.name, this.left, top, { width: addressWidth, lineGap: LINE_GAP });
      this.style('regular', SIZE.body + 0.5, COLOR.text);
      for (const line of input.applicant.address ?? []) doc.text(line, { width: addressWidth, lineGap: LINE_GAP });
      this.style('regular', SIZE.meta, COLOR.muted);
      doc.text(`${t.orgNo} ${letterOrgNumber(input.applicant.orgNumber)}`, { width: addressWidth, lineGap: LINE_GAP });
    });
    const addressBottom = doc.y;

    doc.y = top;
    for (const [label, value] of [
      [t.ourReference, input.reference],
      [t.date, letterDate(lang, input.decisionDate)],
    ]) {
      this.add('P', () => {
        this.style('regular', SIZE.small, COLOR.muted);
        doc.text(label, metaX, doc.y, { width: metaWidth });
        this.style('regular', SIZE.body, COLOR.text);
        doc.text(value, metaX, doc.y + 1, { width: metaWidth });
      });
      doc.y += 7;
    }
    doc.x = this.left;
    doc.y = Math.max(addressBottom, doc.y) + 34;
  }

  private title(): void {
    const { doc, input, t, lang } = this;
    this.add('H1', () => {
      this.style('bold', SIZE.h1, COLOR.accent);
      doc.text(t.title[input.outcome], this.left, doc.y, { width: this.width });
    });
    doc.y += 8;
    const amount = input.amountNok === null ? '' : letterNok(lang, input.amountNok);
    this.paragraph(t.intro[input.outcome](input.applicant.name, t.quote(input.project.title), amount));
  }

  /** The key figures in a shaded band: project, period, amount, intensity, legal basis. */
  private facts(): void {
    const { doc, input, t, lang } = this;
    const rows: [string, string, boolean][] = [
      [t.facts.project, input.project.title, false],
      [
        t.facts.period,
        t.period(letterDate(lang, input.project.startDate), letterDate(lang, input.project.endDate)),
        false,
      ],
    ];
    if (input.amountNok !== null) rows.push([t.facts.amount, letterNok(lang, input.amountNok), true]);
    if (input.intensityPct !== null) rows.push([t.facts.intensity, t.intensityOf(letterPct(lang, input.intensityPct)), false]);
    rows.push([t.facts.legalBasis, input.legalBasis, false]);

    const pad = 10;
    const labelWidth = 118;
    const valueX = this.left + pad + labelWidth;
    const valueWidth = this.width - 2 * pad - labelWidth;
    const rowGap = 4;
    const heights = rows.map(([label, value, strong]) => {
      this.style('regular', SIZE.meta, COLOR.muted);
      const hl = doc.heightOfString(label, { width: labelWidth - 8 });
      this.style(strong ? 'bold' : 'regular', SIZE.body, COLOR.text);
      return Math.max(hl, doc.heightOfString(value, { width: valueWidth, lineGap: LINE_GAP }));
    });
    const height = heights.reduce((a, h) => a + h + rowGap, 0) - rowGap + 2 * pad;

    doc.y += 6;
    this.ensureSpace(height);
    const top = doc.y;
    this.artifact(() => {
      doc.rect(this.left, top, this.width, height).fill(COLOR.band);
      doc.rect(this.left, top, 3, height).fill(COLOR.accent);
    });
    let y = top + pad;
    rows.forEach(([label, value, strong], i) => {
      this.add('P', () => {
        this.style('regular', SIZE.meta, COLOR.muted);
        doc.text(label, this.left + pad + 4, y + 1, { width: labelWidth - 8 });
        this.style(strong ? 'bold' : 'regular', SIZE.body, COLOR.text);
        doc.text(value, valueX, y, { width: valueWidth, lineGap: LINE_GAP });
      });
      y += heights[i] + rowGap;
    });
    doc.x = this.left;
    doc.y = top + height;
  }

  private eligibleCosts(): void {
    const { doc, input, t, lang } = this;
    if (input.eligibleCosts.length === 0) return;
    const rowHeight = 22;
    this.heading(t.eligibleCosts, (input.eligibleCosts.length + 2) * rowHeight);
    const rule = { top: 0, right: 0, bottom: 0.6, left: 0 };
    const head = { type: 'TH', scope: 'column', font: { src: 'semiBold', size: SIZE.meta }, textColor: COLOR.muted, border: { ...rule, bottom: 1 }, borderColor: COLOR.accent };
    const body = { font: { src: 'regular', size: SIZE.body } };
    const total = { font: { src: 'bold', size: SIZE.body }, border: { ...rule, top: 1, bottom: 0 }, borderColor: COLOR.text };
    this.style('regular', SIZE.body, COLOR.text);
    doc.table({
      structParent: this.root,
      defaultStyle: { border: rule, borderColor: COLOR.rule, padding: [5, 8, 5, 8], textColor: COLOR.text },
      columnStyles: [{ width: '*' }, { width: 150, align: { x: 'right', y: 'top' } }],
      data: [
        [
          { ...head, text: t.category },
          { ...head, text: t.amount },
        ],
        ...input.eligibleCosts.map((c) => [
          { ...body, type: 'TH', scope: 'row', text: t.categories[c.category] ?? c.category },
          { ...body, text: letterNok(lang, c.amountNok) },
        ]),
        [
          { ...total, type: 'TH', scope: 'row', text: t.total },
          { ...total, text: letterNok(lang, input.eligibleCostsTotalNok) },
        ],
      ],
    } as unknown as PDFKit.Mixins.TableOptionsWithData);
    doc.x = this.left;
    doc.y += 8;
    if (input.intensityPct !== null && input.amountNok !== null) {
      this.paragraph(t.intensitySentence(letterPct(lang, input.intensityPct)));
    }
  }

  private legalBasis(): void {
    const { input, t } = this;
    this.section(t.legalBasisHeading, [t.legalBasisText[input.outcome]]);
  }

  private conditions(): void {
    const { doc, input, t, lang } = this;
    if (input.conditions.length === 0) return;
    this.heading(t.conditions);
    this.paragraph(t.conditionsIntro);
    const list = doc.struct('L');
    this.root.add(list);
    const indent = 20;
    input.conditions.forEach((c, i) => {
      this.style('regular', SIZE.body, COLOR.text);
      this.ensureSpace(2 * doc.currentLineHeight(true));
      const item = doc.struct('LI');
      list.add(item);
      const y = doc.y;
      item.add(
        doc.struct('Lbl', {}, () => {
          this.style('semiBold', SIZE.body, COLOR.accent);
          doc.text(`${i + 1}.`, this.left, y, { width: indent });
        }),
      );
      item.add(
        doc.struct('LBody', {}, () => {
          this.style('regular', SIZE.body, COLOR.text);
          const text = c.text[lang];
          if (c.code) {
            doc.text(`${text} `, this.left + indent, y, { width: this.width - indent, lineGap: LINE_GAP, continued: true });
            this.style('regular', SIZE.body, COLOR.muted);
            doc.text(t.conditionCode(c.code));
          } else {
            doc.text(text, this.left + indent, y, { width: this.width - indent, lineGap: LINE_GAP });
          }
        }),
      );
      item.end();
      doc.x = this.left;
      doc.y += 5;
    });
    list.end();
  }

  private grounds(): void {
    const { doc, input, t, lang } = this;
    if (input.grounds.length === 0) return;
    this.heading(t.grounds);
    this.paragraph(t.groundsIntro);
    for (const g of input.grounds) {
      this.style('regular', SIZE.body, COLOR.text);
      this.ensureSpace(3 * doc.currentLineHeight(true) + 6);
      this.add('H3', () => {
        this.style('bold', SIZE.h3, COLOR.accent);
        const title = g.title?.[lang];
        doc.text(g.id, this.left, doc.y, { width: this.width, continued: Boolean(title) });
        if (title) {
          this.style('semiBold', SIZE.h3, COLOR.text);
          doc.text(`${NBSP}${NBSP}${title}`);
        }
      });
      doc.y += 1;
      this.paragraph(g.text[lang], 9);
    }
  }

  private registerNotice(): void {
    this.section(this.t.register, [this.t.registerText]);
  }

  /** Its last paragraph is kept with the signatures, which never stand alone on a page. */
  private appeal(): void {
    const { doc, input, t } = this;
    const [how, next] = t.appealText(input.agency.name, input.agency.address.join(', '), input.appealBody?.[this.lang]);
    this.section(t.appeal, [how]);
    this.style('regular', SIZE.body, COLOR.text);
    this.ensureSpace(doc.heightOfString(next, { width: this.width, lineGap: LINE_GAP }) + 6 + this.signatureHeight());
    this.paragraph(next);
  }

  /** Measured as signatures() lays it out. */
  private signatureHeight(): number {
    const { doc, input, t } = this;
    const h = (font: LetterFont, size: number, text: string, width = this.width, lineGap = 0) => {
      this.style(font, size, COLOR.text);
      return doc.heightOfString(text, { width, lineGap });
    };
    const column = this.width / 2 - 16;
    const names = Math.max(
      ...[
        [input.approver.name, t.approver],
        [input.caseworker.name, t.caseworker],
      ].map(([name, role]) => h('regular', SIZE.body, name, column) + 1 + h('regular', SIZE.meta, role, column)),
    );
    return (
      SIGNATURE_SPACE_ABOVE +
      h('regular', SIZE.body, t.regards, this.width, LINE_GAP) +
      1 +
      h('semiBold', SIZE.body, input.agency.name) +
      16 +
      names +
      12 +
      h('italic', SIZE.meta, t.approvedElectronically)
    );
  }

  private signatures(): void {
    const { doc, input, t } = this;
    this.ensureSpace(this.signatureHeight());
    doc.y += SIGNATURE_SPACE_ABOVE;
    this.paragraph(t.regards, 1);
    this.add('P', () => {
      this.style('semiBold', SIZE.body, COLOR.text);
      doc.text(input.agency.name, this.left, doc.y, { width: this.width });
    });
    doc.y += 16;
    const top = doc.y;
    const column = this.width / 2;
    let bottom = top;
    [
      [input.approver.name, t.approver],
      [input.caseworker.name, t.caseworker],
    ].forEach(([name, role], i) => {
      const x = this.left + i * column;
      this.add('P', () => {
        this.style('regular', SIZE.body, COLOR.text);
        doc.text(name, x, top, { width: column - 16 });
        this.style('regular', SIZE.meta, COLOR.muted);
        doc.text(role, x, doc.y + 1, { width: column - 16 });
      });
      bottom = Math.max(bottom, doc.y);
    });
    doc.x = this.left;
    doc.y = bottom + 12;
    this.add('P', () => {
      this.style('italic', SIZE.meta, COLOR.muted);
      doc.text(t.approvedElectronically, this.left, doc.y, { width: this.width });
    });
  }

  /** "Side 1 av 2" and the reference on every page, as pagination artifacts (not read as text by screen readers). */
  private footers(): void {
    const { doc, input, t } = this;
    const { start, count } = doc.bufferedPageRange();
    for (let i = 0; i < count; i++) {
      doc.switchToPage(start + i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.markContent('Artifact', { type: 'Pagination' });
      doc.moveTo(this.left, FOOTER_RULE_Y).lineTo(this.left + this.width, FOOTER_RULE_Y).lineWidth(0.5).stroke(COLOR.rule);
      this.style('regular', SIZE.small, COLOR.muted);
      const y = FOOTER_RULE_Y + 7;
      const half = this.width / 2;
      doc.text(`${input.agency.name}  ·  ${t.ourReference} ${input.reference}`, this.left, y, { width: half + 80, lineBreak: false });
      doc.text(t.page(i + 1, count), this.left + half, y, { width: half, align: 'right', lineBreak: false });
      doc.endMarkedContent();
      doc.page.margins.bottom = bottom;
    }
  }

  private heading(text: string, keepWithNext = 40): void {
    const { doc } = this;
    doc.y += 14;
    this.style('bold', SIZE.h2, COLOR.accent);
    this.ensureSpace(doc.currentLineHeight(true) + keepWithNext);
    this.add('H2', () => {
      this.style('bold', SIZE.h2, COLOR.accent);
      doc.text(text, this.left, doc.y, { width: this.width });
    });
    doc.y += 4;
  }

  /** A heading and its paragraphs, kept on one page when they take at most a third of one. */
  private section(heading: string, paragraphs: string[]): void {
    const { doc } = this;
    this.style('regular', SIZE.body, COLOR.text);
    const height = paragraphs.reduce((h, p) => h + doc.heightOfString(p, { width: this.width, lineGap: LINE_GAP }) + 6, 0);
    const third = (doc.page.height - MARGINS.top - MARGINS.bottom) / 3;
    this.heading(heading, height <= third ? height : 3 * doc.currentLineHeight(true));
    for (const p of paragraphs) this.paragraph(p);
  }

  private paragraph(text: string, after = 6): void {
    const { doc } = this;
    this.add('P', () => {
      this.style('regular', SIZE.body, COLOR.text);
      doc.text(text, this.left, doc.y, { width: this.width, lineGap: LINE_GAP });
    });
    doc.y += after;
  }

  private add(type: string, draw: () => void): void {
    this.root.add(this.doc.struct(type, {}, draw));
  }

  /** Decoration, marked so that assistive technology skips it. */
  private artifact(draw: () => void): void {
    this.doc.save();
    this.doc.markContent('Artifact', { type: 'Layout' });
    draw();
    this.doc.endMarkedContent();
    this.doc.restore();
  }

  private ensureSpace(height: number): void {
    const { doc } = this;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      doc.x = this.left;
    }
  }

  private style(font: LetterFont, size: number, color: string): void {
    this.doc.font(font).fontSize(size).fillColor(color);
  }
}

function validate(input: DecisionLetterInput, lang: LetterLang): void {
  const fail = (what: string): never => {
    throw new DecisionLetterInputError(`Decision letter: ${what}`);
  };
  if (lang !== 'nb' && lang !== 'en') fail(`unknown language ${String(lang)}`);
  if (input.outcome !== 'granted' && input.outcome !== 'rejected') fail(`unknown outcome ${String(input.outcome)}`);
  for (const [name, value] of [
    ['decisionDate', input.decisionDate],
    ['project.startDate', input.project.startDate],
    ['project.endDate', input.project.endDate],
  ] as const) {
    if (!isIsoDate(value)) fail(`${name} must be a date YYYY-MM-DD, got ${String(value)}`);
  }
  for (const [name, value] of [
    ['reference', input.reference],
    ['agency.name', input.agency.name],
    ['applicant.name', input.applicant.name],
    ['project.title', input.project.title],
    ['legalBasis', input.legalBasis],
    ['caseworker.name', input.caseworker.name],
    ['approver.name', input.approver.name],
  ] as const) {
    if (typeof value !== 'string' || value.trim() === '') fail(`${name} is empty`);
  }
  // Whole kroner (RULEBOOK section 0): the letter shows what the decision stores, never a rounding of it.
  const wholeKroner = (name: string, v: number) => {
    if (!Number.isSafeInteger(v) || v < 0) fail(`${name} must be whole kroner, got ${v}`);
  };
  if (input.outcome === 'granted' && input.amountNok === null) fail('a grant needs an amount');
  if (input.amountNok !== null) wholeKroner('amountNok', input.amountNok);
  input.eligibleCosts.forEach((c, i) => wholeKroner(`eligibleCosts[${i}].amountNok`, c.amountNok));
  wholeKroner('eligibleCostsTotalNok', input.eligibleCostsTotalNok);
  const sum = input.eligibleCosts.reduce((s, c) => s + c.amountNok, 0);
  if (input.eligibleCosts.length > 0 && sum !== input.eligibleCostsTotalNok) {
    fail(`the eligible costs add up to ${sum}, not to the total ${input.eligibleCostsTotalNok}`);
  }
  if (input.intensityPct !== null && !(Number.isFinite(input.intensityPct) && input.intensityPct >= 0 && input.intensityPct <= 100)) {
    fail(`intensityPct must be between 0 and 100, got ${input.intensityPct}`);
  }
}

/** The trailer /ID: 16 bytes of the SHA-256 of the layout version, the language and the input. */
function documentId(input: DecisionLetterInput, lang: LetterLang): Uint8Array {
  const digest = createHash('sha256')
    .update(canonicalJson({ layout: DECISION_LETTER_LAYOUT_VERSION, lang, input }))
    .digest();
  return new Uint8Array(digest.subarray(0, 16));
}

/** pdfkit copies the info strings into the XMP metadata without XML escaping. */
function metadataText(s: string): string {
  return s.replace(/[<>&]/g, ' ').replace(/\s+/g, ' ').trim();
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
