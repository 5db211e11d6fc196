'use strict';
// `npm run seed`: builds the backend when stale, then runs its seed command.
require('./build-if-stale').buildIfStale({ console: false });
require('../backend/dist/backend/tools/seed.js');
