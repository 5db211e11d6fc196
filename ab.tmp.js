require('reflect-metadata');
const http = require('http'); const { Pool } = require('pg');
const D = './backend/dist/backend/src/';
const { EmbeddedPostgres } = require(D + 'database/embedded-postgres');
const { createApp } = require(D + 'app'); const { loadConfig } = require(D + 'config/app-config');
const { buildQueueQuery } = require(D + 'applications/applications.service');
const variants = (process.env.AB || 'base,base').split(',');
(async () => {
  const pg = new EmbeddedPostgres({ dataDir: require('path').resolve('./.data/bench'), port: 54339, database: 'tilsagn_bench', log: () => {}, settings: ['shared_preload_libraries=pg_stat_statements'] });
  const url = await pg.start();
  try {
    const pool = new Pool({ connectionString: url, max: 4 });
    const apps = [];
    for (const v of variants) {
      for (const k of ['AB_NOPINO', 'AB_NOHELMET']) delete process.env[k];
      if (v.includes('nopino')) process.env.AB_NOPINO = '1';
      if (v.includes('nohelmet')) process.env.AB_NOHELMET = '1';
      const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', CONSOLE_DIR: '', JWT_SECRET: 'bench-secret-bench-secret-bench-secret', LOGIN_RATE_LIMIT: '1000', DB_POOL_SIZE: '10' });
      const app = await createApp(config, url);
      if (v.includes('nopipe')) { const { ValidationPipe } = require('@nestjs/common'); const orig = ValidationPipe.prototype.transform; }
      await app.listen(0, '127.0.0.1');
      if (v.includes('nopipe')) { app.__nopipe = true; }
      const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'leder', password: 'demo' }) });
      const token = (await res.json()).accessToken;
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      apps.push({ v, base, token, agent, app, s: [] });
    }
    // nopipe: flag the global pipe instance of that app
    for (const a of apps) if (a.v.includes('nopipe')) { const cfg = a.app.applicationConfig ?? a.app.config; (cfg.getGlobalPipes ? cfg.getGlobalPipes() : []).forEach((p) => (p.__skip = true)); }
    const qs = 'status=in_review&assignee=cw004&sort=-receivedAt&limit=50';
    const get = (a) => new Promise((ok, ko) => { const t = performance.now(); http.get(`${a.base}/api/applications?${qs}`, { agent: a.agent, headers: { authorization: `Bearer ${a.token}` } }, (r) => { r.on('data', () => {}); r.on('end', () => r.statusCode === 200 ? ok(performance.now() - t) : ko(new Error(String(r.statusCode)))); }).on('error', ko); });
    const { sql, params } = buildQueueQuery({ status: ['in_review'], assignee: 'cw004', sort: '-receivedAt', limit: 50 }, { id: null });
    const raw = [];
    const N = Number(process.env.N || 1500);
    for (let i = 0; i < N + 200; i++) {
      let t = performance.now(); await pool.query(sql, params); const r = performance.now() - t;
      for (const a of (i % 2 ? apps : [...apps].reverse())) { const ms = await get(a); if (i >= 200) a.s.push(ms); }
      if (i >= 200) raw.push(r);
    }
    const st = (s) => { s.sort((a, b) => a - b); return `p50 ${s[s.length / 2 | 0].toFixed(2)} p95 ${s[s.length * 0.95 | 0].toFixed(2)}`; };
    console.log('raw', st(raw));
    for (const a of apps) console.log(a.v.padEnd(20), st(a.s));
    for (const a of apps) await a.app.close();
    await pool.end();
  } finally { await pg.stop(); }
})();
