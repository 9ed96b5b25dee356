import { EXPLAINERS, type ExplainerTopic } from './explainer-texts';
import styles from './Explainer.module.css';

/** A collapsed "What am I looking at?" note beside a plot, with the papers it follows. */
export function Explainer({ topic }: { topic: ExplainerTopic }) {
  const { paragraphs, references } = EXPLAINERS[topic];
  return (
    <details className={styles.explainer}>
      <summary className={styles.summary}>What am I looking at?</summary>
      {paragraphs.map((p) => (
        <p key={p} className={styles.text}>
          {p}
        </p>
      ))}
      <p className={styles.references}>
        {references.length > 1 ? 'Papers: ' : 'Paper: '}
        {references.join('; ')}.
      </p>
    </details>
  );
}
