import { Pool, PoolClient } from 'pg';
import { hashPassword } from '../src/auth/password';
import { canonicalJson, sha256Hex } from '../src/rulebook';
import { IntakeDocument } from '../src/cases';
import { addBusinessDays, toOsloDate } from '../src/sla/business-days';
import { generateApplication, Prng } from '../src/demo/generator';

export interface BulkSeedOptions {
  cases: number;
  batchSize?: number;
  caseworkers?: number;
  seed?: number;
  slaBusinessDays?: number;
  onProgress?: (done: number) => void;
  onPhase?: (phase: string) => void;
}

const STATUS_WEIGHTS: [string, number][] = [
  ['received', 0.18],
  ['in_review', 0.3],
  ['awaiting_applicant', 0.07],
  ['recommended', 0.08],
  ['decided', 0.34],
  ['withdrawn', 0.03],
];

/**
 * Fills a database with `cases` applications for benchmarks, fast: each batch
 * is one multi-row INSERT per table (arrays through unnest), with the same
 * normalised rows, submitted document and audit event that intake writes.
 */
export async function bulkSeed(url: string, options: BulkSeedOptions): Promise<{ cases: number; seconds: number }> {
  const workers = 2;
  const pool = new Pool({ connectionString: url, max: workers + 1 });
  const started = Date.now();
  const batchSize = options.batchSize ?? 2000;
  const sla = options.slaBusinessDays ?? 40;
  try {
    const caseworkerIds = await ensureCaseworkers(pool, options.caseworkers ?? 40);
    const [{ offset }] = (await pool.query(`SELECT count(*)::int AS offset FROM application`)).rows;
    // Loading into an empty database: build the secondary indexes once at the
    // end instead of maintaining them row by row (the usual bulk-load order).
    const deferred = offset === 0 ? await dropSecondaryIndexes(pool) : [];
    const now = Date.now();
    const span = 3 * 365 * 86_400_000;
    const batches = Math.ceil(options.cases / batchSize);
    let next = 0;
    let done = 0;
    const worker = async () => {
      for (let b = next++; b < batches; b = next++) {
        const prng = new Prng((options.seed ?? 42) + b);
        const first = b * batchSize;
        const n = Math.min(batchSize, options.cases - first);
        const docs: IntakeDocument[] = [];
        const states: { status: string; assignee: string | null; outcome: string | null }[] = [];
        for (let i = 0; i < n; i++) {
          const number = offset + first + i + 1;
          // Spread over three years, oldest first.
          const receivedAt = new Date(now - span + Math.floor(((first + i) / options.cases) * span) + prng.int(0, 60_000));
          const doc = generateApplication(prng, number, receivedAt);
          doc.externalRef = `BULK-${number}`;
          docs.push(doc);
          const status = pickStatus(prng);
          const assignee = status === 'received' && prng.chance(0.6) ? null : prng.pick(caseworkerIds);
          states.push({ status, assignee, outcome: status === 'decided' ? (prng.chance(0.7) ? 'granted' : 'rejected') : null });
        }
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await insertBatch(client, docs, states, sla);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        } finally {
          client.release();
        }
        done += n;
        options.onProgress?.(done);
      }
    };
    try {
      await Promise.all(Array.from({ length: workers }, worker));
    } finally {
      // Also after a failure: the database keeps its indexes whatever happened to the load.
      if (deferred.length) {
        options.onPhase?.(`building ${deferred.length} indexes`);
        let k = 0;
        await Promise.all(
          Array.from({ length: workers }, async () => {
            for (let i = k++; i < deferred.length; i = k++) await pool.query(deferred[i]);
          }),
        );
      }
    }
    options.onPhase?.('analyzing');
    await pool.query('ANALYZE');
    return { cases: done, seconds: (Date.now() - started) / 1000 };
  } finally {
    await pool.end();
  }
}

const BULK_TABLES = [
  'application',
  'applicant',
  'financial_year',
  'related_enterprise',
  'collaboration_partner',
  'other_public_aid',
  'cost_line',
  'audit_event',
];

/**
 * Drops the plain indexes (not unique, backing no constraint) and returns their
 * definitions, to be run again after the load. Unique indexes stay: they keep
 * their guarantee during the load, and the audit trigger finds each case's
 * last event through one of them.
 */
async function dropSecondaryIndexes(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
        AND i.indexdef NOT LIKE 'CREATE UNIQUE INDEX%'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [BULK_TABLES],
  );
  for (const r of rows) await pool.query(`DROP INDEX ${r.indexname}`);
  return rows.map((r) => r.indexdef);
}

function pickStatus(prng: Prng): string {
  let roll = prng.next();
  for (const [status, weight] of STATUS_WEIGHTS) {
    if (roll < weight) return status;
    roll -= weight;
  }
  return 'decided';
}

