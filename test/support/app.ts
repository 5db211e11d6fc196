import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { createApp } from '../../backend/src/app';
import { AppConfig, loadConfig } from '../../backend/src/config/app-config';
import { dataSourceOptions } from '../../backend/src/database/data-source';
import { TEMPLATE_DB, TEST_APP_ROLE, TEST_OWNER_ROLE, withDatabase } from '../setup/database';

export { TEST_APP_ROLE, TEST_OWNER_ROLE };

export interface TestContext {
  app: INestApplication;
  http: ReturnType<typeof request>;
  /**
   * The test's own connection to the database, as the owner role: for fixtures and for reaching
   * past the API (tampering, failing triggers, SQL changes). The API does not use it.
   */
  db: DataSource;
  /** What the API connects with: the application role (docs/operations.md, "Database roles"). */
  databaseUrl: string;
  /** The same database as the owner role (what `db` uses; migrations run as it). */
  ownerUrl: string;
  config: AppConfig;
  /** Every route the server has, as `METHOD /path` (HEAD routes left out). */
  routes: string[];
  /** A bearer token for a demo user (password `demo`). */
  token(username: string): Promise<string>;
  close(): Promise<void>;
}

function serverUrl(variable: 'TEST_PG_ADMIN_URL' | 'TEST_PG_OWNER_URL' | 'TEST_PG_APP_URL'): string {
  const url = process.env[variable];
  if (!url) throw new Error(`${variable} is not set: run the tests through jest (globalSetup starts PostgreSQL)`);
  return url;
}

async function asAdmin(sql: string): Promise<void> {
  const admin = new Client({ connectionString: serverUrl('TEST_PG_ADMIN_URL') });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** The same database as `url`, as the owner role. */
export function asOwner(url: string): string {
  return withDatabase(serverUrl('TEST_PG_OWNER_URL'), new URL(url).pathname.slice(1));
}

/**
 * A fresh database cloned from the migrated template, owned by the owner role. Returns the URL the
 * API connects with (the application role); `asOwner(url)` reaches it as the owner.
 */
export async function createTestDatabase(): Promise<string> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await asAdmin(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB} OWNER ${TEST_OWNER_ROLE}`);
  return withDatabase(serverUrl('TEST_PG_APP_URL'), name);
}

/**
 * A fresh, empty database (not the migrated template), as a first start finds it, owned by the
 * owner role: `url` connects as the owner (migrate with it, granting TEST_APP_ROLE), `appUrl` as
 * the application role; drop() removes it.
 */
export async function createEmptyDatabase(): Promise<{ url: string; appUrl: string; drop: () => Promise<void> }> {
  const name = `e_${randomBytes(6).toString('hex')}`;
  await asAdmin(`CREATE DATABASE ${name} OWNER ${TEST_OWNER_ROLE}`);
  return {
    url: withDatabase(serverUrl('TEST_PG_OWNER_URL'), name),
    appUrl: withDatabase(serverUrl('TEST_PG_APP_URL'), name),
    drop: () => asAdmin(`DROP DATABASE ${name} WITH (FORCE)`),
  };
}

/** The whole HTTP application on its own database, as a user would reach it. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { logDestination?: DestinationStream } = {},
): Promise<TestContext> {
  const databaseUrl = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    CONSOLE_DIR: '',
    // Suites log in often from one address; the limits' own tests set them low.
    LOGIN_LIMIT_PER_ADDRESS: '100000/1s',
    LOGIN_LIMIT_PER_USERNAME: '100000/1s',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const routes: string[] = [];
  const app = await createApp(config, databaseUrl, {
    ...options,
    onRoute: (route) => {
      for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url}`);
    },
  });
  await app.init();
  // Fastify takes requests once its plugins have loaded.
  await (app.getHttpAdapter().getInstance() as { ready(): Promise<unknown> }).ready();
  const http = request(app.getHttpServer());
  const tokens = new Map<string, string>();
  const ownerUrl = asOwner(databaseUrl);
  const db = new DataSource(dataSourceOptions(ownerUrl, 2));
  await db.initialize();
  return {
    app,
    http,
    db,
    databaseUrl,
    ownerUrl,
    config,
    routes,
    async token(username: string) {
      let token = tokens.get(username);
      if (!token) {
        const res = await http.post('/api/auth/login').send({ username, password: 'demo' });
        if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
        token = res.body.accessToken as string;
        tokens.set(username, token);
      }
      return token;
    },
    async close() {
      await app.close();
      await db.destroy();
    },
  };
}
