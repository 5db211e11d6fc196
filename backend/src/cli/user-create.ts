import 'reflect-metadata';
import { createInterface } from 'node:readline/promises';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source';
import { Role, ROLES } from '../auth/roles';
import { upsertUser } from '../auth/users.repository';
import { parseArgs, run, say, withDatabase } from './database';

const USAGE = `npm run user:create -- --username <name> --name "<display name>" --roles caseworker,approver [--password <pw>]
  Without --password the password is read from the terminal (or PASSWORD in the environment).
  Roles: ${ROLES.join(', ')}. An existing user gets the new name, password and roles.`;

run(async () => {
  const args = parseArgs(process.argv.slice(2));
  const username = typeof args.username === 'string' ? args.username.toLowerCase() : '';
  const roles = typeof args.roles === 'string' ? args.roles.split(',').map((r) => r.trim()) : [];
  const bad = roles.filter((r) => !ROLES.includes(r as Role));
  if (!/^[a-z0-9][a-z0-9._-]{1,62}$/.test(username) || roles.length === 0 || bad.length) {
    throw new Error(`${bad.length ? `unknown role(s): ${bad.join(', ')}\n` : ''}${USAGE}`);
  }
  let password = typeof args.password === 'string' ? args.password : (process.env.PASSWORD ?? '');
  if (!password) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    password = await rl.question(`Password for ${username}: `);
    rl.close();
  }
  if (password.length < 12 && process.env.NODE_ENV === 'production') throw new Error('use a password of at least 12 characters');
  // As the owner: in the compose file only the one-shot migrate service has a database login for tools.
  await withDatabase(async ({ ownerUrl }) => {
    const db = new DataSource(dataSourceOptions(ownerUrl, 1));
    await db.initialize();
    try {
      await upsertUser(db, {
        username,
        displayName: typeof args.name === 'string' ? args.name : username,
        password,
        roles: roles as Role[],
      });
    } finally {
      await db.destroy();
    }
  });
  say(`user ${username} saved with roles ${roles.join(', ')}`);
});
