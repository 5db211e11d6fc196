import { loadConfig } from '../config/app-config';
import { migrate } from '../database/data-source';
import { EmbeddedPostgres } from '../database/embedded-postgres';

export const say = (message: string) => process.stdout.write(`[tilsagn] ${message}\n`);

/** Where a tool connects: as the owner role (migrations, bulk changes), and as the application role when one is configured. */
export interface ToolDatabase {
  ownerUrl: string;
  appUrl: string | null;
}

/**
 * Runs `work` against the configured database after applying pending migrations:
 * DATABASE_OWNER_URL (or DATABASE_URL when there is no owner URL), or the embedded
 * PostgreSQL under DATA_DIR (the one `npm start` uses; stop the app first).
 */
export async function withDatabase<T>(work: (db: ToolDatabase) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env, 'tool');
  let embedded: EmbeddedPostgres | null = null;
  let db: ToolDatabase;
  if (config.migrationUrl) {
    db = { ownerUrl: config.migrationUrl, appUrl: config.databaseUrl };
  } else {
    embedded = new EmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPgPort,
      database: 'tilsagn',
      log: (m) => say(`postgres: ${m}`),
    });
    await embedded.start();
    db = await embedded.provision(config.databaseAppRole);
  }
  try {
    await migrate(db.ownerUrl, say, { appRole: config.databaseAppRole });
    return await work(db);
  } finally {
    await embedded?.stop();
  }
}

/** `--name value` and `--flag` arguments. */
export function parseArgs(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) continue;
    const [key, inline] = arg.slice(2).split('=', 2);
    if (inline !== undefined) out[key] = inline;
    else if (argv[i + 1] && !argv[i + 1].startsWith('--')) out[key] = argv[++i];
    else out[key] = true;
  }
  return out;
}

export function run(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`[tilsagn] ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
