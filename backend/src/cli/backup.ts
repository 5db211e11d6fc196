import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../config/app-config';
import { checksumLine, sha256File, writeBackup } from '../database/backup';
import { EmbeddedPostgres } from '../database/embedded-postgres';
import { OWNER_ROLE } from '../database/roles';
import { embeddedOnly, withStandInKeys, installationFiles, rowProgress } from './backups';
import { parseArgs, run, say } from './database';

const USAGE = `npm run backup [-- --out FILE]
  Writes a consistent dump of the embedded database under DATA_DIR (default ./.data), with the files
  kept beside it, to FILE (default backups/tilsagn-<time>.jsonl.gz), and its SHA-256 to FILE.sha256.
  Works while npm start runs (the dump is one moment of the database), or starts PostgreSQL itself.`;

// `npm run backup`: docs/operations.md, "Backups and restore".
run(async () => {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) return void say(USAGE);
  const config = loadConfig(withStandInKeys(process.env), 'tool');
  embeddedOnly(config, 'npm run backup');
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const out = resolve(typeof args.out === 'string' ? args.out : join('backups', `tilsagn-${stamp}.jsonl.gz`));
  if (existsSync(out)) throw new Error(`${out} exists already; name another file with --out`);
  const passwordFile = join(config.dataDir, 'pg-owner-password');
  if (!existsSync(passwordFile)) {
    throw new Error(`there is no embedded database in ${config.dataDir} (no pg-owner-password): nothing to back up. Is DATA_DIR right?`);
  }

  // The running app's PostgreSQL when npm start is up; otherwise one started for the backup.
  let embedded: EmbeddedPostgres | null = null;
  const ownerLogin = () => ({
    host: '127.0.0.1',
    port: config.embeddedPgPort,
    database: 'tilsagn',
    user: OWNER_ROLE,
    password: readFileSync(passwordFile, 'utf8').trim(),
  });
  let db = new Client(ownerLogin());
  try {
    await db.connect();
    say(`backing up the running embedded PostgreSQL on port ${config.embeddedPgPort}`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === '28P01') {
      throw new Error(
        `the PostgreSQL on port ${config.embeddedPgPort} refuses the owner password of ${config.dataDir}: ` +
          'it is another installation. Check DATA_DIR and EMBEDDED_PG_PORT',
      );
    }
    if (code !== 'ECONNREFUSED') throw error;
    embedded = new EmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPgPort,
      database: 'tilsagn',
      log: (m) => say(`postgres: ${m}`),
    });
    await embedded.start();
    await embedded.provision(config.databaseAppRole);
    db = new Client(ownerLogin());
    await db.connect();
  }

  mkdirSync(dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  const started = Date.now();
  const view: { bar: ReturnType<typeof rowProgress> | null } = { bar: null };
  try {
    const header = await writeBackup(db, createWriteStream(partial, { mode: 0o600 }), {
      files: installationFiles(config.dataDir),
      onHeader: (h) => (view.bar = rowProgress('backup', h.tables)),
      progress: (event) => view.bar?.progress(event),
    });
    view.bar?.stop();
    renameSync(partial, out);
    const sha256 = await sha256File(out);
    writeFileSync(`${out}.sha256`, checksumLine(sha256, basename(out)));
    const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
    say(
      `backup written: ${out} (${header.tables.length} tables, ${rows} rows, ${Object.keys(header.files).length} file(s) of DATA_DIR, ` +
        `${header.migrations.length} migrations) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    say(`SHA-256 ${sha256} in ${out}.sha256; restore with: npm run restore -- ${out}`);
  } catch (error) {
    view.bar?.stop();
    rmSync(partial, { force: true });
    throw error;
  } finally {
    await db.end().catch(() => undefined);
    await embedded?.stop();
  }
});
