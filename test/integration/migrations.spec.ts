import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { MIGRATIONS } from '../../migrations';
import { migrate } from '../../backend/src/database/data-source';
import { withDatabase } from '../setup/database';

/** An empty database (not the migrated template), dropped afterwards. */
async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL!;
  const name = `m_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  return { url: withDatabase(adminUrl, name), drop: () => admin(`DROP DATABASE ${name} WITH (FORCE)`) };
}

describe('migrations', () => {
  it('can be started by several replicas at once: one applies them, the others wait and find nothing to do', async () => {
    const db = await emptyDatabase();
    try {
      const runs = await Promise.all([migrate(db.url), migrate(db.url), migrate(db.url)]);
      expect(runs.flat().sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
      expect(runs.filter((applied) => applied.length > 0)).toHaveLength(1);
      const c = new Client({ connectionString: db.url });
      await c.connect();
      const { rows } = await c.query(`SELECT count(*)::int AS n FROM schema_migration`);
      await c.end();
      expect(rows[0].n).toBe(MIGRATIONS.length);
    } finally {
      await db.drop();
    }
  });
});
