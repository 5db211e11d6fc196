import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { openApiDocument } from '../../backend/src/app';
import { startTestApp, TestContext } from '../support/app';

const SPEC = join(__dirname, '../../backend/openapi.json');
const CLIENT_DIR = join(__dirname, '../../frontend/src/app/api');
/** What `npm run api:generate` runs; given a folder, it generates there. */
const GENERATE = join(__dirname, '../../scripts/api-generate.js');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** How every error is documented: problem+json, with the one shared schema. */
const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } };
let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

interface Operation {
  operationId?: string;
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

/** Every operation of the committed document, as `METHOD /path` with the operation. */
function operations(): [string, Operation][] {
  const doc = JSON.parse(readFileSync(SPEC, 'utf8')) as { paths: Record<string, Partial<Record<string, Operation>>> };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m): [string, Operation] => [`${m.toUpperCase()} ${path}`, item[m]!]),
  );
}

/** Every file under a folder, by its path relative to the folder. */
function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

describe('the OpenAPI document', () => {
  it('is served at /api/docs and matches the committed backend/openapi.json (UPDATE_OPENAPI=1 npm test rewrites it)', async () => {
    const generated = `${JSON.stringify(openApiDocument(ctx.app), null, 2)}\n`;
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync(SPEC, generated);
    expect(existsSync(SPEC)).toBe(true);
    expect(generated).toBe(readFileSync(SPEC, 'utf8'));
    const served = await ctx.http.get('/api/docs/openapi.json');
    expect(served.status).toBe(200);
    const paths = Object.keys(served.body.paths);
    for (const p of ['/api/auth/login', '/api/applications', '/api/applications/{id}', '/api/applications/{id}/what-if', '/health']) {
      expect(paths).toContain(p);
    }
    const ui = await ctx.http.get('/api/docs/');
    expect(ui.status).toBe(200);
  });

  it('gives every operation a success response with a schema (or a content type other than JSON, such as the PDF letter, or 204 No Content)', () => {
    const missing = operations().flatMap(([name, op]) => {
      const successes = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (!successes.length) return [`${name}: no 2xx response`];
      return successes.flatMap(([status, response]) => {
        const content = Object.entries(response.content ?? {});
        if (status === '204') return content.length ? [`${name} 204: content on No Content`] : [];
        if (!content.length) return [`${name} ${status}: no content`];
        return content
          .filter(([type, media]) => /json/.test(type) && !media.schema)
          .map(([type]) => `${name} ${status} ${type}: no schema`);
      });
    });
    expect(missing).toEqual([]);
  });

  it('answers every error of every operation with the one shared problem+json schema', () => {
    const wrong = operations().flatMap(([name, op]) =>
      Object.entries(op.responses)
        .filter(([status]) => status === 'default' || /^[45]\d\d$/.test(status))
        .filter(([, response]) => JSON.stringify(response.content) !== JSON.stringify(PROBLEM))
        .map(([status]) => `${name} ${status}`),
    );
    expect(wrong).toEqual([]);
  });

  it('names each operation: clients generated from the document name their functions after it', () => {
    const unnamed = operations()
      .filter(([, op]) => !op.operationId || /Controller_/.test(op.operationId))
      .map(([name]) => name);
    expect(unnamed).toEqual([]);
  });
});

describe("the console's generated API client (frontend/src/app/api)", () => {
  it('is what `npm run api:generate` makes of the committed backend/openapi.json', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'tilsagn-api-client-'));
    try {
      execFileSync(process.execPath, [GENERATE, fresh], { stdio: 'pipe' });
      const expected = files(fresh);
      const committed = files(CLIENT_DIR);
      const stale = [
        ...[...expected].filter(([path, text]) => committed.get(path) !== text).map(([path]) => path),
        ...[...committed.keys()].filter((path) => !expected.has(path)),
      ].sort();
      if (stale.length) {
        throw new Error(
          `The committed client in frontend/src/app/api is stale: ${stale.length} file(s) differ from a fresh generation ` +
            `(changed, missing or left over):\n  ${stale.join('\n  ')}\nRun \`npm run api:generate\` and commit the result.`,
        );
      }
      expect(committed.size).toBe(expected.size);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
