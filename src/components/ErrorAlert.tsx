import shared from './shared.module.css';

/** A panel's failure, announced as it appears; nothing when there is none. */
export function ErrorAlert({ error }: { error: string | null | undefined }) {
  if (!error) return null;
  return (
    <p className={shared.error} role="alert">
      {error}
    </p>
  );
}
