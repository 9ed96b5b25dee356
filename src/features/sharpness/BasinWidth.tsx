import { flatlandStore, useFlatland } from '../../store';
import { NumberField } from '../../components/fields/NumberField';
import { SelectField } from '../../components/fields/SelectField';
import { numberInput } from '../../schema';
import { BASIN_KINDS, BASIN_SPECS, basinReadout, switchBasinKind } from './basin';
import styles from '../../components/shared.module.css';

/** Width of the 1D slice's valley at a loss level, from the slice on screen. */
export function BasinWidth() {
  const slice = useFlatland((s) => s.landscape.slice);
  const basin = useFlatland((s) => s.analysis.basin);
  const readout = basinReadout(slice, basin);
  const set = flatlandStore.getState().setBasin;
  return (
    <fieldset className={styles.group}>
      <legend className={styles.legend}>1D basin width (the slice on screen)</legend>
      <div className={styles.fields}>
        <SelectField
          label="Basin threshold"
          value={basin.kind}
          options={BASIN_KINDS}
          onChange={(kind) => set(switchBasinKind(basin, kind, slice))}
        />
        <NumberField
          {...numberInput(BASIN_SPECS[basin.kind])}
          label={basin.kind === 'relative' ? 'τ: loss ≤ L(w)·(1 + τ)' : 'Loss level'}
          value={basin.value}
          onCommit={(value) => set({ value })}
        />
      </div>
      <p className={styles.readout}>
        Basin width: <output aria-label="Basin width">{readout.text}</output>
      </p>
    </fieldset>
  );
}
