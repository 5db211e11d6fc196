import PDFDocument from 'pdfkit';
import { letterFonts, type LetterFont } from './decision-letter.fonts';
import { typeset } from './decision-letter.format';

/**
 * The page and its parts, shared by the printed documents: the decision letter and the case report
 * (saksutskrift). A4, tagged for screen readers (Document, H2, P, L, Table with TH scopes), the
 * letter's fonts embedded; every text typeset (figures kept on one line, overlong words given places
 * to break). Decoration and page marks are artifacts, skipped by assistive technology.
 */

// A4 is 595.28 x 841.89 pt; 62 pt is 22 mm.
export const MARGINS = { top: 50, bottom: 74, left: 62, right: 62 };
export const FOOTER_RULE_Y = 841.89 - 56;

export const COLOR = { text: '#1b1f24', muted: '#5b6470', accent: '#12355b', rule: '#c5cdd6', band: '#f2f5f8', draft: '#b3261e' };
export const SIZE = { small: 8, meta: 9, body: 10, h3: 10.5, h2: 12, h1: 18, agency: 15, watermark: 120 };
export const LINE_GAP = 2.5;
const LIST_INDENT = 20;

export type Struct = PDFKit.PDFStructureElement;
type TaggedElement = { dictionary: { data: Record<string, unknown> } };
export type TextOptions = PDFKit.Mixins.TextOptions;

export interface Style {
  font: LetterFont;
  size: number;
  color: string;
}

export const BODY: Style = { font: 'regular', size: SIZE.body, color: COLOR.text };
export const LABEL: Style = { font: 'regular', size: SIZE.meta, color: COLOR.muted };
export const TITLE: Style = { font: 'semiBold', size: SIZE.body, color: COLOR.text };

export interface Cell extends Partial<Style> {
  text: string;
  /** A header cell, for the row or for the column. */
  header?: 'Row' | 'Column';
  align?: 'left' | 'right';
  /** Moves the text down, to line a smaller label up with a larger value. */
  dy?: number;
  /** The number of columns the cell spans (1 when absent). */
  span?: number;
}

export interface Row {
  cells: Cell[];
  padY: number;
  /** Drawn behind the row, as decoration: a background band, rules. */
  decorate?: (top: number, bottom: number) => void;
  /** Kept on one page with the row after it (a cost line and its reason). */
  keepWithNext?: boolean;
}

export interface TableOptions {
  padX?: number;
  keepTogether?: boolean;
  marginY?: number;
}

/** An item of a numbered or bulleted list: an optional title line, its text, and a note after it. */
export interface ListItem {
  title: string;
  text: string;
  note?: { label: string; text: string };
}

/** What a printed document says about itself (the PDF's info dictionary and language). */
export interface PdfInfo {
  title: string;
  author: string;
  /** BCP 47, as the texts give it (nb-NO, en-GB). */
  lang: string;
  /** The document's date: its CreationDate and ModDate. */
  date: Date;
}

/** A new A4 document with the letter's fonts registered and none of pdfkit's standard fonts used. */
export function newPdf(info: PdfInfo, buffered: { bufferPages: boolean } = { bufferPages: true }): PDFKit.PDFDocument {
  const fonts = letterFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    pdfVersion: '1.7',
    tagged: true,
    lang: info.lang,
    displayTitle: true,
    bufferPages: buffered.bufferPages,
    // The default font would otherwise be the standard Helvetica, written into the file unembedded.
    font: fonts.regular as unknown as string, // pdfkit 0.20 takes a parsed fontkit font; @types/pdfkit 0.17 does not know it
    info: {
      Title: metadataText(info.title),
      Author: metadataText(info.author),
      Creator: 'Tilsagn',
      Producer: 'PDFKit',
      CreationDate: info.date,
      ModDate: info.date,
    },
  });
  for (const [name, font] of Object.entries(fonts)) doc.registerFont(name, font as unknown as PDFKit.Mixins.PDFFontSource);
  return doc;
}

/**
 * The layout primitives of a printed document: headings, paragraphs, lists and tables, tagged,
 * kept together over page breaks as a reader expects, and the marks at the foot of every page.
 */
