import 'reflect-metadata';
import { loadConfig } from '../config/app-config';
import { provisionDatabase } from '../database/roles';
import { run, say } from './database';

const USAGE = `npm run db:setup   (in a container: node backend/dist/backend/src/cli/db-setup.js)
  Creates or updates the database roles and the database, as an administrator:
    DATABASE_ADMIN_URL  a superuser, or a role with CREATEROLE and CREATEDB (postgres://admin:...@host/postgres)
    DATABASE_OWNER_URL  the owner role to create, with its password and the database (postgres://tilsagn_owner:...@host/tilsagn)
    DATABASE_URL        the application role to create, with its password, on the same database
  Run it again to change a password: it sets both from the URLs. Then run the migrations (npm run migrate).`;

// The roles of docs/operations.md ("Database roles") on a PostgreSQL you run yourself; the compose
// file's db-setup service runs this. On a managed PostgreSQL whose administrator cannot run it,
// the same SQL by hand does the same.
run(async () => {
  const config = loadConfig(process.env, 'tool');
  const adminUrl = process.env.DATABASE_ADMIN_URL;
  if (!adminUrl || !config.databaseOwnerUrl || !config.databaseUrl) throw new Error(USAGE);
  const owner = new URL(config.databaseOwnerUrl);
  const app = new URL(config.databaseUrl);
  const database = decodeURIComponent(owner.pathname.slice(1));
  if (!database || decodeURIComponent(app.pathname.slice(1)) !== database) {
    throw new Error(`DATABASE_OWNER_URL and DATABASE_URL must name the same database\n${USAGE}`);
  }
  const appRole = decodeURIComponent(app.username);
  if (appRole !== config.databaseAppRole) {
    throw new Error(
      `DATABASE_URL logs in as "${appRole}" but the migrations grant to DATABASE_APP_ROLE "${config.databaseAppRole}": ` +
        `set DATABASE_APP_ROLE=${appRole}`,
    );
  }
  await provisionDatabase(
    adminUrl,
    {
      database,
      owner: { name: decodeURIComponent(owner.username), password: decodeURIComponent(owner.password) },
      app: { name: appRole, password: decodeURIComponent(app.password) },
    },
    say,
  );
  say(`database ${database}: owner ${decodeURIComponent(owner.username)}, application role ${appRole}; now run the migrations`);
});
