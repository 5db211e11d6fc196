import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { createApp } from '../../backend/src/app';
import { AppConfig, loadConfig } from '../../backend/src/config/app-config';
import { TEMPLATE_DB, withDatabase } from '../setup/database';

export interface TestContext {
  app: INestApplication;
  http: ReturnType<typeof request>;
  db: DataSource;
  databaseUrl: string;
  config: AppConfig;
  /** Every route the server has, as `METHOD /path` (HEAD routes left out). */
  routes: string[];
  /** A bearer token for a demo user (password `demo`). */
  token(username: string): Promise<string>;
  close(): Promise<void>;
}

/** A fresh database cloned from the migrated template. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  if (!adminUrl) throw new Error('TEST_PG_ADMIN_URL is not set: run the tests through jest (globalSetup starts PostgreSQL)');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  return withDatabase(adminUrl, name);
}

/** A fresh, empty database (not the migrated template), as a first start finds it; drop() removes it. */
export async function createEmptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  if (!adminUrl) throw new Error('TEST_PG_ADMIN_URL is not set: run the tests through jest (globalSetup starts PostgreSQL)');
  const name = `e_${randomBytes(6).toString('hex')}`;
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

/** The whole HTTP application on its own database, as a user would reach it. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { logDestination?: DestinationStream } = {},
): Promise<TestContext> {
  const databaseUrl = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    CONSOLE_DIR: '',
    LOGIN_RATE_LIMIT: '1000',
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
  return {
    app,
    http,
    db: app.get(DataSource),
    databaseUrl,
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
    },
  };
}
