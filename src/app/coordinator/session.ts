/** The coordinator's session as the pages see it, and how an expired one sends them back to the login form. */
import { createContext, useContext } from 'react';
import type { Role } from '../../contract';
import { ApiFailure } from '../../sync';

/** `role`: absent from an older server's reply, which is read as a coordinator's (no administrator's rights). */
export type Session = { state: 'checking' } | { state: 'out'; expired?: boolean } | { state: 'in'; username: string; role?: Role | undefined };

/** Whether the account may change campaigns (and publish, manage accounts): administrators only. */
export const isAdmin = (session: Session): boolean => session.state === 'in' && session.role === 'admin';

/** Called by a page whose request was refused for want of a session (expired, logged out elsewhere). */
export const SessionLostContext = createContext<() => void>(() => undefined);

export const useSessionLost = (): (() => void) => useContext(SessionLostContext);

/** The server no longer knows this session (or never did). */
export const isSessionRefusal = (e: unknown): boolean => e instanceof ApiFailure && (e.status === 401 || e.code === 'unauthorized');
