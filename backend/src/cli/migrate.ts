import 'reflect-metadata';
import { loadConfig } from '../config/app-config';
import { migrate } from '../database/data-source';
import { run, say, withDatabase } from './database';

// `npm run migrate`: apply pending migrations (the compose file's one-shot service runs this).
run(async () => {
  const config = loadConfig();
  if (config.databaseUrl) {
    const applied = await migrate(config.databaseUrl, say);
    say(applied.length ? `${applied.length} migration(s) applied` : 'the schema is up to date');
  } else {
    await withDatabase(async () => say('the schema is up to date'));
  }
});
