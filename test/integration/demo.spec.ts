import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '../../backend/src/app';
import { loadConfig } from '../../backend/src/config/app-config';
import { migrate } from '../../backend/src/database/data-source';
import { seedDemo } from '../../backend/src/demo/demo';
import { createEmptyDatabase, TEST_APP_ROLE } from '../support/app';

let app: INestApplication;
let db: { url: string; appUrl: string; drop: () => Promise<void> };

beforeAll(async () => {
  // An empty database, as `npm start` finds it the first time: migrated as the owner, and the
  // demo office seeded through the API's services as the application role, as npm start does.
  db = await createEmptyDatabase();
  await migrate(db.url, undefined, { appRole: TEST_APP_ROLE });
  app = await createApp(loadConfig({ NODE_ENV: 'test', CONSOLE_DIR: '', LOG_LEVEL: 'silent' }), db.appUrl);
  await app.init();
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

describe('the demo office npm start seeds', () => {
  // Seeding 120 cases through the services, with both letters of every decision, takes tens of seconds on a busy 2-core machine.
  it('has cases in every status, granted and rejected decisions with letters, and is seeded only once', async () => {
    expect(await seedDemo(app, { cases: 120 })).toBe(true);
    const data = app.get(DataSource);
    const statuses = await data.query(`SELECT status, count(*)::int AS n FROM application GROUP BY status`);
    expect(statuses.map((s: { status: string }) => s.status).sort()).toEqual(
      ['awaiting_applicant', 'decided', 'in_review', 'received', 'recommended', 'withdrawn'].sort(),
    );
    const outcomes = await data.query(`SELECT d.outcome, count(DISTINCT d.id)::int AS n, count(l.*)::int AS letters
                                       FROM decision d LEFT JOIN decision_letter l ON l.decision_id = d.id GROUP BY d.outcome`);
    const byOutcome = Object.fromEntries(outcomes.map((o: { outcome: string; n: number; letters: number }) => [o.outcome, o]));
    expect(byOutcome.granted?.n).toBeGreaterThan(0);
    expect(byOutcome.rejected?.n).toBeGreaterThan(0);
    // Every decision has its letter in bokmål and in English.
    expect(byOutcome.granted.letters).toBe(2 * byOutcome.granted.n);
    expect(await seedDemo(app, { cases: 120 })).toBe(false);
  }, 240_000);
});
