/**
 * Wiring of the comparison view: its 2D side-by-side button starts the Side by side panel's job
 * for the compared runs, and its sharpness-during-training curves are that feature's plot.
 * Features do not import each other, so they meet here.
 */
import { ComparisonPanel } from '../features/comparison/ComparisonPanel';
import { analysisBlocker } from '../app/analysis-status';
import { TrackingPlot } from '../features/sharpness-tracking/TrackingPlot';
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

export function ComparisonView() {
  const { engine } = useServices();
  const blocker = useFlatland((s) => analysisBlocker(s));
  const current = useFlatland((s) => s.runs);
  const start = (runs: RunInfo[]) => {
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
  return (
    <ComparisonPanel tracking={<TrackingPlot logY={false} />} sideBySide={{ blocker, start }} />
  );
}
