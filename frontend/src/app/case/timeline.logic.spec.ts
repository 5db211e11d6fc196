import { TimelineEvent } from '../core/api/workflow.models';
import {
  FormatContext,
  fieldChanges,
  foldReevaluations,
  formatValue,
  orderRows,
  otherFacts,
  readOrder,
  revisionsOf,
} from './timeline.logic';

const TEXTS: Record<string, string> = {
  'timeline.fields.approvedAmountNok': 'Godkjent beløp',
  'timeline.fields.reason': 'Begrunnelse',
  'timeline.fields.outcome': 'Utfall',
  'timeline.fields.lineNo': 'Linje',
  'timeline.fields.status': 'Status',
  'timeline.fields.assignee': 'Saksbehandler',
  'outcome.pass': 'Oppfylt',
  'outcome.fail': 'Ikke oppfylt',
  'status.in_review': 'Under behandling',
  'status.received': 'Mottatt',
  'timeline.yes': 'Ja',
  'timeline.no': 'Nei',
};

function ctx(lang: 'nb' | 'en' = 'nb'): FormatContext {
  return {
    lang,
    translate: (key) => TEXTS[key] ?? key,
    name: (u) => (u === 'kari' ? 'Kari Nordmann' : u),
  };
}

let nextId = 1;
function ev(kind: string, data: Record<string, unknown>, actor = 'kari'): TimelineEvent {
  return {
    id: nextId++,
    kind,
    actor,
    actorName: actor,
    occurredAt: '2026-03-11T12:00:00Z',
    summary: { nb: kind, en: kind },
    data,
  } as unknown as TimelineEvent;
}

describe('foldReevaluations', () => {
  it('folds the rulebook run after a change into that change, and keeps intake runs as rows', () => {
    const intake = ev('intake', { after: { reference: 'TS-1' } }, 'portal');
    const first = ev('evaluation', { reason: 'intake' }, 'portal');
    const judgment = ev('judgment', { criterionId: 'J-1', after: { outcome: 'pass' } });
    const rerun = ev('evaluation', { reason: 'change' });
    const assessment = ev('assessment', { lineNo: 1, after: { approvedAmountNok: 100 } });
    const rerun2 = ev('evaluation', { reason: 'change' });
    const rows = foldReevaluations([intake, first, judgment, rerun, assessment, rerun2]);
    expect(rows.map((r) => r.event.id)).toEqual([intake.id, first.id, judgment.id, assessment.id]);
    expect(rows[2].reevaluation).toBe(rerun);
    expect(rows[3].reevaluation).toBe(rerun2);
    expect(rows[1].reevaluation).toBeNull();
  });

  it('keeps a re-evaluation by someone else, or a second one, as a row of its own', () => {
    const judgment = ev('judgment', { criterionId: 'J-1' });
    const other = ev('evaluation', { reason: 'change' }, 'ola');
    const again = ev('evaluation', { reason: 'change' }, 'ola');
    expect(foldReevaluations([judgment, other, again])).toHaveLength(3);
  });

  it('orders newest first or oldest first, newest by default', () => {
    const rows = [1, 2, 3];
    expect(orderRows(rows, 'newest')).toEqual([3, 2, 1]);
    expect(orderRows(rows, 'oldest')).toEqual([1, 2, 3]);
    expect(readOrder(null)).toBe('newest');
    expect(readOrder('oldest')).toBe('oldest');
    expect(readOrder('junk')).toBe('newest');
  });
});

describe('formatting the history', () => {
  it('writes amounts in kroner in each language', () => {
    expect(formatValue('approvedAmountNok', 1250000, ctx('nb'))).toBe(
      '1\u00a0250\u00a0000\u00a0kr',
    );
    expect(formatValue('amountNok', 1250000, ctx('en'))).toBe('NOK\u00a01,250,000');
  });

  it('names people, words codes and never writes JSON', () => {
    expect(formatValue('assignee', 'kari', ctx())).toBe('Kari Nordmann');
    expect(formatValue('status', 'in_review', ctx())).toBe('Under behandling');
    expect(formatValue('outcome', 'fail', ctx())).toBe('Ikke oppfylt');
    const nested = formatValue('after', { flags: { fail: 1 }, list: ['a', 'b'], ok: true }, ctx());
    expect(nested).not.toMatch(/[{}"[\]]/);
    expect(nested).toContain('Ja');
    expect(formatValue('x', null, ctx())).toBe('–');
  });

  it('lists the changed fields with labels, before → after', () => {
    const e = ev('assessment', {
      costLineId: 'abc',
      lineNo: 2,
      claimedNok: 500000,
      before: { approvedAmountNok: null, reason: null },
      after: { approvedAmountNok: 400000, reason: 'For høyt' },
    });
    expect(fieldChanges(e, ctx())).toEqual([
      {
        field: 'approvedAmountNok',
        label: 'Godkjent beløp',
        before: '–',
        after: '400\u00a0000\u00a0kr',
      },
      { field: 'reason', label: 'Begrunnelse', before: '–', after: 'For høyt' },
    ]);
    const facts = otherFacts(e, ctx());
    expect(facts.map((f) => f.field)).toEqual(['lineNo', 'claimedNok']);
    expect(facts[1].value).toBe('500\u00a0000\u00a0kr');
  });

  it('leaves out unchanged fields and shows a first value without a before', () => {
    const e = ev('judgment', {
      criterionId: 'J-1',
      before: null,
      after: { outcome: 'pass', rationale: 'OK' },
    });
    expect(fieldChanges(e, ctx())[0]).toEqual({
      field: 'outcome',
      label: 'Utfall',
      before: null,
      after: 'Oppfylt',
    });
    const same = ev('status', {
      before: { status: 'received', note: 'x' },
      after: { status: 'in_review', note: 'x' },
    });
    expect(fieldChanges(same, ctx()).map((c) => c.field)).toEqual(['status']);
  });

  it('finds the revisions of one cost line and one judgment', () => {
    const a1 = ev('assessment', { costLineId: 'l1' });
    const a2 = ev('assessment', { costLineId: 'l2' });
    const j1 = ev('judgment', { criterionId: 'J-1' });
    const all = [a1, a2, j1];
    expect(revisionsOf(all, { kind: 'assessment', costLineId: 'l1' })).toEqual([a1]);
    expect(revisionsOf(all, { kind: 'judgment', criterionId: 'J-1' })).toEqual([j1]);
  });
});