async function ensureCaseworkers(pool: Pool, count: number): Promise<string[]> {
  const hash = await hashPassword('bench');
  const names = Array.from({ length: count }, (_, i) => `cw${String(i + 1).padStart(3, '0')}`);
  await pool.query(
    `INSERT INTO app_user (username, display_name, password_hash)
       SELECT u, 'Saksbehandler ' || u, $2 FROM unnest($1::text[]) u
     ON CONFLICT ON CONSTRAINT uq_app_user_username DO NOTHING`,
    [names, hash],
  );
  await pool.query(
    `INSERT INTO user_role (user_id, role) SELECT id, 'caseworker' FROM app_user WHERE username = ANY($1) ON CONFLICT DO NOTHING`,
    [names],
  );
  const { rows } = await pool.query(`SELECT id FROM app_user WHERE username = ANY($1) ORDER BY username`, [names]);
  return rows.map((r) => r.id);
}

async function insertBatch(
  client: PoolClient,
  docs: IntakeDocument[],
  states: { status: string; assignee: string | null; outcome: string | null }[],
  slaDays: number,
): Promise<void> {
  const col = <T>(get: (d: IntakeDocument, i: number) => T) => docs.map(get);
  const { rows } = await client.query(
    `INSERT INTO application (reference, external_ref, submission_hash, submitted_document, status, assignee_id, received_at,
        sla_due_on, applicant_name, org_number, county, project_title, project_description, innovation_types, start_date,
        end_date, location, circular_transition, aid_instrument, requested_amount_nok, decision_outcome, version)
     SELECT 'PIO-' || to_char(t.received_at AT TIME ZONE 'Europe/Oslo', 'YYYY') || '-' || lpad(t.n::text, greatest(6, length(t.n::text)), '0'),
            t.external_ref, t.hash, t.doc, t.status, t.assignee, t.received_at, t.sla, t.name, t.org, t.county, t.title,
            t.description, string_to_array(t.types, ','), t.start_date, t.end_date, t.location, t.circular, 'grant',
            t.requested, t.outcome, CASE WHEN t.status = 'received' AND t.assignee IS NULL THEN 1 ELSE 2 END
       FROM (SELECT u.*, nextval('application_reference_seq') AS n
               FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::text[], $5::uuid[], $6::timestamptz[], $7::date[], $8::text[],
                           $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::date[], $15::date[], $16::text[],
                           $17::boolean[], $18::bigint[], $19::text[])
                    WITH ORDINALITY AS u(external_ref, hash, doc, status, assignee, received_at, sla, name, org, county, title,
                           description, types, start_date, end_date, location, circular, requested, outcome, ord)
              ORDER BY u.ord) t
      ORDER BY t.ord
     RETURNING id`,
    [
      col((d) => d.externalRef),
      col((d) => sha256Hex(canonicalJson(d))),
      col((d) => JSON.stringify(d)),
      states.map((s) => s.status),
      states.map((s) => s.assignee),
      col((d) => d.receivedAt),
      col((d) => addBusinessDays(toOsloDate(d.receivedAt), slaDays)),
      col((d) => d.applicant.name),
      col((d) => d.applicant.orgNumber),
      col((d) => d.applicant.county ?? null),
      col((d) => d.project.title),
      col((d) => d.project.description ?? null),
      col((d) => d.project.innovationTypes.join(',')),
      col((d) => d.project.startDate ?? null),
      col((d) => d.project.endDate ?? null),
      col((d) => d.project.location ?? null),
      col((d) => d.project.circularTransition ?? null),
      col((d) => d.aid.requestedAmountNok),
      states.map((s) => s.outcome),
    ],
  );
  const ids: string[] = rows.map((r) => r.id);

  await unnestInsert(
    client,
    'applicant',
    [
      ['application_id', 'uuid'],
      ['org_number', 'text'],
      ['name', 'text'],
      ['company_form', 'text'],
      ['incorporated_on', 'date'],
      ['nace_code', 'text'],
      ['county', 'text'],
      ['public_ownership_pct', 'numeric'],
      ['insolvency_proceedings', 'boolean'],
      ['outstanding_rescue_aid', 'boolean'],
      ['outstanding_recovery_order', 'boolean'],
    ],
    docs.map((d, i) => {
      const a = d.applicant;
      return [
        ids[i],
        a.orgNumber,
        a.name,
        a.companyForm,
        a.incorporatedOn ?? null,
        a.naceCode ?? null,
        a.county ?? null,
        a.publicOwnershipPct ?? null,
        a.insolvencyProceedings ?? null,
        a.outstandingRescueAid ?? null,
        a.outstandingRecoveryOrder ?? null,
      ];
    }),
  );
  await unnestInsert(
    client,
    'financial_year',
    [
      ['application_id', 'uuid'],
      ['year', 'int'],
      ['annual_work_units', 'numeric'],
      ['turnover_nok', 'bigint'],
      ['balance_sheet_nok', 'bigint'],
      ['share_capital_nok', 'bigint'],
      ['other_equity_nok', 'bigint'],
      ['debt_nok', 'bigint'],
      ['ebitda_nok', 'bigint'],
      ['interest_expense_nok', 'bigint'],
    ],
    docs.flatMap((d, i) =>
      (d.applicant.financials ?? []).map((f) => [
        ids[i],
        f.year,
        f.annualWorkUnits ?? null,
        f.turnoverNok ?? null,
        f.balanceSheetNok ?? null,
        f.shareCapitalNok ?? null,
        f.otherEquityNok ?? null,
        f.debtNok ?? null,
        f.ebitdaNok ?? null,
        f.interestExpenseNok ?? null,
      ]),
    ),
  );
  await unnestInsert(
    client,
    'related_enterprise',
    [
      ['application_id', 'uuid'],
      ['position', 'int'],
      ['name', 'text'],
      ['org_number', 'text'],
      ['relation', 'text'],
      ['share_pct', 'numeric'],
      ['annual_work_units', 'numeric'],
      ['turnover_nok', 'bigint'],
      ['balance_sheet_nok', 'bigint'],
    ],
    docs.flatMap((d, i) =>
      (d.applicant.relatedEnterprises ?? []).map((r, k) => [
        ids[i],
        k,
        r.name,
        r.orgNumber ?? null,
        r.relation,
        r.sharePct ?? null,
        r.annualWorkUnits ?? null,
        r.turnoverNok ?? null,
        r.balanceSheetNok ?? null,
      ]),
    ),
  );
  await unnestInsert(
    client,
    'collaboration_partner',
    [
      ['application_id', 'uuid'],
      ['position', 'int'],
      ['name', 'text'],
      ['org_number', 'text'],
      ['size_class', 'text'],
      ['eligible_costs_nok', 'bigint'],
    ],
    docs.flatMap((d, i) =>
      (d.project.collaborationPartners ?? []).map((p, k) => [
        ids[i],
        k,
        p.name,
        p.orgNumber ?? null,
        p.sizeClass ?? null,
        p.eligibleCostsNok ?? null,
      ]),
    ),
  );
  await unnestInsert(
    client,
    'other_public_aid',
    [
      ['application_id', 'uuid'],
      ['position', 'int'],
      ['grantor', 'text'],
      ['legal_basis', 'text'],
      ['amount_nok', 'bigint'],
      ['covers_same_costs', 'boolean'],
    ],
    docs.flatMap((d, i) =>
      (d.otherPublicAid ?? []).map((o, k) => [ids[i], k, o.grantor, o.legalBasis ?? null, o.amountNok, o.coversSameCosts]),
    ),
  );
  await unnestInsert(
    client,
    'cost_line',
    [
      ['application_id', 'uuid'],
      ['line_no', 'int'],
      ['category', 'text'],
      ['description', 'text'],
      ['amount_nok', 'bigint'],
      ['hours', 'numeric'],
      ['hourly_rate_nok', 'bigint'],
      ['basis', 'text'],
      ['acquisition_cost_nok', 'bigint'],
      ['useful_life_months', 'numeric'],
      ['months_used', 'numeric'],
      ['project_use_share_pct', 'numeric'],
      ['monthly_rent_nok', 'bigint'],
      ['supplier_name', 'text'],
      ['supplier_relation', 'text'],
      ['incurred_from', 'date'],
    ],
    docs.flatMap((d, i) =>
      d.costLines.map((c, k) => [
        ids[i],
        k + 1,
        c.category,
        c.description,
        c.amountNok,
        c.hours ?? null,
        c.hourlyRateNok ?? null,
        c.basis ?? null,
        c.acquisitionCostNok ?? null,
        c.usefulLifeMonths ?? null,
        c.monthsUsed ?? null,
        c.projectUseSharePct ?? null,
        c.monthlyRentNok ?? null,
        c.supplierName ?? null,
        c.supplierRelation ?? null,
        c.incurredFrom ?? null,
      ]),
    ),
  );
  await client.query(
    `INSERT INTO audit_event (actor, application_id, kind, data)
     SELECT 'seed', t.id, 'intake', jsonb_build_object('after', jsonb_build_object('status', t.status, 'bulk', true))
       FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS t(id, status, ord) ORDER BY t.ord`,
    [ids, states.map((s) => s.status)],
  );
}

async function unnestInsert(client: PoolClient, table: string, columns: [string, string][], rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  const arrays = columns.map((_, c) => rows.map((r) => r[c]));
  await client.query(
    `INSERT INTO ${table} (${columns.map(([n]) => n).join(', ')})
     SELECT * FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})`,
    arrays,
  );
}
