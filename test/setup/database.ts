import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate } from '../../backend/src/database/data-source';
import { EmbeddedPostgres } from '../../backend/src/database/embedded-postgres';
import { seedDemoUsers } from '../../backend/src/demo/demo';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../backend/src/database/data-source';

export const TEMPLATE_DB = 'tilsagn_template';

export interface TestDatabaseServer {
  /** Connection string to the server's maintenance database. */
  adminUrl: string;
  source: 'TEST_DATABASE_URL' | 'testcontainers' | 'embedded';
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL for the test run: TEST_DATABASE_URL when set; otherwise
 * testcontainers when a container runtime answers; otherwise the embedded
 * PostgreSQL. Durability is off, because test data need not survive a crash.
 */
export async function startDatabaseServer(log: (m: string) => void): Promise<TestDatabaseServer> {
  if (process.env.TEST_DATABASE_URL) {
    return { adminUrl: process.env.TEST_DATABASE_URL, source: 'TEST_DATABASE_URL', stop: async () => undefined };
  }
  const container = await tryTestcontainers(log);
  if (container) return container;
  const dataDir = mkdtempSync(join(tmpdir(), 'tilsagn-test-pg-'));
  chmodSync(dataDir, 0o755); // reachable by the postgres user when the tests run as root
  const port = await freePort();
  const pg = new EmbeddedPostgres({ dataDir, port, database: 'postgres', durable: false, log: () => undefined });
  await pg.start();
  return {
    adminUrl: pg.url,
    source: 'embedded',
    stop: async () => {
      await pg.stop();
      pg.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function tryTestcontainers(log: (m: string) => void): Promise<TestDatabaseServer | null> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
  } catch {
    log('no container runtime: using the embedded PostgreSQL');
    return null;
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:18')
    .withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'])
    .start();
  return { adminUrl: container.getConnectionUri(), source: 'testcontainers', stop: async () => void (await container.stop()) };
}

/** Migrates a fresh template database once; every test file clones it. */
export async function prepareTemplate(adminUrl: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, TEMPLATE_DB);
  await migrate(url);
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  try {
    await seedDemoUsers(ds);
  } finally {
    await ds.destroy();
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
