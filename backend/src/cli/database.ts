import { loadConfig } from '../config/app-config';
import { migrate } from '../database/data-source';
import { EmbeddedPostgres } from '../database/embedded-postgres';

export const say = (message: string) => process.stdout.write(`[tilsagn] ${message}\n`);

/**
 * Runs `work` against the configured database: DATABASE_URL, or the embedded
 * PostgreSQL under DATA_DIR (the one `npm start` uses; stop the app first).
 */
export async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  let embedded: EmbeddedPostgres | null = null;
  let url = config.databaseUrl;
  if (!url) {
    embedded = new EmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPgPort,
      database: 'tilsagn',
      log: (m) => say(`postgres: ${m}`),
    });
    url = await embedded.start();
  }
  try {
    await migrate(url, say);
    return await work(url);
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
