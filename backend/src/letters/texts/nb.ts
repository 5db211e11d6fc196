import { formatList } from '../../rulebook/format';
import { letterDate, letterEur, letterNok, letterPct } from '../decision-letter.format';
import type { DifficultyTest, GroundFigures, LetterTexts, MissingInfo } from './types';

/**
 * The decision letter in bokmål, written for the company (klarspråk, "dere"). The appeal paragraph
 * gives what forvaltningsloven § 27 third paragraph asks for: the right to appeal, the deadline
 * (§ 29), where to send it (§ 32), the appeal body, and the right to see the case documents (§§ 18
 * and 19). Amounts, dates and references are written with plain spaces here; the letter keeps them
 * on one line when it draws them.
 */

const nok = (n: number) => letterNok('nb', n);
const pct = (n: number) => letterPct('nb', n);
const date = (d: string) => letterDate('nb', d);
const list = (items: string[]) => formatList('nb', items);

const MISSING: Record<MissingInfo, string> = {
  receipt: 'tidspunktet vi mottok søknaden',
  'applicant-name': 'navnet på bedriften',
  'size-figures': 'antall årsverk, omsetning og balansesum for minst ett regnskapsår',
  'financial-figures': 'regnskapstall',
  'company-form': 'organisasjonsformen',
  'incorporation-date': 'stiftelsesdatoen',
  'industry-code': 'næringskoden',
  'public-ownership': 'hvor stor del av bedriften offentlige organer eier',
  insolvency: 'om bedriften er under konkursbehandling eller annen insolvensbehandling',
  'rescue-aid': 'om bedriften har redningsstøtte eller omstruktureringsstøtte som ikke er betalt tilbake',
  'recovery-order': 'om bedriften har et krav mot seg om å betale tilbake ulovlig støtte',
  description: 'en beskrivelse av prosjektet',
  'start-date': 'datoen prosjektet starter',
  'end-date': 'datoen prosjektet slutter',
  'commitment-date': 'datoen for den første bindende forpliktelsen i prosjektet',
  location: 'hvor prosjektet skal gjennomføres',
  'cost-lines': 'en oversikt over kostnadene',
  'aid-instrument': 'hvilken form for støtte dere søker om',
  'requested-amount': 'beløpet dere søker om',
  'other-aid': 'beløpet og formålet for annen offentlig støtte dere har fått',
  partners: 'størrelsen på samarbeidspartnerne og kostnadene deres i prosjektet',
  'related-enterprises': 'tall for foretak dere eier eller er eid av',
};

/** " Vi mangler: a, b og c." when the rule named what it lacked. */
const lacking = (f: GroundFigures) => (f.missing.length ? ` Vi mangler ${list(f.missing.map((m) => MISSING[m]))}.` : '');

const DIFFICULTY: Record<DifficultyTest, string> = {
  'capital-loss': 'mer enn halvparten av den innskutte kapitalen er tapt',
  insolvency: 'bedriften er under konkursbehandling eller annen insolvensbehandling',
  'rescue-aid': 'bedriften har redningsstøtte eller omstruktureringsstøtte som ikke er betalt tilbake eller fortsatt følger en plan',
  leverage:
    'gjelden har vært høy i forhold til egenkapitalen, og driftsresultatet har ikke dekket rentekostnadene, begge de to siste årene',
};

const SIZE = { micro: 'et mikroforetak', small: 'et lite foretak', medium: 'et mellomstort foretak', large: 'et stort foretak' } as const;

/** "Et lite foretak kan få inntil 50 % av de støtteberettigede kostnadene" with what is known. */
function ceiling(f: GroundFigures): string {
  const who = f.sizeClass ? `For ${SIZE[f.sizeClass]} kan` : 'Etter regelverket kan';
  const share = f.maxIntensityPct === undefined ? 'en viss andel' : pct(f.maxIntensityPct);
  const of =
    f.eligibleCostsNok === undefined ? 'de støtteberettigede kostnadene' : `de støtteberettigede kostnadene på ${nok(f.eligibleCostsNok)}`;
  const most = f.maxAidNok === undefined ? '' : `, det vil si inntil ${nok(f.maxAidNok)}`;
  return `${who} støtten utgjøre inntil ${share} av ${of}${most}.`;
}

