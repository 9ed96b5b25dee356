import side from '../side-panel.module.css';

interface FileFieldProps {
  /** The visible label, also the input's accessible name. */
  label: string;
  /** File types offered by the picker, e.g. ".json,.bin". */
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  /** Gets the chosen files (never none); the input is cleared once it settles. */
  onFiles: (files: File[]) => Promise<unknown>;
}

/**
 * A file picker under its label, as the sidebar's import panels use it. Clearing the input after
 * each import lets the same file be chosen again (a change event fires only on a new value).
 */
export function FileField({ label, accept, multiple, disabled, onFiles }: FileFieldProps) {
  return (
    <label className={side.file}>
      <span>{label}</span>
      <input
        type="file"
        aria-label={label}
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        onChange={(event) => {
          const input = event.currentTarget;
          const files = Array.from(input.files ?? []);
          if (files.length > 0) void onFiles(files).finally(() => (input.value = ''));
        }}
      />
    </label>
  );
}
