import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two lists of a case that no index served, found by the bench's reads part (docs/scale.md) on
 * the realistic 100 000-case database (2026-12-03): each was a sequential scan of its table for
 * one case's rows, and the tables grow with the office.
 *
 * - GET /api/applications/{id}/recommendations: `WHERE application_id = $1 ORDER BY
 *   recommended_at` could use neither uq_recommendation_open nor ix_recommendation_returned (both
 *   partial: open or returned only). A scan of 98 080 recommendations (16 415 pages, 128 MB):
 *   278 ms from disk; at a million cases ten times that.
 * - GET /api/applications/{id}/information-requests: `WHERE application_id = $1 ORDER BY
 *   requested_at, id` likewise (uq_information_request_open is the open request only): a scan of
 *   34 972 requests, 9.5 ms warm.
 */
export class CaseListIndexes1764590100000 implements MigrationInterface {
  name = 'CaseListIndexes1764590100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_recommendation_application ON recommendation (application_id, recommended_at)`);
    await q.query(`CREATE INDEX ix_information_request_application ON information_request (application_id, requested_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_information_request_application`);
    await q.query(`DROP INDEX ix_recommendation_application`);
  }
}