export const NB: LetterTexts = {
  lang: 'nb-NO',
  orgNo: 'Org.nr.',
  ourReference: 'Vår referanse',
  date: 'Dato',
  page: (n, of) => `Side ${n} av ${of}`,
  quote: (s) => `«${s}»`,
  period: (from, to) => `${from} – ${to}`,

  title: {
    granted: 'Vedtak om tilskudd',
    'partly-granted': 'Vedtak om tilskudd – søknaden er delvis innvilget',
    rejected: 'Vedtak om avslag på søknad om tilskudd',
  },
  decision: {
    granted: (a, p, amount) =>
      `Vi har behandlet søknaden fra ${a} om tilskudd til prosjektet ${p}. Vi innvilger et tilskudd på inntil ${nok(amount)}.`,
    partlyGranted: (a, p, amount, requested) =>
      `Vi har behandlet søknaden fra ${a} om tilskudd til prosjektet ${p}. ` +
      `Vi innvilger ${nok(amount)} av de ${nok(requested)} dere søkte om. ` +
      `Resten, ${nok(requested - amount)}, avslår vi. Begrunnelsen står nedenfor.`,
    rejected: (a, p) =>
      `Vi har behandlet søknaden fra ${a} om tilskudd til prosjektet ${p}. Vi avslår søknaden. Begrunnelsen står nedenfor.`,
  },
  facts: {
    project: 'Prosjekt',
    period: 'Prosjektperiode',
    requested: 'Søkt beløp',
    amount: 'Tilskudd',
    intensity: 'Støtteintensitet',
    intensityOf: (p) => `${pct(p)} av støtteberettigede kostnader`,
    legalBasis: 'Hjemmel',
    legalBasisShort: 'GBER artikkel 29, jf. forskrift om unntak fra notifikasjonsplikt for offentlig støtte',
  },

  eligibleCosts: 'Støtteberettigede kostnader',
  category: 'Kostnadskategori',
  amount: 'Beløp',
  total: 'Sum støtteberettigede kostnader',
  categories: {
    personnel: 'Personalkostnader',
    consultancy: 'Konsulenttjenester',
    equipment: 'Utstyr',
    ipr: 'Immaterielle rettigheter',
    overheads: 'Indirekte kostnader',
    materials: 'Materialer',
    other: 'Andre kostnader',
  },

  justification: 'Begrunnelse',

  grounds: {
    heading: 'Dette bygger vedtaket på',
    grantIntro: 'Vi har kontrollert søknaden mot kravene i regelverket og vurdert prosjektet.',
    rejectionIntro: 'Vi avslår søknaden av disse grunnene:',
    rules: 'Kravene i regelverket',
    rulesMet: 'Kravene i regelverket er oppfylt',
    assessments: 'Vår vurdering av prosjektet',
    other: 'Andre forhold',
  },
  rules: {
    'INC-01': {
      title: 'Søknad før prosjektstart',
      pass: (f) =>
        f.receivedDate && f.startDate
          ? `Vi mottok søknaden ${date(f.receivedDate)}, før prosjektet startet ${date(f.startDate)}` +
            (f.commitmentDate ? ` og før dere gjorde den første bindende forpliktelsen ${date(f.commitmentDate)}.` : '.')
          : 'Vi mottok søknaden før prosjektet startet.',
      fail: (f) => {
        const late = [
          f.startedBeforeReceipt && f.startDate ? `prosjektet startet ${date(f.startDate)}` : null,
          f.committedBeforeReceipt && f.commitmentDate ? `dere gjorde den første bindende forpliktelsen ${date(f.commitmentDate)}` : null,
        ].filter((s): s is string => s !== null);
        const facts = f.receivedDate && late.length ? ` Vi mottok søknaden ${date(f.receivedDate)}, men ${list(late)}.` : '';
        return (
          'Støtte kan bare gis til et prosjekt som ikke er startet når vi mottar søknaden, og før dere har bundet dere til det, for eksempel med en bestilling.' +
          facts
        );
      },
      missing: (f) => `Vi kan ikke se om søknaden kom inn før prosjektet startet.${lacking(f)}`,
    },
    'INC-02': {
      title: 'Fullstendig søknad',
      pass: () => 'Søknaden har de opplysningene vi trenger for å behandle den.',
      missing: (f) => `Søknaden mangler opplysninger vi trenger for å behandle den.${lacking(f)}`,
    },
    'SME-01': {
      title: 'Bedriftens størrelse',
      pass: (f) =>
        f.sizeClass
          ? `Ut fra antall årsverk, omsetning og balansesum, også i foretak dere eier eller er eid av, er dere ${SIZE[f.sizeClass]} etter EØS-reglene.`
          : 'Vi har fastsatt bedriftens størrelse ut fra antall årsverk, omsetning og balansesum, også i foretak dere eier eller er eid av.',
      missing: (f) => `Vi kan ikke fastsette hvor stor bedriften er, og det avgjør hvor mye støtte som kan gis.${lacking(f)}`,
    },
    'LRG-01': {
      title: 'Samarbeid med små og mellomstore bedrifter',
      pass: (f) =>
        `Et stort foretak kan bare få støtte når små og mellomstore bedrifter i prosjektet står for ${f.requiredSmeSharePct === undefined ? 'en fastsatt andel' : `minst ${pct(f.requiredSmeSharePct)}`} av kostnadene. ` +
        (f.smeSharePct === undefined ? 'Det gjør de i dette prosjektet.' : `I dette prosjektet står de for ${pct(f.smeSharePct)}.`),
      fail: (f) =>
        `Et stort foretak kan bare få støtte når små og mellomstore bedrifter i prosjektet står for ${f.requiredSmeSharePct === undefined ? 'en fastsatt andel' : `minst ${pct(f.requiredSmeSharePct)}`} av kostnadene. ` +
        (f.smeSharePct === undefined
          ? 'Det gjør de ikke i dette prosjektet.'
          : `I dette prosjektet står de bare for ${pct(f.smeSharePct)}.`),
      missing: (f) =>
        `Vi kan ikke vurdere samarbeidet med små og mellomstore bedrifter, som kreves når et stort foretak søker.${lacking(f)}`,
    },
    'UID-01': {
      title: 'Bedriftens økonomiske situasjon',
      pass: () => 'Bedriften er ikke i økonomiske vanskeligheter slik EØS-reglene om offentlig støtte definerer det.',
      fail: (f) =>
        'Vi kan ikke gi støtte til en bedrift som er i økonomiske vanskeligheter slik EØS-reglene om offentlig støtte definerer det. ' +
        (f.difficulty.length
          ? `Ut fra opplysningene vi har, gjelder det bedriften: ${list(f.difficulty.map((d) => DIFFICULTY[d]))}.`
          : 'Ut fra opplysningene vi har, gjelder det bedriften.'),
      missing: (f) => `Vi kan ikke vurdere om bedriften er i økonomiske vanskeligheter.${lacking(f)}`,
    },
    'REC-01': {
      title: 'Krav om å betale tilbake ulovlig støtte',
      pass: () => 'Dere har opplyst at dere ikke har noe krav mot dere om å betale tilbake støtte som er erklært ulovlig.',
      fail: () =>
        'Dere har et krav mot dere om å betale tilbake støtte som er erklært ulovlig. Vi kan ikke gi ny støtte før det kravet er oppgjort.',
      missing: () =>
        'Dere har ikke opplyst om dere har et krav mot dere om å betale tilbake ulovlig støtte. Det må vi vite før vi kan gi støtte.',
    },
    'SEC-01': {
      title: 'Bransje',
      pass: () => 'Bedriften driver i en bransje som ordningen kan gi støtte til.',
      refer: (f) =>
        `Bedriften driver ${f.sector === 'agriculture' ? 'innen jordbruk' : f.sector === 'fishing' ? 'innen fiske og akvakultur' : 'i en bransje'} ` +
        'der støtte følger egne regler. Vi kan ikke gi støtte til den gjennom denne ordningen.',
      missing: () =>
        'Vi vet ikke hvilken bransje bedriften driver i (næringskoden), og kan derfor ikke avgjøre om ordningen kan gi støtte.',
    },
    'INT-01': {
      title: 'Hvor mye støtte som kan gis',
      pass: (f) => `${ceiling(f)} Tilskuddet er innenfor dette.`,
      assess: (f) =>
        `${ceiling(f)}${f.aidAmountNok === undefined ? ' Dere søkte om mer enn det.' : ` Dere søkte om ${nok(f.aidAmountNok)}, som er mer enn det.`}`,
      fail: (f) =>
        `${ceiling(f)}${f.aidAmountNok === undefined ? ' Beløpet er høyere enn det.' : ` Et tilskudd på ${nok(f.aidAmountNok)} er høyere enn det.`}`,
      missing: (f) => `Vi kan ikke regne ut hvor mye støtte som kan gis.${lacking(f)}`,
    },
    'CUM-01': {
      title: 'Annen offentlig støtte',
      pass: (f) =>
        f.otherAidNok
          ? `Dere har fått ${nok(f.otherAidNok)} i annen offentlig støtte til de samme kostnadene. Sammen med tilskuddet er det innenfor det høyeste regelverket tillater` +
            (f.maxAidNok === undefined ? '.' : `, ${nok(f.maxAidNok)}.`)
          : 'Dere har ikke oppgitt annen offentlig støtte til de samme kostnadene.',
      assess: (f) =>
        `Sammen med ${f.otherAidNok ? `${nok(f.otherAidNok)} i ` : ''}annen offentlig støtte dere har fått til de samme kostnadene, er beløpet dere søkte om, mer enn det høyeste regelverket tillater` +
        (f.maxAidNok === undefined ? '.' : `, ${nok(f.maxAidNok)}.`),
      fail: (f) =>
        `Sammen med ${f.otherAidNok ? `${nok(f.otherAidNok)} i ` : ''}annen offentlig støtte dere har fått til de samme kostnadene, ville tilskuddet blitt mer enn det høyeste regelverket tillater` +
        (f.maxAidNok === undefined ? '.' : `, ${nok(f.maxAidNok)}.`),
      missing: (f) => `Vi kan ikke vurdere annen offentlig støtte dere har fått til de samme kostnadene.${lacking(f)}`,
    },
    'THR-01': {
      title: 'Beløpsgrensen for melding til ESA',
      pass: () => 'Tilskuddet er under beløpsgrensen for støtte som må godkjennes av EFTAs overvåkingsorgan (ESA) før den kan gis.',
      refer: (f) =>
        `Beløpet er over grensen for støtte som kan gis uten godkjenning fra EFTAs overvåkingsorgan (ESA)` +
        (f.notificationThresholdEur === undefined
          ? ''
          : `, som er ${letterEur('nb', f.notificationThresholdEur)} per bedrift per prosjekt`) +
        '. Slik støtte kan ikke gis gjennom denne ordningen.',
      missing: () =>
        'Vi kan ikke vurdere beløpsgrensen for støtte som må godkjennes av EFTAs overvåkingsorgan (ESA), fordi beløpet mangler.',
    },
    'TRN-01': {
      title: 'Offentliggjøring av støtten',
      missing: () => 'Vi kan ikke avgjøre om støtten skal offentliggjøres, fordi beløpet mangler.',
    },
  },
  ruleAtOutcome: {
    pass: 'Kravet er oppfylt.',
    fail: 'Kravet er ikke oppfylt.',
    missing: 'Vi mangler opplysninger for å vurdere dette.',
    refer: 'Dette kan ikke avgjøres gjennom denne ordningen.',
    assess: 'Dette må vurderes nærmere.',
  },
  sizeClass: SIZE,
  missingInfo: MISSING,
  criteria: {
    'J-INNO-01': {
      title: 'Prosessinnovasjon eller organisasjonsinnovasjon',
      pass: 'Prosjektet er prosessinnovasjon eller organisasjonsinnovasjon: dere tar i bruk nye eller klart bedre måter å produsere, levere eller organisere arbeidet på.',
      fail: 'Vi mener prosjektet ikke er prosessinnovasjon eller organisasjonsinnovasjon slik regelverket definerer det. Mindre endringer, vanlig utskifting eller utvidelse av utstyr, tilpasning til enkeltkunder og endringer som bare følger av priser eller sesonger, regnes ikke som innovasjon.',
    },
    'J-INNO-02': {
      title: 'Nytt for bedriften og et betydelig løft',
      pass: 'De nye prosessene eller metodene skiller seg klart fra det dere har gjort før, og prosjektet er et betydelig løft for bedriften.',
      fail: 'Vi mener de nye prosessene eller metodene ikke skiller seg klart nok fra det dere gjør i dag, eller at prosjektet ikke er et betydelig løft for bedriften.',
    },
    'J-INNO-03': {
      title: 'Det ordningen ikke støtter',
      pass: 'Prosjektet er ikke av en type som ordningen holder utenfor, som rutinemessige forbedringer, nye datasystemer som ikke er del av en prosessinnovasjon, eller utskifting av enkeltmaskiner.',
      fail: 'Prosjektet er av en type som ordningen ikke støtter: for eksempel rutinemessige forbedringer som LEAN, mindre endringer i produksjonen, nye datasystemer eller lagerstyringssystemer som ikke er del av en prosessinnovasjon, eller nytt eller utskiftet enkeltutstyr.',
    },
    'J-COMP-01': {
      title: 'Konkurransekraft',
      pass: 'Prosjektet vil styrke bedriftens konkurransekraft.',
      fail: 'Vi mener prosjektet ikke vil styrke bedriftens konkurransekraft nok.',
    },
    'J-COMP-02': {
      title: 'Konkurransen mellom norske bedrifter',
      pass: 'Støtten gir ikke bedriften en urimelig fordel i konkurransen med andre norske bedrifter.',
      fail: 'Vi mener støtten ville gitt bedriften en urimelig fordel i konkurransen med andre norske bedrifter.',
    },
    'J-NEED-01': {
      title: 'Behovet for støtte',
      pass: 'Støtten er nødvendig for prosjektet, og den er ikke større enn det som trengs.',
      fail: 'Vi mener støtten ikke er nødvendig for at prosjektet blir gjennomført.',
    },
    'J-FEAS-01': {
      title: 'Evnen til å gjennomføre prosjektet',
      pass: 'Bedriften har økonomi, kompetanse og organisasjon til å gjennomføre prosjektet.',
      fail: 'Vi mener bedriften ikke har den økonomien, kompetansen eller organisasjonen som trengs for å gjennomføre prosjektet.',
    },
    'J-COST-01': {
      title: 'Kostnadsoverslaget',
      pass: 'Kostnadene er realistiske: timer, timesatser, bruksandeler og priser er rimelige.',
      fail: 'Vi mener kostnadene ikke er realistiske, for eksempel timer, timesatser, bruksandeler eller priser.',
    },
    'J-LRG-01': {
      title: 'Støtte til et stort foretak',
      pass: 'Store foretak får bare støtte unntaksvis. Vi mener samarbeidet med små og mellomstore bedrifter i prosjektet er reelt og virkningsfullt, og at prosjektet er et slikt unntak.',
      fail: 'Store foretak får bare støtte unntaksvis. Vi mener prosjektet ikke er et slikt unntak, eller at samarbeidet med små og mellomstore bedrifter ikke er reelt nok.',
    },
    'J-CIRC-01': {
      title: 'Omstilling til en sirkulær forretningsmodell',
      pass: 'Prosjektet gjelder omstilling til en sirkulær forretningsmodell, og vi mener det hører hjemme i denne ordningen.',
      fail: 'Prosjektet gjelder omstilling til en sirkulær forretningsmodell, og vi mener det hører hjemme i miljøteknologiordningen, ikke i denne ordningen.',
    },
  },
  priority: {
    title: 'Prioritering innenfor årets budsjett',
    text: 'Vi har ikke penger til å støtte alle søknadene vi har fått i år, og vi har prioritert andre søknader foran denne innenfor årets budsjett.',
    reasonLabel: 'Vår vurdering:',
  },
  reduction: {
    title: 'Hvorfor tilskuddet er lavere enn det høyeste vi kunne gi',
    text: (max, amount) =>
      `Etter regelverket kunne vi gitt inntil ${nok(max)}. Vi skal ikke gi mer støtte enn prosjektet trenger, og vi mener ` +
      (amount === null ? 'et lavere beløp er nok.' : `${nok(amount)} er nok.`),
    reasonLabel: 'Vår vurdering:',
  },

  refusedCosts: {
    heading: 'Kostnader vi ikke har godkjent',
    intro: 'Vi har satt ned eller ikke godkjent disse kostnadene. Beløpene er uten merverdiavgift.',
    cost: 'Kostnad',
    claimed: 'Søkt',
    approved: 'Godkjent',
    notApproved: 'Ikke godkjent',
    total: 'Sum',
    reasonLabel: 'Begrunnelse:',
    noReason: 'Vi har ikke godkjent hele beløpet.',
  },
  costReasons: {
    'COST-01':
      'Ordningen dekker bare personalkostnader, konsulenttjenester, utstyr og immaterielle rettigheter, og denne kostnaden hører ikke til noen av dem.',
    'COST-02': 'Vi har godkjent antall timer ganger timesatsen dere oppga. Beløpet dere førte opp, var høyere.',
    'COST-03': 'Utstyr dekkes bare for den tiden og den andelen det brukes i prosjektet, som avskrivning eller leie.',
    'COST-04': 'Kostnaden kom før vi mottok søknaden. Vi kan bare dekke kostnader fra etter at søknaden kom inn.',
    'COST-05': 'Kjøpet er fra et foretak dere samarbeider med eller er knyttet til. Vi godkjenner bare det som svarer til markedspris.',
    'COST-06':
      'Kostnaden gjelder noe ordningen ikke støtter for seg selv, som et nytt datasystem, rutinemessige forbedringer, lagerstyring eller utskifting av enkeltmaskiner.',
    ASSESSMENT: 'Vi har vurdert kostnaden og godkjent et lavere beløp.',
  },

  legalBasis: {
    heading: 'Rettslig grunnlag',
    text: {
      grant:
        'Vedtaket er gjort etter forskrift om unntak fra notifikasjonsplikt for offentlig støtte, som gjør Kommisjonsforordning (EU) nr. 651/2014 (det alminnelige gruppeunntaket, GBER) til norsk rett. ' +
        'Tilskuddet er gitt etter forordningens artikkel 29 om støtte til prosessinnovasjon og organisasjonsinnovasjon, og etter reglene for ordningen for tilskudd til prosess- og organisasjonsinnovasjon. ' +
        'Støtte som oppfyller vilkårene i gruppeunntaket, trenger ikke godkjennes av EFTAs overvåkingsorgan (ESA) på forhånd.',
      rejection:
        'Vi har vurdert søknaden etter forskrift om unntak fra notifikasjonsplikt for offentlig støtte, som gjør Kommisjonsforordning (EU) nr. 651/2014 (det alminnelige gruppeunntaket, GBER) til norsk rett, ' +
        'etter forordningens artikkel 29 om støtte til prosessinnovasjon og organisasjonsinnovasjon, og etter reglene for ordningen for tilskudd til prosess- og organisasjonsinnovasjon.',
    },
  },

  conditions: { heading: 'Vilkår for tilskuddet', intro: 'Tilskuddet gis på disse vilkårene:' },
  condition: {
    ACCEPT: {
      title: 'Dere må akseptere tilskuddet',
      text: (c) =>
        `Dere må akseptere tilskuddet skriftlig ${c.dates ? `innen ${date(c.dates.acceptBy)}, fire uker etter datoen på dette brevet` : 'innen fire uker etter datoen på dette brevet'}. ` +
        'Har vi ikke fått aksepten innen fristen, faller tilskuddet bort.',
    },
    PAYMENT: {
      title: 'Utbetaling',
      text: (c) =>
        'Vi betaler ut tilskuddet i takt med de støtteberettigede kostnadene dere dokumenterer, i samme forhold som tilskuddet står til de godkjente kostnadene. ' +
        `Minst ${pct(c.heldBackPct)} av tilskuddet, det vil si ${nok(c.heldBackNok)} av ${nok(c.amountNok)}, holder vi tilbake til vi har godkjent sluttrapporten og prosjektregnskapet.`,
    },
    'REPORT-FINAL': {
      title: 'Sluttrapport',
      text: (c) =>
        `Dere må sende oss en sluttrapport med prosjektregnskap ${c.dates ? `innen ${date(c.dates.finalReportBy)}` : 'innen tre måneder etter at prosjektet er slutt'}. ` +
        `Prosjektet slutter ${date(c.projectEndDate)}.`,
    },
    'RECORDS-CONTROL': {
      title: 'Dokumentasjon og kontroll',
      text: (c) =>
        'Dere må ta vare på dokumentasjonen for prosjektet og kostnadene i ti år etter at tilskuddet er gitt. ' +
        `${c.agency} og Riksrevisjonen kan kontrollere at tilskuddet brukes slik det er forutsatt, og dere må gi oss tilgang til dokumentasjonen.`,
    },
    RECOVERY: {
      title: 'Reduksjon og tilbakebetaling',
      text: () =>
        'Vi kan sette ned tilskuddet eller kreve det betalt tilbake med renter hvis dere bryter vilkårene, hvis opplysningene dere har gitt oss var uriktige, eller hvis støtten blir funnet ulovlig.',
    },
    LAPSE: {
      title: 'Når tilskuddet faller bort',
      text: (c) =>
        `Har vi ikke fått sluttrapporten ${c.dates ? `innen ${date(c.dates.lapsesOn)}, seks måneder etter at prosjektet slutter` : 'innen seks måneder etter at prosjektet slutter'}, ` +
        'faller tilskuddet bort, også den delen som ikke er utbetalt.',
    },
    AUDITOR: {
      title: 'Revisorbekreftelse',
      text: () => 'Prosjektregnskapet dere sender med sluttrapporten, må være bekreftet av en revisor.',
    },
    CHANGES: {
      title: 'Endringer i prosjektet',
      text: () => 'Vesentlige endringer i prosjektet må dere melde til oss og få godkjent før dere gjør dem.',
    },
  },

  register: {
    heading: 'Offentliggjøring av støtten',
    text:
      'Opplysninger om tildelingen, blant annet navnet på bedriften, beløpet og formålet, blir publisert i Registeret for offentlig støtte innen seks måneder etter vedtaket, ' +
      'jf. støtteprosessloven § 7 og GBER artikkel 9 nr. 1 bokstav c.',
  },

  appeal: {
    heading: 'Klageadgang',
    text: (agency, address, body) => [
      'Dere kan klage på vedtaket. Klagefristen er tre uker fra dere mottok dette brevet, jf. forvaltningsloven §§ 28-29. ' +
        `Klagen sendes til ${agency}, ${address}. Den må være skriftlig, vise til vedtaket og si hvilken endring dere ønsker, og den bør begrunnes.`,
      `Dersom vi ikke endrer vedtaket selv, sender vi klagen til ${body ?? 'klageinstansen'}, som avgjør den. ` +
        'Dere har rett til å se dokumentene i saken, jf. forvaltningsloven §§ 18 og 19.',
    ],
  },

  regards: 'Med vennlig hilsen',
  approver: 'Vedtak fattet av',
  caseworker: 'Saksbehandler',
  approvedElectronically: 'Dokumentet er godkjent elektronisk og har derfor ingen håndskrevne signaturer.',

  draft: {
    mark: 'UTKAST – ikke et vedtak',
    watermark: 'UTKAST',
    notice: 'Dette er et utkast. Saken er ikke avgjort ennå, og brevet er ikke et vedtak.',
    notDecided: 'Ikke avgjort ennå',
    notApproved: 'Utkast: dokumentet er ikke godkjent og er ikke sendt.',
  },
};
