'use strict';
// `npm run bench`: builds the backend when stale, then runs its bench command.
require('./build-if-stale').buildIfStale({ console: false });
require('../backend/dist/backend/tools/bench.js');
