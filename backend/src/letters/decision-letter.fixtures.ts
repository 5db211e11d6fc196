import type { DecisionLetterInput } from './decision-letter.types';

/** Sample decisions for the letter's tests and sample PDFs. */

const AGENCY: DecisionLetterInput['agency'] = {
  name: 'Innovasjonsbyrået',
  address: ['Postboks 448 Sentrum', '0104 Oslo'],
  orgNumber: '986399445',
};

export function grantedDecision(): DecisionLetterInput {
  return {
    agency: AGENCY,
    reference: '2026/01187',
    decisionDate: '2026-11-27',
    applicant: {
      name: 'Sørlandet Skjærgårdsmøbler AS',
      orgNumber: '923456789',
      address: ['Åsgårdveien 14', '4612 Kristiansand S'],
    },
    project: {
      title: 'Ny produksjonslinje med digital ordrestyring og omstilling av arbeidsprosesser i verkstedet',
      startDate: '2027-01-04',
      endDate: '2027-12-17',
    },
    outcome: 'granted',
    amountNok: 1_145_000,
    eligibleCosts: [
      { category: 'personnel', amountNok: 1_284_000 },
      { category: 'consultancy', amountNok: 640_000 },
      { category: 'equipment', amountNok: 316_000 },
      { category: 'ipr', amountNok: 50_000 },
    ],
    eligibleCostsTotalNok: 2_290_000,
    intensityPct: 50,
    legalBasis: 'GBER art. 29',
    conditions: [
      {
        code: 'V-RAPP',
        text: {
          nb: 'Tilskuddet utbetales etter dokumenterte, påløpte kostnader. Sluttrapport med regnskap attestert av revisor sendes innen tre måneder etter prosjektslutt.',
          en: 'The grant is paid against documented costs incurred. A final report with accounts certified by an auditor is to be submitted within three months of the end of the project.',
        },
      },
      {
        text: {
          nb: 'Prosjektet skal gjennomføres slik det er beskrevet i søknaden. Vesentlige endringer må godkjennes av oss på forhånd.',
          en: 'The project is to be carried out as described in the application. Significant changes need our approval in advance.',
        },
      },
      {
        code: 'V-KUM',
        text: {
          nb: 'Dere må opplyse oss om annen offentlig støtte til de samme kostnadene. Samlet støtte kan ikke overstige 50 % av de støtteberettigede kostnadene.',
          en: 'You must inform us of any other public aid for the same costs. The aid in total may not exceed 50% of the eligible costs.',
        },
      },
    ],
    grounds: [
      {
        id: 'INC-01',
        title: { nb: 'Insentiveffekt', en: 'Incentive effect' },
        text: {
          nb: 'Søknaden ble mottatt 2. september 2026, før prosjektstart 4. januar 2027.',
          en: 'The application was received on 2 September 2026, before the project start on 4 January 2027.',
        },
      },
      {
        id: 'INT-01',
        title: { nb: 'Støtteintensitet', en: 'Aid intensity' },
        text: {
          nb: 'Omsøkt støtte 1 145 000 kr er innenfor maksimal støtte 1 145 000 kr (50 % av støtteberettigede kostnader 2 290 000 kr, rundet ned).',
          en: 'The requested aid of NOK 1,145,000 is within the maximum aid of NOK 1,145,000 (50% of eligible costs of NOK 2,290,000, rounded down).',
        },
      },
      {
        id: 'J-INNO-01',
        title: { nb: 'Prosess- eller organisasjonsinnovasjon', en: 'Process or organisational innovation' },
        text: {
          nb: 'Prosjektet innfører en ny produksjonsmetode med digital ordrestyring som endrer både utstyr, programvare og arbeidsdeling i verkstedet. Dette er prosessinnovasjon etter GBER artikkel 2 nr. 97 og ingen av definisjonens unntak.',
          en: 'The project introduces a new production method with digital order control that changes equipment, software and the division of work in the workshop. This is process innovation under GBER Article 2(97) and none of the exclusions of the definition.',
        },
      },
      {
        id: 'J-NEED-01',
        title: { nb: 'Nødvendig og ikke større enn nødvendig', en: 'Necessary and no larger than needed' },
        text: {
          nb: 'Uten tilskudd ville selskapet gjennomført prosjektet i mindre omfang og over lengre tid. Beløpet dekker ikke mer enn det som trengs.',
          en: 'Without the grant the company would have carried out the project on a smaller scale and over a longer time. The amount covers no more than is needed.',
        },
      },
    ],
    registerNotice: true,
    caseworker: { name: 'Ingrid Ødegård' },
    approver: { name: 'Håkon Aamodt' },
    appealDeadlineWeeks: 3,
  };
}

export function rejectedDecision(): DecisionLetterInput {
  return {
    ...grantedDecision(),
    reference: '2026/01342',
    applicant: { name: 'Blåbærdalen Smie og Mekanikk ANS', orgNumber: '998877665', address: ['Fjellvegen 3', '2640 Vinstra'] },
    project: { title: 'Nytt ERP-system for lagerstyring', startDate: '2027-02-01', endDate: '2027-09-30' },
    outcome: 'rejected',
    amountNok: null,
    eligibleCosts: [],
    eligibleCostsTotalNok: 0,
    intensityPct: null,
    conditions: [],
    grounds: [
      {
        id: 'J-INNO-03',
        title: { nb: 'Ikke på ordningens unntaksliste', en: "Not on the scheme's exclusion list" },
        text: {
          nb: 'Prosjektet gjelder innføring av et nytt ERP-system for lagerstyring som ikke er del av en prosessinnovasjon. Slike prosjekter står på ordningens unntaksliste.',
          en: 'The project concerns introducing a new ERP system for inventory management that is not part of a process innovation. Such projects are on the exclusion list of the scheme.',
        },
      },
    ],
    registerNotice: false,
  };
}
