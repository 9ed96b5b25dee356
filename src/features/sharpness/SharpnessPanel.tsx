import { Explainer } from '../../components/Explainer';
import { Panel } from '../../components/Panel';
import { useFlatland } from '../../store';
import { RunLabelsNotes } from '../../components/LabelsNote';
import { noiseOf } from '../../domain/labels';
import { BasinWidth } from './BasinWidth';
import { SharpnessForm } from './SharpnessForm';
import { SharpnessTable } from './SharpnessTable';
import styles from '../../components/shared.module.css';
import { ErrorAlert } from '../../components/ErrorAlert';

/** Which labels the sharpness rows were measured with, when that needs saying. */
function SharpnessLabelsNote() {
  const entries = useFlatland((s) => s.analysis.sharpness.entries);
  const runs = entries.map((e) => ({
    name: e.run.name,
    labels: e.settings.labels,
    labelNoise: noiseOf(e.run),
  }));
  return <RunLabelsNotes runs={runs} />;
}

/** Curvature and sharpness measures of runs' solutions, compared in one table. */
export function SharpnessPanel() {
  const error = useFlatland((s) => s.analysis.sharpness.error);
  return (
    <Panel
      title="Sharpness"
      className={styles.wide}
      explanation={
        <>
          λ_max and the trace measure curvature at the weights (PyHessian); ρ-sharpness is the
          largest loss increase over ‖ε‖₂ ≤ ρ, SAM’s objective (Foret et al. 2021), and the adaptive
          one the same over ‖ε/|w|‖₂ ≤ ρ with T = |w| as the ASAM that trains (Kwon et al. 2021);
          average-case sharpness is the mean increase under per-weight N(0, ρ²) noise, or N(0,
          ρ²wᵢ²) for the adaptive one (Andriushchenko et al. 2023). m-sharpness averages the
          ρ-sharpness of disjoint sets of m samples (Foret et al. 2021 §4.1): the quantity m-SAM
          minimises, whose smaller-m values tracked the generalisation gap best in their Fig. 3. All
          are measured on a fixed training sample with the stored BatchNorm statistics and the
          labels the run trained on (label noise included: the loss it minimised), or the clean
          labels when asked. Flatter solutions (SWA, SAM, WASAM) usually show smaller numbers and a
          smaller gap.
        </>
      }
    >
      <Explainer topic="sharpness" />
      <SharpnessForm />
      <ErrorAlert error={error} />
      <SharpnessTable />
      <SharpnessLabelsNote />
      <BasinWidth />
    </Panel>
  );
}
