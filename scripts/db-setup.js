'use strict';
// `npm run db:setup`: builds the backend when stale, then creates or updates the database roles.
require('./build-if-stale').buildIfStale({ console: false });
require('../backend/dist/backend/src/cli/db-setup.js');
