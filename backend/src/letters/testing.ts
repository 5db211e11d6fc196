import { spawnSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';

/**
 * Reading a letter's PDF back, for the tests: as a reader's tool sees it (pdf.js), and as the
 * content streams actually draw it, where a no-break space is still a no-break space.
 */

export interface ExtractedLetter {
  /** The whole text, every run of white space (no-break spaces included) as one space. */
  text: string;
  pages: string[];
  info: Record<string, unknown>;
}

/**
 * The text as pdf.js (through pdf-parse) reads it, for several PDFs in one process. pdf.js loads
 * its worker with a dynamic import(), which jest's module sandbox refuses without
 * --experimental-vm-modules, so the extraction runs in a plain Node process.
 */
const EXTRACT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const out = {};
  for (const [name, base64] of Object.entries(JSON.parse(Buffer.concat(chunks).toString('utf8')))) {
    const parser = new PDFParse({ data: new Uint8Array(Buffer.from(base64, 'base64')) });
    const { pages } = await parser.getText();
    const { info } = await parser.getInfo();
    await parser.destroy();
    out[name] = { pages: pages.map((p) => p.text), info };
  }
  process.stdout.write(JSON.stringify(out));
});`;

export function extractLetters<K extends string>(pdfs: Record<K, Buffer>): Record<K, ExtractedLetter> {
  const input = JSON.stringify(Object.fromEntries(Object.entries<Buffer>(pdfs).map(([k, b]) => [k, b.toString('base64')])));
  const run = spawnSync(process.execPath, ['-e', EXTRACT], { input, cwd: __dirname, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`text extraction failed: ${run.stderr}`);
  const raw = JSON.parse(run.stdout) as Record<K, { pages: string[]; info?: Record<string, unknown> }>;
  const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
  const out = {} as Record<K, ExtractedLetter>;
  for (const key of Object.keys(raw) as K[]) {
    const { pages, info } = raw[key];
    out[key] = { text: flat(pages.join(' ')), pages: pages.map(flat), info: info ?? {} };
  }
  return out;
}

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

/** The PDF's numbered objects, streams inflated. Enough for what pdfkit writes, not a general parser. */
function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const s = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = header.exec(s))) {
    const start = header.lastIndex;
    const end = s.indexOf('endobj', start);
    const streamAt = s.indexOf('stream\n', start);
    if (streamAt >= 0 && streamAt < end) {
      const dict = s.slice(start, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      const from = streamAt + 'stream\n'.length;
      const raw = pdf.subarray(from, from + length);
      objects.set(Number(m[1]), { dict, stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw });
      header.lastIndex = s.indexOf('endobj', from + length);
    } else {
      objects.set(Number(m[1]), { dict: s.slice(start, end) });
      header.lastIndex = end;
    }
  }
  return objects;
}

/** A ToUnicode CMap as pdfkit writes it: ranges of glyph IDs, each with its UTF-16 text. */
function toUnicode(cmap: string): Map<number, string> {
  const glyphs = new Map<number, string>();
  for (const [, start, entries] of cmap.matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/gi)) {
    [...entries.matchAll(/<([0-9a-f ]+)>/gi)].forEach(([, units], i) => {
      const codes = units.split(' ').map((u) => parseInt(u, 16));
      glyphs.set(parseInt(start, 16) + i, String.fromCharCode(...codes));
    });
  }
  return glyphs;
}

const TOKEN = /<<|>>|<[0-9a-fA-F]*>|\[|\]|\/[^\s/[\]<>()]+|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'"*]+/g;

/**
 * The text each page draws, decoded through the fonts' ToUnicode maps, in drawing order: one line
 * of the result per text object (pdfkit writes a line of text as one). No-break spaces and
 * zero-width spaces come out as they are. Artifacts (page numbers, draft marks, decoration) are
 * left out unless asked for.
 */
export function pageTexts(pdf: Buffer, options: { artifacts?: boolean } = {}): string[] {
  const objects = pdfObjects(pdf);
  const fonts = new Map<string, Map<number, string>>();
  for (const o of objects.values()) {
    for (const [, name, ref] of o.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const cmapRef = /\/ToUnicode (\d+) 0 R/.exec(objects.get(Number(ref))?.dict ?? '')?.[1];
      const cmap = cmapRef ? objects.get(Number(cmapRef))?.stream : undefined;
      if (cmap && !fonts.has(name)) fonts.set(name, toUnicode(cmap.toString('latin1')));
    }
  }
  const pagesDict = [...objects.values()].find((o) => /\/Type \/Pages\b/.test(o.dict));
  const pageRefs = [...(/\/Kids \[([^\]]*)\]/.exec(pagesDict?.dict ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((k) => Number(k[1]));
  return pageRefs.map((ref) => {
    const contents = /\/Contents (\d+) 0 R/.exec(objects.get(ref)?.dict ?? '')?.[1];
    const stream = objects.get(Number(contents))?.stream?.toString('latin1') ?? '';
    return drawnText(stream, fonts, options.artifacts ?? false);
  });
}

function drawnText(content: string, fonts: Map<string, Map<number, string>>, artifacts: boolean): string {
  let out = '';
  let font: Map<number, string> | undefined;
  let operands: string[] = [];
  const marked: boolean[] = [];
  const hidden = () => !artifacts && marked.includes(true);
  const show = (hex: string) => {
    if (hidden()) return;
    for (let i = 1; i + 4 <= hex.length - 1; i += 4) out += font?.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\ufffd';
  };
  for (const [token] of content.matchAll(TOKEN)) {
    if (!/^[A-Za-z'"*]+$/.test(token)) {
      operands.push(token);
      continue;
    }
    if (token === 'BT' && !hidden()) out += '\n';
    if (token === 'Tf') font = fonts.get(operands[operands.length - 2]?.slice(1) ?? '');
    if (token === 'TJ' || token === 'Tj') operands.filter((o) => o.startsWith('<') && o !== '<<').forEach(show);
    if (token === 'BDC' || token === 'BMC') marked.push(operands[0] === '/Artifact');
    if (token === 'EMC') marked.pop();
    operands = [];
  }
  return out.trim();
}
