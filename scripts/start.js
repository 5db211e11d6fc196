'use strict';
// `npm start`: build what is stale, then run API and console on one port, with
// the embedded PostgreSQL unless DATABASE_URL is set.
const { buildIfStale } = require('./build-if-stale');

buildIfStale();
require('../backend/dist/backend/src/main.js');
