import { Table } from '../../components/Table';
import shared from '../../components/shared.module.css';
import { formatCount } from '../../domain/format';
import type { LayerSpec } from '../../domain/model';
import { datasetClasses, datasetInput, datasetLabel } from '../../domain/toy-data';
import { useFlatland } from '../../store';
import { builderTable, LAYER_TYPES, type TableRow } from './builder';
import { LayerFields } from './LayerFields';
import styles from './model-builder.module.css';

const COLUMNS = [
  { key: 'settings', title: 'Settings' },
  { key: 'shape', title: 'Output shape', hint: 'Without the batch axis: [H, W, C] or [features]' },
  { key: 'params', title: 'Parameters', hint: 'Trainable scalars of the layer' },
  { key: 'edit', title: 'Edit' },
];

const typeLabel = (t: LayerSpec['type']) => LAYER_TYPES.find((l) => l.value === t)?.label ?? t;

const move = (layers: LayerSpec[], i: number, by: number): LayerSpec[] => {
  const next = [...layers];
  const [l] = next.splice(i, 1);
  next.splice(i + by, 0, l!);
  return next;
};

interface Props {
  layers: LayerSpec[];
  edit: (layers: LayerSpec[]) => void;
  onError: (key: string, message: string | null) => void;
}

function EditButtons({ row, layers, edit }: { row: TableRow } & Omit<Props, 'onError'>) {
  const i = row.index;
  const name = `layer ${i + 1}`;
  return (
    <div className={styles.edit}>
      <button
        type="button"
        className={shared.secondary}
        aria-label={`Move ${name} up`}
        disabled={i === 0}
        onClick={() => edit(move(layers, i, -1))}
      >
        ↑
      </button>
      <button
        type="button"
        className={shared.secondary}
        aria-label={`Move ${name} down`}
        disabled={i === layers.length - 1}
        onClick={() => edit(move(layers, i, 1))}
      >
        ↓
      </button>
      <button
        type="button"
        className={shared.secondary}
        aria-label={`Remove ${name}`}
        onClick={() => edit(layers.filter((_, j) => j !== i))}
      >
        ✕
      </button>
    </div>
  );
}

function TotalRow({ total }: { total: number | null }) {
  return (
    <tr>
      <th scope="row">Total</th>
      <td />
      <td />
      <td aria-label="Total parameters">{total === null ? '—' : formatCount(total)}</td>
      <td />
    </tr>
  );
}

/** The builder's layers with their settings, output shapes and parameter counts, and the total. */
export function LayerTable({ layers, edit, onError }: Props) {
  const train = useFlatland((s) => s.train);
  const data = { input: datasetInput(train), classes: datasetClasses(train) };
  const { rows, total, problem } = builderTable(layers, data);
  return (
    <div className={styles.tableScroll}>
      <Table caption="Layers, output shapes and parameters" corner="Layer" columns={COLUMNS}>
        <tr>
          <th scope="row">Input</th>
          <td>{datasetLabel(train)} samples</td>
          <td className={shared.mono}>[{data.input.join(', ')}]</td>
          <td>0</td>
          <td />
        </tr>
        {rows.map((row) => (
          <tr key={row.index}>
            <th scope="row">
              {row.index + 1}. {typeLabel(row.layer.type)}
              {row.classifier && ' (classifier)'}
            </th>
            <td>
              {row.classifier ? (
                'added for the dataset'
              ) : (
                <div className={styles.settings}>
                  <LayerFields
                    name={`Layer ${row.index + 1}`}
                    layer={row.layer}
                    onError={onError}
                    onChange={(l) => edit(layers.map((old, j) => (j === row.index ? l : old)))}
                  />
                </div>
              )}
            </td>
            <td className={shared.mono}>{row.shape ? `[${row.shape.join(', ')}]` : '—'}</td>
            <td>{row.shape ? formatCount(row.params) : '—'}</td>
            <td>{!row.classifier && <EditButtons row={row} layers={layers} edit={edit} />}</td>
          </tr>
        ))}
        <TotalRow total={total} />
      </Table>
      {problem && (
        <p role="alert" className={shared.error}>
          This model cannot be built: {problem}
        </p>
      )}
    </div>
  );
}
