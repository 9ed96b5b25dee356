import { flatlandStore, useFlatland } from '../../store';
import styles from './notices.module.css';

/** Lists URL parameters that were present but invalid, so a mistyped link does not fail silently. */
export function UrlNotice() {
  const ignored = useFlatland((s) => s.ignoredParams);
  if (ignored.length === 0) return null;
  return (
    <aside className={styles.notice} aria-label="Ignored URL parameters">
      <div className={styles.body}>
        <strong>Some URL parameters were ignored:</strong>
        <ul className={styles.list}>
          {ignored.map((p) => (
            <li key={p.name}>
              <code>{`${p.name}=${p.value}`}</code> — {p.reason}
            </li>
          ))}
        </ul>
      </div>
      <button
        type="button"
        className={styles.dismiss}
        aria-label="Dismiss notice about ignored URL parameters"
        onClick={() => flatlandStore.getState().dismissIgnoredParams()}
      >
        ×
      </button>
    </aside>
  );
}
