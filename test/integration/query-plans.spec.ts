import { Client } from 'pg';
import { startTestApp, TestContext } from '../support/app';
import { as } from '../support/factories';

/**
 * The read paths stay on their indexes (docs/scale.md). The database gets enough rows, spread
 * like an office's, for the planner to prefer an index where one serves (100 000 cases with their
 * parts, history and notes; fresh statistics). Each read path is then called through the API
 * while the statements it sends are captured, and every SELECT is explained as sent, with its
 * values (the plan of the moment) and as a generic plan (what a prepared statement may settle on):
 * no sequential scan of a table that grows with the cases, and the named index where the path
 * depends on one. A change that turns a read into a scan fails here, not in front of a user.
 */
let ctx: TestContext;
const CASES = 100_000;
/** Tables of a size fixed by the office, not by its cases: a scan of these is fine. */
const SMALL = new Set([
  'app_user',
  'user_role',
  'case_tally',
  'grant_tally',
  'period_tally',
  'open_age_tally',
  'open_due_tally',
  'audit_anchor',
  'login_limit',
  'app_session',
  // A person's saved queue views; the job queue (jobs waiting or failed, not the office's history).
  'saved_filter',
  '_private_jobs',
  '_private_job_queues',
  '_private_tasks',
  'jobs',
]);

interface Captured {
  text: string;
  values: unknown[];
}
let captured: Captured[] | null = null;
const query = Client.prototype.query;

beforeAll(async () => {
  ctx = await startTestApp();
  // Every statement the API sends, while a test listens.
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const [config, values] = args as [string | { text?: string; values?: unknown[] }, unknown[] | undefined];
    const text = typeof config === 'string' ? config : config?.text;
    if (captured && text && /^\s*(SELECT|WITH)\b/i.test(text)) {
      captured.push({ text, values: (typeof config === 'string' ? values : (config.values ?? values)) ?? [] });
    }
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof Client.prototype.query;
  await plant();
}, 600_000);
afterAll(async () => {
  Client.prototype.query = query;
  await ctx?.close();
});

