/**
 * The accounts page (administrators only, a chunk of its own): every account with its role,
 * whether it is enabled, when it was created and last logged in; create one, reset a password,
 * disable or enable it, change its role (each confirmed first). A password the server generates
 * is shown once, with a clear word to note it now: nothing keeps it, and it cannot be shown again.
 * The server's refusals (the last administrator, one's own account, a username taken, a bad
 * username or short password) are said in the page's language.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiFailure } from '../../../sync';
import { useCoordinatorApi, type Account, type AccountIssued, type Role } from '../api';
import { ConfirmAction } from '../ConfirmAction';
import { formatDateTime } from '../dates';
import { describeFailure } from '../failure';
import { useCT } from '../i18n';
import { isSessionRefusal, useAccount, useSessionLost } from '../session';
import { useRefreshing } from '../useRefreshing';
import './accounts.css';

/** The server's rules (src/server/coordinators/accounts.ts), checked here first to say so at once. */
const MIN_PASSWORD_LENGTH = 8;
const USERNAME = /^[\p{L}\p{N}._@-]{1,64}$/u;
const normaliseUsername = (username: string) => username.normalize('NFC').trim().toLowerCase();

type Act = 'create' | 'reset' | 'disable' | 'enable' | 'role';

/** A refusal of `act` on `username` in the page's words (`own`: the account is the one logged in). */
function useRefusal() {
  const { t } = useCT();
  return useCallback(
    (err: unknown, act: Act, username: string, own = false): string => {
      if (err instanceof ApiFailure) {
        // 409: the only conflicts these requests meet. The server says which in English only, so
        // the request tells them apart: a name taken, one's own account, the last administrator.
        if (err.status === 409 || err.code === 'conflict') {
          if (act === 'create') return t('accounts.refused.usernameTaken', { username });
          if (act === 'disable' && own) return t('accounts.refused.ownAccount');
          return t('accounts.refused.lastAdmin', { username });
        }
        if ((act === 'create' || act === 'reset') && (err.status === 400 || err.code === 'invalid_request'))
          return t('accounts.refused.invalid', { min: MIN_PASSWORD_LENGTH });
        if (err.status === 404 && act !== 'create') return t('accounts.refused.notFound');
      }
      return t('accounts.failed', { message: describeFailure(err, t) });
    },
    [t],
  );
}

export default function AccountsPage() {
  const { t } = useCT();
  const api = useCoordinatorApi();
  const load = useCallback(() => api.accounts(), [api]);
  const accounts = useRefreshing(load);
  const [notice, setNotice] = useState<string>();
  const [issued, setIssued] = useState<AccountIssued>();

  const done = (message: string, withPassword?: AccountIssued) => {
    setNotice(message);
    // A generated password stays until it is noted (or a newer one replaces it): it is never shown again.
    if (withPassword?.password !== undefined) setIssued(withPassword);
    void accounts.refresh();
  };

  return (
    <main className="coord-accounts">
      <h1>{t('accounts.heading')}</h1>
      <p className="muted">{t('accounts.intro')}</p>
      <div aria-live="polite">
        {notice && (
          <p className="notice" data-testid="accounts-notice">
            {notice}
          </p>
        )}
      </div>
      {issued?.password !== undefined && <IssuedPassword username={issued.account.username} password={issued.password} onNoted={() => setIssued(undefined)} />}
      <CreateAccount onCreated={(created) => done(t('accounts.created', { username: created.account.username, role: t(`accounts.roleInline.${created.account.role}`) }), created)} />
      <section aria-labelledby="account-list-heading" className="coord-section account-list">
        <h2 id="account-list-heading">{t('accounts.listHeading')}</h2>
        {accounts.error !== undefined && (
          <p className="error" role="alert">
            {t('common.error', { message: describeFailure(accounts.error, t) })}
          </p>
        )}
        {accounts.data === undefined ? (
          accounts.error === undefined && <p className="muted">{t('common.loading')}</p>
        ) : accounts.data.length === 0 ? (
          <p className="muted">{t('accounts.empty')}</p>
        ) : (
          <AccountTable accounts={accounts.data} onDone={done} onGone={() => void accounts.refresh()} />
        )}
      </section>
    </main>
  );
}

