import styles from './ProgressBar.module.css';

interface ProgressBarProps {
  label: string;
  value: number;
  max: number;
  /** Visible text next to the bar, also used as aria-valuetext. */
  text?: string;
}

/** A determinate progress bar with the ARIA attributes screen readers and tests rely on. */
export function ProgressBar({ label, value, max, text }: ProgressBarProps) {
  const safeMax = max > 0 ? max : 1;
  const clamped = Math.min(Math.max(value, 0), safeMax);
  return (
    <div className={styles.wrap}>
      <div
        className={styles.track}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={safeMax}
        aria-valuenow={clamped}
        aria-valuetext={text}
      >
        <div className={styles.fill} style={{ transform: `scaleX(${clamped / safeMax})` }} />
      </div>
      {text && <div className={styles.text}>{text}</div>}
    </div>
  );
}
