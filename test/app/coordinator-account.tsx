/** Rendering a coordinators' page as an administrator or a coordinator (the role decides what it offers). */
import type { ReactNode } from 'react';
import { AccountContext, type Role } from '../../src/app/coordinator/session';

const signedIn = (role: Role) => ({ username: role === 'admin' ? 'admin' : 'lan', role, recheck: () => undefined });

/** `render(ui, as('admin'))`: the page rendered for an account of that role. */
export const as = (role: Role) => ({
  wrapper: ({ children }: { children: ReactNode }) => <AccountContext.Provider value={signedIn(role)}>{children}</AccountContext.Provider>,
});
