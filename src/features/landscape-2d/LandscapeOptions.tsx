import { useId } from 'react';
import { CheckInput } from '../../components/fields/CheckboxField';
import fields from '../../components/fields/fields.module.css';
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
      <label className={fields.inline}>
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
      <CheckInput
        label="Log scale"
        checked={options.log}
        onChange={(log) => onChange({ ...options, log })}
      />
    </>
  );
}

/** "Same colour scale for all runs": usable once two runs have landscapes. */
export function SharedScaleToggle({ count, on }: { count: number; on: boolean }) {
  return (
    <CheckInput
      label="Same colour scale for all runs"
      checked={on}
      disabled={count < 2}
      title={count < 2 ? 'Needs the landscapes of two runs (Explore another run).' : undefined}
      onChange={(checked) => flatlandStore.getState().setSharedColorScale(checked)}
    />
  );
}
