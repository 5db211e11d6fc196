import { isIsoDate } from '../dates';
import { formatDate, formatList } from '../format';
import { FIELD, missingField, missingText, type MissingField } from '../missing';
import { num } from '../money';
import type { RuleResult } from '../types';
import type { CaseFacts } from './facts';
import { ruleResult } from './rule-result';

/**
 * INC-01, incentive effect (GBER art. 6(2)): received strictly before the project start and
 * before the first binding commitment when one is given. Dates compare by their date in Norwegian
 * time, so an application received on the start date fails.
 */
export function inc01(f: CaseFacts): RuleResult {
  const p = f.snapshot.project ?? {};
  const received = f.receivedDate;
  const start = isIsoDate(p.startDate) ? p.startDate : null;
  const commitmentGiven = p.firstBindingCommitmentDate !== null && p.firstBindingCommitmentDate !== undefined;
  const commitment = isIsoDate(p.firstBindingCommitmentDate) ? p.firstBindingCommitmentDate : null;
  const inputs = {
    receivedAt: f.snapshot.receivedAt ?? null,
    receivedDate: received,
    startDate: p.startDate ?? null,
    firstBindingCommitmentDate: p.firstBindingCommitmentDate ?? null,
  };
  const late: { nb: string; en: string }[] = [];
  if (received && start && !(received < start)) {
    late.push({
      nb: `ikke før prosjektstart ${formatDate('nb', start)}`,
      en: `not before the project start on ${formatDate('en', start)}`,
    });
  }
  if (received && commitment && !(received < commitment)) {
    late.push({
      nb: `ikke før første bindende forpliktelse ${formatDate('nb', commitment)}`,
      en: `not before the first binding commitment on ${formatDate('en', commitment)}`,
    });
  }
  if (received && late.length) {
    return ruleResult(
      'INC-01',
      'fail',
      {
        nb: `Søknaden kom inn ${formatDate('nb', received)}, ${formatList(
          'nb',
          late.map((l) => l.nb),
        )}. Støtten har da ingen insentivvirkning.`,
        en: `The application was received on ${formatDate('en', received)}, ${formatList(
          'en',
          late.map((l) => l.en),
        )}. The aid therefore has no incentive effect.`,
      },
      inputs,
    );
  }
  const missing: MissingField[] = [];
  if (!received) missing.push(FIELD.receivedAt());
  if (!start) missing.push(FIELD.startDate());
  if (commitmentGiven && !commitment) {
    missing.push(
      missingField(
        'project.firstBindingCommitmentDate',
        'gyldig dato for første bindende forpliktelse',
        'a valid date of the first binding commitment',
      ),
    );
  }
  if (missing.length || !received || !start) return ruleResult('INC-01', 'missing', missingText(missing), inputs, missing);
  return ruleResult(
    'INC-01',
    'pass',
    {
      nb: `Søknaden kom inn ${formatDate('nb', received)}, før prosjektstart ${formatDate('nb', start)}${commitment ? ` og før første bindende forpliktelse ${formatDate('nb', commitment)}` : ''}.`,
      en: `The application was received on ${formatDate('en', received)}, before the project start on ${formatDate('en', start)}${commitment ? ` and before the first binding commitment on ${formatDate('en', commitment)}` : ''}.`,
    },
    inputs,
  );
}

function filled(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

/** INC-02, complete application (GBER art. 6(2)(a)-(e)). */
export function inc02(f: CaseFacts): RuleResult {
  const s = f.snapshot;
  const a = s.applicant ?? {};
  const p = s.project ?? {};
  const missing: MissingField[] = [];
  if (!filled(a.name)) missing.push(FIELD.applicantName());
  const sizeYear = (a.financials ?? []).some(
    (y) => y && num(y.annualWorkUnits) !== null && num(y.turnoverNok) !== null && num(y.balanceSheetNok) !== null,
  );
  if (!sizeYear) missing.push(FIELD.sizeData());
  if (!filled(p.description)) missing.push(FIELD.projectDescription());
  if (!isIsoDate(p.startDate)) missing.push(FIELD.startDate());
  if (!isIsoDate(p.endDate)) missing.push(FIELD.endDate());
  if (!filled(p.location)) missing.push(FIELD.location());
  if (!(s.costLines && s.costLines.length > 0)) missing.push(FIELD.costLines());
  if (!filled(s.aid?.instrument)) missing.push(FIELD.aidInstrument());
  const requested = num(s.aid?.requestedAmountNok);
  if (requested === null || requested <= 0) missing.push(FIELD.requestedAmount());
  const inputs = { costLineCount: s.costLines?.length ?? 0, financialYears: a.financials?.length ?? 0 };
  if (missing.length) {
    const m = missingText(missing);
    return ruleResult(
      'INC-02',
      'missing',
      { nb: `Søknaden er ikke komplett. ${m.nb}`, en: `The application is not complete. ${m.en}` },
      inputs,
      missing,
    );
  }
  return ruleResult(
    'INC-02',
    'pass',
    {
      nb: 'Søknaden er komplett: søkers navn og størrelse, prosjektbeskrivelse med start- og sluttdato, sted, kostnadsliste, støtteform og søkt beløp er oppgitt.',
      en: "The application is complete: the applicant's name and size, a project description with start and end dates, the location, a list of costs, the aid instrument and the requested amount are given.",
    },
    inputs,
  );
}
