/**
 * Data that keeps itself fresh: loaded on mount, again every `intervalMs` while the page is
 * visible, when it becomes visible again, and on demand. A failed refresh keeps the last good data
 * (shown with the error); a refused session hands over to the login form.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { isSessionRefusal, useSessionLost } from './session';

export const REFRESH_INTERVAL_MS = 30_000;

export interface Refreshing<T> {
  data: T | undefined;
  /** When `data` arrived (the browser's clock). */
  updatedAt: string | undefined;
  error: unknown;
  loading: boolean;
  refresh: () => Promise<void>;
}

export function useRefreshing<T>(load: () => Promise<T>, intervalMs = REFRESH_INTERVAL_MS): Refreshing<T> {
  const lost = useSessionLost();
  const [state, setState] = useState<Omit<Refreshing<T>, 'refresh'>>({ data: undefined, updatedAt: undefined, error: undefined, loading: true });
  const live = useRef(true);
  const inFlight = useRef<Promise<void> | undefined>(undefined);

  const refresh = useCallback((): Promise<void> => {
    // One request at a time: a click during the timer's refresh shares it.
    inFlight.current ??= (async () => {
      setState((s) => ({ ...s, loading: true }));
      try {
        const data = await load();
        if (live.current) setState({ data, updatedAt: new Date().toISOString(), error: undefined, loading: false });
      } catch (error) {
        if (isSessionRefusal(error)) lost();
        else if (live.current) setState((s) => ({ ...s, error, loading: false }));
      } finally {
        inFlight.current = undefined;
      }
    })();
    return inFlight.current;
  }, [load, lost]);

  useEffect(() => {
    live.current = true;
    void refresh();
    const tick = setInterval(() => {
      if (document.visibilityState !== 'hidden') void refresh();
    }, intervalMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      live.current = false;
      clearInterval(tick);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh, intervalMs]);

  return { ...state, refresh };
}
