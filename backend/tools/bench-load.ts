/**
 * The intake benchmark's load generator: a child process of `npm run bench`, so the portal's side
 * of the traffic does not run on the API's event loop (in production it is another system). It
 * generates the documents, posts each once with autocannon, and answers with the throughput, the
 * latency percentiles and the status codes.
 */
import { performance } from 'node:perf_hooks';
import { generateApplication, Prng } from '../src/demo/generator';

// autocannon ships no types of its own (and @types/autocannon describes an older major).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

interface AutocannonResult {
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
  latency: { p50: number; p90: number; p97_5: number; p99: number; max: number; average: number };
  requests: { average: number; total: number };
}

export interface LoadRequest {
  url: string;
  path: string;
  token: string;
  connections: number;
  /** How many new applications to post (a multiple of connections: autocannon gives each connection the same share). */
  applications: number;
  /** Seed of the generated documents, and a tag that makes their externalRefs unique to this run. */
  seed: number;
  runId: string;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  /** The load generator's own CPU per request: it shares the machine with the API and PostgreSQL. */
  cpuMsPerRequest: number;
  statusCodes: Record<string, number>;
  errors: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  firstFailure?: string;
}

/** The documents, generated here rather than sent over IPC (which would cost the API process CPU). */
function bodies(request: LoadRequest): string[] {
  const prng = new Prng(request.seed);
  return Array.from({ length: request.applications }, (_, i) => {
    const doc = generateApplication(prng, i, new Date(Date.now() - prng.int(1, 30) * 86_400_000));
    doc.externalRef = `BENCH-${request.runId}-${i}`;
    return JSON.stringify(doc);
  });
}

async function runLoad(request: LoadRequest): Promise<LoadResult> {
  const docs = bodies(request);
  let next = 0;
  let firstFailure: string | undefined;
  // autocannon's own duration counts whole one-second samples; time the run here instead.
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url: request.url,
    connections: request.connections,
    amount: docs.length,
    timeout: 60,
    requests: [
      {
        method: 'POST',
        path: request.path,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${request.token}` },
        setupRequest: (req: Record<string, unknown>) => ({ ...req, body: docs[next++ % docs.length] }),
        onResponse: (status: number, body: string) => {
          if (status !== 201) firstFailure ??= `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const statusCodes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = Number(count);
  const requests = Object.values(statusCodes).reduce((s, n) => s + n, 0);
  return {
    requests,
    seconds,
    perSecond: requests / seconds,
    cpuMsPerRequest: (used.user + used.system) / 1000 / Math.max(1, requests),
    statusCodes,
    errors: result.errors + result.timeouts,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    firstFailure,
  };
}

if (require.main === module) {
  process.once('message', (message) => {
    runLoad(message as LoadRequest).then(
      (result) => process.send!(result, () => process.exit(0)),
      (error: unknown) => {
        process.stderr.write(`load generator failed: ${error instanceof Error ? error.stack : String(error)}\n`);
        process.exit(1);
      },
    );
  });
}
