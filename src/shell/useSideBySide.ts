/**
 * Starting the Side by side panel's job from another panel (a comparison, a Reproduce preset):
 * features do not import each other, so the hand-over lives here.
 */
import { analysisBlocker } from '../app/analysis-status';
import { computeSideBySide } from '../features/side-by-side/side-by-side-job';
import { sideBySideStore } from '../features/side-by-side/state';
import { flatlandStore, useFlatland } from '../store';
import type { RunInfo } from '../domain/api';
import { useServices } from '../app/services';

/** The side-by-side panel's heading, to bring its landscapes into view when they start. */
function revealSideBySide(): void {
  const heading = [...document.querySelectorAll('h2')].find(
    (h) => h.textContent === 'Side by side',
  );
  heading?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

/** Why the side-by-side job cannot start now (or null), and its start for some runs. */
export function useSideBySide() {
  const { engine } = useServices();
  const blocker = useFlatland((s) => analysisBlocker(s));
  const current = useFlatland((s) => s.runs);
  const start = (runs: Pick<RunInfo, 'id'>[]) => {
    // The runs as listed now (renamed, deleted ones left out); at most four, the side-by-side
    // grid's limit, which a comparison's four runs fit.
    const chosen = runs
      .map((r) => current.find((c) => c.id === r.id))
      .filter((r): r is RunInfo => r !== undefined)
      .slice(0, 4);
    sideBySideStore.getState().setSelected(chosen.map((r) => r.id));
    revealSideBySide();
    void computeSideBySide({ engine, store: flatlandStore, local: sideBySideStore }, chosen);
  };
  return { blocker, start };
}
