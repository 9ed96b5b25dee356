import { formatLoss, formatPercent } from '../../domain/format';
import styles from './probe.module.css';

export interface ReadoutValue {
  trainLoss: number;
  trainAcc: number;
  testLoss: number;
  testAcc: number;
}

interface Props {
  value: ReadoutValue | null;
  pending: boolean;
  /** Appended to every accessible name, so the 1D and 2D readouts are told apart (" (2D)"). */
  suffix?: string;
}

const loss = (v: number | undefined) => (v === undefined ? '—' : formatLoss(v));
const acc = (v: number | undefined) => (v === undefined ? '—' : formatPercent(v));

/** Train and test loss/accuracy at the probed point; each output holds its number alone. */
export function ProbeReadout({ value, pending, suffix = '' }: Props) {
  return (
    <div className={styles.readout} aria-busy={pending}>
      <span className={styles.corner}>{pending ? 'evaluating…' : ''}</span>
      <span className={styles.colHead}>Loss</span>
      <span className={styles.colHead}>Accuracy</span>
      <span className={styles.rowHead}>Train</span>
      <output className={styles.readoutValue} aria-label={`Loss at perturbed weights${suffix}`}>
        {loss(value?.trainLoss)}
      </output>
      <output className={styles.readoutValue} aria-label={`Accuracy at perturbed weights${suffix}`}>
        {acc(value?.trainAcc)}
      </output>
      <span className={styles.rowHead}>Test</span>
      <output
        className={styles.readoutValue}
        aria-label={`Test loss at perturbed weights${suffix}`}
      >
        {loss(value?.testLoss)}
      </output>
      <output
        className={styles.readoutValue}
        aria-label={`Test accuracy at perturbed weights${suffix}`}
      >
        {acc(value?.testAcc)}
      </output>
    </div>
  );
}
