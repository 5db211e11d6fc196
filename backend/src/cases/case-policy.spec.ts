import type { Actor } from '../auth/actor';
import { allowedActions, CaseParties, refusal } from './case-policy';
import type { CaseStatus } from './case-status';

const person = (id: string, ...roles: Actor['roles']): Actor => ({ id, username: id, displayName: id, roles });
const KARI = person('kari', 'caseworker');
const OLA = person('ola', 'caseworker');
const INGRID = person('ingrid', 'caseworker', 'approver');
const LEDER = person('leder', 'manager', 'approver');
const PORTAL = person('portal', 'intake');

const unassigned = (status: CaseStatus = 'received'): CaseParties => ({
  status,
  assigneeId: null,
  assigneeUsername: null,
  recommendedBy: null,
  participants: [],
});
const karis = (status: CaseStatus, recommendedBy: string | null = null): CaseParties => ({
  status,
  assigneeId: 'kari',
  assigneeUsername: 'kari',
  recommendedBy,
  participants: recommendedBy ? [recommendedBy] : [],
});
const sorted = (actions: string[]) => [...actions].sort();

describe('the permission policy, as the console is offered it', () => {
  it('lets a caseworker take an unassigned case and write notes, and nothing else', () => {
    expect(sorted(allowedActions(KARI, unassigned()))).toEqual(['note', 'take']);
    expect(allowedActions(PORTAL, unassigned())).toEqual([]);
  });

  it("follows the case's status for its caseworker", () => {
    const documents = ['add-document', 'mark-document-in-error'];
    expect(sorted(allowedActions(KARI, karis('received')))).toEqual(sorted([...documents, 'assess', 'note', 'start-review', 'withdraw']));
    expect(sorted(allowedActions(KARI, karis('in_review')))).toEqual(
      sorted([...documents, 'assess', 'note', 'recommend', 'request-information', 'withdraw']),
    );
    expect(sorted(allowedActions(KARI, karis('awaiting_applicant')))).toEqual(
      sorted([...documents, 'assess', 'note', 'resume-review', 'withdraw']),
    );
    // A recommended case waits for an approver: only a manager takes it back by withdrawing it.
    expect(sorted(allowedActions(KARI, karis('recommended', 'kari')))).toEqual(sorted([...documents, 'note']));
    expect(allowedActions(LEDER, karis('recommended', 'kari'))).toContain('withdraw');
    expect(allowedActions(KARI, karis('decided'))).toEqual([]);
    expect(allowedActions(KARI, karis('withdrawn'))).toEqual([]);
  });

  it('lets the portal add documents and answer requests for the applicant, offering it nothing (it reads no case)', () => {
    expect(allowedActions(PORTAL, karis('in_review'))).toEqual([]);
    expect(refusal('add-document', PORTAL, karis('received'))).toBeNull();
    expect(refusal('reply-to-request', PORTAL, karis('awaiting_applicant'))).toBeNull();
    expect(refusal('reply-to-request', KARI, karis('awaiting_applicant'))?.code).toBe('not-allowed');
    expect(refusal('add-document', OLA, karis('in_review'))?.code).toBe('not-assigned');
    expect(refusal('add-document', LEDER, karis('in_review'))?.code).toBe('not-allowed');
    expect(refusal('add-document', PORTAL, karis('decided'))?.code).toBe('case-closed');
  });

  it("gives another caseworker no say over Kari's case", () => {
    expect(allowedActions(OLA, karis('in_review'))).toEqual(['note']);
  });

  it('lets an approver decide a recommended case, unless they recommended it', () => {
    expect(allowedActions(INGRID, karis('recommended', 'kari'))).toContain('decide');
    expect(allowedActions(LEDER, karis('recommended', 'kari'))).toContain('decide');
    expect(allowedActions(KARI, karis('recommended', 'kari'))).not.toContain('decide');
    const ingridsOwn: CaseParties = {
      status: 'recommended',
      assigneeId: 'ingrid',
      assigneeUsername: 'ingrid',
      recommendedBy: 'ingrid',
      participants: ['ingrid'],
    };
    expect(allowedActions(INGRID, ingridsOwn)).not.toContain('decide');
    // Leder recorded a judgment on Kari's case once: she took part, so she may never decide it.
    expect(allowedActions(LEDER, { ...karis('recommended', 'kari'), participants: ['kari', 'leder'] })).not.toContain('decide');
  });

  it('lets a manager assign and withdraw open cases', () => {
    expect(sorted(allowedActions(LEDER, unassigned()))).toEqual(['assign', 'mark-document-in-error', 'note', 'withdraw']);
    expect(allowedActions(LEDER, unassigned('withdrawn'))).toEqual([]);
  });
});

describe('the permission policy, as it refuses', () => {
  const code = (p: ReturnType<typeof refusal>) => (p ? `${p.getStatus()} ${p.code}` : null);

  it('says the case is closed before it says who may', () => {
    expect(code(refusal('assess', OLA, karis('decided')))).toBe('409 case-closed');
    expect(code(refusal('note', LEDER, karis('withdrawn')))).toBe('409 case-closed');
  });

  it('names the status change asked for when the status does not allow it', () => {
    const p = refusal('decide', LEDER, karis('in_review'), 'decided');
    expect(code(p)).toBe('409 illegal-transition');
    expect(p?.extensions).toEqual({ currentStatus: 'in_review', requestedStatus: 'decided' });
    expect(code(refusal('assess', KARI, karis('recommended', 'kari')))).toBe('409 wrong-status');
  });

  it('tells the wrong person why: not assigned, four-eyes, already taken', () => {
    expect(code(refusal('assess', OLA, karis('in_review')))).toBe('403 not-assigned');
    expect(refusal('assess', OLA, karis('in_review'))?.detail).toBe('The case is assigned to kari');
    expect(code(refusal('decide', INGRID, { ...karis('recommended'), recommendedBy: 'ingrid', participants: ['ingrid'] }))).toBe(
      '403 four-eyes',
    );
    expect(code(refusal('decide', LEDER, { ...karis('recommended', 'kari'), participants: ['kari', 'leder'] }))).toBe('403 four-eyes');
    expect(code(refusal('decide', KARI, karis('recommended', 'ingrid')))).toBe('403 not-allowed');
    expect(code(refusal('take', OLA, karis('in_review')))).toBe('409 already-assigned');
    expect(refusal('take', KARI, karis('in_review'))).toBeNull();
  });
});
