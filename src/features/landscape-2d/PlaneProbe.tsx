import { useEffect, useMemo } from 'react';
import { formatT } from '../../domain/format';
import { useServices } from '../../app/services';
import { flatlandStore, useFlatland } from '../../store';
import type { GridResult } from '../../domain/api';
import { PerturbationSlider } from '../../components/probe/PerturbationSlider';
import { Probe } from '../../components/probe/Probe';
import { coordAt, probeAxis, snap, stepAt, type ProbeAxis } from './probe-axis';

/** The 2D sliders' axes for a grid (memoised per grid so clicks and keys agree). */
export function usePlaneAxes(grid: GridResult | null) {
  return useMemo(() => (grid ? { a: probeAxis(grid.a), b: probeAxis(grid.b) } : null), [grid]);
}

type PlaneAxes = ReturnType<typeof usePlaneAxes>;

interface PlaneSliderProps {
  name: 'a' | 'b';
  axis: ProbeAxis;
  /** Where the slider is on its axis. */
  value: number;
  disabled: boolean;
  /** Moves the weights to this coordinate on the slider's axis. */
  onMove: (coord: number) => void;
}

/** One of the plane's sliders, in whole steps along its axis (see probe-axis.ts). */
function PlaneSlider({ name, axis, value, disabled, onMove }: PlaneSliderProps) {
  const { controller } = useServices();
  return (
    <PerturbationSlider
      label={`Perturbation ${name}`}
      min={-axis.k}
      max={axis.k}
      step={1}
      value={stepAt(axis, value)}
      valueText={`${name} = ${formatT(value)}`}
      disabled={disabled}
      onValue={(j) => onMove(coordAt(axis, j))}
      onRelease={() => controller.perturb.releasePlane()}
    />
  );
}

/** Sliders a and b; the store keeps coordinates, the sliders steps. */
function PlaneSliders({ axes }: { axes: PlaneAxes }) {
  const { controller } = useServices();
  const a = useFlatland((s) => s.probe2d.a);
  const b = useFlatland((s) => s.probe2d.b);
  const at = { a, b };
  return (
    <>
      {(['a', 'b'] as const).map((name) => (
        <PlaneSlider
          key={name}
          name={name}
          axis={axes?.[name] ?? probeAxis([0])}
          value={at[name]}
          disabled={!axes}
          onMove={(x) => {
            const to = { ...at, [name]: x };
            controller.perturb.probePlane(to.a, to.b);
          }}
        />
      ))}
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
    <Probe
      value={grid ? value : null}
      pending={pending}
      error={error}
      images={grid ? images : null}
      label="Predictions at perturbed weights (2D)"
      suffix=" (2D)"
    >
      <PlaneSliders axes={axes} />
    </Probe>
  );
}
