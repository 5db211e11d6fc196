import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Client } from 'pg';
import { MIGRATIONS } from '../../../migrations';
import { loadConfig } from '../config/app-config';
import { checksumFor, loadBackup, readBackupHeader, sha256File } from '../database/backup';
import { migrate } from '../database/data-source';
import { EmbeddedPostgres } from '../database/embedded-postgres';
import { withDatabase } from '../database/roles';
import { embeddedOnly, withStandInKeys, rowProgress } from './backups';
import { run, say } from './database';

const USAGE = `npm run restore -- FILE [--force]
  Checks FILE against FILE.sha256, then restores it into a new embedded database under DATA_DIR
  (default ./.data), which must be empty. --force replaces the database and files already there.
  Stop npm start on that DATA_DIR first.`;

const DATABASE = 'tilsagn';

// `npm run restore`: docs/operations.md, "Backups and restore".
run(async () => {
  const argv = process.argv.slice(2);
  const force = argv.includes('--force');
  const files = argv.filter((arg) => !arg.startsWith('--'));
  if (argv.includes('--help') || files.length !== 1 || argv.some((arg) => arg.startsWith('--') && arg !== '--force')) {
    throw new Error(USAGE);
  }
  const settings = loadConfig(withStandInKeys(process.env), 'tool');
  embeddedOnly(settings, 'npm run restore');
  const file = resolve(files[0]);
  if (!existsSync(file)) throw new Error(`${file} does not exist`);

  // 1. The file is the one the backup wrote, byte for byte.
  const checksumFile = `${file}.sha256`;
  if (!existsSync(checksumFile)) {
    throw new Error(`${checksumFile} is missing: the backup's checksum file must lie beside it, so that a damaged copy is caught`);
  }
  const expected = checksumFor(readFileSync(checksumFile, 'utf8'), basename(file));
  if (!expected) throw new Error(`${checksumFile} has no SHA-256 for ${basename(file)}`);
  say(`checking ${basename(file)} against its SHA-256`);
  const actual = await sha256File(file);
  if (actual !== expected) {
    throw new Error(
      `${basename(file)} does not match its checksum (SHA-256 ${actual}, expected ${expected}): the file is damaged or changed; nothing was restored`,
    );
  }
  const header = await readBackupHeader(file);
  const known = new Set(MIGRATIONS.map((m) => m.name));
  const unknown = header.migrations.filter((name) => !known.has(name));
  if (unknown.length) {
    throw new Error(
      `the backup was made by a newer Tilsagn (migration(s) ${unknown.join(', ')} unknown here): restore it with that version or later`,
    );
  }
  const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
  say(`checksum OK: a backup of ${header.createdAt}, ${header.tables.length} tables, ${rows} rows, ${header.migrations.length} migrations`);

  // 2. An empty data directory, unless told to replace what is there.
  const dataDir = settings.dataDir;
  const present = existsSync(dataDir) ? readdirSync(dataDir) : [];
  if (present.length && !force) {
    throw new Error(
      `${dataDir} is not empty (${present.slice(0, 5).join(', ')}${present.length > 5 ? ', …' : ''}): restore into an empty DATA_DIR, ` +
        'or add --force to replace the database and the files there',
    );
  }
  mkdirSync(dataDir, { recursive: true });
  // The files the installation kept beside its database (its keys) come first: the configuration
  // then reads them as the restored installation will, and any newer migration uses them.
  for (const [name, content] of Object.entries(header.files)) {
    writeFileSync(join(dataDir, name), Buffer.from(content, 'base64'), { mode: 0o600 });
    chmodSync(join(dataDir, name), 0o600);
  }
  const config = loadConfig(process.env, 'tool');

  const embedded = new EmbeddedPostgres({ dataDir, port: config.embeddedPgPort, database: DATABASE, log: (m) => say(`postgres: ${m}`) });
  await embedded.start();
  try {
    const admin = new Client({ connectionString: withDatabase(embedded.url, 'postgres') });
    await admin.connect();
    try {
      const existing = new Client({ connectionString: embedded.url });
      await existing.connect();
      const { rows: tables } = await existing.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
      await existing.end();
      if (tables[0].n > 0) {
        if (!force) {
          throw new Error(
            `the embedded cluster of ${dataDir} (${embedded.dataDirectory}) already holds a database with tables: ` +
              'add --force to replace it',
          );
        }
        say(`replacing the database ${DATABASE} in ${embedded.dataDirectory}`);
        await admin.query(`DROP DATABASE ${DATABASE} WITH (FORCE)`);
      }
    } finally {
      await admin.end();
    }
    const { ownerUrl } = await embedded.provision(config.databaseAppRole);

    // 3. The schema the backup was made on, its rows, then the migrations made since (an upgrade).
    say('making the schema the backup was made on');
    await migrate(ownerUrl, say, { appRole: config.databaseAppRole, only: header.migrations });
    const superuser = new Client({ connectionString: embedded.url });
    await superuser.connect();
    const view = rowProgress('restore', header.tables);
    const started = Date.now();
    try {
      await loadBackup(superuser, file, { progress: view.progress });
      view.stop();
      say(`loaded ${rows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s; updating the planner's statistics`);
      await superuser.query('ANALYZE');
    } catch (error) {
      view.stop();
      throw error;
    } finally {
      await superuser.end();
    }
    const newer = await migrate(ownerUrl, say, { appRole: config.databaseAppRole });
    if (newer.length) say(`${newer.length} newer migration(s) applied`);

    say(
      `restored into ${dataDir}` +
        (Object.keys(header.files).length ? ` with ${Object.keys(header.files).join(', ')}` : '') +
        '. Start it with npm start (same DATA_DIR), sign in as a manager and check GET /api/audit/verify',
    );
  } finally {
    await embedded.stop();
  }
});
