import type { Session as SessionResponse } from '../../api/models';

/** What the console keeps of a session (in sessionStorage): the token, when it expires, the user. */
export type Session = Pick<SessionResponse, 'accessToken' | 'expiresAt' | 'user'>;

export type LoginResponse = SessionResponse;
