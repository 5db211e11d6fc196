import { InjectionToken } from '@angular/core';
import type { Session } from './auth.models';

/** What one tab of the console tells the others about the session they share. */
export type SessionMessage =
  { type: 'session'; session: Session } | { type: 'logout' } | { type: 'expired' };

/** The part of BroadcastChannel the console uses (a stand-in in tests). */
export interface SessionChannel {
  postMessage(message: SessionMessage): void;
  onmessage: ((event: MessageEvent<SessionMessage>) => void) | null;
}

export const SESSION_CHANNEL_NAME = 'tilsagn.session';

/**
 * The channel between the console's tabs (same origin): a login, a new token, a logout or an
 * expired session in one tab is known to the others at once. Null where the browser has no
 * BroadcastChannel; the tabs then still share the session through localStorage.
 */
export const SESSION_CHANNEL = new InjectionToken<SessionChannel | null>('SESSION_CHANNEL', {
  providedIn: 'root',
  factory: () =>
    typeof BroadcastChannel === 'undefined'
      ? null
      : (new BroadcastChannel(SESSION_CHANNEL_NAME) as unknown as SessionChannel),
});
