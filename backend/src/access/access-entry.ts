import type { ReadReason } from './read-reasons';

/**
 * What the access log records (migrations/1764500000000-AccessLog.ts); role and user changes are written by triggers,
 * an administrator's retry of a job (job-retried) with the retry itself.
 */
export const ACCESS_KINDS = [
  'read',
  'login',
  'login-failed',
  'logout',
  'refused',
  'role-granted',
  'role-revoked',
  'user-created',
  'user-activated',
  'user-deactivated',
  'job-retried',
] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

/** One row of the access log, as the API records it. */
export interface AccessEntry {
  occurredAt: Date;
  kind: Extract<AccessKind, 'read' | 'login' | 'login-failed' | 'logout' | 'refused'>;
  /** Who: the signed-in user, or the name tried at a failed login; null when unknown (a 401 without a valid token). */
  username: string | null;
  why?: ReadReason | null;
  applicationId?: string | null;
  resourceId?: string | null;
  /** `METHOD /api/path/:param` of a refusal or failed login. */
  route?: string | null;
  status?: number | null;
  requestId: string | null;
  clientAddress: string | null;
}
