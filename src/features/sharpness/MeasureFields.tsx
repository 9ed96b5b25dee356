import type { SharpnessStage } from '../../domain/api';
import { CheckInput } from '../../components/fields/CheckboxField';
import { MEASURES, toggleMeasure } from './measures';
import styles from '../../components/shared.module.css';

interface MeasureFieldsProps {
  stages: readonly SharpnessStage[];
  onChange: (stages: SharpnessStage[]) => void;
}

/** One checkbox per measure, named as its column in the table. */
export function MeasureFields({ stages, onChange }: MeasureFieldsProps) {
  return (
    <fieldset className={styles.group}>
      <legend className={styles.legend}>Measures</legend>
      <div className={styles.checks}>
        {MEASURES.map(({ stage, label }) => (
          <CheckInput
            key={stage}
            label={label}
            checked={stages.includes(stage)}
            onChange={(on) => onChange(toggleMeasure(stages, stage, on))}
          />
        ))}
      </div>
    </fieldset>
  );
}
