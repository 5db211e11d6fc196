import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { createApp } from './app';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { migrate } from './database/data-source';
import { EmbeddedPostgres } from './database/embedded-postgres';
import { seedDemo } from './demo/demo';

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

  let url = config.databaseUrl;
  if (!url) {
    embedded = new EmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPgPort,
      database: 'tilsagn',
      log: (m) => say(`postgres: ${m}`),
    });
    const started = Date.now();
    url = await embedded.start();
    say(`embedded PostgreSQL ready on port ${config.embeddedPgPort} (${Date.now() - started} ms), data in ${embedded.dataDirectory}`);
  }
  try {
    if (config.migrateOnBoot) await migrate(url, say);
    app = await createApp(config, url);
    if (config.seedDemo) {
      await app.init();
      const seeded = await seedDemo(app, { log: say });
      if (seeded) say('demo data seeded: log in as kari / demo');
    }
    await app.listen(config.port, config.host);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
  say(`ready: console and API at http://localhost:${config.port} (API docs at /api/docs)`);
}

main().catch((error) => {
  process.stderr.write(`[tilsagn] failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
