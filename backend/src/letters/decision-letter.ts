import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { canonicalJson } from '../rulebook/canonical';
import { letterFonts, type LetterFont } from './decision-letter.fonts';
import { isIsoDate } from '../rulebook/dates';
import { letterDate, letterNok, letterOrgNumber, letterPct, NBSP } from './decision-letter.format';
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
type TaggedElement = { dictionary: { data: Record<string, unknown> } };

interface Style {
  font: LetterFont;
  size: number;
  color: string;
}

const BODY: Style = { font: 'regular', size: SIZE.body, color: COLOR.text };
const LABEL: Style = { font: 'regular', size: SIZE.meta, color: COLOR.muted };

interface Cell extends Partial<Style> {
  text: string;
  /** A header cell, for the row or for the column. */
  header?: 'Row' | 'Column';
  align?: 'left' | 'right';
  /** Moves the text down, to line a smaller label up with a larger value. */
  dy?: number;
}

interface Row {
  cells: Cell[];
  padY: number;
  /** Drawn behind the row, as decoration: a background band, rules. */
  decorate?: (top: number, bottom: number) => void;
}

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

  private addresseeAndReference(): void {
    const { doc, input, t, lang } = this;
    const top = doc.y + 30;
    const metaWidth = 190;
    const metaX = this.left + this.width - metaWidth;
    const addressWidth = metaX - this.left - 24;

    const addressee = { ...BODY, size: SIZE.body + 0.5 };
    this.line(input.applicant.name, { ...addressee, font: 'semiBold' }, this.left, top, addressWidth);
    for (const line of input.applicant.address ?? []) this.line(line, addressee, this.left, doc.y, addressWidth);
    this.line(`${t.orgNo} ${letterOrgNumber(input.applicant.orgNumber)}`, LABEL, this.left, doc.y + 1, addressWidth);
    const addressBottom = doc.y;

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
    doc.y = Math.max(addressBottom, doc.y) + 34;
  }

  private title(): void {
    const { doc, input, t, lang } = this;
    this.add('H1', () => {
      this.style({ font: 'bold', size: SIZE.h1, color: COLOR.accent });
      doc.text(t.title[input.outcome], this.left, doc.y, { width: this.width });
    });
    doc.y += 8;
    const amount = input.amountNok === null ? '' : letterNok(lang, input.amountNok); // validate(): a grant has one
    this.paragraph(t.intro[input.outcome](input.applicant.name, t.quote(input.project.title), amount));
  }

  /** The key figures in a shaded band: project, period, amount, intensity, legal basis. */
  private facts(): void {
    const { doc, input, t, lang } = this;
    const rows: [string, string, LetterFont][] = [
      [t.facts.project, input.project.title, 'regular'],
      [t.facts.period, t.period(letterDate(lang, input.project.startDate), letterDate(lang, input.project.endDate)), 'regular'],
    ];
    if (input.outcome === 'granted' && input.amountNok !== null) {
      rows.push([t.facts.amount, letterNok(lang, input.amountNok), 'bold']);
    }
    if (input.outcome === 'granted' && input.intensityPct !== null) {
      rows.push([t.facts.intensity, t.intensityOf(letterPct(lang, input.intensityPct)), 'regular']);
    }
    rows.push([t.facts.legalBasis, input.legalBasis, 'regular']);

    const band = (top: number, bottom: number) => {
      doc.rect(this.left, top, this.width, bottom - top).fill(COLOR.band);
      doc.rect(this.left, top, 3, bottom - top).fill(COLOR.accent);
    };
    doc.y += 6;
    this.table(
      this.left,
      [128, this.width - 128],
      rows.map(([label, value, font], i) => ({
        padY: 3,
        decorate: (top, bottom) => band(i === 0 ? top - 7 : top, i === rows.length - 1 ? bottom + 7 : bottom),
        cells: [
          { ...LABEL, text: label, header: 'Row', dy: 1 },
          { ...BODY, font, text: value },
        ],
      })),
      { padX: 14, keepTogether: true, marginY: 7 },
    );
  }

  private eligibleCosts(): void {
    const { doc, input, t, lang } = this;
    if (input.eligibleCosts.length === 0) return;
    this.heading(t.eligibleCosts, (input.eligibleCosts.length + 2) * 24);
    const rule = (width: number, color: string) => (_: number, bottom: number) =>
      doc
        .moveTo(this.left, bottom)
        .lineTo(this.left + this.width, bottom)
        .lineWidth(width)
        .stroke(color);
    const head: Cell = { font: 'semiBold', size: SIZE.meta, color: COLOR.muted, header: 'Column', text: '' };
    const lines = input.eligibleCosts.map((c, i) => ({
      padY: 4,
      decorate: i < input.eligibleCosts.length - 1 ? rule(0.6, COLOR.rule) : rule(1, COLOR.text),
      cells: [
        { ...BODY, header: 'Row' as const, text: t.categories[c.category] ?? c.category },
        { ...BODY, align: 'right' as const, text: letterNok(lang, c.amountNok) },
      ],
    }));
    this.table(
      this.left,
      [this.width - 150, 150],
      [
        {
          padY: 4,
          decorate: rule(1, COLOR.accent),
          cells: [
            { ...head, text: t.category },
            { ...head, align: 'right', text: t.amount },
          ],
        },
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
    doc.y += 4;
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
      this.style(BODY);
      this.ensureSpace(2 * doc.currentLineHeight(true));
      const item = doc.struct('LI');
      list.add(item);
      const y = doc.y;
      item.add(
        doc.struct('Lbl', {}, () => {
          this.style({ font: 'semiBold', size: SIZE.body, color: COLOR.accent });
          doc.text(`${i + 1}.`, this.left, y, { width: indent });
        }),
      );
      item.add(
        doc.struct('LBody', {}, () => {
          this.style(BODY);
          const text = c.text[lang];
          const options = { width: this.width - indent, lineGap: LINE_GAP };
          if (c.code) {
            doc.text(`${text} `, this.left + indent, y, { ...options, continued: true });
            this.style({ ...BODY, color: COLOR.muted });
            doc.text(t.conditionCode(c.code));
          } else {
            doc.text(text, this.left + indent, y, options);
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
      this.style(BODY);
      this.ensureSpace(3 * doc.currentLineHeight(true) + 6);
      this.add('H3', () => {
        this.style({ font: 'bold', size: SIZE.h3, color: COLOR.accent });
        const title = g.title?.[lang];
        doc.text(g.id, this.left, doc.y, { width: this.width, continued: Boolean(title) });
        if (title) {
          this.style({ font: 'semiBold', size: SIZE.h3, color: COLOR.text });
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
    this.style(BODY);
    this.ensureSpace(doc.heightOfString(next, { width: this.width, lineGap: LINE_GAP }) + 6 + this.signatureHeight());
    this.paragraph(next);
  }

  private signatureHeight(): number {
    const { doc, input, t } = this;
    const h = (style: Style, text: string, width = this.width, lineGap = 0) => {
      this.style(style);
      return doc.heightOfString(text, { width, lineGap });
    };
    const column = this.width / 2 - 16;
    const people = [input.approver.name, input.caseworker.name].map(
      (name, i) => h(BODY, name, column) + 1 + h(LABEL, [t.approver, t.caseworker][i], column),
    );
    return (
      SIGNATURE_SPACE_ABOVE +
      h(BODY, t.regards, this.width, LINE_GAP) +
      1 +
      h({ ...BODY, font: 'semiBold' }, input.agency.name) +
      16 +
      Math.max(...people) +
      12 +
      h({ ...LABEL, font: 'italic' }, t.approvedElectronically)
    );
  }

  /** Laid out as signatureHeight() measures it. */
  private signatures(): void {
    const { doc, input, t } = this;
    this.ensureSpace(this.signatureHeight());
    doc.y += SIGNATURE_SPACE_ABOVE;
    this.paragraph(t.regards, 1);
    this.line(input.agency.name, { ...BODY, font: 'semiBold' }, this.left, doc.y, this.width);
    doc.y += 16;
    const top = doc.y;
    const column = this.width / 2;
    let bottom = top;
    [
      [input.approver.name, t.approver],
      [input.caseworker.name, t.caseworker],
    ].forEach(([name, role], i) => {
      const x = this.left + i * column;
      this.line(name, BODY, x, top, column - 16);
      this.line(role, LABEL, x, doc.y + 1, column - 16);
      bottom = Math.max(bottom, doc.y);
    });
    doc.y = bottom + 12;
    this.line(t.approvedElectronically, { ...LABEL, font: 'italic' }, this.left, doc.y, this.width);
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
      doc
        .moveTo(this.left, FOOTER_RULE_Y)
        .lineTo(this.left + this.width, FOOTER_RULE_Y)
        .lineWidth(0.5)
        .stroke(COLOR.rule);
      this.style({ font: 'regular', size: SIZE.small, color: COLOR.muted });
      const y = FOOTER_RULE_Y + 7;
      const half = this.width / 2;
      const sender = `${input.agency.name}  ·  ${t.ourReference} ${input.reference}`;
      doc.text(sender, this.left, y, { width: half + 80, lineBreak: false });
      doc.text(t.page(i + 1, count), this.left + half, y, { width: half, align: 'right', lineBreak: false });
      doc.endMarkedContent();
      doc.page.margins.bottom = bottom;
    }
  }

  /**
   * A table tagged as one (Table, TR, TH with its scope, TD), so that a screen reader pairs each
   * value with its label; backgrounds and rules are decoration. A row never breaks over a page.
   */
  private table(x: number, widths: number[], rows: Row[], options: { padX?: number; keepTogether?: boolean; marginY?: number } = {}): void {
    const { doc } = this;
    const padX = options.padX ?? 0;
    const marginY = options.marginY ?? 0;
    const textOptions = (c: Cell, i: number) => ({
      width: widths[i] - 2 * padX,
      lineGap: cellStyle(c).size >= SIZE.body ? LINE_GAP : 0,
      align: c.align ?? 'left',
    });
    const heights = rows.map(
      (row) =>
        2 * row.padY +
        Math.max(
          ...row.cells.map((c, i) => {
            this.style(cellStyle(c));
            return (c.dy ?? 0) + doc.heightOfString(c.text, textOptions(c, i));
          }),
        ),
    );
    const total = heights.reduce((a, h) => a + h, 2 * marginY);
    this.ensureSpace(options.keepTogether && total <= this.pageHeight() / 2 ? total : heights[0] + 2 * marginY);

    const table = doc.struct('Table');
    this.root.add(table);
    let y = doc.y + marginY;
    rows.forEach((row, r) => {
      if (y + heights[r] + marginY > this.pageBottom()) {
        doc.addPage();
        y = doc.y + marginY;
      }
      const top = y;
      const bottom = y + heights[r];
      if (row.decorate) this.artifact(() => row.decorate?.(top, bottom));
      const tr = doc.struct('TR');
      table.add(tr);
      let cx = x;
      row.cells.forEach((c, i) => {
        const cell = doc.struct(c.header ? 'TH' : 'TD');
        // The header's scope is a table attribute; @types/pdfkit does not declare the dictionary.
        if (c.header) (cell as unknown as TaggedElement).dictionary.data.A = { O: 'Table', Scope: c.header };
        const cellX = cx;
        cell.add(() => {
          this.style(cellStyle(c));
          doc.text(c.text, cellX + padX, top + row.padY + (c.dy ?? 0), textOptions(c, i));
        });
        tr.add(cell);
        cell.end();
        cx += widths[i];
      });
      tr.end();
      y = bottom;
    });
    table.end();
    doc.x = this.left;
    doc.y = y + marginY;
  }

  private heading(text: string, keepWithNext = 40): void {
    const { doc } = this;
    const style: Style = { font: 'bold', size: SIZE.h2, color: COLOR.accent };
    doc.y += 14;
    this.style(style);
    this.ensureSpace(doc.currentLineHeight(true) + keepWithNext);
    this.add('H2', () => {
      this.style(style);
      doc.text(text, this.left, doc.y, { width: this.width });
    });
    doc.y += 4;
  }

  /** A heading and its paragraphs, kept on one page when they take at most a third of one. */
  private section(heading: string, paragraphs: string[]): void {
    const { doc } = this;
    this.style(BODY);
    const height = paragraphs.reduce((h, p) => h + doc.heightOfString(p, { width: this.width, lineGap: LINE_GAP }) + 6, 0);
    this.heading(heading, height <= this.pageHeight() / 3 ? height : 3 * doc.currentLineHeight(true));
    for (const p of paragraphs) this.paragraph(p);
  }

  private paragraph(text: string, after = 6): void {
    const { doc } = this;
    this.add('P', () => {
      this.style(BODY);
      doc.text(text, this.left, doc.y, { width: this.width, lineGap: LINE_GAP });
    });
    doc.y += after;
  }

  /** One paragraph at a given place: a line of the letterhead, the address or the signatures. */
  private line(text: string, style: Style, x: number, y: number, width: number): void {
    this.add('P', () => {
      this.style(style);
      this.doc.text(text, x, y, { width, lineGap: style.size >= SIZE.body ? LINE_GAP : 0 });
    });
    this.doc.x = this.left;
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

  private pageBottom(): number {
    return this.doc.page.height - MARGINS.bottom;
  }

  private pageHeight(): number {
    return this.doc.page.height - MARGINS.top - MARGINS.bottom;
  }

  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.pageBottom()) {
      this.doc.addPage();
      this.doc.x = this.left;
    }
  }

  private style(s: Style): void {
    this.doc.font(s.font).fontSize(s.size).fillColor(s.color);
  }
}

function cellStyle(c: Cell): Style {
  return { font: c.font ?? BODY.font, size: c.size ?? BODY.size, color: c.color ?? BODY.color };
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
  // Whole kroner (docs/rules.md section 3): the letter shows what the decision stores, never a rounding of it.
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
  const pct = input.intensityPct;
  if (pct !== null && !(Number.isFinite(pct) && pct >= 0 && pct <= 100)) {
    fail(`intensityPct must be between 0 and 100, got ${pct}`);
  }
  // GBER art. 7 and 29(4): the aid is at most the intensity times the eligible costs. The
  // half-hundredth allows for an intensity rounded to two decimals.
  if (input.outcome === 'granted' && input.amountNok !== null && pct !== null && input.eligibleCosts.length > 0) {
    if (input.amountNok > (input.eligibleCostsTotalNok * (pct + 0.005)) / 100) {
      fail(`the amount ${input.amountNok} is more than ${pct} % of the eligible costs ${input.eligibleCostsTotalNok}`);
    }
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
