import { INGRID, KARI, LEDER, caseDetail, myCase } from '../../testing/fixtures';
import { User } from '../core/api/models';
import { allowedActions, assessmentBlock } from './allowed-actions';

const OLA: User = { username: 'ola', displayName: 'Ola Nordmann', roles: ['caseworker'] };
const sorted = (set: ReadonlySet<string>) => [...set].sort();

describe('Allowed actions on a case', () => {
  it('are what the server says, when it says', () => {
    const detail = myCase({ allowedActions: ['resume-review', 'note'] });
    expect(sorted(allowedActions(detail, KARI))).toEqual(['note', 'resume-review']);
    // Even an empty list from the server wins over the local rules.
    expect(sorted(allowedActions(myCase({ allowedActions: [] }), KARI))).toEqual([]);
  });

  it('let a caseworker take an unassigned case, and nothing else', () => {
    expect(sorted(allowedActions(caseDetail(), KARI))).toEqual(['note', 'take']);
  });

  it("follow the case's status for its caseworker", () => {
    const assigned = { assignee: { username: 'kari', displayName: 'Kari Nordmann' } };
    expect(sorted(allowedActions(caseDetail({ ...assigned, status: 'received' }), KARI))).toEqual([
      'assess',
      'note',
      'start-review',
      'withdraw',
    ]);
    expect(sorted(allowedActions(myCase({ status: 'in_review' }), KARI))).toEqual([
      'assess',
      'note',
      'recommend',
      'request-information',
      'withdraw',
    ]);
    expect(sorted(allowedActions(myCase({ status: 'awaiting_applicant' }), KARI))).toEqual([
      'assess',
      'note',
      'resume-review',
      'withdraw',
    ]);
    expect(sorted(allowedActions(myCase({ status: 'recommended' }), KARI))).toEqual([
      'note',
      'withdraw',
    ]);
    expect(sorted(allowedActions(myCase({ status: 'decided' }), KARI))).toEqual([]);
  });

  it("give another caseworker no say over Kari's case", () => {
    expect(sorted(allowedActions(myCase(), OLA))).toEqual(['note']);
  });

  it('let an approver decide a recommended case, unless they recommended it', () => {
    const recommended = myCase({
      status: 'recommended',
      assignee: { username: 'ingrid', displayName: 'Ingrid Godkjenner' },
      recommendation: { outcome: 'grant', amountNok: 1, justification: 'x', recommendedBy: 'kari' },
    });
    expect(allowedActions(recommended, INGRID).has('decide')).toBe(true);
    expect(allowedActions(recommended, LEDER).has('decide')).toBe(true);
    expect(allowedActions(recommended, KARI).has('decide')).toBe(false);

    const own = { ...recommended, recommendation: { ...recommended.recommendation!, recommendedBy: 'ingrid' } };
    expect(allowedActions(own, INGRID).has('decide')).toBe(false);
  });

  it('let a manager assign and withdraw open cases', () => {
    expect(sorted(allowedActions(caseDetail(), LEDER))).toEqual(['assign', 'note', 'withdraw']);
    expect(sorted(allowedActions(caseDetail({ status: 'withdrawn' }), LEDER))).toEqual([]);
  });

  it('say why the assessment is read-only', () => {
    expect(assessmentBlock(myCase(), KARI)).toBeNull();
    expect(assessmentBlock(myCase(), OLA)).toBe('assessment.blocked.notAssigned');
    expect(assessmentBlock(caseDetail(), KARI)).toBe('assessment.blocked.unassigned');
    expect(assessmentBlock(myCase({ status: 'recommended' }), KARI)).toBe(
      'assessment.blocked.status',
    );
  });
});
