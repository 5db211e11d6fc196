import { formatList } from '../../rulebook/format';
import { letterDate, letterEur, letterNok, letterPct } from '../decision-letter.format';
import type { DifficultyTest, GroundFigures, LetterTexts, MissingInfo } from './types';

/**
 * The decision letter in English, written for the company in plain language ("you"). It says what
 * the bokmål letter says; Norwegian names of laws and registers are given beside their English
 * rendering, since the Norwegian text is the one that binds.
 */

const nok = (n: number) => letterNok('en', n);
const pct = (n: number) => letterPct('en', n);
const date = (d: string) => letterDate('en', d);
const list = (items: string[]) => formatList('en', items);

const MISSING: Record<MissingInfo, string> = {
  receipt: 'when we received the application',
  'applicant-name': 'the name of the company',
  'size-figures': 'the annual work units, turnover and balance-sheet total for at least one financial year',
  'financial-figures': 'financial figures',
  'company-form': 'the form of the company',
  'incorporation-date': 'the date of incorporation',
  'industry-code': 'the industry code',
  'public-ownership': 'how much of the company public bodies own',
  insolvency: 'whether the company is in bankruptcy or other insolvency proceedings',
  'rescue-aid': 'whether the company has rescue or restructuring aid that has not been repaid',
  'recovery-order': 'whether the company must repay unlawful aid',
  description: 'a description of the project',
  'start-date': 'the date the project starts',
  'end-date': 'the date the project ends',
  'commitment-date': 'the date of the first binding commitment in the project',
  location: 'where the project is carried out',
  'cost-lines': 'a list of the costs',
  'aid-instrument': 'the form of aid you apply for',
  'requested-amount': 'the amount you apply for',
  'other-aid': 'the amount and purpose of other public aid you have received',
  partners: 'the size of the partners and their costs in the project',
  'related-enterprises': 'figures for companies you own or are owned by',
};

/** " We are missing a, b and c." when the rule named what it lacked. */
const lacking = (f: GroundFigures) => (f.missing.length ? ` We are missing ${list(f.missing.map((m) => MISSING[m]))}.` : '');

const DIFFICULTY: Record<DifficultyTest, string> = {
  'capital-loss': 'more than half of the subscribed capital has been lost',
  insolvency: 'the company is in bankruptcy or other insolvency proceedings',
  'rescue-aid': 'the company has rescue or restructuring aid that has not been repaid or is still under a plan',
  leverage: 'in each of the last two years, debt was high compared with equity and operating earnings did not cover the interest',
};

const SIZE = {
  micro: 'a micro enterprise',
  small: 'a small enterprise',
  medium: 'a medium-sized enterprise',
  large: 'a large enterprise',
} as const;

/** "For a small enterprise the aid can be up to 50% of the eligible costs" with what is known. */
function ceiling(f: GroundFigures): string {
  const who = f.sizeClass ? `For ${SIZE[f.sizeClass]}, the aid can be` : 'Under the rules, the aid can be';
  const share = f.maxIntensityPct === undefined ? 'a set share' : pct(f.maxIntensityPct);
  const of = f.eligibleCostsNok === undefined ? 'the eligible costs' : `the eligible costs of ${nok(f.eligibleCostsNok)}`;
  const most = f.maxAidNok === undefined ? '' : `, that is up to ${nok(f.maxAidNok)}`;
  return `${who} up to ${share} of ${of}${most}.`;
}