/** 100 000 cases as SQL makes them quickly: statuses, dates, assignees, sizes and rule outcomes spread as in an office. */
async function plant(): Promise<void> {
  const tables = [
    'application',
    'applicant',
    'cost_line',
    'evaluation',
    'note',
    'audit_event',
    'recommendation',
    'decision',
    'register_report',
    'information_request',
    'access_log',
    'portal_outbox',
    'notification',
    'document',
  ];
  const users: { id: string }[] = await ctx.db.query(`SELECT id FROM app_user ORDER BY username`);
  await ctx.db.transaction(async (tx) => {
    // Planted rows are not the application's changes: no chain, no audit of them, no tally.
    for (const t of tables) await tx.query(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
    await tx.query(
      `INSERT INTO application (id, reference, external_ref, submission_hash, submitted_document, status, assignee_id, received_at,
          sla_due_on, applicant_name, org_number, county, project_title, innovation_types, aid_instrument, requested_amount_nok,
          size_class, rule_outcomes, flag_fail, flag_missing, flag_refer, flag_assess, max_aid_nok, decision_outcome, decided_at)
       SELECT uuidv7(), 'PIO-' || (2023 + g % 3) || '-' || lpad(g::text, 6, '0'), 'PLANT-' || g, md5(g::text), '{}',
              s.status, CASE WHEN g % 7 = 0 THEN NULL ELSE ($1::uuid[])[1 + g % array_length($1::uuid[], 1)] END,
              now() - make_interval(mins => (${CASES} - g) * 15), (now() - make_interval(mins => (${CASES} - g) * 15))::date + 56,
              (ARRAY['Fjord', 'Nord', 'Vest', 'Berg', 'Dal', 'Vik'])[1 + g % 6] || md5(g::text) || ' AS', lpad((100000000 + g)::text, 9, '0'),
              'Vestland', (ARRAY['Digital produksjonslinje', 'Ny logistikkprosess', 'Selvbetjent ordremottak'])[1 + g % 3], '{process}',
              'grant', 100000 + g, (ARRAY['micro', 'small', 'medium', 'large'])[1 + g % 4],
              ARRAY['INC-01:' || CASE WHEN g % 14 = 0 THEN 'fail' ELSE 'pass' END, 'TRN-01:' || CASE WHEN g % 2000 = 0 THEN 'fail' ELSE 'pass' END],
              (g % 14 = 0)::int, (g % 50 = 0)::int, 0, (g % 9 = 0)::int, 50000 + g % 900000,
              CASE WHEN s.status = 'decided' THEN 'granted' END, CASE WHEN s.status = 'decided' THEN now() - make_interval(mins => (${CASES} - g) * 10) END
         FROM generate_series(1, ${CASES}) g,
              LATERAL (SELECT CASE WHEN g > ${CASES} - 3000 THEN (ARRAY['received', 'in_review', 'awaiting_applicant', 'recommended'])[1 + g % 4]
                                   WHEN g % 100 < 6 THEN 'withdrawn' WHEN g % 500 = 1 THEN 'in_review' ELSE 'decided' END AS status) s`,
      [users.map((u) => u.id)],
    );
    await tx.query(
      `INSERT INTO applicant (application_id, org_number, name, company_form) SELECT id, org_number, applicant_name, 'AS' FROM application`,
    );
    await tx.query(
      `INSERT INTO cost_line (application_id, line_no, category, description, amount_nok)
       SELECT a.id, n, 'personnel', 'Prosjektleder', 100000 FROM application a, generate_series(1, 3) n`,
    );
    await tx.query(
      `INSERT INTO evaluation (application_id, evaluated_by, reason, rulebook_version, parameter_set, evaluation_date, nok_per_eur,
          fx_source, fx_date, input_hash, input_snapshot, result, evaluated_at)
       SELECT a.id, 'portal', 'intake', 'v', 'gber-2023', a.received_at::date, 11.5, 'x', '2026-01-02', md5(a.id::text) || md5(a.reference),
              '{}', '{"rules": [{"outcome": "pass"}], "totals": {}}', a.received_at + make_interval(days => n)
         FROM application a, generate_series(1, 2) n`,
    );
    await tx.query(
      `INSERT INTO note (application_id, anchor_type, body, author_id, created_at)
       SELECT a.id, 'application', 'Notat', $1, a.received_at FROM application a WHERE a.org_number::bigint % 2 = 0`,
      [users[0].id],
    );
    await tx.query(
      `INSERT INTO audit_event (occurred_at, actor, application_id, kind, data, stream_seq, prev_hash, hash)
       SELECT a.received_at + make_interval(hours => n), 'portal', a.id,
              (ARRAY['intake', 'evaluation', 'assignment', 'status', 'judgment', 'note', 'judgment', 'assessment'])[n], '{}', n,
              repeat('0', 64), repeat('0', 64)
         FROM application a, generate_series(1, 8) n`,
    );
    // The recommendations of recommended and decided cases, and one returned before in ten (the approver's queue).
    await tx.query(
      `INSERT INTO recommendation (application_id, outcome, amount_nok, justification, evaluation_id, recommended_by, recommended_at,
          returned_at, returned_by)
       SELECT a.id, 'grant', 100000, 'Planted', e.id, $1, a.received_at + make_interval(days => 20 + r), CASE WHEN r = 0 THEN a.received_at + make_interval(days => 21) END,
              CASE WHEN r = 0 THEN $2::uuid END
         FROM application a
         JOIN LATERAL (SELECT id FROM evaluation WHERE application_id = a.id LIMIT 1) e ON true
         CROSS JOIN LATERAL generate_series(CASE WHEN a.org_number::bigint % 10 = 0 THEN 0 ELSE 1 END, 1) r
        WHERE a.status IN ('recommended', 'decided')`,
      [users[0].id, users[1].id],
    );
    // The decisions of decided cases (from their open recommendation), and their register reports: reported
    // within a month, so about one in twenty is due, as in the realistic database (847 of 18 423 at 100 000 cases).
    await tx.query(
      `INSERT INTO decision (application_id, recommendation_id, recommended_by, decided_by, decided_at, decision_date, outcome, amount_nok,
          eligible_costs_nok, legal_basis, conditions, grounds, evaluation_id, input_hash, rulebook_version, parameter_set, appeal,
          register_obligation, record)
       SELECT a.id, r.id, r.recommended_by, $1, a.decided_at, (a.decided_at AT TIME ZONE 'Europe/Oslo')::date, 'granted', 100000, 300000,
              'GBER art. 29', '[]', '[]', r.evaluation_id, md5(a.id::text), 'v', 'gber-2023', '{}', true, '{"amountEur": "8700"}'
         FROM application a JOIN recommendation r ON r.application_id = a.id AND r.returned_at IS NULL
        WHERE a.status = 'decided'`,
      [users[2].id],
    );
    await tx.query(
      `INSERT INTO register_report (decision_id, due_on, reported_at, reported_by, register_reference)
       SELECT d.id, d.decision_date + 180, CASE WHEN d.amount_nok > 0 AND d.decided_at < now() - interval '30 days' THEN d.decided_at + interval '20 days' END,
              CASE WHEN d.decided_at < now() - interval '30 days' THEN $1::uuid END,
              CASE WHEN d.decided_at < now() - interval '30 days' THEN 'REG-' || d.id END
         FROM decision d`,
      [users[0].id],
    );
    // Information requests in one case in three (answered and resumed, but for the cases waiting for the applicant).
    await tx.query(
      `INSERT INTO information_request (application_id, message, reply_by, requested_by, requested_at, resumed_at)
       SELECT a.id, 'Send budsjett', (a.received_at + interval '20 days')::date, $1, a.received_at + interval '5 days',
              CASE WHEN a.status <> 'awaiting_applicant' THEN a.received_at + interval '9 days' END
         FROM application a WHERE a.org_number::bigint % 3 = 0`,
      [users[0].id],
    );
    // The access log: three reads of every case, and a sign-in an hour over the cases' span.
    await tx.query(
      `INSERT INTO access_log (occurred_at, kind, username, why, application_id, route, status)
       SELECT a.received_at + make_interval(hours => n), 'read', 'leder', 'case.view', a.id, '/api/applications/:id', 200
         FROM application a, generate_series(1, 3) n`,
    );
    await tx.query(
      `INSERT INTO access_log (occurred_at, kind, username, route, status)
       SELECT now() - make_interval(hours => g), 'login', 'kari', '/api/auth/login', 200 FROM generate_series(1, ${CASES}) g`,
    );
    // The portal's outbox: a decision letter for every decision, delivered.
    await tx.query(
      `INSERT INTO portal_outbox (seq, application_id, external_ref, kind, payload, created_at, delivered_at, next_attempt_at)
       SELECT row_number() OVER (ORDER BY d.decided_at, d.id), d.application_id, a.external_ref, 'decision_letter', '{}', d.decided_at,
              d.decided_at + interval '1 minute', d.decided_at
         FROM decision d JOIN application a ON a.id = d.application_id`,
    );
    // Notifications: one in five cases tells kari something, most of them read.
    await tx.query(
      `INSERT INTO notification (recipient, kind, application_id, reference, created_at, read_at)
       SELECT 'kari', 'assigned', a.id, a.reference, a.received_at, CASE WHEN a.org_number::bigint % 50 <> 0 THEN a.received_at END
         FROM application a WHERE a.org_number::bigint % 5 = 0`,
    );
    // Two documents per case.
    await tx.query(
      `INSERT INTO document (application_id, kind, file_name, content_type, size, sha256, uploaded_at, uploaded_by)
       SELECT a.id, 'budget', 'budsjett.pdf', 'application/pdf', 1000, md5(a.id::text) || md5(a.reference), a.received_at + make_interval(days => n), $1
         FROM application a, generate_series(1, 2) n`,
      [users[0].id],
    );
    // Who took part: the caseworker's judgments and assessments name them.
    await tx.query(
      `UPDATE audit_event e SET actor_id = a.assignee_id FROM application a WHERE e.application_id = a.id AND e.kind IN ('judgment', 'assessment')`,
    );
    for (const t of tables) await tx.query(`ALTER TABLE ${t} ENABLE TRIGGER USER`);
  });
  // As autovacuum leaves them: statistics, and visibility maps (index-only scans count on them).
  for (const t of tables) await ctx.db.query(`VACUUM (ANALYZE) ${t}`);
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** The statements an API call sends, each explained with its values and as a generic plan. */
async function plansOf(path: string, user = 'leder'): Promise<{ text: string; nodes: PlanNode[] }[]> {
  const leder = await as(ctx, user);
  captured = [];
  const res = await leder.get(path);
  const statements = captured as Captured[];
  captured = null;
  expect([path, res.status]).toEqual([path, 200]);
  const plans: { text: string; nodes: PlanNode[] }[] = [];
  for (const s of statements) {
    const [custom] = await ctx.db.query(`EXPLAIN (FORMAT JSON) ${s.text}`, s.values);
    plans.push({ text: s.text, nodes: nodes(custom['QUERY PLAN'][0].Plan) });
    if (s.values.length) {
      const [generic] = await ctx.db.query(`EXPLAIN (GENERIC_PLAN, FORMAT JSON) ${s.text}`);
      plans.push({ text: `${s.text} (generic plan)`, nodes: nodes(generic['QUERY PLAN'][0].Plan) });
    }
  }
  return plans;
}

/**
 * No plan of the path scans a table that grows with the cases; the indexes named are used. With
 * `customOnly`, only the plans with the statement's values: for statements sent unnamed (common/sql
 * query), which PostgreSQL plans with their values every time, never as a generic plan.
 */
async function expectIndexed(path: string, indexes: string[] = [], user?: string, customOnly = false): Promise<void> {
  const plans = (await plansOf(path, user)).filter((p) => !customOnly || !p.text.endsWith('(generic plan)'));
  expect(plans.length).toBeGreaterThan(0);
  const scans = plans.flatMap((p) =>
    p.nodes
      .filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] && !SMALL.has(n['Relation Name']))
      .map((n) => `${n['Relation Name']} in ${p.text.replace(/\s+/g, ' ').slice(0, 160)}`),
  );
  expect([path, scans]).toEqual([path, []]);
  const used = new Set(plans.flatMap((p) => p.nodes.map((n) => n['Index Name']).filter(Boolean)));
  for (const index of indexes) expect([path, used.has(index)]).toEqual([path, true]);
}

