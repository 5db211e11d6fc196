'use strict';
// `npm run user-create`: builds the backend when stale, then runs its user-create command.
require('./build-if-stale').buildIfStale({ console: false });
require('../backend/dist/backend/src/cli/user-create.js');
