import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate } from '../../backend/src/database/data-source';
import { EmbeddedPostgres } from '../../backend/src/database/embedded-postgres';
import { provisionDatabase, withDatabase, withLogin } from '../../backend/src/database/roles';
import { seedDemoUsers } from '../../backend/src/demo/demo';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../backend/src/database/data-source';

export { withDatabase };

export const TEMPLATE_DB = 'tilsagn_template';

/**
 * The roles of docs/operations.md ("Database roles") for the test run: the owner runs the
 * migrations and owns each test database; the API under test connects as the application role,
 * so every integration test shows that the grants suffice. Names of their own, so a test run on
 * a shared server (TEST_DATABASE_URL) leaves a development installation's roles alone.
 */
export const TEST_OWNER_ROLE = 'tilsagn_test_owner';
export const TEST_APP_ROLE = 'tilsagn_test_app';

/** Server URLs (no particular database) of the test roles, with this run's passwords. */
export interface TestRoleUrls {
  ownerUrl: string;
  appUrl: string;
}

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

/**
 * Makes the test roles (new passwords each run) and a fresh template database owned by the owner,
 * migrated as the owner (granting the application role), with the demo users; every test file
 * clones it.
 */
export async function prepareTemplate(adminUrl: string): Promise<TestRoleUrls> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  const owner = { name: TEST_OWNER_ROLE, password: randomBytes(18).toString('hex') };
  const app = { name: TEST_APP_ROLE, password: randomBytes(18).toString('hex') };
  await provisionDatabase(adminUrl, { database: TEMPLATE_DB, owner, app });
  const roles = { ownerUrl: withLogin(adminUrl, owner), appUrl: withLogin(adminUrl, app) };
  const url = withDatabase(roles.ownerUrl, TEMPLATE_DB);
  await migrate(url, undefined, { appRole: TEST_APP_ROLE });
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  try {
    await seedDemoUsers(ds);
  } finally {
    await ds.destroy();
  }
  return roles;
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