const someCase = async (status = 'decided') =>
  ((await ctx.db.query(`SELECT id FROM application WHERE status = $1 ORDER BY id LIMIT 1 OFFSET 10`, [status]))[0] as { id: string }).id;

describe('the queue', () => {
  it.each([
    ['/api/applications?status=in_review&sort=-receivedAt', 'ix_application_status_received'],
    ['/api/applications?status=decided&sort=slaDueAt', 'ix_application_status_sla'],
    ['/api/applications?status=decided&sort=-requestedAmount', 'ix_application_status_amount'],
    ['/api/applications?status=decided&sort=applicantName', 'ix_application_status_name'],
    ['/api/applications?status=decided&sort=-maxAid', 'ix_application_max_aid'],
    ['/api/applications?sort=receivedAt', 'ix_application_received'],
    ['/api/applications?sort=-slaDueAt', 'ix_application_sla'],
    ['/api/applications?sort=requestedAmount', 'ix_application_amount'],
    ['/api/applications?sort=-applicantName', 'ix_application_name'],
    ['/api/applications?sort=maxAid', 'ix_application_max_aid_all'],
    ['/api/applications?sort=-maxAid', 'ix_application_max_aid_all'],
    ['/api/applications?assignee=kari&status=in_review&sort=slaDueAt', 'ix_application_assignee_status_sla'],
  ])('%s walks %s', async (path, index) => expectIndexed(path, [index]));

  it.each([
    '/api/applications?rule=INC-01:fail&sort=-receivedAt',
    '/api/applications?rule=TRN-01:fail&sort=-receivedAt',
    '/api/applications?flag=fail&sizeClass=medium&sort=-receivedAt',
    '/api/applications?overdue=true&sort=slaDueAt',
    '/api/applications?status=received,in_review,awaiting_applicant&assignee=kari&sort=slaDueAt',
    '/api/applications?assignee=unassigned&status=received&sort=receivedAt',
    '/api/applications?q=vestnord',
    '/api/applications?q=selvbetjent&status=in_review',
  ])('%s scans no table of cases', async (path) => expectIndexed(path));

  it.each([
    ['/api/applications?queue=to-approve', ['ix_audit_event_taking_part']],
    ['/api/applications?queue=to-approve&sort=-recommendedAt&returned=true', ['ix_audit_event_taking_part', 'ix_recommendation_returned']],
    ['/api/applications?queue=unassigned&sort=slaDueAt', [], 'kari'],
    ['/api/applications?queue=awaiting-applicant', []],
    ['/api/applications?queue=mine', [], 'kari'],
    ['/api/applications?queue=returned-to-me', ['ix_recommendation_returned'], 'kari'],
    ['/api/queues/counts', ['ix_audit_event_taking_part'], 'ingrid'],
  ] as [string, string[], string?][])(
    'the named queue %s and its total scan no table of cases (indexes: %j)',
    async (path, indexes, user = 'leder') => {
      await expectIndexed(path, indexes, user);
    },
  );

  it('a large filtered view is estimated for its total, not counted', async () => {
    const leder = await as(ctx, 'leder');
    const res = await leder.get('/api/applications?flag=assess&limit=1');
    expect(res.body.totalIsEstimate).toBe(true);
    const [{ n }] = await ctx.db.query(`SELECT count(*)::int AS n FROM application WHERE flag_assess > 0`);
    // The planner's estimate from fresh statistics: within a fifth of the truth.
    expect(Math.abs(res.body.total - n) / n).toBeLessThan(0.2);
  });

  it('finds a case by its whole reference through the reference index, and by org number through the trigram index', async () => {
    await expectIndexed('/api/applications?q=PIO-2024-001234', ['uq_application_reference']);
    await expectIndexed('/api/applications?q=100001234', ['ix_application_search_trgm']);
  });
});

