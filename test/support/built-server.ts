import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { createApp } from '../../backend/src/app';
import { loadConfig } from '../../backend/src/config/app-config';
import { asOwner, TEST_APP_ROLE } from './app';
import { eventually } from './portal';

/** The server as production runs it: the compiled entry point (npm test builds it when stale). */
export const BUILT_MAIN = join(__dirname, '../../backend/dist/backend/src/main.js');

/** A port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Servers on one test database for the specs that kill one and start another (jobs-crash,
 * outbox-crash): the built server in a child process, and the API in the test's own process for
 * the writes around it; `stop()` kills and closes whatever is left.
 */
export class ServersOnDatabase {
  private readonly children: ChildProcess[] = [];
  private readonly apps: INestApplication[] = [];
  /** The built server's DATA_DIR (its generated secrets), readable by the PostgreSQL user. */
  readonly dataDir: string;

  constructor(
    private readonly databaseUrl: string,
    name: string,
  ) {
    this.dataDir = mkdtempSync(join(tmpdir(), `tilsagn-${name}-`));
    chmodSync(this.dataDir, 0o755);
  }

  /** The API in this process, on the test's database. */
  async inProcess(env: Record<string, string>): Promise<INestApplication> {
    const config = loadConfig({ NODE_ENV: 'test', CONSOLE_DIR: '', LOG_LEVEL: 'silent', ...env });
    const app = await createApp(config, this.databaseUrl);
    await app.init();
    await (app.getHttpAdapter().getInstance() as { ready(): Promise<unknown> }).ready();
    this.apps.push(app);
    return app;
  }

  /** Closes an API this process runs (before the built server takes over its database's jobs). */
  async close(app: INestApplication): Promise<void> {
    await app.close();
    this.apps.splice(this.apps.indexOf(app), 1);
  }

  /** The built server with its jobs on, once it says it is ready; its output so far by `output()`. */
  async built(env: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number; output(): string }> {
    const port = await freePort();
    const child = spawn(process.execPath, [BUILT_MAIN], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        PORT: String(port),
        DATA_DIR: this.dataDir,
        DATABASE_URL: this.databaseUrl,
        DATABASE_OWNER_URL: asOwner(this.databaseUrl),
        DATABASE_APP_ROLE: TEST_APP_ROLE,
        MIGRATE_ON_BOOT: 'false',
        SEED_DEMO: 'false',
        CONSOLE_DIR: '',
        LOG_LEVEL: 'info',
        JOBS: 'on',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.push(child);
    let out = '';
    child.stdout!.on('data', (chunk) => (out += chunk));
    child.stderr!.on('data', (chunk) => (out += chunk));
    await eventually(() => /ready: console and API/.test(out) || child.exitCode !== null, 45_000, 'the server to start');
    if (child.exitCode !== null) throw new Error(`the built server exited with ${child.exitCode}:\n${out}`);
    return { child, port, output: () => out };
  }

  async stop(): Promise<void> {
    for (const child of this.children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const app of this.apps) await app.close().catch(() => undefined);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
