'use strict';
// `npm run audit:verify`: builds the backend when stale, then checks the audit log (backend/src/cli/audit-verify.ts).
require('./build-if-stale').buildIfStale({ console: false });
require('../backend/dist/backend/src/cli/audit-verify.js');