/** A password the server generated, shown this once: said to be noted now, hidden for good once noted. */
function IssuedPassword({ username, password, onNoted }: { username: string; password: string; onNoted: () => void }) {
  const { t } = useCT();
  const heading = useRef<HTMLHeadingElement>(null);
  // Brought into view (a reset is done far down the list on a phone) and read out first.
  useEffect(() => heading.current?.focus(), [password]);
  return (
    <section className="issued-code issued-password" data-testid="issued-password" aria-labelledby="issued-password-heading">
      <h2 id="issued-password-heading" ref={heading} tabIndex={-1}>
        {t('accounts.issuedHeading', { username })}
      </h2>
      <p className="code" lang="en" translate="no">
        {password}
      </p>
      <p className="note-now">{t('accounts.noteNow')}</p>
      <button type="button" className="secondary" onClick={onNoted}>
        {t('accounts.noted')}
      </button>
    </section>
  );
}

function CreateAccount({ onCreated }: { onCreated: (issued: AccountIssued) => void }) {
  const { t } = useCT();
  const api = useCoordinatorApi();
  const lost = useSessionLost();
  const refusal = useRefusal();
  const ids = { username: useId(), usernameHint: useId(), role: useId(), password: useId(), passwordHint: useId(), problem: useId() };
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('coordinator');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<{ field: 'username' | 'password' | 'server'; text: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const name = normaliseUsername(username);
    if (!USERNAME.test(name)) return setProblem({ field: 'username', text: t('accounts.usernameInvalid') });
    if (password !== '' && password.length < MIN_PASSWORD_LENGTH) return setProblem({ field: 'password', text: t('accounts.passwordShort', { min: MIN_PASSWORD_LENGTH }) });
    setBusy(true);
    setProblem(undefined);
    try {
      const issued = await api.createAccount({ username: name, role, ...(password !== '' ? { password } : {}) });
      setUsername('');
      setPassword('');
      setRole('coordinator');
      onCreated(issued);
    } catch (err) {
      if (isSessionRefusal(err)) return lost();
      setProblem({ field: 'server', text: refusal(err, 'create', name) });
    } finally {
      setBusy(false);
    }
  };

  const invalid = (field: 'username' | 'password') => (problem?.field === field ? true : undefined);
  const describedBy = (hint: string, field: 'username' | 'password') => (problem?.field === field ? `${hint} ${ids.problem}` : hint);
  return (
    <section aria-labelledby="create-account-heading" className="coord-section account-create">
      <h2 id="create-account-heading">{t('accounts.createHeading')}</h2>
      <form className="account-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={ids.username}>{t('accounts.username')}</label>
          <input
            id={ids.username}
            type="text"
            value={username}
            maxLength={64}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            onChange={(e) => (setUsername(e.target.value), setProblem(undefined))}
            aria-invalid={invalid('username')}
            aria-describedby={describedBy(ids.usernameHint, 'username')}
          />
          <small className="muted" id={ids.usernameHint}>
            {t('accounts.usernameHint')}
          </small>
        </div>
        <div className="field">
          <label htmlFor={ids.role}>{t('accounts.role')}</label>
          <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value === 'admin' ? 'admin' : 'coordinator')}>
            <option value="coordinator">{t('roles.coordinator')}</option>
            <option value="admin">{t('roles.admin')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.password}>{t('accounts.password')}</label>
          <input
            id={ids.password}
            type="password"
            value={password}
            maxLength={1024}
            autoComplete="new-password"
            onChange={(e) => (setPassword(e.target.value), setProblem(undefined))}
            aria-invalid={invalid('password')}
            aria-describedby={describedBy(ids.passwordHint, 'password')}
          />
          <small className="muted" id={ids.passwordHint}>
            {t('accounts.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          </small>
        </div>
        {problem && (
          <p className="error" role="alert" id={ids.problem}>
            {problem.text}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('accounts.creating') : t('accounts.create')}
        </button>
      </form>
    </section>
  );
}

interface AccountTableProps {
  accounts: Account[];
  /** An action done: its notice, and the password the server generated (a reset). */
  onDone: (notice: string, issued?: AccountIssued) => void;
  /** An account the server no longer has. */
  onGone: () => void;
}

function AccountTable({ accounts, onDone, onGone }: AccountTableProps) {
  const { t, lang } = useCT();
  const api = useCoordinatorApi();
  const me = useAccount();
  const refusal = useRefusal();
  const column = {
    username: t('accounts.column.username'),
    role: t('accounts.column.role'),
    status: t('accounts.column.status'),
    created: t('accounts.column.created'),
    lastLogin: t('accounts.column.lastLogin'),
    actions: t('accounts.column.actions'),
  };
  // A refusal said in the row; an account gone from the server also reloads the list.
  const describe = (act: Act, a: Account, own: boolean) => (err: unknown) => {
    if (err instanceof ApiFailure && err.status === 404) onGone();
    return refusal(err, act, a.username, own);
  };
  return (
    <div className="table-scroll">
      <table className="coord-table stack accounts">
        <thead>
          <tr>
            <th scope="col">{column.username}</th>
            <th scope="col">{column.role}</th>
            <th scope="col">{column.status}</th>
            <th scope="col">{column.created}</th>
            <th scope="col">{column.lastLogin}</th>
            <th scope="col">
              <span className="sr-only">{column.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => {
            const own = a.username === me.username;
            const names = { username: a.username };
            const other: Role = a.role === 'admin' ? 'coordinator' : 'admin';
            return (
              <tr key={a.id} data-account={a.id} className={a.disabled ? 'revoked' : undefined}>
                <th scope="row" data-label={column.username}>
                  <div>
                    {a.username}
                    {own && <small className="muted"> ({t('accounts.you')})</small>}
                  </div>
                </th>
                <td data-label={column.role}>{t(`roles.${a.role}`)}</td>
                <td data-label={column.status}>
                  <div>
                    <span className={`badge account-state ${a.disabled ? 'disabled' : 'active'}`}>{t(a.disabled ? 'accounts.disabled' : 'accounts.active')}</span>
                  </div>
                </td>
                <td data-label={column.created}>
                  {formatDateTime(a.createdAt, lang)}
                </td>
                <td data-label={column.lastLogin}>
                  {a.lastLoginAt ? formatDateTime(a.lastLoginAt, lang) : t('common.never')}
                </td>
                <td data-label={column.actions} className="actions">
                  <div className="row-actions">
                    <ConfirmAction
                      id={`reset-${a.id}`}
                      label={t('accounts.reset')}
                      name={t('accounts.resetFor', names)}
                      question={t('accounts.confirmReset', names)}
                      yes={t('accounts.confirmResetYes')}
                      describe={describe('reset', a, own)}
                      onConfirm={async () => {
                        const issued = await api.resetAccountPassword(a.id);
                        onDone(t('accounts.resetDone', names), issued);
                      }}
                    />
                    <ConfirmAction
                      id={`role-${a.id}`}
                      label={t(other === 'admin' ? 'accounts.toAdmin' : 'accounts.toCoordinator')}
                      name={t(other === 'admin' ? 'accounts.toAdminFor' : 'accounts.toCoordinatorFor', names)}
                      question={t(other === 'admin' ? 'accounts.confirmToAdmin' : own ? 'accounts.confirmToCoordinatorSelf' : 'accounts.confirmToCoordinator', names)}
                      yes={t('accounts.confirmRoleYes')}
                      danger={own && other === 'coordinator'}
                      describe={describe('role', a, own)}
                      onConfirm={async () => {
                        const changed = await api.setAccountRole(a.id, other);
                        onDone(t('accounts.roleDone', { username: changed.username, role: t(`accounts.roleInline.${changed.role}`) }));
                        // No longer an administrator: the pages learn it from the server.
                        if (own && changed.role !== 'admin') me.recheck();
                      }}
                    />
                    {a.disabled ? (
                      <ConfirmAction
                        key="enable"
                        id={`enable-${a.id}`}
                        label={t('accounts.enable')}
                        name={t('accounts.enableFor', names)}
                        question={t('accounts.confirmEnable', names)}
                        yes={t('accounts.confirmEnableYes')}
                        describe={describe('enable', a, own)}
                        onConfirm={async () => {
                          await api.setAccountDisabled(a.id, false);
                          onDone(t('accounts.enabledDone', names));
                        }}
                      />
                    ) : (
                      <ConfirmAction
                        key="disable"
                        id={`disable-${a.id}`}
                        danger
                        label={t('accounts.disable')}
                        name={t('accounts.disableFor', names)}
                        question={t('accounts.confirmDisable', names)}
                        yes={t('accounts.confirmDisableYes')}
                        describe={describe('disable', a, own)}
                        onConfirm={async () => {
                          await api.setAccountDisabled(a.id, true);
                          onDone(t('accounts.disabledDone', names));
                        }}
                      />
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
