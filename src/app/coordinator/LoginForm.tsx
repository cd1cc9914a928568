/** The coordinator's login form: username and password, with a clear reason when the server says no. */
import { useState, type FormEvent } from 'react';
import { ApiFailure, NetworkFailure } from '../../sync';
import { useCoordinatorApi, type Me } from './api';
import { useCT } from './i18n';

export function LoginForm({ expired, onLoggedIn }: { expired?: boolean | undefined; onLoggedIn: (me: Me) => void }) {
  const { t } = useCT();
  const api = useCoordinatorApi();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const describe = (e: unknown): string => {
    if (e instanceof NetworkFailure) return t('login.network');
    if (e instanceof ApiFailure) {
      if (e.status === 429 || e.code === 'rate_limited') return t('login.rateLimited');
      if (e.status === 401 || e.status === 403 || e.code === 'unauthorized') return t('login.wrong');
    }
    return t('login.other', { message: e instanceof Error ? e.message : String(e) });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) return setProblem(t('login.required'));
    setBusy(true);
    setProblem(undefined);
    try {
      const me = await api.login(username.trim(), password);
      onLoggedIn(me);
    } catch (err) {
      setPassword('');
      setProblem(describe(err));
      setBusy(false);
    }
  };

  return (
    <main className="coord-login">
      <h1>{t('login.heading')}</h1>
      <p className="muted">{t('login.intro')}</p>
      {expired && !problem && (
        <p className="notice" role="status">
          {t('login.expired')}
        </p>
      )}
      <form className="enrol" onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="coord-username">{t('login.username')}</label>
        <input
          id="coord-username"
          name="username"
          value={username}
          onChange={(e) => (setUsername(e.target.value), setProblem(undefined))}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'coord-login-problem' : undefined}
        />
        <label htmlFor="coord-password">{t('login.password')}</label>
        <input
          id="coord-password"
          name="password"
          type="password"
          value={password}
          onChange={(e) => (setPassword(e.target.value), setProblem(undefined))}
          autoComplete="current-password"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'coord-login-problem' : undefined}
        />
        {problem && (
          <p className="error" role="alert" id="coord-login-problem">
            {problem}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
