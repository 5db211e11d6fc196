import { crc32, deflateRawSync, deflateSync } from 'node:zlib';

/**
 * Small, valid files of every kind a document may be, made on the spot for the tests (no binary
 * fixtures in the repository): a one-page PDF, 1x1 PNG, 8x8 JPEG, an XLSX workbook and a DOCX
 * document as real Office Open XML packages, a CSV text; and a ZIP writer for the packages.
 */

/** A one-page PDF with a correct cross-reference table. */
export function samplePdf(text = 'Tilsagn'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    streamObject(`BT /F1 18 Tf 20 40 Td (${text.replace(/[()\\]/g, '')}) Tj ET`),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function streamObject(content: string): string {
  return `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
}

/** A 1x1 grey PNG. */
export function samplePng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0); // width
  header.writeUInt32BE(1, 4); // height
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 0x80]))), // one row: no filter, mid grey
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * An 8x8 mid-grey baseline JPEG: one block whose coefficients are all zero, coded with one-symbol
 * Huffman tables (DC: difference category 0; AC: end of block), so the scan is two bits.
 */
export function sampleJpeg(): Buffer {
  const segment = (marker: number, data: number[]) => [0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff, ...data];
  const oneCode = (tableClassAndId: number, symbol: number) => [tableClassAndId, 1, ...new Array(15).fill(0), symbol];
  return Buffer.from([
    0xff,
    0xd8, // SOI
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]), // JFIF
    ...segment(0xdb, [0, ...new Array(64).fill(1)]), // quantisation table 0: all ones
    ...segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]), // baseline, 8x8, one component
    ...segment(0xc4, [...oneCode(0x00, 0), ...oneCode(0x10, 0)]), // DC table 0, AC table 0
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]), // scan: component 1, tables 0/0, spectral 0-63
    0x3f, // '0' (DC category 0) '0' (end of block), padded with ones
    0xff,
    0xd9, // EOI
  ]);
}

/** A CSV text in UTF-8 with Norwegian letters. */
export function sampleCsv(): Buffer {
  return Buffer.from('år;post;beløp\n2025;Driftsinntekter;98000000\n2025;Årsresultat;4100000\n', 'utf8');
}

export interface ZipEntry {
  name: string;
  data: Buffer | string;
}

/**
 * A ZIP archive: deflated entries, each with a local header, then the central directory and its
 * end record. With `dataDescriptors`, sizes and CRC follow each entry's data instead (as streaming
 * writers do), so only the central directory has them.
 */
export function zip(entries: ZipEntry[], options: { dataDescriptors?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, 'utf8');
    const compressed = deflateRawSync(data);
    const name = Buffer.from(entry.name, 'utf8');
    const crc = crc32(data);
    const flags = options.dataDescriptors ? 0x0808 : 0x0800; // bit 11: UTF-8 names; bit 3: data descriptor
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00
    if (!options.dataDescriptors) {
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(compressed.length, 18);
      local.writeUInt32LE(data.length, 22);
    }
    local.writeUInt16LE(name.length, 26);
    const descriptor = Buffer.alloc(options.dataDescriptors ? 16 : 0);
    if (options.dataDescriptors) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(compressed.length, 8);
      descriptor.writeUInt32LE(data.length, 12);
    }
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(flags, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(0x00210000, 12);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(compressed.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    parts.push(local, name, compressed, descriptor);
    offset += local.length + name.length + compressed.length + descriptor.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const OFFICE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';

function contentTypes(overrides: [part: string, type: string][]): string {
  return (
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`).join('') +
    '</Types>'
  );
}

function relationships(relations: [id: string, type: string, target: string][]): string {
  return (
    `${XML}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
    relations.map(([id, type, target]) => `<Relationship Id="${id}" Type="${OFFICE_RELATIONSHIPS}/${type}" Target="${target}"/>`).join('') +
    '</Relationships>'
  );
}

/** A workbook with one sheet of a budget, as a spreadsheet program writes the parts. */
export function sampleXlsx(options: { dataDescriptors?: boolean } = {}): Buffer {
  const ml = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  return zip(
    [
      {
        name: '[Content_Types].xml',
        data: contentTypes([
          ['/xl/workbook.xml', `${ml}.sheet.main+xml`],
          ['/xl/worksheets/sheet1.xml', `${ml}.worksheet+xml`],
        ]),
      },
      { name: '_rels/.rels', data: relationships([['rId1', 'officeDocument', 'xl/workbook.xml']]) },
      {
        name: 'xl/workbook.xml',
        data:
          `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${OFFICE_RELATIONSHIPS}">` +
          '<sheets><sheet name="Budsjett" sheetId="1" r:id="rId1"/></sheets></workbook>',
      },
      { name: 'xl/_rels/workbook.xml.rels', data: relationships([['rId1', 'worksheet', 'worksheets/sheet1.xml']]) },
      {
        name: 'xl/worksheets/sheet1.xml',
        data:
          `${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
          '<row r="1"><c r="A1" t="inlineStr"><is><t>Personalkostnader</t></is></c><c r="B1"><v>1020000</v></c></row>' +
          '</sheetData></worksheet>',
      },
    ],
    options,
  );
}

/** A document with one paragraph, as a word processor writes the parts. */
export function sampleDocx(): Buffer {
  return zip([
    {
      name: '[Content_Types].xml',
      data: contentTypes([['/word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml']]),
    },
    { name: '_rels/.rels', data: relationships([['rId1', 'officeDocument', 'word/document.xml']]) },
    {
      name: 'word/document.xml',
      data:
        `${XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
        '<w:body><w:p><w:r><w:t>Prosjektplan for robotisert sortering</w:t></w:r></w:p></w:body></w:document>',
    },
  ]);
}

/** Every allowed kind, with the content type the API recognises it as and a file name. */
export const SAMPLE_FILES = [
  { format: 'pdf', fileName: 'arsregnskap.pdf', contentType: 'application/pdf', bytes: samplePdf },
  { format: 'png', fileName: 'organisasjonskart.png', contentType: 'image/png', bytes: samplePng },
  { format: 'jpeg', fileName: 'maskin.jpg', contentType: 'image/jpeg', bytes: sampleJpeg },
  {
    format: 'xlsx',
    fileName: 'budsjett.xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: sampleXlsx,
  },
  {
    format: 'docx',
    fileName: 'prosjektplan.docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    bytes: sampleDocx,
  },
  { format: 'csv', fileName: 'regnskapstall.csv', contentType: 'text/csv', bytes: sampleCsv },
] as const;

/** The start of a Windows executable (MZ header and DOS stub), as a renamed .exe would arrive. */
export function sampleExecutable(): Buffer {
  const stub = Buffer.alloc(256);
  stub.write('MZ', 0, 'latin1');
  stub.writeUInt16LE(0x90, 2);
  stub.writeUInt32LE(0x80, 0x3c); // offset of the PE header
  stub.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  stub.write('PE\0\0', 0x80, 'latin1');
  return stub;
}
