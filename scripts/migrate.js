'use strict';
// `npm run migrate`: builds the backend when stale, then runs its migrate command.
require('./build-if-stale').buildIfStale({ console: false });
require('../backend/dist/backend/src/cli/migrate.js');
