import { prepareTemplate, startDatabaseServer } from './database';

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const server = await startDatabaseServer((m) => process.stderr.write(`[test] ${m}\n`));
  const roles = await prepareTemplate(server.adminUrl);
  process.env.TEST_PG_ADMIN_URL = server.adminUrl;
  process.env.TEST_PG_OWNER_URL = roles.ownerUrl;
  process.env.TEST_PG_APP_URL = roles.appUrl;
  (globalThis as { __tilsagnDb?: typeof server }).__tilsagnDb = server;
  process.stderr.write(`[test] PostgreSQL (${server.source}) and template ready in ${Date.now() - started} ms\n`);
}
