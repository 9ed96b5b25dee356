import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { useServices } from '../../app/services';
import { Explainer } from '../../components/Explainer';
import { Panel } from '../../components/Panel';
import { PlotFigure } from '../../components/plot/PlotFigure';
import { flatlandStore, useFlatland } from '../../store';
import type { TrajectoryResult } from '../../domain/api';
import { planeCaption, trajectoryLayout, trajectoryTraces } from './trajectory-figure';
import { syncTrajectories, trajectoryStore } from './trajectory-sync';
import shared from '../../components/shared.module.css';
import { ErrorAlert } from '../../components/ErrorAlert';

function TrajectoryPlot({ result }: { result: TrajectoryResult }) {
  const runs = useFlatland((s) => s.runs);
  const data = useMemo(() => trajectoryTraces(result, runs), [result, runs]);
  const layout = useMemo(() => trajectoryLayout(result), [result]);
  return <PlotFigure data={data} layout={layout} />;
}

/** The paths of a comparison's runs on one plane, live while they train. */
export function TrajectoriesPanel() {
  const { engine } = useServices();
  useEffect(() => syncTrajectories(flatlandStore, engine, trajectoryStore), [engine]);
  const result = useStore(trajectoryStore, (s) => s.result);
  const error = useStore(trajectoryStore, (s) => s.error);
  return (
    <Panel title="Trajectories">
      <Explainer topic="trajectories" />
      <ErrorAlert error={error} />
      <div className={shared.plot}>
        {result ? <TrajectoryPlot result={result} /> : <div className={shared.placeholder} />}
      </div>
      <p className={shared.hint}>
        {result ? planeCaption(result) : 'Press Compare optimizers to watch the runs descend.'}
      </p>
    </Panel>
  );
}
