import { withCheckDigit } from '../cases/document/org-number';
import type { IntakeCostLine, IntakeDocument } from '../cases';

/**
 * Realistic, reproducible applications for the demo and the benchmarks:
 * Norwegian company names, valid organisation numbers, a spread of sizes,
 * counties, sectors and cost lines. Seeded, so the same seed gives the same data.
 */
export class Prng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  next(): number {
    // mulberry32
    let t = (this.state += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const PREFIXES = [
  'Fjord',
  'Nord',
  'Vest',
  'Sør',
  'Øst',
  'Berg',
  'Dal',
  'Vik',
  'Lien',
  'Havs',
  'Skog',
  'Fjell',
  'Elv',
  'Strand',
  'Bryggen',
  'Nordlys',
  'Midnatt',
  'Polar',
  'Trønder',
  'Lofot',
  'Hardanger',
  'Sogn',
  'Rogaland',
  'Agder',
  'Viken',
  'Tinde',
  'Bølge',
  'Kyst',
  'Isbre',
  'Myr',
];
const STEMS = [
  'plast',
  'mek',
  'tre',
  'stål',
  'fisk',
  'data',
  'bygg',
  'energi',
  'trykk',
  'møbel',
  'glass',
  'tekstil',
  'robotikk',
  'kjemi',
  'logistikk',
  'mat',
  'sjømat',
  'elektro',
  'automasjon',
  'emballasje',
  'betong',
  'komposit',
  'metall',
  'verft',
  'maskin',
];
const SUFFIXES = [
  ' AS',
  ' AS',
  ' AS',
  ' AS',
  ' ASA',
  ' Industrier AS',
  ' Produksjon AS',
  ' Teknologi AS',
  ' Gruppen AS',
  ' & Sønner AS',
  ' SA',
];
const COUNTIES = [
  'Oslo',
  'Rogaland',
  'Møre og Romsdal',
  'Nordland',
  'Østfold',
  'Akershus',
  'Buskerud',
  'Innlandet',
  'Vestfold',
  'Telemark',
  'Agder',
  'Vestland',
  'Trøndelag',
  'Troms',
  'Finnmark',
];
const TOWNS: Record<string, string[]> = {
  Oslo: ['Oslo'],
  Rogaland: ['Stavanger', 'Sandnes', 'Haugesund'],
  'Møre og Romsdal': ['Ålesund', 'Molde', 'Kristiansund'],
  Nordland: ['Bodø', 'Mo i Rana', 'Narvik'],
  Østfold: ['Fredrikstad', 'Sarpsborg', 'Moss'],
  Akershus: ['Lillestrøm', 'Asker', 'Ski'],
  Buskerud: ['Drammen', 'Kongsberg'],
  Innlandet: ['Hamar', 'Lillehammer', 'Gjøvik'],
  Vestfold: ['Tønsberg', 'Sandefjord', 'Larvik'],
  Telemark: ['Skien', 'Porsgrunn'],
  Agder: ['Kristiansand', 'Arendal', 'Grimstad'],
  Vestland: ['Bergen', 'Førde', 'Stord'],
  Trøndelag: ['Trondheim', 'Steinkjer', 'Orkanger'],
  Troms: ['Tromsø', 'Harstad'],
  Finnmark: ['Alta', 'Hammerfest', 'Kirkenes'],
};
const NACE = [
  '22.220',
  '25.620',
  '16.230',
  '10.200',
  '28.290',
  '31.010',
  '62.010',
  '23.610',
  '20.590',
  '33.150',
  '10.130',
  '13.920',
  '01.110',
  '03.211',
  '46.690',
  '52.100',
  '27.120',
  '29.320',
];
const TITLES = [
  'Robotisert sortering og ny skiftordning',
  'Digital tvilling av produksjonslinjen',
  'Ny forretningsmodell for ombruk av emballasje',
  'Automatisert kvalitetskontroll med maskinsyn',
  'Omlegging til sirkulær produksjon av møbler',
  'Ny organisering av vedlikehold',
  'Sensorbasert styring av fôring i oppdrett',
  'Prosessinnovasjon i sveising av aluminium',
  'Selvbetjent logistikk og nye arbeidsprosesser',
  'Additiv tilvirkning av reservedeler',
  'Ny produksjonsprosess for biobasert plast',
  'Samhandlingsplattform med underleverandører',
  'Energieffektiv tørkeprosess for trevirke',
  'Prediktivt vedlikehold av fiskebåtflåten',
  'Lean-basert omlegging av lager',
  'Ny ERP-løsning for ordrehåndtering',
  'Modulbasert bygging i fabrikk',
  'Fleksibel småserieproduksjon med cobots',
];
const PERSONNEL = ['Prosjektleder', 'Prosessingeniør', 'Operatører, opplæring', 'Produksjonssjef', 'Dataingeniør', 'Kvalitetsleder'];
const CONSULTANCY = [
  'Prosessanalyse',
  'Organisasjonsutvikling',
  'Implementeringsstøtte',
  'Risikovurdering',
  'Integrasjon mot styringssystem',
];
const EQUIPMENT = ['Sorteringsrobot', 'Sensorpakke', 'Industrikamera', 'Cobot-celle', 'Måleinstrument', '3D-skriver for metall'];
const IPR = ['Lisens til styringsalgoritme', 'Patentrettigheter, prosess', 'Programvarelisens, maskinsyn'];

function orgNumber(prng: Prng): string {
  for (;;) {
    const candidate = withCheckDigit(`${prng.int(8, 9)}${String(prng.int(0, 9999999)).padStart(7, '0')}`);
    if (candidate) return candidate;
  }
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}

/** One application received at `receivedAt`. */
export function generateApplication(prng: Prng, index: number, receivedAt: Date, linesPerCase?: number): IntakeDocument {
  const size = prng.pick(['micro', 'small', 'small', 'medium', 'medium', 'large'] as const);
  const awuBase = { micro: [2, 9], small: [10, 48], medium: [50, 240], large: [260, 1200] }[size];
  const awu = prng.int(awuBase[0], awuBase[1]);
  const turnover = awu * prng.int(900_000, 2_400_000);
  const balance = Math.round(turnover * (0.4 + prng.next() * 0.6));
  const county = prng.pick(COUNTIES);
  const name = `${prng.pick(PREFIXES)}${prng.pick(STEMS)}${prng.pick(SUFFIXES)}`;
  const start = addDays(receivedAt, prng.chance(0.93) ? prng.int(14, 120) : -prng.int(1, 30));
  const end = addDays(start, prng.int(180, 720));
  const year = receivedAt.getUTCFullYear() - 1;
  const lines: IntakeCostLine[] = [];
  const lineCount = linesPerCase ?? prng.int(3, 8);
  for (let i = 0; i < lineCount; i++) {
    const kind =
      i === 0 ? 'personnel' : prng.pick(['personnel', 'consultancy', 'equipment', 'equipment', 'ipr', 'overheads', 'other'] as const);
    const incurredFrom = isoDate(addDays(start, prng.int(0, 60)));
    if (kind === 'personnel') {
      const hours = prng.int(100, 2000);
      const rate = prng.int(6, 14) * 100;
      const amount = prng.chance(0.9) ? hours * rate : hours * rate + prng.int(1, 50) * 1000;
      lines.push({
        category: 'personnel',
        description: `${prng.pick(PERSONNEL)}, ${hours} timer`,
        hours,
        hourlyRateNok: rate,
        amountNok: amount,
        incurredFrom,
      });
    } else if (kind === 'consultancy') {
      const relation = prng.chance(0.85) ? 'independent' : prng.pick(['partner', 'linked'] as const);
      lines.push({
        category: 'consultancy',
        description: prng.pick(CONSULTANCY),
        supplierName: `${prng.pick(PREFIXES)}råd AS`,
        supplierRelation: relation,
        amountNok: prng.int(5, 120) * 10_000,
        incurredFrom,
      });
    } else if (kind === 'equipment') {
      if (prng.chance(0.6)) {
        const cost = prng.int(20, 400) * 10_000;
        const life = prng.pick([36, 48, 60, 84]);
        const used = prng.int(6, 24);
        const share = prng.pick([50, 75, 100]);
        const eligible = Math.round(((cost * Math.min(used, life)) / life) * (share / 100));
        lines.push({
          category: 'equipment',
          description: `${prng.pick(EQUIPMENT)}, avskrivning`,
          basis: 'depreciation',
          acquisitionCostNok: cost,
          usefulLifeMonths: life,
          monthsUsed: used,
          projectUseSharePct: share,
          amountNok: prng.chance(0.85) ? eligible : eligible + 50_000,
          incurredFrom,
        });
      } else {
        const rent = prng.int(2, 30) * 1000;
        const months = prng.int(3, 12);
        lines.push({
          category: 'equipment',
          description: `Leie av ${prng.pick(EQUIPMENT).toLowerCase()}`,
          basis: 'rental',
          monthlyRentNok: rent,
          monthsUsed: months,
          projectUseSharePct: 100,
          amountNok: rent * months,
          incurredFrom,
        });
      }
    } else if (kind === 'ipr') {
      lines.push({
        category: 'ipr',
        description: prng.pick(IPR),
        supplierName: `${prng.pick(PREFIXES)}soft AS`,
        supplierRelation: 'independent',
        amountNok: prng.int(5, 50) * 10_000,
        incurredFrom,
      });
    } else {
      lines.push({
        category: kind,
        description: kind === 'overheads' ? 'Indirekte kostnader' : 'Reise og diverse',
        amountNok: prng.int(2, 30) * 10_000,
        incurredFrom,
      });
    }
  }
  const total = lines.reduce((s, l) => s + l.amountNok, 0);
  const intensity = size === 'large' ? 0.15 : 0.5;
  const requested = Math.max(10_000, Math.round((total * intensity * (prng.chance(0.85) ? prng.int(60, 100) / 100 : 1.2)) / 1000) * 1000);
  const shareCapital = prng.int(1, 50) * 100_000;
  const financials = [year, year - 1].slice(0, prng.chance(0.8) ? 2 : 1).map((y, k) => ({
    year: y,
    annualWorkUnits: Math.max(1, awu - k * prng.int(0, 3)),
    turnoverNok: Math.round(turnover * (1 - k * 0.05)),
    balanceSheetNok: Math.round(balance * (1 - k * 0.04)),
    shareCapitalNok: shareCapital,
    otherEquityNok: prng.chance(0.95) ? prng.int(1, 400) * 100_000 : -prng.int(1, 80) * 100_000,
    debtNok: Math.round(balance * 0.6),
    ebitdaNok: Math.round(turnover * (prng.int(2, 15) / 100)),
    interestExpenseNok: Math.round(balance * 0.02),
  }));
  const doc: IntakeDocument = {
    externalRef: `P-${receivedAt.getUTCFullYear()}-${String(index).padStart(7, '0')}`,
    receivedAt: receivedAt.toISOString(),
    applicant: {
      orgNumber: orgNumber(prng),
      name,
      companyForm: name.endsWith('ASA') ? 'ASA' : name.endsWith(' SA') ? 'SA' : 'AS',
      incorporatedOn: isoDate(addDays(receivedAt, -prng.int(200, 365 * 40))),
      naceCode: prng.pick(NACE),
      county,
      publicOwnershipPct: prng.chance(0.05) ? prng.pick([10, 25, 40]) : 0,
      financials,
      relatedEnterprises: prng.chance(0.3)
        ? [
            {
              name: `${name.replace(/ .*$/, '')} Holding AS`,
              orgNumber: orgNumber(prng),
              relation: prng.pick(['linked', 'partner'] as const),
              sharePct: prng.int(25, 100),
              annualWorkUnits: prng.int(1, 20),
              turnoverNok: prng.int(1, 40) * 1_000_000,
              balanceSheetNok: prng.int(1, 60) * 1_000_000,
            },
          ]
        : [],
      insolvencyProceedings: false,
      outstandingRescueAid: false,
      outstandingRecoveryOrder: prng.chance(0.97) ? false : undefined,
    },
    project: {
      title: prng.pick(TITLES),
      description: 'Prosjektet innfører nye produksjonsprosesser og arbeidsformer som skiller seg klart fra bedriftens tidligere praksis.',
      innovationTypes: prng.pick([['process'], ['organisational'], ['process', 'organisational']] as const) as (
        'process' | 'organisational'
      )[],
      startDate: isoDate(start),
      endDate: isoDate(end),
      firstBindingCommitmentDate: null,
      location: prng.pick(TOWNS[county]),
      circularTransition: prng.chance(0.15),
      collaborationPartners:
        size === 'large' || prng.chance(0.2)
          ? [
              {
                name: `${prng.pick(PREFIXES)}${prng.pick(STEMS)} AS`,
                orgNumber: orgNumber(prng),
                sizeClass: prng.pick(['micro', 'small', 'medium'] as const),
                eligibleCostsNok: prng.int(20, 300) * 10_000,
              },
            ]
          : [],
    },
    aid: { instrument: 'grant', requestedAmountNok: requested },
    otherPublicAid: prng.chance(0.2)
      ? [
          {
            grantor: prng.pick(['Regionalt forskningsfond', 'Fylkeskommunen', 'Enova']),
            legalBasis: 'GBER art. 25',
            amountNok: prng.int(5, 50) * 10_000,
            coversSameCosts: prng.chance(0.5),
          },
        ]
      : [],
    costLines: lines,
  };
  return doc;
}
