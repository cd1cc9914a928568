/**
 * What a page shows when it fails to render (a bug, storage the browser closed): never a blank
 * screen. Interviews already saved on the device are untouched, so the page says so and offers to
 * download the unsent data (the same file as the device page's) before reloading.
 */
import { Component, type ReactNode } from 'react';
import { exportUnsent } from '../store';
import { downloadJson, unsentFileName } from './device/download';
import { useT } from './i18n';

interface Props {
  children: ReactNode;
  /** Offer the download of the device's unsent interviews (not on the coordinators' pages). */
  offerDownload?: boolean;
  /** Shown again when this changes (another route): a failure belongs to one page. */
  resetKey?: string;
}

interface State {
  failed: boolean;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };
  private failedKey: string | undefined;

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    this.failedKey = this.props.resetKey;
    console.error('a page failed to render', error);
  }

  override componentDidUpdate(): void {
    if (this.state.failed && this.failedKey !== undefined && this.props.resetKey !== this.failedKey) this.setState({ failed: false });
  }

  override render(): ReactNode {
    return this.state.failed ? <Crashed offerDownload={this.props.offerDownload ?? true} /> : this.props.children;
  }
}

function Crashed({ offerDownload }: { offerDownload: boolean }) {
  const { t } = useT();
  return (
    <section className="crashed" role="alert" aria-labelledby="crashed-heading">
      <h2 id="crashed-heading">{t('crash.heading')}</h2>
      <p>{offerDownload ? t('crash.kept') : t('crash.reload')}</p>
      <div className="pager">
        {offerDownload && (
          <button type="button" className="secondary" onClick={() => void exportUnsent().then((data) => downloadJson(data, unsentFileName(new Date())))}>
            {t('device.download')}
          </button>
        )}
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          {t('crash.reloadButton')}
        </button>
      </div>
    </section>
  );
}
