import 'reflect-metadata';
import cluster from 'node:cluster';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from './app';
import { verifyPassword } from './auth/password';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { migrate } from './database/data-source';
import { EmbeddedPostgres } from './database/embedded-postgres';
import { appRoleProblems } from './database/roles';
import { DEMO_USERS, seedDemo } from './demo/demo';

const say = (message: string) => process.stdout.write(`[tilsagn${cluster.isWorker ? ` worker ${cluster.worker!.id}` : ''}] ${message}\n`);

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
  if (cluster.isWorker) return serveAsWorker(config);

  let embedded: EmbeddedPostgres | null = null;
  let app: INestApplication | null = null;
  let workers: ApiWorkers | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: shutting down`);
    await app?.close().catch(() => undefined);
    await workers?.stop();
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
    if (config.workers > 1) {
      // The demo office is seeded once, here, before the API processes start.
      if (config.seedDemo) {
        const seeder = await createApp(config, appUrl);
        await seeder.init();
        if (await seedDemo(seeder, { log: say })) say('demo data seeded: log in as kari / demo');
        await seeder.close();
      }
      workers = await startWorkers(config, appUrl!, () => void stop('a failing API process'));
    } else {
      app = await createApp(config, appUrl);
      await app.init();
      await checkDatabaseRole(config, app.get(DataSource));
      if (config.seedDemo) {
        const seeded = await seedDemo(app, { log: say });
        if (seeded) say('demo data seeded: log in as kari / demo');
      }
      if (config.env === 'production') await refuseDemoPasswords(app.get(DataSource));
      await app.listen(config.port, config.host);
    }
  } catch (error) {
    await app?.close().catch(() => undefined);
    await workers?.stop();
    await embedded?.stop();
    throw error;
  }
  const where = ['127.0.0.1', '::1', 'localhost'].includes(config.host) ? 'this machine only' : 'every interface';
  say(
    `ready: console and API at http://localhost:${config.port} (listening on ${config.host}, ${where}; API docs at /api/docs)` +
      (config.seedDemo ? '; demo data on' : '') +
      (config.workers > 1 ? `; ${config.workers} API processes` : ''),
  );
}

/** One of `WORKERS` API processes: the primary has migrated and seeded; this one serves on the shared port. */
async function serveAsWorker(config: AppConfig): Promise<void> {
  let app: INestApplication | null = null;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app?.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  // The primary is gone (killed, crashed): nobody hands this process connections any more.
  process.on('disconnect', () => void stop());
  app = await createApp(config, config.databaseUrl!);
  await app.init();
  await checkDatabaseRole(config, app.get(DataSource));
  if (config.env === 'production') await refuseDemoPasswords(app.get(DataSource));
  await app.listen(config.port, config.host);
}

interface ApiWorkers {
  stop(): Promise<void>;
}

/**
 * Starts `config.workers` API processes on one port (node:cluster: the primary accepts the
 * connections and hands them round-robin to the workers). Resolves once every one listens; a
 * process that dies later is replaced, unless they keep dying (more than 5 in a minute), when
 * `onGivingUp` stops the server. A process that dies before it listens fails the start.
 */
async function startWorkers(config: AppConfig, appUrl: string, onGivingUp: () => void): Promise<ApiWorkers> {
  const env = {
    DATABASE_URL: appUrl,
    MIGRATE_ON_BOOT: 'false',
    // Seeded or not, the workers say what the primary decided (GET /api/config's demo banner).
    SEED_DEMO: String(config.seedDemo),
  };
  let stopping = false;
  let listening = 0;
  const deaths: number[] = [];
  return new Promise<ApiWorkers>((resolveStarted, rejectStarted) => {
    const handle: ApiWorkers = {
      stop: async () => {
        stopping = true;
        const alive = Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead());
        await Promise.all(
          alive.map(
            (w) =>
              new Promise<void>((done) => {
                const force = setTimeout(() => w!.process.kill('SIGKILL'), 15_000);
                w!.once('exit', () => {
                  clearTimeout(force);
                  done();
                });
                w!.process.kill('SIGTERM');
              }),
          ),
        );
      },
    };
    cluster.on('listening', () => {
      listening += 1;
      if (listening === config.workers) resolveStarted(handle);
    });
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) return;
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (listening < config.workers) {
        void handle.stop().then(() => rejectStarted(new Error(`an API process exited with ${how} before it listened`)));
        return;
      }
      const now = Date.now();
      deaths.push(now);
      while (deaths.length && deaths[0] < now - 60_000) deaths.shift();
      if (deaths.length > 5) {
        say(`API processes keep exiting (${deaths.length} in a minute, the last with ${how}): stopping`);
        onGivingUp();
        return;
      }
      say(`API process ${worker.process.pid} exited with ${how}: starting another`);
      cluster.fork(env);
    });
    for (let i = 0; i < config.workers; i++) cluster.fork(env);
  });
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
