import { User } from '../api/models';

export interface Session {
  accessToken: string;
  /** ISO 8601 instant after which the server rejects the token. */
  expiresAt: string;
  user: User;
}

export type LoginResponse = Session;
