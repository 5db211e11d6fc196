import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { asOwner, createTestDatabase, TEST_APP_ROLE } from '../support/app';
import { BUILT_MAIN, freePort } from '../support/built-server';

/**
 * The server as an operator runs it: `node backend/dist/backend/src/main.js` (what `npm start` and
 * the container start) on an existing PostgreSQL, migrating as the owner role and serving as the
 * application role, answering on loopback (development's default), logging JSON lines, and
 * stopping cleanly on SIGTERM.
 */

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

/** The built server on a new test database and a free port, with its output collected. */
async function startServer(env: Record<string, string> = {}) {
  if (!existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: run the tests with \`npm test\`, which builds the backend`);
  const databaseUrl = await createTestDatabase();
  const port = await freePort();
  const proc = spawn(process.execPath, [BUILT_MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      DATABASE_OWNER_URL: asOwner(databaseUrl),
      DATABASE_APP_ROLE: TEST_APP_ROLE,
      PORT: String(port),
      CONSOLE_DIR: '',
      LOG_LEVEL: 'info',
      JWT_SECRET: 'server-process-test-secret-of-32+chars',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  const server = { proc, port, out: '' };
  proc.stdout!.on('data', (chunk) => (server.out += chunk));
  proc.stderr!.on('data', (chunk) => (server.out += chunk));
  /** Waits until the output matches. */
  const waitFor = async (pattern: RegExp, ms: number) => {
    const deadline = Date.now() + ms;
    while (!pattern.test(server.out)) {
      if (Date.now() > deadline) throw new Error(`no ${pattern} within ${ms} ms; output:\n${server.out}`);
      if (proc.exitCode !== null) throw new Error(`the server exited with ${proc.exitCode}; output:\n${server.out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return Object.assign(server, { waitFor });
}

it('starts on an existing database, answers, logs a JSON line per request and stops cleanly on SIGTERM', async () => {
  const server = await startServer();
  const { proc, port, waitFor } = server;
  await waitFor(/ready: console and API/, 30_000);
  expect(server.out).toMatch(/ready: console and API at .*\(listening on 127\.0\.0\.1, this machine only;/);
  // Connected as the application role: the start-up check of its privileges has nothing to say.
  expect(server.out).not.toContain('warning:');

  const health = await fetch(`http://127.0.0.1:${port}/health`);
  expect(health.status).toBe(200);
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'process-test-1' },
    body: JSON.stringify({ username: 'kari', password: 'demo' }),
  });
  expect(login.status).toBe(200);
  expect(login.headers.get('x-request-id')).toBe('process-test-1');
  await waitFor(/"requestId":"process-test-1"/, 5_000);
  const line = server.out.split('\n').find((l) => l.includes('"requestId":"process-test-1"'))!;
  expect(JSON.parse(line)).toMatchObject({
    msg: 'request completed',
    req: { method: 'POST', url: '/api/auth/login' },
    res: { statusCode: 200 },
  });
  expect(line).not.toContain('demo');

  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  proc.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(server.out).toContain('SIGTERM: shutting down');
});

it('runs WORKERS API processes on one port: both serve, a logout in one holds in the other, a killed one is replaced, SIGTERM stops them all', async () => {
  const server = await startServer({ WORKERS: '2' });
  const { proc, port, waitFor } = server;
  await waitFor(/ready: console and API/, 60_000);
  expect(server.out).toMatch(/; 2 API processes/);
  const base = `http://127.0.0.1:${port}`;
  // A new connection per request: the primary hands connections to the processes in turn.
  const call = (path: string, init: RequestInit = {}, requestId = '') =>
    fetch(`${base}${path}`, { ...init, headers: { connection: 'close', 'x-request-id': requestId, ...(init.headers ?? {}) } });
  const servedBy = (requestId: string) => {
    const line = server.out.split('\n').find((l) => l.includes(`"requestId":"${requestId}"`) && l.includes('request completed'));
    return line ? (JSON.parse(line) as { pid: number }).pid : null;
  };

  const login = await call('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'kari', password: 'demo' }),
  });
  expect(login.status).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${accessToken}` };
  for (let i = 0; i < 6; i++) expect((await call('/api/applications?limit=1', { headers: auth }, `w-read-${i}`)).status).toBe(200);
  await waitFor(/"requestId":"w-read-5"/, 5_000);
  const pids = new Set(Array.from({ length: 6 }, (_, i) => servedBy(`w-read-${i}`)));
  expect(pids.size).toBe(2);

  // Revocation reaches both processes: every later request is refused, whichever process takes it.
  expect((await call('/api/auth/logout', { method: 'POST', headers: auth })).status).toBeLessThan(300);
  for (let i = 0; i < 6; i++) expect((await call('/api/applications?limit=1', { headers: auth })).status).toBe(401);

  // A process that dies is replaced, and the port keeps answering meanwhile.
  const [victim] = [...pids] as number[];
  process.kill(victim, 'SIGKILL');
  await waitFor(new RegExp(`API process ${victim} exited with signal SIGKILL: starting another`), 10_000);
  for (let i = 0; i < 10; i++) expect((await call('/health')).status).toBe(200);

  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  proc.kill('SIGTERM');
  expect(await exited).toBe(0);
  await new Promise((r) => setTimeout(r, 500));
  // No API process outlives the primary.
  const stillThere = [...pids].filter((pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  });
  expect(stillThere).toEqual([]);
});
