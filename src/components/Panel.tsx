import { useEffect, useId, useRef, type ReactNode } from 'react';
import { whenIdle } from './plot/canvas-layer';
import styles from './Panel.module.css';

interface PanelProps {
  title: string;
  /** Controls shown on the right of the title bar (plot type toggles and the like). */
  actions?: ReactNode;
  /** One or two sentences under the content on how to read it. */
  explanation?: ReactNode;
  className?: string;
  children: ReactNode;
}

/** A titled card that is also a named landmark region (the heading is its accessible name). */
export function Panel({ title, actions, explanation, className, children }: PanelProps) {
  const headingId = useId();
  const ref = useRef<HTMLElement>(null);
  // Lazy only once drawn: skipped before its first layout, a panel would take the placeholder
  // height and everything after it would move as it comes into view.
  useEffect(() => {
    const el = ref.current;
    whenIdle(() => el?.setAttribute('data-lazy', ''));
  }, []);
  return (
    <section
      ref={ref}
      className={`${styles.panel} ${className ?? ''}`}
      role="region"
      aria-labelledby={headingId}
    >
      <div className={styles.header}>
        <h2 id={headingId} className={styles.title}>
          {title}
        </h2>
        {actions && <div className={styles.actions}>{actions}</div>}
      </div>
      <div className={styles.body}>{children}</div>
      {explanation && <p className={styles.explanation}>{explanation}</p>}
    </section>
  );
}
