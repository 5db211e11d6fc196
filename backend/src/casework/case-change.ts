import { HttpStatus } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../auth/actor';
import { Problem } from '../common/problem';
import { updateReturning } from '../common/sql';
import type { ApplicationStatus } from '../applications/application.entity';

/**
 * The case's status, or 404 when there is no such case: the one cheap check for reads and writes
 * that need the case to exist but not its contents.
 */
export async function caseStatus(source: DataSource | EntityManager, id: string): Promise<ApplicationStatus> {
  const [row] = await source.query(`SELECT status FROM application WHERE id = $1`, [id]);
  if (!row) throw Problem.notFound('Application', id);
  return row.status;
}

export interface LockedCase {
  id: string;
  status: ApplicationStatus;
  version: number;
  assigneeId: string | null;
  assigneeUsername: string | null;
}

export interface ChangeRules {
  /** The caller must be the case's caseworker. */
  assignedOnly?: boolean;
  /** Statuses in which the change is allowed. */
  statuses?: ApplicationStatus[];
}

/**
 * Locks the case row for the rest of the transaction, checks the version the
 * client saw (409 on a stale one), who may change it and in which status.
 */
export async function lockCase(
  manager: EntityManager,
  id: string,
  actor: Actor,
  expectedVersion: number | undefined,
  rules: ChangeRules = {},
): Promise<LockedCase> {
  const [row] = await manager.query(
    `SELECT a.id, a.status, a.version, a.assignee_id, u.username AS assignee_username
       FROM application a LEFT JOIN app_user u ON u.id = a.assignee_id
      WHERE a.id = $1 FOR UPDATE OF a`,
    [id],
  );
  if (!row) throw Problem.notFound('Application', id);
  const locked: LockedCase = {
    id: row.id,
    status: row.status,
    version: row.version,
    assigneeId: row.assignee_id,
    assigneeUsername: row.assignee_username,
  };
  if (expectedVersion !== undefined && expectedVersion !== locked.version) {
    throw Problem.staleVersion(expectedVersion, locked.version);
  }
  if (rules.statuses && !rules.statuses.includes(locked.status)) {
    throw new Problem(
      HttpStatus.CONFLICT,
      locked.status === 'decided' ? 'case-decided' : 'wrong-status',
      locked.status === 'decided' ? 'The case is decided and can no longer change' : 'Not possible in the case’s current status',
      `The case is ${locked.status}; this is possible only when it is ${rules.statuses.join(' or ')}`,
      { currentStatus: locked.status },
    );
  }
  if (rules.assignedOnly && locked.assigneeId !== actor.id) {
    throw new Problem(
      HttpStatus.FORBIDDEN,
      'not-assigned',
      'Only the case’s caseworker can do this',
      locked.assigneeUsername ? `The case is assigned to ${locked.assigneeUsername}` : 'Take the case first',
    );
  }
  return locked;
}

/** Bumps the version after a change; returns the new version. */
export async function bumpVersion(manager: EntityManager, id: string): Promise<number> {
  const [row] = await updateReturning<{ version: number }>(
    manager,
    `UPDATE application SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
    [id],
  );
  return row.version;
}

/** The expected version from the body, or from an `If-Match` header (`"3"` or `3`). */
export function expectedVersion(bodyVersion: number | undefined, ifMatch: string | undefined): number | undefined {
  if (bodyVersion !== undefined) return bodyVersion;
  if (!ifMatch) return undefined;
  const n = Number(ifMatch.replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(n) || n < 1) {
    throw Problem.validation([{ path: 'If-Match', message: 'must be the case version, e.g. "3"' }]);
  }
  return n;
}

/** Where the caseworker's assessment of a case may still change (until the recommendation). */
export const ASSESSABLE: ApplicationStatus[] = ['received', 'in_review', 'awaiting_applicant'];
