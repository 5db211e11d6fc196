import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DecisionLetterInputError, renderDecisionLetter } from './decision-letter';
import { draftLetter, grantedDecision, partialGrant, rejectedDecision } from './decision-letter.fixtures';
import { MANDATORY_CONDITIONS, OPTIONAL_CONDITIONS, type DecisionLetterInput, type LetterLang } from './decision-letter.types';
import { renderLetter } from './index';
import { TEXTS } from './texts';
import { extractLetters, pageTexts, type ExtractedLetter } from './testing';

/** What no letter may show: a rule, cost rule or criterion ID (they stay in the case file). */
const INTERNAL_ID = /\b(INC|INT|CUM|THR|TRN|SME|LRG|UID|REC|SEC|COST)-\d\d\b|J-[A-Z]+-\d\d/;
/** Nor a condition code or ground kind. */
const CODE = new RegExp(`\\b(${[...MANDATORY_CONDITIONS, ...OPTIONAL_CONDITIONS, 'PRIORITY', 'ASSESSMENT'].join('|')})\\b`);

const SAMPLES = { granted: grantedDecision, partial: partialGrant, rejected: rejectedDecision, draft: draftLetter };
type Sample = keyof typeof SAMPLES;
type Key = `${Sample}-${LetterLang}`;

const pdfs = {} as Record<Key, Buffer>;
let letters: Record<Key, ExtractedLetter>;

