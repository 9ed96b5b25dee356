import type { ReactNode } from 'react';
import { CheckboxField } from '../../components/fields/CheckboxField';
import { NumberField } from '../../components/fields/NumberField';
import { SelectField, type Option } from '../../components/fields/SelectField';
import type { LayerSpec, SkipKind } from '../../domain/model';
import type { NumberSpec } from '../../domain/number-spec';
import { LAYER_RANGES, parseNumber } from '../../schema';

const whole = (r: { min: number; max: number }): NumberSpec => ({ ...r, integer: true, step: 1 });
const SPECS = {
  filters: whole(LAYER_RANGES.filters),
  kernel: whole(LAYER_RANGES.kernel),
  units: whole(LAYER_RANGES.units),
  size: whole(LAYER_RANGES.pool),
};

const PADDING: Option<'same' | 'valid'>[] = [
  { value: 'same', label: 'same' },
  { value: 'valid', label: 'valid' },
];
const SKIPS: Option<SkipKind>[] = [
  { value: 'identity', label: 'identity' },
  { value: 'projection', label: '1×1 projection' },
  { value: 'none', label: 'none (no skip)' },
];

type Num = (key: 'filters' | 'kernel', value: number, set: (n: number) => LayerSpec) => ReactNode;

function ConvFields(props: {
  name: string;
  layer: Extract<LayerSpec, { type: 'conv2d' }>;
  onChange: (layer: LayerSpec) => void;
  num: Num;
}) {
  const { name, layer, onChange, num } = props;
  return (
    <>
      {num('filters', layer.filters, (filters) => ({ ...layer, filters }))}
      {num('kernel', layer.kernel, (kernel) => ({ ...layer, kernel }))}
      <SelectField
        label={`${name} padding`}
        value={layer.padding}
        options={PADDING}
        onChange={(padding) => onChange({ ...layer, padding })}
      />
      <CheckboxField
        label={`${name} bias`}
        checked={layer.bias}
        onChange={(bias) => onChange({ ...layer, bias })}
      />
    </>
  );
}

interface Props {
  /** "Layer 3": prefixes every control's label, so each is unique on the page. */
  name: string;
  layer: LayerSpec;
  onChange: (layer: LayerSpec) => void;
  /** Told of typed text that is not a valid number (Train waits for it). */
  onError: (key: string, message: string | null) => void;
}

/** The settings of one layer of the builder, each a labelled field of the kit. */
export function LayerFields({ name, layer, onChange, onError }: Props) {
  const num = (key: keyof typeof SPECS, value: number, set: (n: number) => LayerSpec) => (
    <NumberField
      key={key}
      label={`${name} ${key}`}
      value={value}
      spec={SPECS[key]}
      parse={(raw) => parseNumber(raw, SPECS[key])}
      onCommit={(n) => onChange(set(n))}
      onError={(m) => onError(`${name} ${key}`, m)}
    />
  );
  switch (layer.type) {
    case 'conv2d':
      return <ConvFields name={name} layer={layer} onChange={onChange} num={num} />;
    case 'dense':
      return num('units', layer.units, (units) => ({ ...layer, units }));
    case 'maxpool':
    case 'avgpool':
      return num('size', layer.size, (size) => ({ ...layer, size }));
    case 'residual':
      return (
        <>
          {num('filters', layer.filters, (filters) => ({ ...layer, filters }))}
          {num('kernel', layer.kernel, (kernel) => ({ ...layer, kernel }))}
          <SelectField
            label={`${name} skip`}
            value={layer.skip}
            options={SKIPS}
            onChange={(skip) => onChange({ ...layer, skip })}
          />
        </>
      );
    default:
      return null;
  }
}
