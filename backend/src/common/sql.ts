import { EntityManager } from 'typeorm';

/**
 * Rows of an UPDATE … RETURNING. TypeORM's PostgreSQL driver answers UPDATE
 * and DELETE with `[rows, rowCount]` but INSERT and SELECT with `rows`.
 */
export async function updateReturning<T = Record<string, any>>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result = await manager.query(sql, params);
  return (Array.isArray(result[0]) ? result[0] : result) as T[];
}
