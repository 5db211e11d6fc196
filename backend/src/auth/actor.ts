import type { Role } from './roles';

/** Who is acting: the authenticated user, or the system for background work. */
export interface Actor {
  id: string | null;
  username: string;
  displayName: string;
  roles: Role[];
}

export const SYSTEM_ACTOR: Actor = { id: null, username: 'system', displayName: 'System', roles: [] };

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}