export abstract class PdfWriter {
  protected readonly root: Struct;
  protected readonly left = MARGINS.left;
  protected readonly width: number;

  constructor(protected readonly doc: PDFKit.PDFDocument) {
    this.width = doc.page.width - MARGINS.left - MARGINS.right;
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
  }

  /**
   * On every page, as pagination artifacts (not read as text by screen readers): a rule, the
   * sender's line on the left and "Side 1 av 2" on the right at the foot, then whatever else the
   * document marks on a page (drawn over the text, since the text was laid out before the page
   * count was known).
   */
  protected footers(left: string, page: (n: number, of: number) => string, more?: () => void): void {
    const { doc } = this;
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
      this.text(left, this.left, y, { width: half + 80, lineBreak: false });
      this.text(page(i + 1, count), this.left + half, y, { width: half, align: 'right', lineBreak: false });
      more?.();
      doc.endMarkedContent();
      doc.page.margins.bottom = bottom;
    }
  }

  /** Key figures as label and value pairs in a shaded band with an accent bar, kept on one page when they fit half of one. */
  protected factsBand(rows: [string, string, LetterFont][]): void {
    const { doc } = this;
    const band = (top: number, bottom: number) => {
      doc.rect(this.left, top, this.width, bottom - top).fill(COLOR.band);
      doc.rect(this.left, top, 3, bottom - top).fill(COLOR.accent);
    };
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

  /**
   * A list tagged as one (L, LI, Lbl, LBody): each item's title on its own line when it has one,
   * its sentence, and the caseworker's note after it.
   */
  protected list(items: readonly ListItem[], label: (i: number) => string): void {
    const { doc } = this;
    const list = doc.struct('L');
    this.root.add(list);
    const x = this.left + LIST_INDENT;
    const width = this.width - LIST_INDENT;
    items.forEach((item, i) => {
      this.style(BODY);
      this.ensureSpace((item.title ? 3 : 2) * doc.currentLineHeight(true));
      const li = doc.struct('LI');
      list.add(li);
      const y = doc.y;
      li.add(
        doc.struct('Lbl', {}, () => {
          this.style({ font: 'semiBold', size: SIZE.body, color: COLOR.accent });
          this.text(label(i), this.left, y, { width: LIST_INDENT });
        }),
      );
      const body = doc.struct('LBody');
      li.add(body);
      doc.y = y;
      if (item.title) this.addTo(body, 'P', () => this.text(item.title, x, doc.y, { width, lineGap: LINE_GAP }), TITLE);
      this.addTo(body, 'P', () => this.text(item.text, x, doc.y, { width, lineGap: LINE_GAP }), BODY);
      if (item.note) this.note(item.note, x, width, body);
      body.end();
      li.end();
      doc.x = this.left;
      doc.y += 6;
    });
    list.end();
  }

  /** The caseworker's own words after a fixed sentence: "Vår vurdering: …", as written. */
  protected note(note: NonNullable<ListItem['note']>, x: number, width: number, parent: Struct = this.root): void {
    const { doc } = this;
    doc.y += 2;
    this.addTo(parent, 'P', () => {
      this.style(TITLE);
      this.text(`${note.label} `, x, doc.y, { width, lineGap: LINE_GAP, continued: true });
      this.style(BODY);
      this.text(note.text.trim());
    });
    doc.y += 4;
  }

  protected columnHeads(texts: string[]): Row {
    const head: Cell = { font: 'semiBold', size: SIZE.meta, color: COLOR.muted, header: 'Column', text: '' };
    return {
      padY: 4,
      keepWithNext: true,
      decorate: this.ruleBelow(1, COLOR.accent),
      cells: texts.map((text, i) => ({ ...head, text, align: i === 0 ? 'left' : 'right' })),
    };
  }

  protected ruleBelow(width: number, color: string): (top: number, bottom: number) => void {
    return (_, bottom) =>
      this.doc
        .moveTo(this.left, bottom)
        .lineTo(this.left + this.width, bottom)
        .lineWidth(width)
        .stroke(color);
  }

  /**
   * A table tagged as one (Table, TR, TH with its scope, TD with its span), so that a screen reader
   * pairs each value with its label; backgrounds and rules are decoration. A row never breaks over
   * a page unless it is taller than a page (a pasted text of thousands of characters): then its
   * tallest cell runs on over the pages as a paragraph does.
   */
  protected table(x: number, widths: number[], rows: Row[], options: TableOptions = {}): void {
    const { doc } = this;
    const padX = options.padX ?? 0;
    const marginY = options.marginY ?? 0;
    const boxes = rows.map((row) => cellBoxes(x, widths, row.cells));
    const textOptions = (c: Cell, width: number): TextOptions => ({
      width: width - 2 * padX,
      lineGap: cellStyle(c).size >= SIZE.body ? LINE_GAP : 0,
      align: c.align ?? 'left',
    });
    const cellHeights = rows.map((row, r) =>
      row.cells.map((c, i) => {
        this.style(cellStyle(c));
        return (c.dy ?? 0) + this.measure(c.text, textOptions(c, boxes[r][i].width));
      }),
    );
    const heights = rows.map((row, r) => 2 * row.padY + Math.max(...cellHeights[r]));
    const room = this.pageHeight() - 2 * marginY;
    const total = heights.reduce((a, h) => a + h, 2 * marginY);
    this.ensureSpace(options.keepTogether && total <= this.pageHeight() / 2 ? total : Math.min(heights[0], room) + 2 * marginY);

    const table = doc.struct('Table');
    this.root.add(table);
    let y = doc.y + marginY;
    rows.forEach((row, r) => {
      const withNext = keptWith(rows, r).reduce((h, k) => h + heights[k], 0);
      const needed = withNext <= room ? withNext : Math.min(heights[r], room);
      if (y + needed + marginY > this.pageBottom()) {
        doc.addPage();
        y = doc.y + marginY;
      }
      const tall = heights[r] > room;
      const top = y;
      if (row.decorate && !tall) this.artifact(() => row.decorate?.(top, top + heights[r]));
      const tr = doc.struct('TR');
      table.add(tr);
      const cells = row.cells.map((c) => {
        const cell = doc.struct(c.header ? 'TH' : 'TD');
        // The header's scope and a cell's span are table attributes; @types/pdfkit does not declare the dictionary.
        const attributes: Record<string, unknown> = { O: 'Table' };
        if (c.header) attributes.Scope = c.header;
        if ((c.span ?? 1) > 1) attributes.ColSpan = c.span;
        if (Object.keys(attributes).length > 1) (cell as unknown as TaggedElement).dictionary.data.A = attributes;
        tr.add(cell);
        return cell;
      });
      const draw = (i: number) => {
        const c = row.cells[i];
        const box = boxes[r][i];
        cells[i].add(() => {
          this.style(cellStyle(c));
          this.text(c.text, box.x + padX, top + row.padY + (c.dy ?? 0), textOptions(c, box.width));
        });
        cells[i].end();
      };
      if (tall) {
        // The tallest cell last: it alone moves on to later pages, after the others are placed beside its start.
        const longest = cellHeights[r].indexOf(Math.max(...cellHeights[r]));
        row.cells.forEach((_, i) => i !== longest && draw(i));
        draw(longest);
        y = doc.y + row.padY;
      } else {
        row.cells.forEach((_, i) => draw(i));
        y = top + heights[r];
      }
      tr.end();
    });
    table.end();
    doc.x = this.left;
    doc.y = y + marginY;
  }

  protected heading(text: string, keepWithNext = 40): void {
    this.headingOf('H2', text, { font: 'bold', size: SIZE.h2, color: COLOR.accent }, 14, keepWithNext);
  }

  protected subheading(text: string, keepWithNext = 40): void {
    this.headingOf('H3', text, { font: 'bold', size: SIZE.h3, color: COLOR.accent }, 8, keepWithNext);
  }

  protected headingOf(type: 'H2' | 'H3', text: string, style: Style, above: number, keepWithNext: number): void {
    const { doc } = this;
    doc.y += above;
    this.style(style);
    this.ensureSpace(this.measure(text, { width: this.width }) + keepWithNext);
    this.add(type, () => {
      this.style(style);
      this.text(text, this.left, doc.y, { width: this.width });
    });
    doc.y += 4;
  }

  /** A heading and its paragraphs, kept on one page when they take at most a third of one. */
  protected section(heading: string, paragraphs: string[]): void {
    const { doc } = this;
    this.style(BODY);
    const height = paragraphs.reduce((h, p) => h + this.measure(p, { width: this.width, lineGap: LINE_GAP }) + 6, 0);
    this.heading(heading, height <= this.pageHeight() / 3 ? height : 3 * doc.currentLineHeight(true));
    for (const p of paragraphs) this.paragraph(p);
  }

  protected paragraph(text: string, after = 6, style: Style = BODY): void {
    const { doc } = this;
    this.add('P', () => {
      this.style(style);
      this.text(text, this.left, doc.y, { width: this.width, lineGap: LINE_GAP });
    });
    doc.y += after;
  }

  /** One paragraph at a given place: a line of the letterhead, the address or the signatures. */
  protected line(text: string, style: Style, x: number, y: number, width: number): void {
    this.add('P', () => {
      this.style(style);
      this.text(text, x, y, { width, lineGap: style.size >= SIZE.body ? LINE_GAP : 0 });
    });
    this.doc.x = this.left;
  }

  /** Every text is drawn and measured typeset: figures kept on one line, overlong words given places to break. */
  protected text(text: string, x?: number, y?: number, options?: TextOptions): void {
    this.doc.text(typeset(text), x, y, options);
  }

  protected measure(text: string, options: TextOptions): number {
    return this.doc.heightOfString(typeset(text), options);
  }

  protected add(type: string, draw: () => void): void {
    this.root.add(this.doc.struct(type, {}, draw));
  }

  protected addTo(parent: Struct, type: string, draw: () => void, style?: Style): void {
    parent.add(
      this.doc.struct(type, {}, () => {
        if (style) this.style(style);
        draw();
      }),
    );
  }

  /** Decoration, marked so that assistive technology skips it. */
  protected artifact(draw: () => void): void {
    this.doc.save();
    this.doc.markContent('Artifact', { type: 'Layout' });
    draw();
    this.doc.endMarkedContent();
    this.doc.restore();
  }

  protected pageCount(): number {
    return this.doc.bufferedPageRange().count;
  }

  protected pageBottom(): number {
    return this.doc.page.height - MARGINS.bottom;
  }

  protected pageHeight(): number {
    return this.doc.page.height - MARGINS.top - MARGINS.bottom;
  }

  protected ensureSpace(height: number): void {
    if (this.doc.y + height > this.pageBottom()) {
      this.doc.addPage();
      this.doc.x = this.left;
    }
  }

  protected style(s: Style): void {
    this.doc.font(s.font).fontSize(s.size).fillColor(s.color);
  }
}

/** Row r and the rows kept on its page with it: each following row as long as the one before keeps with next. */
function keptWith(rows: Row[], r: number): number[] {
  const kept = [r];
  for (let k = r; rows[k].keepWithNext && k + 1 < rows.length; k++) kept.push(k + 1);
  return kept;
}

function cellStyle(c: Cell): Style {
  return { font: c.font ?? BODY.font, size: c.size ?? BODY.size, color: c.color ?? BODY.color };
}

/** Where each cell of a row starts and how wide it is, its span included. */
function cellBoxes(x: number, widths: number[], cells: Cell[]): { x: number; width: number }[] {
  let column = 0;
  let cx = x;
  return cells.map((c) => {
    const span = c.span ?? 1;
    const width = widths.slice(column, column + span).reduce((a, w) => a + w, 0);
    const box = { x: cx, width };
    column += span;
    cx += width;
    return box;
  });
}

/** pdfkit copies the info strings into the XMP metadata without XML escaping. */
export function metadataText(s: string): string {
  return s.replace(/[<>&]/g, ' ').replace(/\s+/g, ' ').trim();
}

export function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
