import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor';
import { IntakeService } from '../intake/intake.service';
import { Role } from '../users/user.entity';
import { upsertUser } from '../users/users.service';
import { generateApplication, Prng } from './generator';

/** The demo users of API.md, each with the password `demo`. */
export const DEMO_USERS: { username: string; displayName: string; roles: Role[] }[] = [
  { username: 'kari', displayName: 'Kari Nordmann', roles: ['caseworker'] },
  { username: 'ola', displayName: 'Ola Hansen', roles: ['caseworker'] },
  { username: 'ingrid', displayName: 'Ingrid Berg', roles: ['caseworker', 'approver'] },
  { username: 'leder', displayName: 'Lene Leder', roles: ['manager', 'approver'] },
  { username: 'portal', displayName: 'Søknadsportalen', roles: ['intake'] },
  { username: 'admin', displayName: 'Administrator', roles: ['admin'] },
];

export async function seedDemoUsers(db: DataSource): Promise<void> {
  for (const user of DEMO_USERS) await upsertUser(db, { ...user, password: 'demo' });
}

/**
 * A working office: about 300 applications through the real intake path
 * (validation, audit), received over the last four months, spread over
 * statuses and caseworkers. Runs only on an empty database.
 */
export async function seedDemo(app: INestApplicationContext, options: { cases?: number; log?: (m: string) => void } = {}): Promise<boolean> {
  const db = app.get(DataSource);
  const log = options.log ?? (() => undefined);
  const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM app_user`);
  if (count > 0) return false;
  log('seeding the demo data set (users and about 300 applications)');
  await seedDemoUsers(db);
  const users: { id: string; username: string }[] = await db.query(`SELECT id, username FROM app_user`);
  const idOf = (name: string) => users.find((u) => u.username === name)!.id;
  const portal: Actor = { id: idOf('portal'), username: 'portal', displayName: 'Søknadsportalen', roles: ['intake'] };
  const intake = app.get(IntakeService);
  const prng = new Prng(20261127);
  const total = options.cases ?? 300;
  const now = Date.now();
  const caseworkers = ['kari', 'ola', 'ingrid'];
  for (let i = 1; i <= total; i++) {
    const receivedAt = new Date(now - Math.floor(prng.next() * 120 * 86_400_000) - 3_600_000);
    const doc = generateApplication(prng, i, receivedAt);
    const { application } = await intake.submit(doc, portal);
    const ageDays = (now - receivedAt.getTime()) / 86_400_000;
    const roll = prng.next();
    // Older cases have come further.
    const status =
      ageDays < 7 ? (roll < 0.7 ? 'received' : 'in_review')
      : roll < 0.12 ? 'received'
      : roll < 0.55 ? 'in_review'
      : roll < 0.65 ? 'awaiting_applicant'
      : roll < 0.78 ? 'recommended'
      : roll < 0.95 ? 'decided'
      : 'withdrawn';
    const assignee = status === 'received' && prng.chance(0.7) ? null : prng.pick(caseworkers);
    if (status === 'received' && assignee === null) continue;
    await db.transaction(async (m) => {
      await m.query(
        `UPDATE application SET status = $2, assignee_id = $3, decision_outcome = $4, version = version + 1 WHERE id = $1`,
        [application.id, status, assignee ? idOf(assignee) : null, status === 'decided' ? (prng.chance(0.75) ? 'granted' : 'rejected') : null],
      );
      await m.query(
        `INSERT INTO audit_event (actor, application_id, kind, data) VALUES ('seed', $1, 'demo-state', $2)`,
        [application.id, { after: { status, assignee } }],
      );
    });
    if (i % 50 === 0) log(`  ${i}/${total} applications`);
  }
  return true;
}
