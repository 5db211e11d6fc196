import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { ContentInspector, ContentRefused, DocumentFormat } from './content-type';
import { SAMPLE_FILES, sampleCsv, sampleDocx, sampleExecutable, samplePdf, sampleXlsx, zip } from './testing';

/** Runs bytes through an inspector in chunks of `size`; its format, or the refusal. */
async function inspect(bytes: Buffer, size = 64 * 1024, limit?: number): Promise<DocumentFormat | string> {
  const inspector = new ContentInspector(limit);
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  try {
    await pipeline(
      Readable.from(chunks),
      inspector,
      new Writable({
        write: (_chunk, _encoding, done) => done(),
      }),
    );
    return inspector.format;
  } catch (error) {
    if (error instanceof ContentRefused) return `${error.reason}: ${error.message}`;
    throw error;
  }
}

describe('recognising a file by its bytes', () => {
  it.each(SAMPLE_FILES.map((s) => [s.format, s]))('knows %s, in one chunk or a byte at a time', async (_, sample) => {
    expect(await inspect(sample.bytes())).toBe(sample.format);
    expect(await inspect(sample.bytes(), 1)).toBe(sample.format);
    expect(await inspect(sample.bytes(), 3)).toBe(sample.format);
  });

  it('reads an Office package from its central directory, whether the entries carry their sizes or data descriptors do', async () => {
    expect(await inspect(sampleXlsx({ dataDescriptors: true }), 100)).toBe('xlsx');
    expect(await inspect(sampleDocx(), 7)).toBe('docx');
    // An archive comment after the directory is part of a whole ZIP.
    const commented = Buffer.concat([sampleDocx(), Buffer.from('kommentar')]);
    commented.writeUInt16LE(9, commented.length - 9 - 2);
    expect(await inspect(commented)).toBe('docx');
  });

  it('refuses a renamed executable at its first bytes, and other kinds of file by what they are', async () => {
    expect(await inspect(sampleExecutable())).toMatch(/^unsupported: .*(not UTF-8|control characters)/);
    expect(await inspect(zip([{ name: 'a.txt', data: 'a' }]))).toMatch(/^unsupported: .*neither an XLSX workbook nor a DOCX/);
    expect(
      await inspect(
        zip([
          { name: '[Content_Types].xml', data: '' },
          { name: 'word/document.xml', data: '' },
          { name: 'word/vbaProject.bin', data: '' },
        ]),
      ),
    ).toMatch(/macro-enabled/);
    // Truncated: the start of a ZIP without its directory.
    expect(await inspect(sampleXlsx().subarray(0, 300))).toMatch(/not a whole one/);
    expect(await inspect(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toMatch(/^unsupported/);
    expect(await inspect(Buffer.alloc(0))).toBe('unsupported: The file is empty');
  });

  it('takes CSV as UTF-8 text, a character split between chunks and a byte-order mark included, and nothing else', async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), sampleCsv()]);
    expect(await inspect(bom, 1)).toBe('csv');
    expect(await inspect(Buffer.from('a\tb\r\n1\t2\r\n'))).toBe('csv');
    expect(await inspect(Buffer.from('år;beløp\n'), 2)).toBe('csv');
    expect(await inspect(Buffer.from([0x61, 0x3b, 0xe6, 0x0a]))).toMatch(/not UTF-8/);
    expect(await inspect(Buffer.from([0x61, 0x3b, 0xc3]))).toMatch(/ends inside a character/);
    expect(await inspect(Buffer.from('a;b\u0007\n'))).toMatch(/control characters/);
    expect(await inspect(Buffer.from('a;b\u0085\n'))).toMatch(/control characters/);
  });

  it('refuses the byte past the limit, and takes the limit itself', async () => {
    const pdf = samplePdf();
    expect(await inspect(pdf, 64, pdf.length)).toBe('pdf');
    expect(await inspect(pdf, 64, pdf.length - 1)).toMatch(/^too-large/);
  });
});
