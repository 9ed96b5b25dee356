import { Panel } from '../../components/Panel';
import { resolveFlat } from '../../domain/api-defaults';
import { useFlatland } from '../../store';
import { CosinePlot } from './CosinePlot';
import styles from './sam-cosine.module.css';

/** Why the current settings measure nothing, or null when they do. */
function offReason(optimizer: string, adaptive: boolean, every: number): string | null {
  if (optimizer !== 'sam' && optimizer !== 'wasam') return 'choose SAM or WASAM';
  if (adaptive) return 'not for ASAM';
  return every > 0 ? null : 'set “SAM cosine every” in the controls';
}

/** Foret et al. 2021, Fig. 5: the cosine between first- and second-order SAM updates. */
export function SamCosinePanel() {
  const train = useFlatland((s) => s.train);
  const flat = resolveFlat(train.optimizer, train.lr, train.flat);
  const off = offReason(train.optimizer, flat.adaptive, flat.cosineEvery);
  return (
    <Panel
      title="SAM: first- vs second-order update"
      className={styles.panel}
      explanation={
        <>
          One colour per SAM run: the cosine between the update first-order SAM takes, g_SAM = ∇L(w
          + ε̂), and the full gradient of L(w + ε̂(w)), g_SAM + (dε̂/dw)ᵀ·g_SAM, with the Hessian term
          computed exactly (one Hessian-vector product), on the batch of every k-th step at the
          weights it starts from, whichever of the two the run steps with (Foret et al. 2021, Fig.
          5, who found it high early in training and falling later). For p = 2, (dε̂/dw)ᵀv =
          ρ/‖g‖·H(v − ĝ(ĝ·v)); for p = ∞, ε̂ = ρ·sign(g) has dε̂/dw = 0, so the term vanishes and the
          cosine is exactly 1. ASAM is not measured.
          {off ? ` Off now: ${off}.` : ` Every ${flat.cosineEvery} steps.`}
        </>
      }
    >
      <div className={styles.plot}>
        <CosinePlot />
      </div>
    </Panel>
  );
}