export const EN: LetterTexts = {
  lang: 'en-GB',
  orgNo: 'Org. no.',
  ourReference: 'Our reference',
  date: 'Date',
  page: (n, of) => `Page ${n} of ${of}`,
  quote: (s) => `“${s}”`,
  period: (from, to) => `${from} – ${to}`,

  title: {
    granted: 'Decision on grant',
    'partly-granted': 'Decision on grant – application partly granted',
    rejected: 'Decision to reject the grant application',
  },
  decision: {
    granted: (a, p, amount) =>
      `We have considered the application from ${a} for a grant to the project ${p}. We award a grant of up to ${nok(amount)}.`,
    partlyGranted: (a, p, amount, requested) =>
      `We have considered the application from ${a} for a grant to the project ${p}. ` +
      `We award ${nok(amount)} of the ${nok(requested)} you applied for. ` +
      `We reject the rest, ${nok(requested - amount)}. The reasons are set out below.`,
    rejected: (a, p) =>
      `We have considered the application from ${a} for a grant to the project ${p}. We reject the application. The reasons are set out below.`,
  },
  facts: {
    project: 'Project',
    period: 'Project period',
    requested: 'Amount applied for',
    amount: 'Grant',
    intensity: 'Aid intensity',
    intensityOf: (p) => `${pct(p)} of eligible costs`,
    legalBasis: 'Legal basis',
    legalBasisShort: 'GBER Article 29, see the Norwegian regulation on exemption from the duty to notify state aid',
  },

  eligibleCosts: 'Eligible costs',
  category: 'Cost category',
  amount: 'Amount',
  total: 'Total eligible costs',
  categories: {
    personnel: 'Personnel costs',
    consultancy: 'Consultancy services',
    equipment: 'Equipment',
    ipr: 'Intellectual property rights',
    overheads: 'Overheads',
    materials: 'Materials',
    other: 'Other costs',
  },

  justification: 'Reasons',

  grounds: {
    heading: 'What the decision is based on',
    grantIntro: 'We have checked the application against the requirements of the rules and assessed the project.',
    rejectionIntro: 'We reject the application for these reasons:',
    rules: 'The requirements of the rules',
    rulesMet: 'The requirements of the rules are met',
    assessments: 'Our assessment of the project',
    other: 'Other matters',
  },
  rules: {
    'INC-01': {
      title: 'Application before the project started',
      pass: (f) =>
        f.receivedDate && f.startDate
          ? `We received the application on ${date(f.receivedDate)}, before the project started on ${date(f.startDate)}` +
            (f.commitmentDate ? ` and before your first binding commitment on ${date(f.commitmentDate)}.` : '.')
          : 'We received the application before the project started.',
      fail: (f) => {
        const late = [
          f.startedBeforeReceipt && f.startDate ? `the project started on ${date(f.startDate)}` : null,
          f.committedBeforeReceipt && f.commitmentDate ? `you made your first binding commitment on ${date(f.commitmentDate)}` : null,
        ].filter((s): s is string => s !== null);
        const facts = f.receivedDate && late.length ? ` We received the application on ${date(f.receivedDate)}, but ${list(late)}.` : '';
        return (
          'Aid can only be given to a project that has not started when we receive the application, and before you have committed to it, for example with an order.' +
          facts
        );
      },
      missing: (f) => `We cannot tell whether the application came in before the project started.${lacking(f)}`,
    },
    'INC-02': {
      title: 'Complete application',
      pass: () => 'The application has the information we need to consider it.',
      missing: (f) => `The application lacks information we need to consider it.${lacking(f)}`,
    },
    'SME-01': {
      title: 'Size of the company',
      pass: (f) =>
        f.sizeClass
          ? `From the annual work units, turnover and balance-sheet total, including companies you own or are owned by, you are ${SIZE[f.sizeClass]} under the EEA rules.`
          : 'We have determined the size of the company from the annual work units, turnover and balance-sheet total, including companies you own or are owned by.',
      missing: (f) => `We cannot determine the size of the company, which decides how much aid can be given.${lacking(f)}`,
    },
    'LRG-01': {
      title: 'Collaboration with small and medium-sized enterprises',
      pass: (f) =>
        `A large enterprise can only receive aid when small and medium-sized enterprises in the project carry ${f.requiredSmeSharePct === undefined ? 'a set share' : `at least ${pct(f.requiredSmeSharePct)}`} of the costs. ` +
        (f.smeSharePct === undefined ? 'They do in this project.' : `In this project they carry ${pct(f.smeSharePct)}.`),
      fail: (f) =>
        `A large enterprise can only receive aid when small and medium-sized enterprises in the project carry ${f.requiredSmeSharePct === undefined ? 'a set share' : `at least ${pct(f.requiredSmeSharePct)}`} of the costs. ` +
        (f.smeSharePct === undefined ? 'They do not in this project.' : `In this project they carry only ${pct(f.smeSharePct)}.`),
      missing: (f) =>
        `We cannot assess the collaboration with small and medium-sized enterprises that a large enterprise needs.${lacking(f)}`,
    },
    'UID-01': {
      title: "The company's financial situation",
      pass: () => 'The company is not in financial difficulty as the EEA state aid rules define it.',
      fail: (f) =>
        'We cannot give aid to a company in financial difficulty as the EEA state aid rules define it. ' +
        (f.difficulty.length
          ? `From the information we have, this applies to the company: ${list(f.difficulty.map((d) => DIFFICULTY[d]))}.`
          : 'From the information we have, this applies to the company.'),
      missing: (f) => `We cannot assess whether the company is in financial difficulty.${lacking(f)}`,
    },
    'REC-01': {
      title: 'Repayment of unlawful aid',
      pass: () => 'You have stated that you have not been ordered to repay aid declared unlawful.',
      fail: () => 'You have been ordered to repay aid declared unlawful. We cannot give new aid until that order has been complied with.',
      missing: () => 'You have not told us whether you have been ordered to repay unlawful aid. We need to know before we can give aid.',
    },
    'SEC-01': {
      title: 'Industry',
      pass: () => 'The company works in an industry the scheme can support.',
      refer: (f) =>
        `The company works ${f.sector === 'agriculture' ? 'in agriculture' : f.sector === 'fishing' ? 'in fishing and aquaculture' : 'in an industry'}, ` +
        'where aid follows rules of its own. We cannot give it aid through this scheme.',
      missing: () =>
        'We do not know which industry the company works in (its industry code), so we cannot tell whether the scheme can support it.',
    },
    'INT-01': {
      title: 'How much aid can be given',
      pass: (f) => `${ceiling(f)} The grant is within this.`,
      assess: (f) =>
        `${ceiling(f)}${f.aidAmountNok === undefined ? ' You applied for more than that.' : ` You applied for ${nok(f.aidAmountNok)}, which is more than that.`}`,
      fail: (f) =>
        `${ceiling(f)}${f.aidAmountNok === undefined ? ' The amount is higher than that.' : ` A grant of ${nok(f.aidAmountNok)} is higher than that.`}`,
      missing: (f) => `We cannot work out how much aid can be given.${lacking(f)}`,
    },
    'CUM-01': {
      title: 'Other public aid',
      pass: (f) =>
        f.otherAidNok
          ? `You have received ${nok(f.otherAidNok)} in other public aid for the same costs. Together with the grant, this is within the most the rules allow` +
            (f.maxAidNok === undefined ? '.' : `, ${nok(f.maxAidNok)}.`)
          : 'You have not declared other public aid for the same costs.',
      assess: (f) =>
        `Together with ${f.otherAidNok ? `${nok(f.otherAidNok)} in ` : ''}other public aid you have received for the same costs, the amount you applied for is more than the rules allow` +
        (f.maxAidNok === undefined ? '.' : `, ${nok(f.maxAidNok)}.`),
      fail: (f) =>
        `Together with ${f.otherAidNok ? `${nok(f.otherAidNok)} in ` : ''}other public aid you have received for the same costs, the grant would be more than the rules allow` +
        (f.maxAidNok === undefined ? '.' : `, ${nok(f.maxAidNok)}.`),
      missing: (f) => `We cannot assess other public aid you have received for the same costs.${lacking(f)}`,
    },
    'THR-01': {
      title: 'The threshold for notifying ESA',
      pass: () =>
        'The grant is below the threshold above which aid must be approved by the EFTA Surveillance Authority (ESA) before it is given.',
      refer: (f) =>
        'The amount is above the threshold for aid that can be given without approval from the EFTA Surveillance Authority (ESA)' +
        (f.notificationThresholdEur === undefined
          ? ''
          : `, which is ${letterEur('en', f.notificationThresholdEur)} per company per project`) +
        '. Such aid cannot be given through this scheme.',
      missing: () =>
        'We cannot check the threshold for aid that must be approved by the EFTA Surveillance Authority (ESA), because the amount is missing.',
    },
    'TRN-01': {
      title: 'Publication of the aid',
      missing: () => 'We cannot decide whether the aid must be published, because the amount is missing.',
    },
  },
  ruleAtOutcome: {
    pass: 'The requirement is met.',
    fail: 'The requirement is not met.',
    missing: 'We lack the information to assess this.',
    refer: 'This cannot be decided under this scheme.',
    assess: 'This needs further assessment.',
  },
  sizeClass: SIZE,
  missingInfo: MISSING,
  criteria: {
    'J-INNO-01': {
      title: 'Process or organisational innovation',
      pass: 'The project is process or organisational innovation: you are taking up new or clearly better ways of producing, delivering or organising your work.',
      fail: 'In our view the project is not process or organisational innovation as the rules define it. Minor changes, ordinary replacement or extension of equipment, adaptation for single customers and changes that only follow prices or seasons do not count as innovation.',
    },
    'J-INNO-02': {
      title: 'New to the company and a significant step',
      pass: 'The new processes or methods are clearly different from what you have done before, and the project is a significant step for the company.',
      fail: 'In our view the new processes or methods are not clearly enough different from what you do today, or the project is not a significant step for the company.',
    },
    'J-INNO-03': {
      title: 'What the scheme does not support',
      pass: 'The project is not of a kind the scheme leaves out, such as routine improvements, new IT systems that are not part of a process innovation, or replacing single machines.',
      fail: 'The project is of a kind the scheme does not support: for example routine improvements such as LEAN, minor changes to production, new IT or inventory systems that are not part of a process innovation, or new or replacement single equipment.',
    },
    'J-COMP-01': {
      title: 'Competitiveness',
      pass: "The project will strengthen the company's competitiveness.",
      fail: "In our view the project will not strengthen the company's competitiveness enough.",
    },
    'J-COMP-02': {
      title: 'Competition between Norwegian companies',
      pass: 'The aid does not give the company an unfair advantage over other Norwegian companies.',
      fail: 'In our view the aid would give the company an unfair advantage over other Norwegian companies.',
    },
    'J-NEED-01': {
      title: 'The need for aid',
      pass: 'The aid is necessary for the project, and it is no larger than needed.',
      fail: 'In our view the aid is not necessary for the project to be carried out.',
    },
    'J-FEAS-01': {
      title: 'Ability to carry out the project',
      pass: 'The company has the finances, skills and organisation to carry out the project.',
      fail: 'In our view the company does not have the finances, skills or organisation needed to carry out the project.',
    },
    'J-COST-01': {
      title: 'The cost estimate',
      pass: 'The costs are realistic: hours, hourly rates, shares of use and prices are reasonable.',
      fail: 'In our view the costs are not realistic, for example the hours, hourly rates, shares of use or prices.',
    },
    'J-LRG-01': {
      title: 'Aid to a large enterprise',
      pass: 'Large enterprises receive aid only as an exception. In our view the collaboration with small and medium-sized enterprises in the project is real and effective, and the project is such an exception.',
      fail: 'Large enterprises receive aid only as an exception. In our view the project is not such an exception, or the collaboration with small and medium-sized enterprises is not real enough.',
    },
    'J-CIRC-01': {
      title: 'Move to a circular business model',
      pass: 'The project is a move to a circular business model, and in our view it belongs in this scheme.',
      fail: 'The project is a move to a circular business model, and in our view it belongs in the environmental technology scheme rather than this one.',
    },
  },
  priority: {
    title: "Priority within this year's budget",
    text: "We do not have the money to support every application we have received this year, and within this year's budget we have given priority to other applications ahead of this one.",
    reasonLabel: 'Our assessment:',
  },
  reduction: {
    title: 'Why the grant is lower than the most we could give',
    text: (max, amount) =>
      `Under the rules we could have given up to ${nok(max)}. We do not give more aid than the project needs, and in our view ` +
      (amount === null ? 'a lower amount is enough.' : `${nok(amount)} is enough.`),
    reasonLabel: 'Our assessment:',
  },

  refusedCosts: {
    heading: 'Costs we have not approved',
    intro: 'We have reduced or not approved these costs. The amounts are excluding VAT.',
    cost: 'Cost',
    claimed: 'Applied for',
    approved: 'Approved',
    notApproved: 'Not approved',
    total: 'Total',
    reasonLabel: 'Reason:',
    noReason: 'We have not approved the full amount.',
  },
  costReasons: {
    'COST-01':
      'The scheme only covers personnel costs, consultancy services, equipment and intellectual property rights, and this cost is none of them.',
    'COST-02': 'We have approved the number of hours times the hourly rate you gave. The amount you entered was higher.',
    'COST-03': 'Equipment is covered only for the time and the share it is used in the project, as depreciation or rent.',
    'COST-04': 'The cost arose before we received the application. We can only cover costs from after the application came in.',
    'COST-05': 'The purchase is from a company you collaborate with or are linked to. We only approve what matches a market price.',
    'COST-06':
      'The cost is for something the scheme does not support on its own, such as a new IT system, routine improvements, inventory management or replacing single machines.',
    ASSESSMENT: 'We have assessed the cost and approved a lower amount.',
  },

  legalBasis: {
    heading: 'Legal basis',
    text: {
      grant:
        'The decision is made under the Norwegian regulation on exemption from the duty to notify state aid (forskrift om unntak fra notifikasjonsplikt for offentlig støtte), which makes Commission Regulation (EU) No 651/2014 (the General Block Exemption Regulation, GBER) part of Norwegian law. ' +
        "The grant is awarded under Article 29 of that Regulation, on aid for process and organisational innovation, and under the rules of the agency's grant scheme for process and organisational innovation. " +
        'Aid that meets the conditions of the block exemption does not need approval from the EFTA Surveillance Authority (ESA) in advance.',
      rejection:
        'We have assessed the application under the Norwegian regulation on exemption from the duty to notify state aid (forskrift om unntak fra notifikasjonsplikt for offentlig støtte), which makes Commission Regulation (EU) No 651/2014 (the General Block Exemption Regulation, GBER) part of Norwegian law, ' +
        "under Article 29 of that Regulation, on aid for process and organisational innovation, and under the rules of the agency's grant scheme for process and organisational innovation.",
    },
  },

  conditions: { heading: 'Conditions of the grant', intro: 'The grant is given on these conditions:' },
  condition: {
    ACCEPT: {
      title: 'You must accept the grant',
      text: (c) =>
        `You must accept the grant in writing ${c.dates ? `by ${date(c.dates.acceptBy)}, four weeks after the date of this letter` : 'within four weeks of the date of this letter'}. ` +
        'If we have not received your acceptance by then, the grant lapses.',
    },
    PAYMENT: {
      title: 'Payment',
      text: (c) =>
        'We pay out the grant as you document eligible costs, in the same proportion as the grant bears to the approved costs. ' +
        `At least ${pct(c.heldBackPct)} of the grant, that is ${nok(c.heldBackNok)} of ${nok(c.amountNok)}, is held back until we have approved the final report and the project accounts.`,
    },
    'REPORT-FINAL': {
      title: 'Final report',
      text: (c) =>
        `You must send us a final report with the project accounts ${c.dates ? `by ${date(c.dates.finalReportBy)}` : 'within three months of the end of the project'}. ` +
        `The project ends on ${date(c.projectEndDate)}.`,
    },
    'RECORDS-CONTROL': {
      title: 'Records and inspection',
      text: (c) =>
        'You must keep the records of the project and its costs for ten years after the grant is awarded. ' +
        `${c.agency} and the Office of the Auditor General of Norway (Riksrevisjonen) may check that the grant is used as intended, and you must give us access to the records.`,
    },
    RECOVERY: {
      title: 'Reduction and repayment',
      text: () =>
        'We may reduce the grant or require it to be repaid with interest if you break the conditions, if the information you gave us was wrong, or if the aid is found to be unlawful.',
    },
    LAPSE: {
      title: 'When the grant lapses',
      text: (c) =>
        `If we have not received the final report ${c.dates ? `by ${date(c.dates.lapsesOn)}, six months after the project ends` : 'within six months after the project ends'}, ` +
        'the grant lapses, including any part not yet paid out.',
    },
    AUDITOR: {
      title: "Auditor's confirmation",
      text: () => 'The project accounts you send with the final report must be confirmed by an auditor.',
    },
    CHANGES: {
      title: 'Changes to the project',
      text: () => 'You must report significant changes to the project to us and have them approved before you make them.',
    },
  },

  register: {
    heading: 'Publication of the aid',
    text:
      'Information about the award, among other things the name of the company, the amount and the purpose, will be published in the Register for public support (Registeret for offentlig støtte) within six months of this decision, ' +
      'in accordance with section 7 of the Norwegian State Aid Procedures Act (støtteprosessloven) and GBER Article 9(1)(c).',
  },

  appeal: {
    heading: 'Right of appeal',
    text: (agency, address, body) => [
      'You may appeal against this decision. The deadline for an appeal is three weeks from the date you received this letter, see the Public Administration Act sections 28-29. ' +
        `Send the appeal to ${agency}, ${address}. It must be in writing, refer to this decision and state the change you seek, and it should give reasons.`,
      `If we do not change the decision ourselves, we will forward the appeal to ${body ?? 'the appeal body'}, which decides it. ` +
        'You have the right to see the documents in the case, see the Public Administration Act sections 18 and 19.',
    ],
  },

  regards: 'Kind regards',
  approver: 'Decided by',
  caseworker: 'Caseworker',
  approvedElectronically: 'This document has been approved electronically and therefore has no handwritten signatures.',

  draft: {
    mark: 'DRAFT – not a decision',
    watermark: 'DRAFT',
    notice: 'This is a draft. The case has not been decided yet, and this letter is not a decision.',
    notDecided: 'Not decided yet',
    notApproved: 'Draft: this document has not been approved and has not been sent.',
  },
};
