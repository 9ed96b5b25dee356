import { useEffect, useMemo } from 'react';
import { formatT } from '../../domain/format';
import { useServices } from '../../app/services';
import { flatlandStore, useFlatland } from '../../store';
import type { GridResult } from '../../domain/api';
import { PerturbationSlider } from '../slice-1d/PerturbationSlider';
import { PredictionStrip } from '../slice-1d/PredictionStrip';
import { ProbeReadout } from '../slice-1d/ProbeReadout';
import { coordAt, probeAxis, snap, stepAt } from './probe-axis';
import styles from './landscape.module.css';

/** The 2D sliders' axes for a grid (memoised per grid so clicks and keys agree). */
export function usePlaneAxes(grid: GridResult | null) {
  return useMemo(() => (grid ? { a: probeAxis(grid.a), b: probeAxis(grid.b) } : null), [grid]);
}

type PlaneAxes = ReturnType<typeof usePlaneAxes>;

/** Sliders in whole steps along each axis (see probe-axis.ts); the store keeps coordinates. */
function PlaneSliders({ axes }: { axes: PlaneAxes }) {
  const { controller } = useServices();
  const a = useFlatland((s) => s.probe2d.a);
  const b = useFlatland((s) => s.probe2d.b);
  const axisA = axes?.a ?? probeAxis([0]);
  const axisB = axes?.b ?? probeAxis([0]);
  return (
    <>
      <PerturbationSlider
        label="Perturbation a"
        min={-axisA.k}
        max={axisA.k}
        step={1}
        value={stepAt(axisA, a)}
        valueText={`a = ${formatT(a)}`}
        disabled={!axes}
        onValue={(j) => controller.perturb.probePlane(coordAt(axisA, j), b)}
        onRelease={() => controller.perturb.releasePlane()}
      />
      <PerturbationSlider
        label="Perturbation b"
        min={-axisB.k}
        max={axisB.k}
        step={1}
        value={stepAt(axisB, b)}
        valueText={`b = ${formatT(b)}`}
        disabled={!axes}
        onValue={(j) => controller.perturb.probePlane(a, coordAt(axisB, j))}
        onRelease={() => controller.perturb.releasePlane()}
      />
    </>
  );
}

/**
 * Sliders a and b that move the weights to w + a·d₁ + b·d₂ on the landscape's plane, with the
 * readouts and the test images' predictions there.
 */
export function PlaneProbe({ grid }: { grid: GridResult | null }) {
  const { controller } = useServices();
  const axes = usePlaneAxes(grid);
  const value = useFlatland((s) => s.probe2d.value);
  const pending = useFlatland((s) => s.probe2d.pending);
  const error = useFlatland((s) => s.probe2d.error);
  const images = useFlatland((s) => s.probeImages);
  // A new grid (other weights, directions or range): evaluate where the sliders are, on it.
  useEffect(() => {
    if (!axes) return;
    const p = flatlandStore.getState().probe2d;
    controller.perturb.probePlane(snap(axes.a, p.a), snap(axes.b, p.b));
  }, [axes, controller]);
  return (
    <div className={styles.probe}>
      <PlaneSliders axes={axes} />
      <ProbeReadout value={grid ? value : null} pending={pending} suffix=" (2D)" />
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      <PredictionStrip
        images={grid ? images : null}
        predicted={value?.predicted}
        label="Predictions at perturbed weights (2D)"
      />
    </div>
  );
}
