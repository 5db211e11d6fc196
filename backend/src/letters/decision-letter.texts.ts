import type { DecisionLetterInput, LetterLang } from './decision-letter.types';

/**
 * The fixed wording of the decision letter in bokmål and English. The addressee is an
 * undertaking, so the bokmål text says "dere". The appeal paragraph gives what forvaltningsloven
 * § 27 third paragraph asks for: the right to appeal, the deadline (§ 29), where to send it
 * (§ 32), the appeal body and the right to see the case documents (§§ 18 and 19).
 */
export interface LetterTexts {
  lang: string;
  orgNo: string;
  ourReference: string;
  date: string;
  title: Record<DecisionLetterInput['outcome'], string>;
  intro: Record<DecisionLetterInput['outcome'], (applicant: string, project: string, amount: string) => string>;
  facts: { project: string; period: string; amount: string; intensity: string; legalBasis: string };
  intensityOf: (pct: string) => string;
  eligibleCosts: string;
  category: string;
  amount: string;
  total: string;
  categories: Record<string, string>;
  legalBasisHeading: string;
  legalBasisText: Record<DecisionLetterInput['outcome'], string>;
  conditions: string;
  conditionsIntro: string;
  conditionCode: (code: string) => string;
  grounds: string;
  groundsIntro: string;
  register: string;
  registerText: string;
  appeal: string;
  /** Two paragraphs: how to appeal, then what follows and the right to see the documents. */
  appealText: (agency: string, address: string, appealBody: string | undefined) => [string, string];
  regards: string;
  approver: string;
  caseworker: string;
  approvedElectronically: string;
  page: (n: number, of: number) => string;
  quote: (s: string) => string;
  period: (from: string, to: string) => string;
}

const NB: LetterTexts = {
  lang: 'nb-NO',
  orgNo: 'Org.nr.',
  ourReference: 'Vår referanse',
  date: 'Dato',
  title: { granted: 'Vedtak om tilskudd', rejected: 'Vedtak om avslag på søknad om tilskudd' },
  intro: {
    granted: (a, p, amount) =>
      `Vi har behandlet søknaden fra ${a} om tilskudd til prosjektet ${p}. Vi innvilger et tilskudd på inntil ${amount}.`,
    rejected: (a, p) =>
      `Vi har behandlet søknaden fra ${a} om tilskudd til prosjektet ${p}. Vi avslår søknaden. Begrunnelsen står nedenfor.`,
  },
  facts: {
    project: 'Prosjekt',
    period: 'Prosjektperiode',
    amount: 'Tilskudd',
    intensity: 'Støtteintensitet',
    legalBasis: 'Hjemmel',
  },
  intensityOf: (pct) => `${pct} av støtteberettigede kostnader`,
  eligibleCosts: 'Støtteberettigede kostnader',
  category: 'Kostnadskategori',
  amount: 'Beløp',
  total: 'Sum støtteberettigede kostnader',
  categories: {
    personnel: 'Personalkostnader',
    consultancy: 'Konsulenttjenester',
    equipment: 'Utstyr',
    ipr: 'Immaterielle rettigheter',
  },
  legalBasisHeading: 'Rettslig grunnlag',
  legalBasisText: {
    granted:
      'Tilskuddet er gitt i samsvar med Kommisjonsforordning (EU) nr. 651/2014 (GBER) artikkel 29, gjort gjeldende i Norge gjennom EØS-avtalen. ' +
      'Tilskuddet er offentlig støtte etter EØS-avtalen artikkel 61 nr. 1 og er etter gruppeunntaksforordningen unntatt fra plikten til å melde støtten til EFTAs overvåkingsorgan (ESA).',
    rejected:
      'Søknaden er vurdert etter Kommisjonsforordning (EU) nr. 651/2014 (GBER) artikkel 29, gjort gjeldende i Norge gjennom EØS-avtalen, og etter ordningens egne kriterier.',
  },
  conditions: 'Vilkår',
  conditionsIntro: 'Tilskuddet gis på disse vilkårene:',
  conditionCode: (c) => `(vilkår ${c})`,
  grounds: 'Begrunnelse',
  groundsIntro: 'Vedtaket bygger på disse reglene og vurderingene:',
  register: 'Offentliggjøring av støtten',
  registerText:
    'Tildelingen blir publisert i Registeret for offentlig støtte innen seks måneder etter vedtaket, jf. GBER artikkel 9 nr. 1 bokstav c og støtteprosessloven § 7. ' +
    'Dokumentasjon om tildelingen oppbevares i ti år, jf. GBER artikkel 12.',
  appeal: 'Klageadgang',
  appealText: (agency, address, body) => [
    'Dere kan klage på vedtaket. Klagefristen er tre uker fra dere mottok dette brevet, jf. forvaltningsloven §§ 28-29. ' +
      `Klagen sendes til ${agency}, ${address}. Den må være skriftlig, vise til vedtaket og si hvilken endring dere ønsker, og den bør begrunnes.`,
    `Dersom vi ikke endrer vedtaket, sender vi klagen til ${body ?? 'klageinstansen'} for endelig avgjørelse. ` +
      'Dere har rett til å se dokumentene i saken, jf. forvaltningsloven §§ 18 og 19.',
  ],
  regards: 'Med vennlig hilsen',
  approver: 'Vedtak fattet av',
  caseworker: 'Saksbehandler',
  approvedElectronically: 'Dokumentet er godkjent elektronisk og har derfor ingen håndskrevne signaturer.',
  page: (n, of) => `Side ${n} av ${of}`,
  quote: (s) => `«${s}»`,
  period: (from, to) => `${from} – ${to}`,
};

