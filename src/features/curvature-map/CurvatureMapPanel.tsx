import { useMemo, useState } from 'react';
import { Panel } from '../../components/Panel';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PlotFigure } from '../../components/plot/PlotFigure';
import { SelectField, type Option } from '../../components/fields/SelectField';
import { JobButtons, JobProgress } from '../../app/JobControls';
import { useServices } from '../../app/services';
import { flatlandStore, useFlatland } from '../../store';
import {
  CONVEXITY_EPSILON,
  convexitySummary,
  DEFAULT_CURVATURE,
  type CurvatureMapResult,
  type CurvatureSettings,
} from '../../domain/curvature';
import { formatCount, formatDuration } from '../../domain/format';
import { curvatureBlocker, runCurvatureMap, type CurvatureOutcome } from './curvature-job';
import { curvatureLayout, curvatureTraces, summaryText } from './curvature-figure';
import shared from '../../components/shared.module.css';
import styles from './curvature-map.module.css';

const SIZES: Option<number>[] = [3, 5, 7, 9, 11].map((n) => ({ value: n, label: `${n} × ${n}` }));
const BUDGETS: Option<number>[] = [10, 20, 40, 80].map((n) => ({ value: n, label: String(n) }));
const EPSILONS: Option<number>[] = [0.01, CONVEXITY_EPSILON, 0.1, 0.2].map((e) => ({
  value: e,
  label: String(e),
}));

function Settings(props: {
  settings: CurvatureSettings;
  onChange: (s: CurvatureSettings) => void;
  epsilon: number;
  onEpsilon: (e: number) => void;
}) {
  const { settings, onChange, epsilon, onEpsilon } = props;
  return (
    <div className={styles.settings}>
      <SelectField
        label="Map grid"
        value={settings.gridSize}
        options={SIZES}
        onChange={(gridSize) => onChange({ ...settings, gridSize })}
        help="Points per axis over the landscape's range; each point costs up to the product budget."
      />
      <SelectField
        label="Lanczos products per point"
        value={settings.maxIter}
        options={BUDGETS}
        onChange={(maxIter) => onChange({ ...settings, maxIter })}
        help="At most this many exact Hessian-vector products (the Krylov dimension) per point."
      />
      <SelectField
        label="ε (non-convex threshold)"
        value={epsilon}
        options={EPSILONS}
        onChange={onEpsilon}
        help="A point counts as non-convex when λ_min < −ε·λ_max."
      />
    </div>
  );
}

function MapView({ map, epsilon }: { map: CurvatureMapResult; epsilon: number }) {
  const data = useMemo(() => curvatureTraces(map), [map]);
  const layout = useMemo(() => curvatureLayout(map.axes), [map.axes]);
  const summary = convexitySummary(map, epsilon);
  const n = map.a.length * map.b.length;
  return (
    <>
      <p className={shared.hint} aria-label="Convexity summary">
        {summaryText(summary)}
      </p>
      <p className={shared.hint}>
        {formatCount(n)} points in {formatDuration(map.elapsedMs)}, Hessian of the training loss on{' '}
        {formatCount(map.samples)} samples.
        {map.storedStatistics &&
          ' BatchNorm: the stored statistics held fixed (the landscape recomputes them per point).'}
      </p>
      <PlotFigure label="Convexity map" data={data} layout={layout} className={styles.plot} />
    </>
  );
}

/** Li et al.'s (2018, Fig. 7) map of |λ_min/λ_max| over the 2D landscape's plane. */
export function CurvatureMapPanel() {
  const { engine } = useServices();
  const blocker = useFlatland(curvatureBlocker);
  const grid = useFlatland((s) => s.landscape.grid);
  const [settings, setSettings] = useState<CurvatureSettings>(DEFAULT_CURVATURE);
  const [epsilon, setEpsilon] = useState(CONVEXITY_EPSILON);
  const [outcome, setOutcome] = useState<CurvatureOutcome | null>(null);
  const start = () => {
    void runCurvatureMap({ engine, store: flatlandStore, settings }).then((o) => {
      if (o) setOutcome(o);
    });
  };
  // A map belongs to the landscape it was computed on; another landscape hides it.
  const current = outcome && outcome.grid === grid ? outcome : null;
  return (
    <Panel
      title="Convexity map"
      explanation={
        <>
          At each point w + a·d₁ + b·d₂ of the 2D landscape&apos;s plane, the smallest and largest
          eigenvalues of the Hessian of the training loss (Lanczos over exact Hessian-vector
          products), mapped as |λ_min/λ_max| (Li et al. 2018, §6, Fig. 7): near 0 where the surface
          is convex, large where it curves down markedly. Li et al. found it near 0 around the
          minima of networks with skip connections and large over chaotic surfaces without them.
        </>
      }
    >
      <Settings
        settings={settings}
        onChange={setSettings}
        epsilon={epsilon}
        onEpsilon={setEpsilon}
      />
      <JobButtons
        kind="curvature"
        label="Compute convexity map"
        blocker={blocker}
        onStart={start}
      />
      <JobProgress
        kind="curvature"
        label="Convexity map progress"
        describe={() => 'Hessian-vector products'}
      />
      {current?.error && <ErrorAlert error={current.error} />}
      {current?.map && <MapView map={current.map} epsilon={epsilon} />}
    </Panel>
  );
}
