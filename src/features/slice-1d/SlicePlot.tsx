import { useMemo } from 'react';
import { Plot } from '../../components/plot/Plot';
import { PLOT_CONFIG, PLOT_STYLE } from '../../components/plot/theme';
import { useFlatland } from '../../store';
import { sliceAxisTitle } from '../directions/direction-options';
import { sliceLayout, sliceTraces } from './slice-figure';

export function SlicePlot() {
  const slice = useFlatland((s) => s.landscape.slice);
  const probe = useFlatland((s) => s.probe);
  const range = useFlatland((s) => s.landscapeConfig.sliceRange);
  const data = useMemo(() => sliceTraces(slice, probe.value), [slice, probe.value]);
  const kind = useFlatland((s) => s.analysis.sliceKind);
  const layout = useMemo(
    () => sliceLayout(range, slice ? probe.t : null, sliceAxisTitle(kind)),
    [range, slice, probe.t, kind],
  );
  return (
    <Plot data={data} layout={layout} config={PLOT_CONFIG} style={PLOT_STYLE} useResizeHandler />
  );
}