beforeAll(async () => {
  for (const [name, input] of Object.entries(SAMPLES)) {
    for (const lang of ['nb', 'en'] as const) pdfs[`${name as Sample}-${lang}`] = await renderDecisionLetter(input(), lang);
  }
  letters = extractLetters(pdfs);
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const count = (text: string, part: string) => text.split(part).length - 1;

describe('decision letter, grant in full, in bokmål', () => {
  let l: ExtractedLetter;
  beforeAll(() => (l = letters['granted-nb']));

  it('has the letterhead, the addressee, the reference and the date', () => {
    expect(l.text).toContain('Innovasjonsbyrået');
    expect(l.text).toContain('Org.nr. 986 399 445');
    expect(l.text).toContain('Sørlandet Skjærgårdsmøbler AS Åsgårdveien 14 4612 Kristiansand S Org.nr. 923 456 789');
    expect(l.text).toContain('Vår referanse 2026/01187');
    expect(l.text).toContain('Dato 27. november 2026');
  });

  it('states the decision first, with the amount', () => {
    expect(l.text).toMatch(/^Innovasjonsbyrået .* Vedtak om tilskudd Vi har behandlet søknaden fra Sørlandet Skjærgårdsmøbler AS/);
    expect(l.text).toContain('Vi innvilger et tilskudd på inntil 1 150 000 kr.');
    expect(l.text).toContain('Søkt beløp 1 150 000 kr Tilskudd 1 150 000 kr Støtteintensitet 50 % av støtteberettigede kostnader');
    expect(l.text).toContain('4. januar 2027 – 17. desember 2027');
  });

  it('lists the eligible costs per category with the total', () => {
    expect(l.text).toContain('Kostnadskategori Beløp Personalkostnader 1 294 000 kr Konsulenttjenester 640 000 kr');
    expect(l.text).toContain('Sum støtteberettigede kostnader 2 300 000 kr');
  });

  it("prints the caseworker's justification as written", () => {
    expect(l.text).toContain('Begrunnelse Prosjektet legger om hele produksjonen fra manuell ordrestyring');
    expect(l.text).toContain('Vi gir derfor det høyeste tilskuddet regelverket tillater.');
  });

  it('words every rule met and every assessment for the applicant, with the figures', () => {
    expect(l.text).toContain('Kravene i regelverket er oppfylt');
    expect(l.text).toContain('Søknad før prosjektstart Vi mottok søknaden 2. september 2026, før prosjektet startet 4. januar 2027.');
    expect(l.text).toContain('er dere et lite foretak etter EØS-reglene');
    expect(l.text).toContain(
      'Hvor mye støtte som kan gis For et lite foretak kan støtten utgjøre inntil 50 % av de støtteberettigede kostnadene på 2 300 000 kr, det vil si inntil 1 150 000 kr. Tilskuddet er innenfor dette.',
    );
    expect(l.text).toContain('Annen offentlig støtte Dere har ikke oppgitt annen offentlig støtte til de samme kostnadene.');
    expect(l.text).toContain('Vår vurdering av prosjektet');
    for (const id of ['J-INNO-01', 'J-INNO-02', 'J-INNO-03', 'J-COMP-01', 'J-COMP-02', 'J-NEED-01', 'J-FEAS-01', 'J-COST-01'] as const) {
      const c = TEXTS.nb.criteria[id];
      expect(l.text).toContain(`${c.title} ${c.pass}`);
    }
  });

  it('prints no title twice, and no rule that does not apply', () => {
    for (const title of [...Object.values(TEXTS.nb.criteria), ...Object.values(TEXTS.nb.rules)].map((c) => c.title)) {
      expect(count(l.text, `${title} `)).toBeLessThanOrEqual(1);
    }
    expect(l.text).not.toContain(TEXTS.nb.rules['LRG-01'].title);
  });

  it('gives the legal basis: GBER article 29 through the Norwegian regulation, and the scheme', () => {
    expect(l.text).toContain('Vedtaket er gjort etter forskrift om unntak fra notifikasjonsplikt for offentlig støtte');
    expect(l.text).toContain('Kommisjonsforordning (EU) nr. 651/2014');
    expect(l.text).toContain('artikkel 29 om støtte til prosessinnovasjon og organisasjonsinnovasjon');
    expect(l.text).toContain('reglene for ordningen for tilskudd til prosess- og organisasjonsinnovasjon');
  });

  it('spells out every condition with its dates and the amount held back, then the free-text one', () => {
    expect(l.text).toContain('1. Dere må akseptere tilskuddet Dere må akseptere tilskuddet skriftlig innen 25. desember 2026');
    expect(l.text).toContain('Minst 20 % av tilskuddet, det vil si 230 000 kr av 1 150 000 kr, holder vi tilbake');
    expect(l.text).toContain('3. Sluttrapport Dere må sende oss en sluttrapport med prosjektregnskap innen 17. mars 2028.');
    expect(l.text).toContain('4. Dokumentasjon og kontroll Dere må ta vare på dokumentasjonen for prosjektet og kostnadene i ti år');
    expect(l.text).toContain('Innovasjonsbyrået og Riksrevisjonen kan kontrollere');
    expect(l.text).toContain('5. Reduksjon og tilbakebetaling Vi kan sette ned tilskuddet eller kreve det betalt tilbake med renter');
    expect(l.text).toContain('6. Når tilskuddet faller bort Har vi ikke fått sluttrapporten innen 17. juni 2028');
    expect(l.text).toContain('7. Revisorbekreftelse');
    expect(l.text).toContain('8. Dere skal holde oss orientert om fremdriften med en kort statusrapport hvert halvår.');
  });

  it('says the award will be published, since TRN-01 set the obligation', () => {
    expect(l.text).toContain('Offentliggjøring av støtten Opplysninger om tildelingen');
    expect(l.text).toContain('blir publisert i Registeret for offentlig støtte innen seks måneder etter vedtaket');
  });

  it('tells how to appeal within three weeks, to whom, and the right to see the documents', () => {
    expect(l.text).toContain('Klagefristen er tre uker fra dere mottok dette brevet, jf. forvaltningsloven §§ 28-29.');
    expect(l.text).toContain('Klagen sendes til Innovasjonsbyrået, Postboks 448 Sentrum, 0104 Oslo.');
    expect(l.text).toContain('Dersom vi ikke endrer vedtaket selv, sender vi klagen til klageinstansen, som avgjør den.');
    expect(l.text).toContain('Dere har rett til å se dokumentene i saken, jf. forvaltningsloven §§ 18 og 19.');
  });

  it('is signed by the approver and the caseworker, approved electronically', () => {
    expect(l.text).toContain('Med vennlig hilsen Innovasjonsbyrået');
    expect(l.text).toMatch(/Håkon Aamodt Vedtak fattet av/);
    expect(l.text).toMatch(/Ingrid Ødegård Saksbehandler/);
    expect(l.text).toContain('Dokumentet er godkjent elektronisk og har derfor ingen håndskrevne signaturer.');
  });

  it('numbers every page "Side n av N", sets the title and language, and is no draft', () => {
    expect(l.pages.length).toBeGreaterThanOrEqual(2);
    l.pages.forEach((p, i) => expect(p).toContain(`Side ${i + 1} av ${l.pages.length}`));
    expect(l.info.Title).toBe('Vedtak om tilskudd – 2026/01187');
    expect(l.info.Language).toBe('nb-NO');
    expect(l.text).not.toMatch(/utkast/i);
  });
});

describe('decision letter, partial grant', () => {
  it.each([
    [
      'nb',
      'Vedtak om tilskudd – søknaden er delvis innvilget',
      'Vi innvilger 900 000 kr av de 1 500 000 kr dere søkte om. Resten, 600 000 kr, avslår vi.',
    ],
    [
      'en',
      'Decision on grant – application partly granted',
      'We award NOK 900,000 of the NOK 1,500,000 you applied for. We reject the rest, NOK 600,000.',
    ],
  ] as const)('in %s states both amounts first', (lang, title, decision) => {
    const l = letters[`partial-${lang}`];
    expect(l.text).toContain(`${title} `);
    expect(l.text).toContain(decision);
    expect(l.text.indexOf(decision)).toBeLessThan(l.text.indexOf(TEXTS[lang].grounds.heading));
  });

  it('lists each refused or reduced cost with its amounts and the reason in words, then the caseworker’s', () => {
    const l = letters['partial-nb'];
    expect(l.text).toContain('Kostnader vi ikke har godkjent');
    expect(l.text).toContain('Kostnad Søkt Godkjent Ikke godkjent');
    expect(l.text).toContain('180 000 kr 0 kr 180 000 kr');
    expect(l.text).toContain(
      'Begrunnelse: Kostnaden gjelder noe ordningen ikke støtter for seg selv, som et nytt datasystem, rutinemessige forbedringer, lagerstyring eller utskifting av enkeltmaskiner. ' +
        'Vi har vurdert kostnaden og godkjent et lavere beløp. ERP-systemet er et vanlig forretningssystem og ikke en del av den nye produksjonsprosessen.',
    );
    expect(l.text).toContain('Prosjektleder, 1 200 timer à 800 kr (personalkostnader) 1 020 000 kr 960 000 kr 60 000 kr');
    expect(l.text).toContain('Begrunnelse: Vi har godkjent antall timer ganger timesatsen dere oppga.');
    expect(l.text).toContain('Administrasjonspåslag 10 % (indirekte kostnader) 150 000 kr 0 kr 150 000 kr');
    expect(l.text).toContain(
      'Begrunnelse: Ordningen dekker bare personalkostnader, konsulenttjenester, utstyr og immaterielle rettigheter',
    );
    expect(l.text).toContain('Forstudie januar 2026 (konsulenttjenester) 60 000 kr 0 kr 60 000 kr');
    expect(l.text).toContain('Begrunnelse: Kostnaden kom før vi mottok søknaden.');
    expect(l.text).toContain('Leie av sprøytestøpemaskin (utstyr) 240 000 kr 160 000 kr 80 000 kr');
    expect(l.text).toContain('Begrunnelse: Utstyr dekkes bare for den tiden og den andelen det brukes i prosjektet');
    expect(l.text).toContain('Sum 1 650 000 kr 1 120 000 kr 530 000 kr');
  });

  it('explains why the grant is below the most the rules allow', () => {
    const l = letters['partial-nb'];
    expect(l.text).toContain(
      'Hvorfor tilskuddet er lavere enn det høyeste vi kunne gi Etter regelverket kunne vi gitt inntil 945 000 kr. ' +
        'Vi skal ikke gi mer støtte enn prosjektet trenger, og vi mener 900 000 kr er nok. ' +
        'Vår vurdering: Dere har egne midler til en del av prosjektet, og 900 000 kr dekker det dere ikke kan finansiere selv.',
    );
    expect(l.text).toContain('Dere har fått 200 000 kr i annen offentlig støtte til de samme kostnadene.');
  });

  it('works out the conditions’ dates: accept, final report, lapse, and the 20 % held back', () => {
    const l = letters['partial-nb'];
    expect(l.text).toContain('innen 1. juni 2026, fire uker etter datoen på dette brevet');
    expect(l.text).toContain('Minst 20 % av tilskuddet, det vil si 180 000 kr av 900 000 kr, holder vi tilbake');
    expect(l.text).toContain('sluttrapport med prosjektregnskap innen 30. desember 2027. Prosjektet slutter 30. september 2027.');
    expect(l.text).toContain(
      'Har vi ikke fått sluttrapporten innen 30. mars 2028, seks måneder etter at prosjektet slutter, faller tilskuddet bort',
    );
    expect(l.text).toContain('7. Endringer i prosjektet Vesentlige endringer i prosjektet må dere melde til oss');
  });

  it('in English too: the costs, the reduction and the conditions', () => {
    const l = letters['partial-en'];
    expect(l.text).toContain('Costs we have not approved');
    expect(l.text).toContain('Cost Applied for Approved Not approved');
    expect(l.text).toContain('NOK 1,020,000 NOK 960,000 NOK 60,000');
    expect(l.text).toContain('Reason: We have approved the number of hours times the hourly rate you gave.');
    expect(l.text).toContain('Under the rules we could have given up to NOK 945,000.');
    expect(l.text).toContain('You must accept the grant in writing by 1 June 2026, four weeks after the date of this letter.');
    expect(l.text).toContain('At least 20% of the grant, that is NOK 180,000 of NOK 900,000, is held back');
    expect(l.text).toContain('by 30 December 2027');
    expect(l.text).toContain('If we have not received the final report by 30 March 2028');
    expect(l.text).toContain(
      'the Norwegian regulation on exemption from the duty to notify state aid (forskrift om unntak fra notifikasjonsplikt for offentlig støtte)',
    );
  });

  it('has no register paragraph without the obligation', () => {
    for (const lang of ['nb', 'en'] as const) {
      expect(letters[`partial-${lang}`].text).not.toMatch(/Registeret for offentlig støtte|Register for public support/);
    }
  });
});

describe('decision letter, rejection', () => {
  it.each([
    [
      'nb',
      'Vedtak om avslag på søknad om tilskudd',
      'Vi avslår søknaden.',
      'Søknad før prosjektstart Støtte kan bare gis til et prosjekt som ikke er startet når vi mottar søknaden, og før dere har bundet dere til det, for eksempel med en bestilling. ' +
        'Vi mottok søknaden 3. februar 2027, men prosjektet startet 1. februar 2027.',
      'Prioritering innenfor årets budsjett Vi har ikke penger til å støtte alle søknadene vi har fått i år',
      'Vår vurdering: Søknader med større virkning for omstillingen i regionen er prioritert foran denne.',
    ],
    [
      'en',
      'Decision to reject the grant application',
      'We reject the application.',
      'Application before the project started Aid can only be given to a project that has not started when we receive the application, and before you have committed to it, for example with an order. ' +
        'We received the application on 3 February 2027, but the project started on 1 February 2027.',
      "Priority within this year's budget We do not have the money to support every application",
      'Our assessment: Søknader med større virkning for omstillingen i regionen er prioritert foran denne.',
    ],
  ] as const)('in %s states the rejection and each of its grounds in words', (lang, title, verdict, rule, priority, reason) => {
    const l = letters[`rejected-${lang}`];
    const t = TEXTS[lang];
    expect(l.text).toContain(title);
    expect(l.text).toContain(verdict);
    expect(l.text).toContain(t.grounds.rejectionIntro);
    expect(l.text).toContain(rule);
    expect(l.text).toContain(`${t.criteria['J-INNO-03'].title} ${t.criteria['J-INNO-03'].fail}`);
    expect(l.text).toContain(priority);
    expect(l.text).toContain(reason);
    expect(l.text).toContain(rejectedDecision().justification);
    expect(l.text).toContain(`${t.facts.requested} ${lang === 'nb' ? '800 000 kr' : 'NOK 800,000'}`);
    expect(l.text).toContain(t.legalBasis.text.rejection.slice(0, 80));
  });

  it('has no amount granted, no conditions and no publication', () => {
    for (const lang of ['nb', 'en'] as const) {
      const { text } = letters[`rejected-${lang}`];
      const t = TEXTS[lang];
      expect(text).not.toContain(`${t.facts.amount} `);
      expect(text).not.toContain(t.facts.intensity);
      expect(text).not.toContain(t.conditions.heading);
      expect(text).not.toContain(t.register.heading);
      expect(text).not.toContain(t.legalBasis.text.grant.slice(0, 40));
    }
  });
});

describe('decision letter, draft', () => {
  it.each(['nb', 'en'] as const)('in %s marks every page as a draft and says no one has decided', (lang) => {
    const t = TEXTS[lang];
    const l = letters[`draft-${lang}`];
    l.pages.forEach((p) => {
      expect(p).toContain(t.draft.mark);
      expect(p).toContain(t.draft.watermark);
    });
    expect(l.text).toContain(t.draft.notice);
    expect(l.text).toContain(`${t.draft.notDecided} ${t.approver}`);
    expect(l.text).toContain(t.draft.notApproved);
    expect(l.text).not.toContain(t.approvedElectronically);
    expect(l.info.Title).toBe(`${t.draft.watermark} – ${t.title['partly-granted']} – PIO-2026-000123`);
  });

  it('keeps the draft marks out of what a screen reader reads, except the notice', () => {
    const body = pageTexts(pdfs['draft-nb']).join('\n');
    expect(body).toContain(TEXTS.nb.draft.notice);
    expect(body).not.toContain(TEXTS.nb.draft.mark);
  });

  it('has no draft mark in a decided letter', () => {
    for (const sample of ['granted', 'partial', 'rejected'] as const) {
      expect(letters[`${sample}-nb`].text).not.toMatch(/UTKAST|utkast/);
      expect(letters[`${sample}-en`].text).not.toMatch(/draft/i);
    }
  });

  it('can be previewed before the justification and the conditions are written', async () => {
    const early = { ...draftLetter(), justification: '', conditions: [], conditionDates: null };
    const l = extractLetters({ early: await renderDecisionLetter(early, 'nb') }).early;
    expect(l.text).toContain(TEXTS.nb.draft.notice);
    expect(l.text).not.toContain(`${TEXTS.nb.justification} `);
    expect(l.text).not.toContain(TEXTS.nb.conditions.heading);
  });
});

describe('decision letter, what it never shows', () => {
  it.each(Object.keys(SAMPLES).flatMap((s) => [`${s}-nb`, `${s}-en`]) as Key[])('%s has no rule ID and no condition code', (key) => {
    expect(letters[key].text).not.toMatch(INTERNAL_ID);
    expect(letters[key].text).not.toMatch(CODE);
    expect(letters[key].text).not.toMatch(/undefined|NaN|\[object/);
  });
});

describe('decision letter, amounts on one line', () => {
  /** An ordinary space or a line break inside an amount, a percentage, a date or a § reference. */
  const BROKEN = [
    /\d[ \n\u200b]\d{3}(?!\d)/, // 1 000
    /\d[ \n](?:kr|%)/, // 900 000 kr, 20 %
    /\b(?:NOK|EUR)[ \n]\d/, // NOK 900,000
    /§[ \n]\d/, // § 18
    /\d\.?[ \n](?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|January|February|March|April|May|June|July|August|September|October|November|December)\b/,
  ];

  it.each(Object.keys(SAMPLES).flatMap((s) => [`${s}-nb`, `${s}-en`]) as Key[])(
    '%s draws every amount, date and reference with no-break spaces',
    (key) => {
      const drawn = pageTexts(pdfs[key], { artifacts: true }).join('\n');
      for (const re of BROKEN) expect(drawn).not.toMatch(re);
      expect(drawn).toMatch(key.endsWith('nb') ? /\d\u00a0\d{3}\u00a0kr/ : /NOK\u00a0\d{1,3},\d{3}/);
    },
  );

  it('keeps the figures in the caseworker’s own text together too', () => {
    const drawn = pageTexts(pdfs['partial-nb']).join(' ').replace(/ ?\n/g, ' ');
    expect(drawn).toContain('1\u00a0200 timer à 800\u00a0kr');
    expect(drawn).toContain('og 900\u00a0000\u00a0kr dekker det dere ikke kan finansiere selv');
    expect(drawn).toContain('forvaltningsloven §§\u00a028-29');
  });
});

describe('decision letter, any text renders in bounded time', () => {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzæøå0123456789';
  /** 19 000 characters and no space: what pdfkit took minutes over. */
  const word = Array.from({ length: 19_000 }, (_, i) => alphabet[(i * 7 + Math.floor(i / 37)) % alphabet.length]).join('');
  const prose = 'Prosjektet er godt begrunnet, og kostnadene er rimelige for en bedrift av denne størrelsen. '.repeat(30).slice(0, 2_000);
  const longDescription = `Kjøp av ${'komponenter-'.repeat(50)} og ${'x'.repeat(400)} til linjen`;

  function longLetter(): DecisionLetterInput {
    const input = partialGrant();
    input.justification = `${prose}\n\n${word}`;
    input.project.title = `Prosjekt ${'Ø'.repeat(3_000)}`;
    input.applicant.name = `Bedrift ${'N'.repeat(300)} AS`;
    input.refusedCosts[0] = { ...input.refusedCosts[0], description: longDescription, caseworkerReason: prose };
    input.refusedCosts[1] = { ...input.refusedCosts[1], description: word };
    input.conditions = [...input.conditions, { text: word.slice(0, 5_000) }];
    return input;
  }

  it.each(['nb', 'en'] as const)(
    'in %s, with a 2 000-character justification and a 19 000-character word, in well under a second',
    async (lang) => {
      await renderDecisionLetter(partialGrant(), lang); // the fonts are parsed once per process; not what is measured
      const input = longLetter();
      const started = performance.now();
      const pdf = await renderDecisionLetter(input, lang);
      const ms = performance.now() - started;
      console.log(`decision letter (${lang}) with 2 000 + 19 000 + 19 000 + 5 000 + 3 000 characters of free text: ${ms.toFixed(0)} ms`);
      // Catches layout gone quadratic again (a 19 000-character word once took minutes); its speed is measured by `npm run bench`, not here.
      expect(ms).toBeLessThan(30_000);

      const drawn = pageTexts(pdf)
        .join('')
        .replace(/[\s\u200b]/g, '');
      const squeeze = (s: string) => s.replace(/\s/g, '');
      for (const text of [prose, word, input.project.title, input.applicant.name, longDescription, word.slice(0, 5_000)]) {
        expect(drawn).toContain(squeeze(text));
      }
      expect(count(drawn, word)).toBe(2);
    },
  );
});

describe('decision letter, bytes', () => {
  it('renders the same input to the same bytes', async () => {
    const a = await renderDecisionLetter(partialGrant(), 'nb');
    const b = await renderDecisionLetter(partialGrant(), 'nb');
    expect(b.equals(a)).toBe(true);
    expect(sha256(a)).toBe(sha256(pdfs['partial-nb']));
  });

  it('does not depend on the time zone of the machine', async () => {
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(sha256(await renderDecisionLetter(grantedDecision(), 'nb'))).toBe(sha256(pdfs['granted-nb']));
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('does not depend on the order of the input keys', async () => {
    const reordered = Object.fromEntries(Object.entries(grantedDecision()).reverse()) as unknown as DecisionLetterInput;
    expect(sha256(await renderDecisionLetter(reordered, 'en'))).toBe(sha256(pdfs['granted-en']));
  });

  it('dates the PDF by the decision date, not the time of rendering', () => {
    const pdf = pdfs['granted-nb'].toString('latin1');
    expect(pdf).toContain('(D:20261127000000Z)');
    expect(pdf.match(/\/CreationDate|\/ModDate/g)).toHaveLength(2);
  });

  it('gives another language, a draft, and another decision on the same day other bytes and another document ID', async () => {
    const id = (b: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(b.toString('latin1'))?.[1];
    const other = await renderDecisionLetter({ ...grantedDecision(), reference: '2026/01188' }, 'nb');
    const letters = [pdfs['granted-nb'], pdfs['granted-en'], other, pdfs['partial-nb'], pdfs['draft-nb']];
    expect(new Set(letters.map(sha256)).size).toBe(letters.length);
    expect(new Set(letters.map(id)).size).toBe(letters.length);
    expect(id(other)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('is tagged for assistive technology, with its language, title, tables and lists', () => {
    const pdf = pdfs['partial-en'].toString('latin1');
    expect(pdf).toContain('/Marked true');
    expect(pdf).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(pdf).toContain('/Lang (en-GB)');
    expect(pdf).toContain('/DisplayDocTitle true');
    expect(pdf).toMatch(/\/S \/Table/);
    expect(pdf).toContain('/Scope /Row');
    expect(pdf).toContain('/ColSpan 4');
    expect(pdf).toMatch(/\/S \/LBody/);
  });

  it('embeds its fonts and uses no standard (system) font', () => {
    const pdf = pdfs['granted-nb'].toString('latin1');
    expect(pdf).toContain('/FontFile2');
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Regular/);
    expect(pdf).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });
});

describe('decision letter, as the decision service calls it', () => {
  it('names the agency and the appeal body', async () => {
    const { agency: _agency, ...input } = partialGrant();
    const l = extractLetters({ nb: await renderLetter(input, 'nb'), en: await renderLetter(input, 'en') });
    expect(l.nb.text).toContain('sender vi klagen til Klagenemnda for Innovasjonsbyrået, som avgjør den.');
    expect(l.en.text).toContain('we will forward the appeal to the Appeals Board of Innovasjonsbyrået, which decides it.');
  });
});

describe('decision letter, input it cannot render correctly', () => {
  it.each<[string, () => DecisionLetterInput]>([
    ['a grant without an amount', () => ({ ...grantedDecision(), amountNok: null })],
    ['costs that do not add up to the total', () => ({ ...grantedDecision(), eligibleCostsTotalNok: 2_300_001 })],
    ['an amount in øre', () => ({ ...grantedDecision(), amountNok: 1_149_999.5 })],
    [
      'an amount above the intensity times the eligible costs',
      () => ({ ...grantedDecision(), amountNok: 1_160_000, requestedAmountNok: 1_160_000 }),
    ],
    ['a grant in full below the amount applied for', () => ({ ...grantedDecision(), requestedAmountNok: 1_500_000 })],
    ['a grant above the amount applied for', () => ({ ...grantedDecision(), requestedAmountNok: 1_000_000 })],
    ['a partial grant without the amount applied for', () => ({ ...partialGrant(), requestedAmountNok: null })],
    ['an impossible date', () => ({ ...grantedDecision(), decisionDate: '2026-02-30' })],
    ['an empty reference', () => ({ ...grantedDecision(), reference: ' ' })],
    ['a decided letter without its approver', () => ({ ...grantedDecision(), approver: null })],
    ['a decided letter without a justification', () => ({ ...rejectedDecision(), justification: '' })],
    ['a grant without a mandatory condition', () => ({ ...grantedDecision(), conditions: grantedDecision().conditions.slice(1) })],
    ['a grant without its condition dates', () => ({ ...grantedDecision(), conditionDates: null })],
    [
      'an unknown condition code',
      () => ({ ...grantedDecision(), conditions: [...grantedDecision().conditions, { code: 'V-RAPP' as never }] }),
    ],
    [
      'an unknown rule',
      () => ({ ...grantedDecision(), grounds: [{ kind: 'rule', ruleId: 'XYZ-01' as never, outcome: 'pass', inputs: {} }] }),
    ],
    [
      'a judgment not recorded',
      () => ({ ...grantedDecision(), grounds: [{ kind: 'judgment', criterionId: 'J-INNO-01', outcome: 'assess' as never }] }),
    ],
    ['PRIORITY without its reason', () => ({ ...rejectedDecision(), grounds: [{ kind: 'priority', reason: ' ' }] })],
    [
      'a reduction whose most is below the grant',
      () => ({ ...partialGrant(), grounds: [{ kind: 'reduction', reason: 'Nok.', maxAidNok: 800_000 }] }),
    ],
    [
      'a cost approved above its claim',
      () => ({ ...partialGrant(), refusedCosts: [{ ...partialGrant().refusedCosts[0], approvedNok: 200_000 }] }),
    ],
    ['a rejection with conditions', () => ({ ...rejectedDecision(), conditions: [{ code: 'ACCEPT' }] })],
  ])('refuses %s', async (_, input) => {
    await expect(renderDecisionLetter(input(), 'nb')).rejects.toBeInstanceOf(DecisionLetterInputError);
  });
});

describe('decision letter samples', () => {
  it('writes the sample letters to test-artifacts/letters for a person to look at', () => {
    const dir = resolve(__dirname, '../../../test-artifacts/letters');
    mkdirSync(dir, { recursive: true });
    for (const [key, pdf] of Object.entries(pdfs)) writeFileSync(join(dir, `${key}.pdf`), pdf);
  });
});
