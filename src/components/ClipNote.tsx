import styles from './ClipNote.module.css';

/** The visible note under a plot whose huge or non-finite values were drawn clipped. */
export function ClipNote({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p className={styles.clip} role="note">
      {text}
    </p>
  );
}
