'use strict';
// `npm run restore -- FILE`: builds the backend when stale, then restores a backup into an empty DATA_DIR.
require('./build-if-stale').buildIfStale({ console: false });
require('../backend/dist/backend/src/cli/restore.js');
