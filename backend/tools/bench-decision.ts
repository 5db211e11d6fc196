import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { intakeSampleCase } from '../src/rulebook';

/**
 * The decision benchmark: an approver approves recommended grants one after the other, each
 * making both letters, while a probe asks /health every 20 ms. Half of the cases carry the longest
 * texts the API accepts in the letter (a justification of 2 000 characters made of 200-character
 * words), so the letter's rendering is measured at its worst. Target: decision p95 at most 1 s,
 * and /health answering within 100 ms throughout.
 */
export interface DecisionBenchResult {
  decisions: number;
  decisionMs: { p50: number; p95: number; max: number };
  longTextDecisionMs: { p50: number; p95: number; max: number };
  healthMs: { p50: number; p95: number; max: number; probes: number };
}

type Say = (line: string) => void;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's answers, read field by field
type Json = any;

interface Client {
  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json; ms: number }>;
}

const JUDGMENTS = ['J-INNO-01', 'J-INNO-02', 'J-INNO-03', 'J-COMP-01', 'J-COMP-02', 'J-NEED-01', 'J-FEAS-01', 'J-COST-01'];

function client(base: string, token: string): Client {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    request: (method, path, body) =>
      new Promise((resolve, reject) => {
        const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
        const t = performance.now();
        const req = http.request(
          `${base}${path}`,
          {
            method,
            agent,
            headers: {
              authorization: `Bearer ${token}`,
              ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const ms = performance.now() - t;
              const text = Buffer.concat(chunks).toString('utf8');
              resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null, ms });
            });
          },
        );
        req.on('error', reject);
        req.end(payload);
      }),
  };
}

/** A justification at the API's limits: 2 000 characters in words of 200. */
const LONG_WORD = 'Prosessinnovasjon'.repeat(12).slice(0, 200);
const LONG_JUSTIFICATION = Array.from({ length: 10 }, () => LONG_WORD)
  .join(' ')
  .slice(0, 2000);

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 };
}

/** Makes `count` recommended grants through the API, as the portal, kari and the approver would. */
async function recommendedCases(
  portal: Client,
  kari: Client,
  count: number,
  say: Say,
): Promise<{ id: string; version: number; long: boolean }[]> {
  const cases: { id: string; version: number; long: boolean }[] = [];
  const runId = Date.now().toString(36);
  for (let i = 0; i < count; i++) {
    const doc: Json = intakeSampleCase();
    doc.externalRef = `BENCH-DECISION-${runId}-${i}`;
    doc.otherPublicAid = [];
    for (const line of doc.costLines) delete line.id;
    const made = await portal.request('POST', '/api/applications', doc);
    if (made.status !== 201) throw new Error(`intake answered ${made.status}: ${JSON.stringify(made.body)}`);
    const id = made.body.id as string;
    const steps: [string, string, unknown][] = [
      ['POST', `/api/applications/${id}/assign`, { assignee: 'kari' }],
      ['POST', `/api/applications/${id}/status`, { status: 'in_review' }],
      ...JUDGMENTS.map((c): [string, string, unknown] => [
        'PUT',
        `/api/applications/${id}/judgments/${c}`,
        { outcome: 'pass', rationale: `${c} er oppfylt.` },
      ]),
    ];
    // Each change names the version it was made on, as the console does.
    let version = made.body.version as number;
    for (const [method, path, body] of steps) {
      const res = await kari.request(method, path, { ...(body as object), version });
      if (res.status !== 200) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
      version = res.body.version as number;
    }
    const long = i % 2 === 1;
    const recommended = await kari.request('POST', `/api/applications/${id}/recommendation`, {
      outcome: 'grant',
      amountNok: 1_145_000,
      justification: long ? LONG_JUSTIFICATION : 'Prosjektet er en tydelig prosessinnovasjon.',
      conditions: [{ code: 'CHANGES' }, { text: long ? LONG_JUSTIFICATION : 'Prosjektet presenteres på fagdagen.' }],
      version,
    });
    if (recommended.status !== 200) throw new Error(`recommendation answered ${recommended.status}: ${JSON.stringify(recommended.body)}`);
    cases.push({ id, version: recommended.body.version as number, long });
    if ((i + 1) % 10 === 0) say(`  ${i + 1}/${count} cases recommended`);
  }
  return cases;
}

export async function runDecisionBench(
  base: string,
  login: (username: string) => Promise<string>,
  count: number,
  say: Say,
): Promise<DecisionBenchResult> {
  const [portal, kari, ingrid, probe] = await Promise.all(
    ['portal', 'kari', 'ingrid', 'leder'].map(async (u) => client(base, await login(u))),
  );
  say(`decision: preparing ${count} recommended grants (half with 2 000-character texts in the letter), and 4 to warm up`);
  const [warmUp, cases] = [await recommendedCases(portal, kari, 4, () => undefined), await recommendedCases(portal, kari, count, say)];
  // The first decisions of a process plan their statements and compile the code paths: not timed.
  for (const c of warmUp) await ingrid.request('POST', `/api/applications/${c.id}/decision`, { action: 'approve', version: c.version });

  // /health every 20 ms while the decisions run, on its own connection.
  const health: number[] = [];
  let probing = true;
  const prober = (async () => {
    while (probing) {
      const res = await probe.request('GET', '/health');
      if (res.status !== 200) throw new Error(`/health answered ${res.status}`);
      health.push(res.ms);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();

  const all: number[] = [];
  const long: number[] = [];
  for (const [i, c] of cases.entries()) {
    const res = await ingrid.request('POST', `/api/applications/${c.id}/decision`, { action: 'approve', version: c.version });
    if (res.status !== 200) throw new Error(`decision answered ${res.status}: ${JSON.stringify(res.body)}`);
    all.push(res.ms);
    if (c.long) long.push(res.ms);
    if ((i + 1) % 10 === 0) say(`  ${i + 1}/${count} decided`);
  }
  probing = false;
  await prober;
  return {
    decisions: cases.length,
    decisionMs: summary(all),
    longTextDecisionMs: summary(long),
    healthMs: { ...summary(health), probes: health.length },
  };
}