describe('a case', () => {
  it('is read through its indexes: the view, the timeline, the evaluations, the notes', async () => {
    const id = await someCase();
    await expectIndexed(`/api/applications/${id}`, ['application_pkey']);
    await expectIndexed(`/api/applications/${id}/timeline`, ['uq_audit_event_stream']);
    await expectIndexed(`/api/applications/${id}/evaluations`, ['ix_evaluation_application']);
    await expectIndexed(`/api/applications/${id}/notes`, ['ix_note_application']);
  });

  it('who took part in a recommended case is found through the audit stream index', async () => {
    await expectIndexed(`/api/applications/${await someCase('recommended')}`, ['uq_audit_event_stream']);
  });
});

describe('oversight', () => {
  it("the manager's dashboard reads the tallies, not the cases", async () => {
    const plans = await plansOf('/api/stats/overview');
    // The period's figures (decisions in the period, lead time, approval backlog) are a statement of their own.
    const tallies = plans.filter((p) => !/AS backlog/.test(p.text));
    expect(tallies.length).toBeGreaterThan(0);
    const relations = new Set(tallies.flatMap((p) => p.nodes.map((n) => n['Relation Name']).filter(Boolean)));
    expect([...relations].filter((r) => !SMALL.has(r as string))).toEqual([]);
  });

  it.each(['month', '3months', 'year'])(
    "the dashboard's period %s reads the approval backlog by status and the open recommendations' index, no table of cases or decisions whole",
    async (period) => {
      const plans = (await plansOf(`/api/stats/overview?period=${period}`)).filter((p) => /AS backlog/.test(p.text));
      expect(plans.length).toBeGreaterThan(0);
      const scans = plans.flatMap((p) =>
        p.nodes
          .filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] && !SMALL.has(n['Relation Name']))
          .map((n) => n['Relation Name']),
      );
      // The period's decisions and lead times come from period_tally (1764590000000-DashboardPeriodTally): no decision is read.
      expect(scans).toEqual([]);
      // Each recommended case's open recommendation, by an index of the recommendations per case.
      const used = new Set(plans.flatMap((p) => p.nodes.map((n) => n['Index Name']).filter(Boolean)));
      expect(['ix_recommendation_open_at', 'uq_recommendation_open', 'ix_recommendation_application'].some((i) => used.has(i))).toBe(true);
    },
  );

  it('the four-eyes trigger finds the case’s events through the audit stream index', async () => {
    const [fn] = await ctx.db.query(`SELECT prosrc FROM pg_proc WHERE proname = 'decision_decider_took_no_part'`);
    const condition = /FROM audit_event e\s+WHERE ([\s\S]*?)\) THEN/.exec(fn.prosrc)?.[1];
    expect(condition).toBeDefined();
    const [plan] = await ctx.db.query(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM audit_event e WHERE ${condition!.replace(/NEW\.application_id/g, '$1::uuid').replace(/NEW\.decided_by/g, '$2::uuid')}`,
      [await someCase(), (await ctx.db.query(`SELECT id FROM app_user LIMIT 1`))[0].id],
    );
    const used = nodes(plan['QUERY PLAN'][0].Plan);
    // The stream index, or the index of who took part (1764520000000-QueueCounts), which holds exactly these events.
    expect(used.some((n) => ['uq_audit_event_stream', 'ix_audit_event_taking_part'].includes(n['Index Name']!))).toBe(true);
    expect(used.some((n) => n['Node Type'] === 'Seq Scan')).toBe(false);
  });
});

describe('the read paths added since the queue (bench reads, docs/scale.md)', () => {
  const someOf = async (sql: string) => ((await ctx.db.query(sql))[0] as { id: string }).id;

  it.each([
    ['kari', []],
    ['leder', ['ix_audit_event_taking_part']],
  ] as [string, string[]][])("the navigation's counts as %s scan no table of cases", async (user, indexes) => {
    await expectIndexed('/api/queues/counts', indexes, user);
  });

  it.each(['csv', 'xlsx'])('the export of a filtered view as %s walks the queue index', async (format) => {
    await expectIndexed(`/api/applications/export?format=${format}&status=in_review&sort=slaDueAt`, ['ix_application_status_sla']);
  });

  it("a case's reads are read through its indexes: access log, documents, information requests, recommendations, decision", async () => {
    const id = await someCase();
    await expectIndexed(`/api/applications/${id}/access-log`, ['ix_access_log_case_reads']);
    await expectIndexed(`/api/applications/${id}/documents`, ['ix_document_application']);
    const asked = await someOf(`SELECT application_id AS id FROM information_request ORDER BY id LIMIT 1 OFFSET 50`);
    await expectIndexed(`/api/applications/${asked}/information-requests`, ['ix_information_request_application']);
    await expectIndexed(`/api/applications/${id}/recommendations`, ['ix_recommendation_application']);
    await expectIndexed(`/api/applications/${id}/decision`, ['uq_decision_application']);
    await expectIndexed(`/api/applications/${id}/judgments/history`);
    await expectIndexed(`/api/audit/verify?applicationId=${id}`, ['uq_audit_event_stream']);
  });

  it('a returned case: what changed since the return, through the stream index', async () => {
    const returned = await someOf(
      `SELECT r.application_id AS id FROM recommendation r WHERE r.returned_at IS NOT NULL ORDER BY r.application_id LIMIT 1 OFFSET 5`,
    );
    await expectIndexed(`/api/applications/${returned}/changes-since-return`, ['ix_recommendation_returned']);
  });

  it('the access log, the register reports, the jobs, the outbox and the notifications are read through their indexes', async () => {
    await expectIndexed('/api/access-log', ['ix_access_log_events']);
    // A person's reads of a day: ix_access_log_person_reads (1764590300000). The statement is sent unnamed
    // (access-log.repository.ts), so only its plan with the values counts.
    await expectIndexed(
      `/api/access-log?kind=read&username=leder&from=${new Date(Date.now() - 86_400_000).toISOString().slice(0, 19)}Z`,
      ['ix_access_log_person_reads'],
      'leder',
      true,
    );
    // The register reports' statements go out unnamed too (oversight.repository.ts): planned with the status each time,
    // where the status condition folds to the partial index's (as a generic plan it cannot).
    await expectIndexed('/api/register-reports?status=due', ['ix_register_report_due'], 'leder', true);
    // status=reported and status=all: their first page's total counts every report reported (most of the table:
    // a scan is the plan for that, growing with the decisions; docs/scale.md, what is left). Their pages after the
    // first carry no total, and keep to the index:
    const first = await (await as(ctx, 'leder')).get('/api/register-reports?status=all&limit=100');
    expect(first.body.nextCursor).toBeTruthy();
    await expectIndexed(
      `/api/register-reports?status=all&limit=100&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      ['ix_register_report_order'],
      'leder',
      true,
    );
    await expectIndexed('/api/admin/jobs', [], 'admin');
    await expectIndexed('/api/portal/outbox?limit=100', [], 'portal');
    await expectIndexed('/api/notifications', [], 'kari');
  });
});
