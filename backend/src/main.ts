import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from './app';
import { verifyPassword } from './auth/password';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { migrate } from './database/data-source';
import { EmbeddedPostgres } from './database/embedded-postgres';
import { appRoleProblems } from './database/roles';
import { DEMO_USERS, seedDemo } from './demo/demo';

const say = (message: string) => process.stdout.write(`[tilsagn] ${message}\n`);

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }

  let embedded: EmbeddedPostgres | null = null;
  let app: INestApplication | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: shutting down`);
    await app?.close().catch(() => undefined);
    if (embedded) {
      await embedded.stop();
      say('PostgreSQL stopped cleanly');
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  // The API connects as the application role (appUrl); migrations run as the owner (ownerUrl).
  let appUrl = config.databaseUrl;
  let ownerUrl = config.migrationUrl;
  try {
    if (!appUrl) {
      embedded = new EmbeddedPostgres({
        dataDir: config.dataDir,
        port: config.embeddedPgPort,
        database: 'tilsagn',
        log: (m) => say(`postgres: ${m}`),
      });
      const started = Date.now();
      await embedded.start();
      ({ ownerUrl, appUrl } = await embedded.provision(config.databaseAppRole));
      say(`embedded PostgreSQL ready on port ${config.embeddedPgPort} (${Date.now() - started} ms), data in ${embedded.dataDirectory}`);
    }
    if (config.migrateOnBoot) await migrate(ownerUrl!, say, { appRole: config.databaseAppRole });
    app = await createApp(config, appUrl);
    await app.init();
    await checkDatabaseRole(config, app.get(DataSource));
    if (config.seedDemo) {
      const seeded = await seedDemo(app, { log: say });
      if (seeded) say('demo data seeded: log in as kari / demo');
    }
    if (config.env === 'production') await refuseDemoPasswords(app.get(DataSource));
    await app.listen(config.port, config.host);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
  const where = ['127.0.0.1', '::1', 'localhost'].includes(config.host) ? 'this machine only' : 'every interface';
  say(
    `ready: console and API at http://localhost:${config.port} (listening on ${config.host}, ${where}; API docs at /api/docs)` +
      (config.seedDemo ? '; demo data on' : ''),
  );
}

/**
 * The API's database role must be the application role (database/roles.ts): not a superuser,
 * not the tables' owner, unable to rewrite the audit log. Production refuses to start otherwise;
 * development says what is wrong and goes on (a developer's own PostgreSQL, say).
 */
async function checkDatabaseRole(config: AppConfig, db: DataSource): Promise<void> {
  const problems = await appRoleProblems(db);
  if (!problems.length) return;
  const fix = 'connect DATABASE_URL as the application role (docs/operations.md, "Database roles")';
  if (config.env === 'production') throw new Error(`refusing to start: ${problems.join('; ')}: ${fix}`);
  say(`warning: ${problems.join('; ')}; in production the app would refuse to start: ${fix}`);
}

/** Production refuses a database where a demo user can still sign in with the demo password. */
async function refuseDemoPasswords(db: DataSource): Promise<void> {
  const rows: { username: string; password_hash: string }[] = await db.query(
    `SELECT username, password_hash FROM app_user WHERE active AND username = ANY($1)`,
    [DEMO_USERS.map((u) => u.username)],
  );
  const known: string[] = [];
  for (const row of rows) if (await verifyPassword(row.password_hash, 'demo')) known.push(row.username);
  if (known.length) {
    throw new Error(
      `refusing to start: the user(s) ${known.join(', ')} have the demo password "demo" (demo data in a production database?). ` +
        'Give them real passwords with npm run user:create, or deactivate them',
    );
  }
}

main().catch((error) => {
  process.stderr.write(`[tilsagn] failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
