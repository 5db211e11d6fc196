import { Role } from '../api/models';

/** Who sees the background jobs: the office's managers and the administrators (GET /api/admin/jobs). */
export const JOB_ROLES: readonly Role[] = ['manager', 'admin'];

/** The jobs the console has words for; any other is shown by the server's description. */
export const KNOWN_JOBS = [
  'late-reply',
  'preliminary-reply',
  'portal-delivery',
  'deadline-soon',
] as const;

/** The translation key of a job's name (jobs.kinds.<name>), or null for a job the console has no words for. */
export function jobLabelKey(name: string): string | null {
  return (KNOWN_JOBS as readonly string[]).includes(name) ? `jobs.kinds.${name}` : null;
}
