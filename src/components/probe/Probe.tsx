import type { ReactNode } from 'react';
import type { ProbeImages } from '../../domain/api';
import { ErrorAlert } from '../ErrorAlert';
import { PredictionStrip } from './PredictionStrip';
import { ProbeReadout, type ReadoutValue } from './ProbeReadout';
import styles from './probe.module.css';

interface ProbeProps {
  /** The sliders that move the weights (t along d₁, or a and b on the plane). */
  children: ReactNode;
  /** Loss, accuracy and predictions at the perturbed weights, or null before there are any. */
  value: (ReadoutValue & { predicted?: number[] }) | null;
  pending: boolean;
  error: string | null;
  /** The fixed test images, or null while there is nothing to predict on. */
  images: ProbeImages | null;
  /** Accessible name of the predictions, e.g. "Predictions at perturbed weights (2D)". */
  label: string;
  /** Appended to the readout's accessible names (" (2D)"), so the two probes are told apart. */
  suffix?: string;
}

/** A probe of the weights: its sliders, the readout there, any error and the predictions. */
export function Probe({ children, value, pending, error, images, label, suffix }: ProbeProps) {
  return (
    <div className={styles.probe}>
      {children}
      <ProbeReadout value={value} pending={pending} suffix={suffix} />
      <ErrorAlert error={error} />
      <PredictionStrip images={images} predicted={value?.predicted} label={label} />
    </div>
  );
}
