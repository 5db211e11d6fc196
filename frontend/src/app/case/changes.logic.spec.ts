import { caseDetail, evaluation } from '../../testing/fixtures';
import { CaseView } from '../core/api/models';
import { CaseChange, RecommendationRecord } from '../core/api/workflow.models';
import { ChangeContext, describeChange, namesOf } from './changes.logic';

const TEXTS: Record<string, string> = {
  'outcome.pass': 'Oppfylt',
  'outcome.fail': 'Ikke oppfylt',
  'changes.notJudged': 'Ikke vurdert',
  'changes.asComputed': 'Som beregnet (ikke satt)',
  'status.in_review': 'Under behandling',
  'status.recommended': 'Innstilt',
  'recommendation.grant': 'Innvilge',
  'changes.fields.status': 'Status',
  'financials.turnoverNok': 'Omsetning',
};

function translate(key: string, params?: Record<string, unknown>): string {
  if (key === 'notes.anchor.costLine')
    return `Kostnadslinje ${params?.['no']}: ${params?.['description']}`;
  return TEXTS[key] ?? key;
}

function change(overrides: Partial<CaseChange>): CaseChange {
  return {
    kind: 'judgment',
    actor: 'kari',
    at: '2026-03-11T12:00:00Z',
    ref: null,
    before: null,
    after: null,
    ...overrides,
  };
}

describe('changes since a return, as the approver reads them', () => {
  const detail = caseDetail({
    judgments: [
      {
        criterionId: 'J-INNO-01',
        outcome: 'pass',
        rationale: 'x',
        recordedAt: '2026-03-11T12:00:00Z',
        recordedBy: 'kari',
        recordedByName: 'Kari Nordmann',
        revision: 2,
      },
    ],
  } as Partial<CaseView>);
  const ctx: ChangeContext = {
    detail,
    evaluation: evaluation(),
    lang: 'nb',
    translate,
    names: namesOf(detail, [
      {
        recommendedBy: 'kari',
        recommendedByName: 'Kari Nordmann',
        returned: { by: 'ingrid', byName: 'Ingrid Berg' },
      } as RecommendationRecord,
    ]),
  };

  it('knows people by display name: the judgments, the recommendations and the return', () => {
    expect(ctx.names.get('kari')).toBe('Kari Nordmann');
    expect(ctx.names.get('ingrid')).toBe('Ingrid Berg');
  });

  it('writes a judgment as its outcome and rationale, with its title and who made it', () => {
    const shown = describeChange(
      change({
        ref: 'J-INNO-01',
        before: { outcome: 'pass', rationale: 'Kort.' },
        after: { outcome: 'fail', rationale: 'Ikke nytt nok.' },
      }),
      ctx,
    );
    expect(shown).toMatchObject({
      what: 'J-INNO-01 Innovasjon',
      before: 'Oppfylt: Kort.',
      after: 'Ikke oppfylt: Ikke nytt nok.',
      by: 'Kari Nordmann',
    });
    expect(
      describeChange(change({ ref: 'J-INNO-01', before: null, after: { outcome: 'pass' } }), ctx)
        .before,
    ).toBe('–');
  });

  it('writes an assessment as an amount in kroner with its reason, or as computed when cleared', () => {
    const line = detail.costLines[0];
    const shown = describeChange(
      change({
        kind: 'assessment',
        ref: line.id,
        before: { approvedAmountNok: null, reason: null },
        after: { approvedAmountNok: 400000, reason: 'Bare analysen' },
      }),
      ctx,
    );
    expect(shown.what).toBe(`Kostnadslinje ${line.lineNo}: ${line.description}`);
    expect(shown.before).toBe('Som beregnet (ikke satt)');
    expect(shown.after.replace(/\s/g, ' ')).toBe('400 000 kr (Bare analysen)');
  });

  it('writes a corrected fact with its label and value, and a recommendation in words', () => {
    const fact = describeChange(
      change({
        kind: 'correction',
        ref: 'applicant.financials[0].turnoverNok',
        before: { value: 1000 },
        after: { value: 2000 },
      }),
      ctx,
    );
    expect(fact.what).toMatch(/^Omsetning/);
    expect(fact.after.replace(/\s/g, ' ')).toBe('2 000 kr');
    const rec = describeChange(
      change({
        kind: 'recommendation',
        before: { status: 'in_review' },
        after: {
          status: 'recommended',
          outcome: 'grant',
          amountNok: 1250000,
          justification: 'lang tekst',
        },
      }),
      ctx,
    );
    expect(rec.before).toBe('Under behandling');
    expect(rec.after.replace(/\s/g, ' ')).toBe('Innstilt, Innvilge, 1 250 000 kr');
  });

  it('falls back to labelled plain fields for anything else, never nested objects or ids', () => {
    const other = describeChange(
      change({
        kind: 'other',
        actor: 'ukjent',
        before: { status: 'in_review', caseId: 'x', nested: { a: 1 } },
      }),
      ctx,
    );
    expect(other.before).toBe('Status: Under behandling');
    expect(other.by).toBe('ukjent');
  });
});
