import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An administrator's retry of a failed background job (POST /api/admin/jobs/{jobId}/retry) is
 * recorded in the access log as `job-retried`, in the same transaction as the retry: who, when,
 * which job (`subject`: the job's name and id), the route, the request id and the address.
 */
export class AccessLogJobRetried1764595000000 implements MigrationInterface {
  name = 'AccessLogJobRetried1764595000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE access_log DROP CONSTRAINT ck_access_log_kind,
        ADD CONSTRAINT ck_access_log_kind CHECK (kind IN ('read', 'login', 'login-failed', 'logout', 'refused',
          'role-granted', 'role-revoked', 'user-created', 'user-activated', 'user-deactivated', 'job-retried'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM access_log WHERE kind = 'job-retried'`);
    await q.query(`
      ALTER TABLE access_log DROP CONSTRAINT ck_access_log_kind,
        ADD CONSTRAINT ck_access_log_kind CHECK (kind IN ('read', 'login', 'login-failed', 'logout', 'refused',
          'role-granted', 'role-revoked', 'user-created', 'user-activated', 'user-deactivated'))`);
  }
}
