import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The queues per role and their counts (issue 14, item 1), each on an index at 1 000 000 cases:
 *
 * - `ix_audit_event_taking_part`: who took part in which case (the kinds of TAKING_PART_KINDS in
 *   backend/src/cases/case-policy.ts, as the four-eyes trigger checks them), per person. The
 *   approver's queue ("to-approve") leaves out every recommended case the approver took part in:
 *   one index-only probe per recommended case, never a walk over the case's events.
 * - `ix_recommendation_returned`: the cases with a returned recommendation, for the queues'
 *   `returned` flag and filter and the caseworker's "returned to me".
 * - `ix_recommendation_open_at`: the open recommendation's time, for the approver's queue,
 *   oldest recommendation first, without reading the recommendation rows.
 *
 * The counts of "mine", "unassigned" and "awaiting the applicant" come from case_tally
 * (1764400000000-DashboardTally), which needs no index.
 */
export class QueueCounts1764520000000 implements MigrationInterface {
  name = 'QueueCounts1764520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX ix_audit_event_taking_part ON audit_event (actor_id, (coalesce(application_id, '00000000-0000-0000-0000-000000000000'::uuid)))
        WHERE kind IN ('recommendation', 'judgment', 'assessment', 'correction', 'exchange-rate')`);
    await q.query(`CREATE INDEX ix_recommendation_returned ON recommendation (application_id) WHERE returned_at IS NOT NULL`);
    await q.query(`CREATE INDEX ix_recommendation_open_at ON recommendation (application_id, recommended_at) WHERE returned_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_recommendation_open_at`);
    await q.query(`DROP INDEX ix_recommendation_returned`);
    await q.query(`DROP INDEX ix_audit_event_taking_part`);
  }
}
