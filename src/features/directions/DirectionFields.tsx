import { flatlandStore, useFlatland } from '../../store';
import type { DirectionOptions } from '../../domain/api';
import {
  BN_OPTIONS,
  bnMode,
  bnPatch,
  currentDirections,
  KIND_OPTIONS,
  NORMALIZATION_OPTIONS,
  withKind,
} from './direction-options';
import { LabelsField } from '../../components/LabelsNote';
import { CheckInput } from '../../components/fields/CheckboxField';
import { SelectField } from '../../components/fields/SelectField';
import { WeightsPicker } from '../../components/fields/WeightsPicker';
import styles from '../../components/shared.module.css';

/** The options live in the landscape settings, so the landscape after training uses them too. */
function setDirections(options: DirectionOptions) {
  flatlandStore.getState().setLandscapeConfig({ directions: options });
}

function useDirections(): DirectionOptions {
  return currentDirections(useFlatland((s) => s.landscapeConfig));
}

/** d₁ and d₂ kinds and their normalisation. */
export function DirectionKindFields() {
  const options = useDirections();
  const config = useFlatland((s) => s.landscapeConfig);
  const bn = bnMode(config);
  return (
    <div className={styles.fields}>
      <SelectField
        label="Direction 1 (d₁)"
        value={options.kind1}
        options={KIND_OPTIONS}
        onChange={(k) => setDirections(withKind(options, 'kind1', k))}
      />
      <SelectField
        label="Direction 2 (d₂)"
        value={options.kind2}
        options={KIND_OPTIONS}
        onChange={(k) => setDirections(withKind(options, 'kind2', k))}
      />
      <SelectField
        label="Normalisation"
        value={options.normalization}
        options={NORMALIZATION_OPTIONS}
        onChange={(normalization) => setDirections({ ...options, normalization })}
      />
      <SelectField
        label="BatchNorm statistics"
        value={bn}
        options={BN_OPTIONS}
        onChange={(mode) => flatlandStore.getState().setLandscapeConfig(bnPatch(mode))}
      />
      <LabelsField
        value={config.labels ?? 'trained'}
        onChange={(labels) => flatlandStore.getState().setLandscapeConfig({ labels })}
      />
    </div>
  );
}

/** The two switches; orthogonalising means nothing for PCA, whose components already are. */
export function DirectionChecks() {
  const options = useDirections();
  const pca = options.kind1 === 'pca';
  return (
    <div className={styles.checks}>
      <CheckInput
        label="Ignore biases and BatchNorm"
        checked={options.ignoreBiasBn}
        onChange={(ignoreBiasBn) => setDirections({ ...options, ignoreBiasBn })}
      />
      <CheckInput
        label="Orthogonalise d₂"
        checked={pca || options.orthogonalize}
        disabled={pca}
        onChange={(orthogonalize) => setDirections({ ...options, orthogonalize })}
      />
    </div>
  );
}

/** Where checkpoint directions point, and the run whose weights directions are shared with. */
export function DirectionTargets() {
  const options = useDirections();
  const runs = useFlatland((s) => s.runs);
  const towards = options.kind1 === 'checkpoint' || options.kind2 === 'checkpoint';
  const share = [
    { value: '', label: 'None' },
    ...runs.map((r) => ({ value: r.id, label: r.name })),
  ];
  return (
    <div className={styles.fields}>
      {towards && (
        <WeightsPicker
          name="Towards"
          runs={runs}
          value={options.towards}
          onChange={(ref) => setDirections({ ...options, towards: ref })}
        />
      )}
      <SelectField
        label="Share directions with"
        value={runs.some((r) => r.id === options.shareWith) ? (options.shareWith ?? '') : ''}
        options={share}
        onChange={(id) => setDirections({ ...options, shareWith: id || undefined })}
      />
    </div>
  );
}
