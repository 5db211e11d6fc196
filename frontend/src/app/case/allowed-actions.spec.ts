import { KARI, caseDetail, myCase } from '../../testing/fixtures';
import { User } from '../core/api/models';
import { allowedActions, assessmentBlock } from './allowed-actions';

const OLA: User = { username: 'ola', displayName: 'Ola Nordmann', roles: ['caseworker'] };
const sorted = (set: ReadonlySet<string>) => [...set].sort();

describe('Allowed actions on a case', () => {
  it('are what the server says, and nothing more', () => {
    const detail = myCase({ allowedActions: ['resume-review', 'note'] });
    expect(sorted(allowedActions(detail))).toEqual(['note', 'resume-review']);
    // An empty list from the server leaves nothing to do, whatever the status and roles.
    expect(sorted(allowedActions(myCase({ allowedActions: [] })))).toEqual([]);
  });

  it('say why the assessment is read-only', () => {
    expect(assessmentBlock(myCase({ allowedActions: ['assess', 'note'] }), KARI)).toBeNull();
    expect(assessmentBlock(myCase({ allowedActions: ['note'] }), OLA)).toBe(
      'assessment.blocked.notAssigned',
    );
    expect(assessmentBlock(caseDetail({ allowedActions: ['take', 'note'] }), KARI)).toBe(
      'assessment.blocked.unassigned',
    );
    expect(assessmentBlock(myCase({ status: 'recommended', allowedActions: ['note'] }), KARI)).toBe(
      'assessment.blocked.status',
    );
  });
});
