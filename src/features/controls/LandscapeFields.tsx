import { flatlandStore, useFlatland } from '../../store';
import { GRID_SIZE_OPTIONS, SLICE_POINT_OPTIONS, withCurrent } from './options';
import { SelectField } from '../../components/fields/SelectField';

const gridLabel = (n: number) => `${n} × ${n}`;

/** Resolution of the landscape computed after training; the grid costs size² evaluations. */
export function LandscapeFields() {
  const config = useFlatland((s) => s.landscapeConfig);
  const set = flatlandStore.getState().setLandscapeConfig;
  return (
    <>
      <SelectField
        label="Slice points"
        value={config.slicePoints}
        options={withCurrent(SLICE_POINT_OPTIONS, config.slicePoints, String)}
        onChange={(slicePoints) => set({ slicePoints })}
      />
      <SelectField
        label="Grid size"
        value={config.gridSize}
        options={withCurrent(GRID_SIZE_OPTIONS, config.gridSize, gridLabel)}
        onChange={(gridSize) => set({ gridSize })}
        hint={`${(config.gridSize * config.gridSize).toLocaleString('en-US')} evaluations`}
      />
    </>
  );
}
