/** The coordinator's session as the pages see it, and how an expired one sends them back to the login form. */
import { createContext, useContext } from 'react';
import type { CoordinatorMe, Role } from '../../contract';
import { ApiFailure } from '../../sync';

export type { Role };

export type Session = { state: 'checking' } | { state: 'out'; expired?: boolean } | { state: 'in'; username: string; role: Role };

/** The account logged in, as the login reply or GET /me says it; a server that gives no role (older) is read as a coordinator's. */
export const accountOf = (me: CoordinatorMe): { username: string; role: Role } => ({ username: me.username, role: me.role ?? 'coordinator' });

/** Called by a page whose request was refused for want of a session (expired, logged out elsewhere). */
export const SessionLostContext = createContext<() => void>(() => undefined);

export const useSessionLost = (): (() => void) => useContext(SessionLostContext);

export interface SignedIn {
  username: string;
  role: Role;
  /** Asks the server again who is logged in (an administrator who made themselves a coordinator). */
  recheck: () => void;
}

/** Who is logged in: the pages show or hide what only an administrator may do. */
export const AccountContext = createContext<SignedIn>({ username: '', role: 'coordinator', recheck: () => undefined });

export const useAccount = (): SignedIn => useContext(AccountContext);

export const isAdmin = (account: { role: Role }): boolean => account.role === 'admin';

/** The server no longer knows this session (or never did). */
export const isSessionRefusal = (e: unknown): boolean => e instanceof ApiFailure && (e.status === 401 || e.code === 'unauthorized');
