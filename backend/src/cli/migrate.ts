import 'reflect-metadata';
import { loadConfig } from '../config/app-config';
import { migrate } from '../database/data-source';
import { run, say, withDatabase } from './database';

// `npm run migrate`: apply pending migrations (the compose file's one-shot service runs this).
// It connects as the owner role (DATABASE_OWNER_URL, or DATABASE_URL when that is the only one);
// the migrations grant DATABASE_APP_ROLE what the API needs.
run(async () => {
  const config = loadConfig(process.env, 'tool');
  if (config.migrationUrl) {
    const applied = await migrate(config.migrationUrl, say, { appRole: config.databaseAppRole });
    say(applied.length ? `${applied.length} migration(s) applied` : 'the schema is up to date');
  } else {
    await withDatabase(async () => say('the schema is up to date'));
  }
});
