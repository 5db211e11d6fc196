'use strict';
// `npm run backup`: builds the backend when stale, then writes a backup of the embedded database.
require('./build-if-stale').buildIfStale({ console: false });
require('../backend/dist/backend/src/cli/backup.js');
