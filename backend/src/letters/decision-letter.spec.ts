import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { DecisionLetterInputError, renderDecisionLetter } from './decision-letter';
import { grantedDecision, rejectedDecision } from './decision-letter.fixtures';
import type { DecisionLetterInput, LetterLang } from './decision-letter.types';

interface Extracted {
  /** The whole text, every run of white space (no-break spaces included) as one space. */
  text: string;
  pages: string[];
  info: Record<string, unknown>;
}

/**
 * The text as pdf.js (through pdf-parse) reads it. pdf.js loads its worker with a dynamic
 * import(), which jest's module sandbox refuses without --experimental-vm-modules, so the
 * extraction runs in a plain Node process.
 */
const EXTRACT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  const { pages } = await parser.getText();
  const { info } = await parser.getInfo();
  await parser.destroy();
  process.stdout.write(JSON.stringify({ pages: pages.map((p) => p.text), info }));
});`;

function extract(pdf: Buffer): Extracted {
  const run = spawnSync(process.execPath, ['-e', EXTRACT], { input: pdf, cwd: __dirname, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`text extraction failed: ${run.stderr}`);
  const { pages, info } = JSON.parse(run.stdout) as { pages: string[]; info?: Record<string, unknown> };
  const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
  return { text: flat(pages.join(' ')), pages: pages.map(flat), info: info ?? {} };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function letter(input: DecisionLetterInput, lang: LetterLang): Promise<Extracted> {
  return extract(await renderDecisionLetter(input, lang));
}

describe('decision letter, grant in bokmål', () => {
  let l: Extracted;
  beforeAll(async () => {
    l = await letter(grantedDecision(), 'nb');
  });

  it('has the letterhead, the addressee, the reference and the date', () => {
    expect(l.text).toContain('Innovasjonsbyrået');
    expect(l.text).toContain('Org.nr. 986 399 445');
    expect(l.text).toContain('Sørlandet Skjærgårdsmøbler AS');
    expect(l.text).toContain('Åsgårdveien 14');
    expect(l.text).toContain('Vår referanse 2026/01187');
    expect(l.text).toContain('Dato 27. november 2026');
  });

  it('states the decision, the project and the amount in Norwegian format', () => {
    expect(l.text).toContain('Vedtak om tilskudd');
    expect(l.text).toContain('Vi innvilger et tilskudd på inntil 1 145 000 kr.');
    expect(l.text).toContain('«Ny produksjonslinje med digital ordrestyring');
    expect(l.text).toContain('4. januar 2027 – 17. desember 2027');
    expect(l.text).toContain('Støtteintensitet 50 % av støtteberettigede kostnader');
  });

  it('lists the eligible costs per category with the total', () => {
    expect(l.text).toContain('Kostnadskategori Beløp');
    expect(l.text).toContain('Personalkostnader 1 284 000 kr');
    expect(l.text).toContain('Konsulenttjenester 640 000 kr');
    expect(l.text).toContain('Utstyr 316 000 kr');
    expect(l.text).toContain('Immaterielle rettigheter 50 000 kr');
    expect(l.text).toContain('Sum støtteberettigede kostnader 2 290 000 kr');
  });

  it('gives the legal basis: GBER article 29 through the EEA Agreement', () => {
    expect(l.text).toContain(
      'Tilskuddet er gitt i samsvar med Kommisjonsforordning (EU) nr. 651/2014 (GBER) artikkel 29, gjort gjeldende i Norge gjennom EØS-avtalen.',
    );
    expect(l.text).toContain('Hjemmel GBER art. 29');
  });

  it('numbers the conditions and shows their codes', () => {
    expect(l.text).toContain('1. Tilskuddet utbetales etter dokumenterte, påløpte kostnader.');
    expect(l.text).toContain('(vilkår V-RAPP)');
    expect(l.text).toContain('2. Prosjektet skal gjennomføres slik det er beskrevet i søknaden.');
    expect(l.text).toContain('3. Dere må opplyse oss om annen offentlig støtte');
  });

  it('gives the grounds with each rule or judgment id and its text', () => {
    expect(l.text).toContain('Begrunnelse');
    expect(l.text).toContain('INC-01 Insentiveffekt Søknaden ble mottatt 2. september 2026');
    expect(l.text).toContain('INT-01 Støtteintensitet Omsøkt støtte 1 145 000 kr');
    expect(l.text).toContain('J-INNO-01 Prosess- eller organisasjonsinnovasjon Prosjektet innfører');
    expect(l.text).toContain('J-NEED-01');
  });

  it('tells how to appeal within three weeks, to whom, and the right to see the documents', () => {
    expect(l.text).toContain('Klageadgang');
    expect(l.text).toContain('Klagefristen er tre uker fra dere mottok dette brevet, jf. forvaltningsloven §§ 28-29.');
    expect(l.text).toContain('Klagen sendes til Innovasjonsbyrået, Postboks 448 Sentrum, 0104 Oslo.');
    expect(l.text).toContain('sender vi klagen til klageinstansen for endelig avgjørelse');
    expect(l.text).toContain('forvaltningsloven §§ 18 og 19');
  });

  it('has the register notice when TRN-01 set the obligation', () => {
    expect(l.text).toContain('Registeret for offentlig støtte innen seks måneder');
    expect(l.text).toContain('oppbevares i ti år');
  });

  it('is signed by the approver and the caseworker, approved electronically', () => {
    expect(l.text).toContain('Med vennlig hilsen Innovasjonsbyrået');
    expect(l.text).toMatch(/Håkon Aamodt Vedtak fattet av/);
    expect(l.text).toMatch(/Ingrid Ødegård Saksbehandler/);
    expect(l.text).toContain('Dokumentet er godkjent elektronisk og har derfor ingen håndskrevne signaturer.');
  });

  it('numbers every page "Side n av N"', () => {
    expect(l.pages.length).toBeGreaterThanOrEqual(2);
    l.pages.forEach((p, i) => expect(p).toContain(`Side ${i + 1} av ${l.pages.length}`));
  });

  it('sets the PDF title and language', () => {
    expect(l.info.Title).toBe('Vedtak om tilskudd – 2026/01187');
    expect(l.info.Language).toBe('nb-NO');
  });
});

describe('decision letter, grant in English', () => {
  let l: Extracted;
  beforeAll(async () => {
    l = await letter(grantedDecision(), 'en');
  });

  it('has all labels in English and the amount as NOK 1,145,000', () => {
    expect(l.text).toContain('Decision on grant');
    expect(l.text).toContain('Our reference 2026/01187');
    expect(l.text).toContain('Date 27 November 2026');
    expect(l.text).toContain('We award a grant of up to NOK 1,145,000.');
    expect(l.text).toContain('Org. no. 923 456 789');
    expect(l.text).toContain('4 January 2027 – 17 December 2027');
    expect(l.text).toContain('Aid intensity 50% of eligible costs');
    expect(l.text).toContain('Personnel costs NOK 1,284,000');
    expect(l.text).toContain('Total eligible costs NOK 2,290,000');
    expect(l.text).not.toMatch(/Vedtak|Vår referanse|Side \d/);
  });

  it('gives the legal basis, conditions, grounds, appeal and register notice in English', () => {
    expect(l.text).toContain(
      'The grant is awarded in accordance with Commission Regulation (EU) No 651/2014 (GBER) Article 29, made applicable in Norway through the EEA Agreement.',
    );
    expect(l.text).toContain('Legal basis GBER art. 29');
    expect(l.text).toContain('1. The grant is paid against documented costs incurred.');
    expect(l.text).toContain('(condition V-RAPP)');
    expect(l.text).toContain('INT-01 Aid intensity The requested aid of NOK 1,145,000');
    expect(l.text).toContain(
      'The deadline for an appeal is three weeks from the date you received this letter, see the Public Administration Act sections 28-29.',
    );
    expect(l.text).toContain('Send the appeal to Innovasjonsbyrået, Postboks 448 Sentrum, 0104 Oslo.');
    expect(l.text).toContain('Register for public support (Registeret for offentlig støtte) within six months');
    expect(l.text).toContain('Records of the award are kept for ten years');
    expect(l.text).toContain('This document has been approved electronically');
  });

  it('keeps Norwegian names intact and numbers the pages "Page n of N"', () => {
    expect(l.text).toContain('Sørlandet Skjærgårdsmøbler AS');
    expect(l.text).toContain('Ingrid Ødegård');
    l.pages.forEach((p, i) => expect(p).toContain(`Page ${i + 1} of ${l.pages.length}`));
    expect(l.info.Title).toBe('Decision on grant – 2026/01187');
    expect(l.info.Language).toBe('en-GB');
  });
});

describe('decision letter, rejection', () => {
  it.each([
    [
      'nb',
      'Vedtak om avslag på søknad om tilskudd',
      'Vi avslår søknaden.',
      'Søknaden er vurdert etter Kommisjonsforordning (EU) nr. 651/2014 (GBER) artikkel 29',
    ],
    [
      'en',
      'Decision to reject the grant application',
      'We reject the application.',
      'The application has been assessed under Commission Regulation (EU) No 651/2014 (GBER) Article 29',
    ],
  ] as const)(
    'in %s states the rejection, its grounds and the appeal, without amount or conditions',
    async (lang, title, verdict, basis) => {
      const l = await letter(rejectedDecision(), lang);
      expect(l.text).toContain(title);
      expect(l.text).toContain(verdict);
      expect(l.text).toContain(basis);
      expect(l.text).toContain('GBER art. 29');
      expect(l.text).toContain('Blåbærdalen Smie og Mekanikk ANS');
      expect(l.text).toContain('J-INNO-03');
      expect(l.text).toContain(rejectedDecision().grounds[0].text[lang]);
      expect(l.text).toContain(lang === 'nb' ? 'forvaltningsloven §§ 28-29' : 'the Public Administration Act sections 28-29');
      expect(l.text).not.toMatch(/kr\b|NOK|Tilskudd \d|Grant \d|Vilkår|Conditions|Kostnadskategori|Cost category/);
      expect(l.text).not.toMatch(/Tilskuddet er gitt|The grant is awarded/);
    },
  );
});

describe('decision letter, rejection with figures stored', () => {
  it('shows no amount or intensity, only the eligible costs it was assessed on', async () => {
    const l = await letter(
      {
        ...rejectedDecision(),
        amountNok: 0,
        intensityPct: 0,
        eligibleCosts: [{ category: 'equipment', amountNok: 800_000 }],
        eligibleCostsTotalNok: 800_000,
      },
      'nb',
    );
    expect(l.text).toContain('Utstyr 800 000 kr');
    expect(l.text).not.toMatch(/Tilskudd 0|Støtteintensitet/);
  });
});

describe('decision letter, register notice', () => {
  it.each(['nb', 'en'] as const)('in %s appears only when TRN-01 set the obligation', async (lang) => {
    const without = await letter({ ...grantedDecision(), registerNotice: false }, lang);
    expect(without.text).not.toMatch(/Register/i);
    expect(without.text).not.toMatch(/ti år|ten years/);
    const rejected = await letter({ ...rejectedDecision(), registerNotice: true }, lang);
    expect(rejected.text).toContain(lang === 'nb' ? 'Registeret for offentlig støtte' : 'Register for public support');
  });
});

describe('decision letter, bytes', () => {
  it('renders the same input to the same bytes', async () => {
    const a = await renderDecisionLetter(grantedDecision(), 'nb');
    const b = await renderDecisionLetter(grantedDecision(), 'nb');
    expect(sha256(b)).toBe(sha256(a));
    expect(b.equals(a)).toBe(true);
  });

  it('does not depend on the time zone of the machine', async () => {
    const tz = process.env.TZ;
    const here = await renderDecisionLetter(grantedDecision(), 'nb');
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(sha256(await renderDecisionLetter(grantedDecision(), 'nb'))).toBe(sha256(here));
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('does not depend on the order of the input keys', async () => {
    const input = grantedDecision();
    const reordered = Object.fromEntries(Object.entries(input).reverse()) as unknown as DecisionLetterInput;
    expect(sha256(await renderDecisionLetter(reordered, 'en'))).toBe(sha256(await renderDecisionLetter(input, 'en')));
  });

  it('dates the PDF by the decision date, not the time of rendering', async () => {
    const pdf = (await renderDecisionLetter(grantedDecision(), 'nb')).toString('latin1');
    expect(pdf).toContain('(D:20261127000000Z)');
    expect(pdf.match(/\/CreationDate|\/ModDate/g)).toHaveLength(2);
  });

  it('gives another language, and another decision on the same day, other bytes and another document ID', async () => {
    const id = (b: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(b.toString('latin1'))?.[1];
    const nb = await renderDecisionLetter(grantedDecision(), 'nb');
    const en = await renderDecisionLetter(grantedDecision(), 'en');
    const other = await renderDecisionLetter({ ...grantedDecision(), amountNok: 1_000_000, intensityPct: 43.67 }, 'nb');
    expect(sha256(en)).not.toBe(sha256(nb));
    expect(sha256(other)).not.toBe(sha256(nb));
    expect(new Set([id(nb), id(en), id(other)]).size).toBe(3);
    expect(id(nb)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('is tagged for assistive technology, with its language and title shown', async () => {
    const pdf = (await renderDecisionLetter(grantedDecision(), 'en')).toString('latin1');
    expect(pdf).toContain('/Marked true');
    expect(pdf).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(pdf).toContain('/Lang (en-GB)');
    expect(pdf).toContain('/DisplayDocTitle true');
    expect(pdf).toMatch(/\/S \/Table/);
    expect(pdf).toContain('/Scope /Row');
  });

  it('embeds its fonts and uses no standard (system) font', async () => {
    const pdf = (await renderDecisionLetter(grantedDecision(), 'nb')).toString('latin1');
    expect(pdf).toContain('/FontFile2');
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Regular/);
    expect(pdf).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });
});

describe('decision letter, input it cannot render correctly', () => {
  it.each<[string, Partial<DecisionLetterInput>]>([
    ['a grant without an amount', { amountNok: null }],
    ['costs that do not add up to the total', { eligibleCostsTotalNok: 2_290_001 }],
    ['an amount in øre', { amountNok: 1_145_000.5 }],
    ['an amount above the intensity times the eligible costs', { amountNok: 1_150_000 }],
    ['an impossible date', { decisionDate: '2026-02-30' }],
    ['an empty reference', { reference: ' ' }],
  ])('refuses %s', async (_, change) => {
    await expect(renderDecisionLetter({ ...grantedDecision(), ...change }, 'nb')).rejects.toBeInstanceOf(DecisionLetterInputError);
  });
});

describe('decision letter samples', () => {
  it('writes the sample letters to test-artifacts/letters for a person to look at', async () => {
    const dir = resolve(__dirname, '../../../test-artifacts/letters');
    mkdirSync(dir, { recursive: true });
    for (const lang of ['nb', 'en'] as const) {
      writeFileSync(join(dir, `granted-${lang}.pdf`), await renderDecisionLetter(grantedDecision(), lang));
      writeFileSync(join(dir, `rejected-${lang}.pdf`), await renderDecisionLetter(rejectedDecision(), lang));
    }
  });
});
