import { useEffect } from 'react';
import { formatT } from '../../domain/format';
import { useServices } from '../../app/services';
import { flatlandStore, useFlatland } from '../../store';
import { PerturbationSlider } from '../../components/probe/PerturbationSlider';
import { Probe } from '../../components/probe/Probe';

/** Slider for t, the loss/accuracy at w + t·d and the test images' predictions there. */
export function ProbeSlider() {
  const { controller } = useServices();
  const slice = useFlatland((s) => s.landscape.slice);
  const t = useFlatland((s) => s.probe.t);
  const value = useFlatland((s) => s.probe.value);
  const pending = useFlatland((s) => s.probe.pending);
  const error = useFlatland((s) => s.probe.error);
  const images = useFlatland((s) => s.probeImages);
  const { sliceRange, slicePoints } = useFlatland((s) => s.landscapeConfig);
  // A new slice comes with the centre's loss but no predictions: ask for them where the slider is.
  useEffect(() => {
    if (!slice) return;
    controller.probe(flatlandStore.getState().probe.t);
    void controller.perturb.loadProbeImages();
  }, [slice, controller]);
  // The slider snaps to the slice's own grid so the marker sits on computed points.
  const points = slice?.t.length ?? slicePoints;
  const step = (2 * sliceRange) / Math.max(points - 1, 1);
  return (
    <Probe
      value={value}
      pending={pending}
      error={error}
      images={slice ? images : null}
      label="Predictions at perturbed weights"
    >
      <PerturbationSlider
        label="Perturbation t"
        min={-sliceRange}
        max={sliceRange}
        step={step}
        value={t}
        valueText={`t = ${formatT(t)}`}
        disabled={!slice}
        onValue={(v) => controller.probe(v)}
        onRelease={() => controller.perturb.releaseProbe()}
      />
    </Probe>
  );
}
