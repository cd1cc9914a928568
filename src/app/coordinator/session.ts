/** The coordinator's session as the pages see it, and how an expired one sends them back to the login form. */
import { createContext, useContext } from 'react';
import { ApiFailure } from '../../sync';

export type Session = { state: 'checking' } | { state: 'out'; expired?: boolean } | { state: 'in'; username: string };

/** Called by a page whose request was refused for want of a session (expired, logged out elsewhere). */
export const SessionLostContext = createContext<() => void>(() => undefined);

export const useSessionLost = (): (() => void) => useContext(SessionLostContext);

/** The server no longer knows this session (or never did). */
export const isSessionRefusal = (e: unknown): boolean => e instanceof ApiFailure && (e.status === 401 || e.code === 'unauthorized');
