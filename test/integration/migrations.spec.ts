import { Client } from 'pg';
import { MIGRATIONS } from '../../migrations';
import { migrate } from '../../backend/src/database/data-source';
import { createEmptyDatabase, TEST_APP_ROLE } from '../support/app';

describe('migrations', () => {
  it('can be started by several replicas at once: one applies them, the others wait and find nothing to do', async () => {
    const db = await createEmptyDatabase();
    try {
      const runs = await Promise.all([1, 2, 3].map(() => migrate(db.url, undefined, { appRole: TEST_APP_ROLE })));
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
