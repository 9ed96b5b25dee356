import type { ComparisonSpec } from './comparison-spec';
import { basinLevelText } from './comparison-table';
import shared from '../../components/shared.module.css';

/** Says what every number of the view is: directions, samples, labels and iterations. */
export function MeasuredNote({ spec }: { spec: ComparisonSpec }) {
  const { landscape, sharpness } = spec;
  const labels =
    spec.labels === 'clean'
      ? 'the clean training labels'
      : 'each run’s own training labels (with its label noise, if any)';
  const range = landscape.sliceRange;
  return (
    <p className={shared.hint}>
      Each run’s solution (the SWA/WASAM average where there is one) on {labels}. Slices:{' '}
      {landscape.slicePoints} points of t ∈ [−{range}, {range}] along one random direction (seed{' '}
      {landscape.seed}) drawn once and filter-normalised to each run’s own weights (Li et al. 2018),
      loss on {landscape.evalSamples} training samples. λ_max: power iteration, at most{' '}
      {sharpness.powerIterations} Hessian-vector products; trace: Hutchinson with{' '}
      {sharpness.traceProbes} probes ± standard error; both on {sharpness.samples} training samples
      (seed {sharpness.seed}). Basin width: the length of the interval of t around the slice’s
      minimum where {basinLevelText(spec.basin)}.
    </p>
  );
}
