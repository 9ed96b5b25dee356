import { useId } from 'react';
import { flatlandStore } from '../../store';
import type { LandscapeOptions, LandscapeView } from './landscape-figure';
import styles from './landscape.module.css';

const VIEWS: { value: LandscapeView; label: string }[] = [
  { value: 'contour', label: 'Contour' },
  { value: 'heatmap', label: 'Heatmap' },
  { value: 'surface', label: '3D surface' },
];

interface Props {
  options: LandscapeOptions;
  onChange: (options: LandscapeOptions) => void;
}

/** Plot type (segmented radio group), train/test split and log scale. */
export function LandscapeOptionsBar({ options, onChange }: Props) {
  const name = useId();
  return (
    <>
      <div className={styles.segmented} role="radiogroup" aria-label="Plot type">
        {VIEWS.map((v) => (
          <label key={v.value} className={styles.segment} data-checked={options.view === v.value}>
            <input
              type="radio"
              name={name}
              value={v.value}
              checked={options.view === v.value}
              onChange={() => onChange({ ...options, view: v.value })}
            />
            {v.label}
          </label>
        ))}
      </div>
      <label className={styles.inline}>
        <span>Show</span>
        <select
          className={styles.select}
          value={options.split}
          onChange={(e) =>
            onChange({ ...options, split: e.target.value === 'test' ? 'test' : 'train' })
          }
        >
          <option value="train">Train loss</option>
          <option value="test">Test loss</option>
        </select>
      </label>
      <label className={styles.inline}>
        <input
          type="checkbox"
          checked={options.log}
          onChange={(e) => onChange({ ...options, log: e.target.checked })}
        />
        <span>Log scale</span>
      </label>
    </>
  );
}

/** "Same colour scale for all runs": usable once two runs have landscapes. */
export function SharedScaleToggle({ count, on }: { count: number; on: boolean }) {
  return (
    <label
      className={styles.inline}
      title={count < 2 ? 'Needs the landscapes of two runs (Explore another run).' : undefined}
    >
      <input
        type="checkbox"
        checked={on}
        disabled={count < 2}
        onChange={(e) => flatlandStore.getState().setSharedColorScale(e.target.checked)}
      />
      <span>Same colour scale for all runs</span>
    </label>
  );
}
