import { useState } from 'react';
import { useServices } from '../../app/services';
import { usePersistence } from '../../app/persistence';
import { downloadRuns } from '../../app/run-files';
import side from '../../components/side-panel.module.css';
import type { RunInfo } from '../../domain/api';
import styles from './runs.module.css';

/** Explore, Rename, Export and Delete of one run; `blocker` says why they cannot act now. */
export function RunActions({ run, blocker }: { run: RunInfo; blocker: string | null }) {
  const { controller } = useServices();
  const persistence = usePersistence();
  const button = (label: string, title: string, action: () => unknown, blocked = blocker) => (
    <button
      type="button"
      className={side.button}
      aria-label={`${label} ${run.name}`}
      title={blocked ?? title}
      disabled={blocked !== null}
      onClick={() => void action()}
    >
      {label}
    </button>
  );
  return (
    <div className={styles.actions}>
      {button('Explore', 'Show this run’s solution in the 1D slice and the 2D landscape', () =>
        controller.explore(run.id),
      )}
      {button(
        'Export',
        'Download this run as a .flatland file',
        () => downloadRuns(persistence, run),
        null,
      )}
      {button('Delete', 'Remove this run here and from the browser’s storage', () =>
        controller.deleteRun(run.id),
      )}
    </div>
  );
}

/** An inline form that renames a run in the worker, the list and the browser's storage. */
export function RenameRun({ run }: { run: RunInfo }) {
  const persistence = usePersistence();
  const [draft, setDraft] = useState<string | null>(null);
  if (draft === null)
    return (
      <button
        type="button"
        className={side.button}
        aria-label={`Rename ${run.name}`}
        onClick={() => setDraft(run.name)}
      >
        Rename
      </button>
    );
  const save = () => {
    void persistence.rename(run.id, draft);
    setDraft(null);
  };
  return (
    <form
      className={styles.rename}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <input
        aria-label={`New name for ${run.name}`}
        value={draft}
        maxLength={200}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Escape' && setDraft(null)}
      />
      <button type="submit" className={side.button} disabled={!draft.trim()}>
        Save
      </button>
    </form>
  );
}
