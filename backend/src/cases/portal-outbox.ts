import { Db, queryOne } from '../common/sql';

/** What the portal is told (docs/jobs-and-outbox.md, "The outbox"). */
export type PortalMessageKind = 'information_request' | 'preliminary_reply' | 'decision_letter';

/** The path of a decision letter, as the portal fetches it (role intake). */
export const letterPath = (applicationId: string, lang: 'nb' | 'en') =>
  `/api/applications/${applicationId}/decision/letter.pdf?lang=${lang}`;

/**
 * Writes a message for the applicant to the portal's outbox, inside the transaction of the change
 * it tells about: the message exists exactly when the change does. Delivery (the webhook) and the
 * portal's reading (GET /api/portal/outbox) take it from there. Returns its id, which is what the
 * portal deduplicates on.
 */
export async function writePortalMessage(tx: Db, applicationId: string, kind: PortalMessageKind, payload: object): Promise<string> {
  const row = await queryOne<{ id: string }>(
    tx,
    `INSERT INTO portal_outbox (application_id, external_ref, kind, payload)
     SELECT a.id, a.external_ref, $2, $3 FROM application a WHERE a.id = $1 RETURNING id`,
    [applicationId, kind, payload],
  );
  if (!row) throw new Error(`no case ${applicationId} to write a portal message for`);
  return row.id;
}
