import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '../../backend/src/app';
import { loadConfig } from '../../backend/src/config/app-config';
import { migrate } from '../../backend/src/database/data-source';
import { seedDemo } from '../../backend/src/demo/demo';
import { withDatabase } from '../setup/database';

let app: INestApplication;
let url: string;
const adminUrl = () => process.env.TEST_PG_ADMIN_URL!;
const name = `demo_${randomBytes(6).toString('hex')}`;

async function admin(sql: string) {
  const c = new Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  // An empty database, as `npm start` finds it the first time.
  await admin(`CREATE DATABASE ${name}`);
  url = withDatabase(adminUrl(), name);
  await migrate(url);
  app = await createApp(loadConfig({ NODE_ENV: 'test', CONSOLE_DIR: '', LOG_LEVEL: 'silent' }), url);
  await app.init();
});
afterAll(async () => {
  await app.close();
  await admin(`DROP DATABASE ${name} WITH (FORCE)`);
});

describe('the demo office npm start seeds', () => {
  it('has cases in every status, granted and rejected decisions with letters, and is seeded only once', async () => {
    expect(await seedDemo(app, { cases: 120 })).toBe(true);
    const db = app.get(DataSource);
    const statuses = await db.query(`SELECT status, count(*)::int AS n FROM application GROUP BY status`);
    expect(statuses.map((s: { status: string }) => s.status).sort()).toEqual(
      ['awaiting_applicant', 'decided', 'in_review', 'received', 'recommended', 'withdrawn'].sort(),
    );
    const outcomes = await db.query(`SELECT d.outcome, count(DISTINCT d.id)::int AS n, count(l.*)::int AS letters
                                       FROM decision d LEFT JOIN decision_letter l ON l.decision_id = d.id GROUP BY d.outcome`);
    const byOutcome = Object.fromEntries(outcomes.map((o: { outcome: string; n: number; letters: number }) => [o.outcome, o]));
    expect(byOutcome.granted?.n).toBeGreaterThan(0);
    expect(byOutcome.rejected?.n).toBeGreaterThan(0);
    // Every decision has its letter in bokmål and in English.
    expect(byOutcome.granted.letters).toBe(2 * byOutcome.granted.n);
    expect(await seedDemo(app, { cases: 120 })).toBe(false);
  });
});
