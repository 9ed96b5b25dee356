import { BackendIndicator } from '../features/backend/BackendIndicator';
import { ControlsPanel } from '../features/controls/ControlsPanel';
import { CurvesPanel } from '../features/curves/CurvesPanel';
import { CurvatureMapPanel } from '../features/curvature-map/CurvatureMapPanel';
import { DataImportPanel } from '../features/data-import/DataImportPanel';
import { DecisionBoundaryPanel } from '../features/decision-boundary/DecisionBoundaryPanel';
import { DirectionsPanel } from '../features/directions/DirectionsPanel';
import { EnsemblesPanel } from '../features/ensembles/EnsemblesPanel';
import { ImportExportPanel } from '../features/import-export/ImportExportPanel';
import { InterpolationPanel } from '../features/interpolation/InterpolationPanel';
import { ModeConnectivityPanel } from '../features/mode-connectivity/ModeConnectivityPanel';
import { LandscapePanel } from '../features/landscape-2d/LandscapePanel';
import { ModelBuilderPanel } from '../features/model-builder/ModelBuilderPanel';
import { ModelImportPanel } from '../features/model-import/ModelImportPanel';
import { DeviceNotice, DivergenceNotice } from '../features/notices/RunNotices';
import { UrlNotice } from '../features/notices/UrlNotice';
import { RunsPanel } from '../features/runs/RunsPanel';
import { SharpnessPanel } from '../features/sharpness/SharpnessPanel';
import { SamCosinePanel } from '../features/sam-cosine/SamCosinePanel';
import { SharpnessTrackingPanel } from '../features/sharpness-tracking/SharpnessTrackingPanel';
import { SideBySidePanel } from '../features/side-by-side/SideBySidePanel';
import { SlicePanel } from '../features/slice-1d/SlicePanel';
import { TrajectoriesPanel } from '../features/trajectories/TrajectoriesPanel';
import styles from './App.module.css';
import { ComparisonView } from './ComparisonView';
import { ReproduceView } from './ReproduceView';

/** Settings, the person's own data, the runs and files. */
function Sidebar() {
  return (
    <aside className={styles.sidebar}>
      <ControlsPanel />
      <DataImportPanel />
      <RunsPanel />
      <ImportExportPanel />
      <ModelImportPanel />
    </aside>
  );
}

/** Page layout: header with the backend, settings on the left, plots and analysis tools on the right. */
export function App() {
  return (
    <div className={styles.app}>
      <header className={styles.header}>
        <div className={styles.brand}>
          <h1 className={styles.title}>Flatland</h1>
          <p className={styles.tagline}>
            Train a small network in your browser, then look at the loss landscape around the
            weights it found.
          </p>
        </div>
        <BackendIndicator />
      </header>
      <UrlNotice />
      <DeviceNotice />
      <DivergenceNotice />
      <main className={styles.main}>
        <Sidebar />
        <div className={styles.plots}>
          <CurvesPanel />
          <ComparisonView />
          <SharpnessTrackingPanel />
          <SamCosinePanel />
          <SlicePanel />
          <DecisionBoundaryPanel />
          <LandscapePanel />
          <CurvatureMapPanel />
          <TrajectoriesPanel />
          <DirectionsPanel />
          <InterpolationPanel />
          <ModeConnectivityPanel />
          <SharpnessPanel />
          <SideBySidePanel />
          <EnsemblesPanel />
          <ReproduceView />
          <ModelBuilderPanel />
        </div>
      </main>
      <footer className={styles.footer}>
        Everything runs locally: TensorFlow.js trains and evaluates in a Web Worker, no data leaves
        your machine.
      </footer>
    </div>
  );
}
