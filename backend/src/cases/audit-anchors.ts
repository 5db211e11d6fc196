import { Injectable } from '@nestjs/common';
import type { Db } from '../common/sql';
import { AppConfig } from '../config/app-config';
import { AnchorKeyring, AnchorState, extendAnchor, WrittenEvent } from './audit-anchor';
import { saveAnchor, takeWritten } from './audit-anchor.repository';

/**
 * Signs the anchor of each audit stream a transaction wrote to, inside that transaction
 * (audit-anchor.ts says what an anchor is). CasesService.change seals the case's stream before its
 * transaction commits; intake seals the new case's stream with the statement that stores it. The
 * key comes from the configuration (AUDIT_ANCHOR_KEY) and never reaches the database.
 */
@Injectable()
export class AuditAnchors {
  readonly keyring: AnchorKeyring;

  constructor(config: AppConfig) {
    this.keyring = new AnchorKeyring(config.auditAnchorKey, config.auditAnchorPreviousKeys);
  }

  /** Anchors what this transaction wrote to the stream (nothing when it wrote nothing). */
  async seal(tx: Db, stream: string): Promise<void> {
    const pending = takeWritten(tx, stream);
    if (pending?.written.length) await saveAnchor(tx, this.signed(stream, pending.prior, pending.written));
  }

  /** The stream's anchor after `written`, signed: the parameters of SAVE_ANCHOR_SQL. */
  signed(stream: string, prior: AnchorState | null, written: WrittenEvent[]): unknown[] {
    const state = extendAnchor(prior, written);
    return [stream, state.seq, state.hashes, state.brokenFrom, this.keyring.keyId, this.keyring.sign(stream, state)];
  }
}
