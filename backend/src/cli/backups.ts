import { Presets, SingleBar } from 'cli-progress';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import type { BackupTable, Progress } from '../database/backup';
import { say } from './database';

/**
 * What `npm run backup` and `npm run restore` share: which files of DATA_DIR go with the data,
 * and the progress they show.
 */

/**
 * The cluster's own passwords (superuser, owner, application role) stay with the cluster: a
 * restore makes a new cluster, with new ones.
 */
const CLUSTER_FILES = ['pg-password', 'pg-owner-password', 'pg-app-password'];

/**
 * The files the installation keeps beside its database, which a restored installation needs to
 * go on as before: every file directly in DATA_DIR but the cluster's passwords (today the
 * generated JWT secret, and any key the app generates there). Folders (the cluster, the
 * benchmark's own database) are not taken.
 */
export function installationFiles(dataDir: string): Record<string, Buffer> {
  if (!existsSync(dataDir)) return {};
  const files: Record<string, Buffer> = {};
  for (const name of readdirSync(dataDir).sort()) {
    const path = join(dataDir, name);
    if (CLUSTER_FILES.includes(name) || !statSync(path).isFile()) continue;
    files[name] = readFileSync(path);
  }
  return files;
}

/**
 * The environment for a first look at the configuration (DATA_DIR, the port), with stand-in keys:
 * without JWT_SECRET and AUDIT_ANCHOR_KEY, loadConfig generates them into DATA_DIR in development,
 * which a restore needs empty and a backup would carry as if the installation had made them.
 */
export function withStandInKeys(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, JWT_SECRET: 'backup-and-restore-sign-nothing-with-this', AUDIT_ANCHOR_KEY: 'backup-and-restore-anchor-nothing-either' };
}

/** Refuses a database URL: the backup commands are for the embedded database under DATA_DIR. */
export function embeddedOnly(config: AppConfig, command: string): void {
  if (config.databaseUrl || config.databaseOwnerUrl) {
    throw new Error(
      `${command} works on the embedded database under DATA_DIR; DATABASE_URL or DATABASE_OWNER_URL is set. ` +
        "For your own or a managed PostgreSQL use its backups, or pg_dump and pg_restore of version 18 (docs/operations.md, 'Backups and restore')",
    );
  }
}

/**
 * Progress over every row of the backup: a bar on a terminal, otherwise a line per table (and
 * one every 10 s within a large one).
 */
export function rowProgress(verb: string, tables: BackupTable[]): { progress: Progress; stop(): void } {
  const total = tables.reduce((sum, t) => sum + t.rows, 0);
  const before = new Map<string, number>();
  let sum = 0;
  for (const t of tables) {
    before.set(t.name, sum);
    sum += t.rows;
  }
  if (process.stdout.isTTY) {
    const bar = new SingleBar(
      { format: `${verb} [{bar}] {percentage}% | {value}/{total} rows | {table}`, hideCursor: true },
      Presets.shades_classic,
    );
    bar.start(Math.max(total, 1), 0, { table: '' });
    return {
      progress: ({ table, done }) => bar.update((before.get(table) ?? 0) + done, { table }),
      stop: () => bar.stop(),
    };
  }
  let lastLine = Date.now();
  return {
    progress: ({ table, done, total: rows }) => {
      const overall = (before.get(table) ?? 0) + done;
      const percent = total ? Math.floor((overall / total) * 100) : 100;
      if (done === rows) say(`${verb}: ${table}, ${rows} row${rows === 1 ? '' : 's'} (${percent}% of ${total} rows)`);
      else if (Date.now() - lastLine > 10_000) say(`${verb}: ${table}, ${done} of ${rows} rows (${percent}% of ${total} rows)`);
      else return;
      lastLine = Date.now();
    },
    stop: () => undefined,
  };
}
