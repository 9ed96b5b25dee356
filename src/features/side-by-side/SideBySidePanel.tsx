import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useServices } from '../../app/services';
import { Explainer } from '../../components/Explainer';
import { Panel } from '../../components/Panel';
import { PlotFigure } from '../../components/plot/PlotFigure';
import { flatlandStore, useFlatland } from '../../store';
import { analysisBlocker } from '../../app/analysis-status';
import { CheckInput } from '../../components/fields/CheckboxField';
import { JobButtons, JobProgress } from '../../app/JobControls';
import {
  axisRange,
  colourRange,
  contourLayout,
  contourTraces,
  overlayLayout,
  overlayTraces,
  type SideOptions,
} from './side-by-side-figure';
import { MAX_RUNS, MIN_RUNS } from './side-by-side';
import { computeSideBySide } from './side-by-side-job';
import { SideBySideTable } from './SideBySideTable';
import { chosenRuns, sideBySideStore, type RunLandscapeOutcome } from './state';
import { RunLabelsNotes } from '../../components/LabelsNote';
import { noiseOf } from '../../domain/labels';
import shared from '../../components/shared.module.css';
import styles from './side-by-side.module.css';
import { ErrorAlert } from '../../components/ErrorAlert';

function RunPicker() {
  const runs = useFlatland((s) => s.runs);
  const selected = useStore(sideBySideStore, (s) => s.selected);
  const chosen = chosenRuns(runs, selected).map((r) => r.id);
  const toggle = (id: string, on: boolean) =>
    sideBySideStore
      .getState()
      .setSelected(on ? [...chosen, id] : chosen.filter((other) => other !== id));
  if (runs.length === 0) return <p className={shared.hint}>Train or compare runs first.</p>;
  return (
    <fieldset className={styles.picker}>
      <legend className={shared.legend}>Runs to compare (2 to 4)</legend>
      {runs.map((run) => (
        <CheckInput
          key={run.id}
          label={
            <>
              <span
                className={shared.swatch}
                style={{ background: run.color }}
                aria-hidden="true"
              />
              {run.name}
            </>
          }
          checked={chosen.includes(run.id)}
          disabled={!chosen.includes(run.id) && chosen.length >= MAX_RUNS}
          onChange={(on) => toggle(run.id, on)}
        />
      ))}
    </fieldset>
  );
}

function Landscapes({
  results,
  options,
}: {
  results: RunLandscapeOutcome[];
  options: SideOptions;
}) {
  const range = useMemo(() => colourRange(results, options), [results, options]);
  const axes = useMemo(() => axisRange(results), [results]);
  return (
    <div className={styles.grid}>
      {results.map((r, i) => (
        <PlotFigure
          key={r.run.id}
          data={contourTraces(r, range, options, i === results.length - 1)}
          layout={contourLayout(axes, r.run.name)}
          label={`Landscape of ${r.run.name}`}
          className={styles.cell}
        />
      ))}
    </div>
  );
}

function Overlay({ results }: { results: RunLandscapeOutcome[] }) {
  const data = useMemo(() => overlayTraces(results), [results]);
  const layout = useMemo(() => overlayLayout(), []);
  return (
    <PlotFigure
      data={data}
      layout={layout}
      label="1D slices side by side"
      className={styles.overlay}
    />
  );
}

function useStart() {
  const { engine } = useServices();
  const runs = useFlatland((s) => s.runs);
  const selected = useStore(sideBySideStore, (s) => s.selected);
  const chosen = chosenRuns(runs, selected);
  const busy = useFlatland((s) => analysisBlocker(s));
  const blocker = busy ?? (chosen.length < MIN_RUNS ? `Tick at least ${MIN_RUNS} runs.` : null);
  const start = () =>
    void computeSideBySide({ engine, store: flatlandStore, local: sideBySideStore }, chosen);
  return { blocker, start };
}

/** Two to four runs' landscapes on the same directions and colour scale, and a table. */
export function SideBySidePanel() {
  const { blocker, start } = useStart();
  const results = useStore(sideBySideStore, (s) => s.results);
  const running = useStore(sideBySideStore, (s) => s.running);
  const error = useStore(sideBySideStore, (s) => s.error);
  const [options, setOptions] = useState<SideOptions>({ split: 'train', log: false });
  return (
    <Panel
      title="Side by side"
      className={shared.wide}
      actions={
        <CheckInput
          label="Log scale"
          checked={options.log}
          onChange={(log) => setOptions((o) => ({ ...o, log }))}
        />
      }
    >
      <Explainer topic="sideBySide" />
      <RunPicker />
      <JobButtons kind="landscape" label="Show side by side" blocker={blocker} onStart={start} />
      {running && (
        <JobProgress
          kind="landscape"
          label="Side by side progress"
          describe={(job) => `Landscape of ${job.item?.label ?? 'a run'}…`}
        />
      )}
      <ErrorAlert error={error} />
      <RunLabelsNotes
        runs={results.map((r) => ({
          name: r.run.name,
          labels: r.labels,
          labelNoise: noiseOf(r.run),
        }))}
      />
      {results.length > 0 && <Landscapes results={results} options={options} />}
      {results.length > 0 && <Overlay results={results} />}
      {results.length > 0 && <SideBySideTable runs={results.map((r) => r.run)} />}
    </Panel>
  );
}
