import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Four-eyes as docs/rules.md section 10 states it: the approver who decides took no part in the
 * case: never recommended it, recorded a judgment, assessed a cost line, corrected a fact or set
 * the exchange rate, at any time. The service refuses such an approver (the kernel's policy); this
 * trigger refuses the decision row too, from the case's audit events, so no code path can bypass it.
 * It runs after the row's own constraints (ck_decision_four_eyes, the recommendation's foreign key),
 * which name the plainer faults first.
 * The kinds are the kernel's TAKING_PART_KINDS (backend/src/cases/case-policy.ts).
 */
export class DeciderTookNoPart1764270000000 implements MigrationInterface {
  name = 'DeciderTookNoPart1764270000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION decision_decider_took_no_part() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM audit_event e
                    WHERE e.application_id = NEW.application_id AND e.actor_id = NEW.decided_by
                      AND e.kind IN ('recommendation', 'judgment', 'assessment', 'correction', 'exchange-rate')) THEN
          RAISE EXCEPTION 'four-eyes: the approver took part in case %', NEW.application_id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER decision_decider_took_no_part AFTER INSERT OR UPDATE OF decided_by ON decision
        FOR EACH ROW EXECUTE FUNCTION decision_decider_took_no_part()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER decision_decider_took_no_part ON decision`);
    await q.query(`DROP FUNCTION decision_decider_took_no_part()`);
  }
}
