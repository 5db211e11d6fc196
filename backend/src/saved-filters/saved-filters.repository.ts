import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Db, isoUtc, query, queryOne } from '../common/sql';

export interface SavedFilterRow {
  id: string;
  name: string;
  query: Record<string, unknown>;
  is_start_page: boolean;
  version: number;
  created_at: string;
  updated_at: string;
}

const COLUMNS = `id, name, query, is_start_page, version, ${isoUtc('created_at')} AS created_at, ${isoUtc('updated_at')} AS updated_at`;

/** The saved filters, always of one owner: no statement here reads or changes another person's. */
@Injectable()
export class SavedFiltersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(ownerId: string): Promise<SavedFilterRow[]> {
    return query(this.dataSource, `SELECT ${COLUMNS} FROM saved_filter WHERE owner_id = $1 ORDER BY lower(name), id`, [ownerId]);
  }

  /**
   * Runs `work` in a transaction that holds the owner's row, so one person's changes of her
   * saved filters (the count, the names, the start page) follow one another.
   */
  async forOwner<T>(ownerId: string, work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (db) => {
      await db.query(`SELECT 1 FROM app_user WHERE id = $1 FOR UPDATE`, [ownerId]);
      return work(db);
    });
  }

  count(db: Db, ownerId: string): Promise<number> {
    return queryOne<{ n: number }>(db, `SELECT count(*)::int AS n FROM saved_filter WHERE owner_id = $1`, [ownerId]).then((r) => r!.n);
  }

  find(db: Db, ownerId: string, id: string): Promise<SavedFilterRow | undefined> {
    return queryOne(db, `SELECT ${COLUMNS} FROM saved_filter WHERE owner_id = $1 AND id = $2`, [ownerId, id]);
  }

  /** Whether the owner has another filter of this name, whatever its case. */
  async nameTaken(db: Db, ownerId: string, name: string, except: string | null): Promise<boolean> {
    const row = await queryOne(
      db,
      `SELECT 1 FROM saved_filter WHERE owner_id = $1 AND lower(name) = lower($2) AND ($3::uuid IS NULL OR id <> $3)`,
      [ownerId, name, except],
    );
    return row !== undefined;
  }

  /** Her start page is no longer one (before another becomes it). */
  async clearStartPage(db: Db, ownerId: string, except: string | null): Promise<void> {
    await db.query(
      `UPDATE saved_filter SET is_start_page = false, version = version + 1, updated_at = now()
        WHERE owner_id = $1 AND is_start_page AND ($2::uuid IS NULL OR id <> $2)`,
      [ownerId, except],
    );
  }

  async insert(db: Db, ownerId: string, name: string, filter: Record<string, unknown>, isStartPage: boolean): Promise<SavedFilterRow> {
    const [row] = await query<SavedFilterRow>(
      db,
      `INSERT INTO saved_filter (owner_id, name, query, is_start_page) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
      [ownerId, name, JSON.stringify(filter), isStartPage],
    );
    return row;
  }

  async update(db: Db, id: string, name: string, filter: Record<string, unknown>, isStartPage: boolean): Promise<SavedFilterRow> {
    const [row] = await query<SavedFilterRow>(
      db,
      `UPDATE saved_filter SET name = $2, query = $3, is_start_page = $4, version = version + 1, updated_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, name, JSON.stringify(filter), isStartPage],
    );
    return row;
  }

  async delete(db: Db, id: string): Promise<void> {
    await db.query(`DELETE FROM saved_filter WHERE id = $1`, [id]);
  }
}