const EN: LetterTexts = {
  lang: 'en-GB',
  orgNo: 'Org. no.',
  ourReference: 'Our reference',
  date: 'Date',
  title: { granted: 'Decision on grant', rejected: 'Decision to reject the grant application' },
  intro: {
    granted: (a, p, amount) =>
      `We have considered the application from ${a} for a grant to the project ${p}. We award a grant of up to ${amount}.`,
    rejected: (a, p) =>
      `We have considered the application from ${a} for a grant to the project ${p}. We reject the application. The grounds are set out below.`,
  },
  facts: {
    project: 'Project',
    period: 'Project period',
    amount: 'Grant',
    intensity: 'Aid intensity',
    legalBasis: 'Legal basis',
  },
  intensityOf: (pct) => `${pct} of eligible costs`,
  eligibleCosts: 'Eligible costs',
  category: 'Cost category',
  amount: 'Amount',
  total: 'Total eligible costs',
  categories: {
    personnel: 'Personnel costs',
    consultancy: 'Consultancy services',
    equipment: 'Equipment',
    ipr: 'Intellectual property rights',
  },
  legalBasisHeading: 'Legal basis',
  legalBasisText: {
    granted:
      'The grant is awarded in accordance with Commission Regulation (EU) No 651/2014 (GBER) Article 29, made applicable in Norway through the EEA Agreement. ' +
      'The grant is state aid within the meaning of Article 61(1) of the EEA Agreement and, under the block exemption regulation, is exempt from notification to the EFTA Surveillance Authority (ESA).',
    rejected:
      'The application has been assessed under Commission Regulation (EU) No 651/2014 (GBER) Article 29, made applicable in Norway through the EEA Agreement, and under the criteria of the scheme.',
  },
  conditions: 'Conditions',
  conditionsIntro: 'The grant is subject to the following conditions:',
  conditionCode: (c) => `(condition ${c})`,
  grounds: 'Grounds',
  groundsIntro: 'The decision rests on the following rules and assessments:',
  register: 'Publication of the aid',
  registerText:
    'The award will be published in the Register for public support (Registeret for offentlig støtte) within six months of this decision, ' +
    'in accordance with GBER Article 9(1)(c) and section 7 of the Norwegian State Aid Procedures Act (støtteprosessloven). ' +
    'Records of the award are kept for ten years, in accordance with GBER Article 12.',
  appeal: 'Right of appeal',
  appealText: (agency, address, body) => [
    'You may appeal against this decision. The deadline for an appeal is three weeks from the date you received this letter, see the Public Administration Act sections 28-29. ' +
      `Send the appeal to ${agency}, ${address}. It must be in writing, refer to this decision and state the change you seek, and it should give reasons.`,
    `If we do not change the decision, we will forward the appeal to ${body ?? 'the appeal body'} for a final decision. ` +
      'You have the right to see the documents in the case, see the Public Administration Act sections 18 and 19.',
  ],
  regards: 'Kind regards',
  approver: 'Decided by',
  caseworker: 'Caseworker',
  approvedElectronically: 'This document has been approved electronically and therefore has no handwritten signatures.',
  page: (n, of) => `Page ${n} of ${of}`,
  quote: (s) => `“${s}”`,
  period: (from, to) => `${from} – ${to}`,
};

export const TEXTS: Record<LetterLang, LetterTexts> = { nb: NB, en: EN };
