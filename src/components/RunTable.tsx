import type { ReactNode } from 'react';
import shared from './shared.module.css';
import { Table, type TableColumn } from './Table';

/** A run's row: its name in its plot colour, which weights were measured, and the cells. */
export interface RunTableRow {
  name: string;
  color: string;
  /** Which weights the numbers are of ("final", "average"), after the name; none when clear. */
  weights?: string;
}

/** A column: the row's field it shows, its heading and the heading's tooltip. */
export interface RunColumn<R> extends TableColumn {
  key: keyof R & string;
}

interface RunTableProps<R extends RunTableRow> {
  caption: string;
  columns: readonly RunColumn<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  /** Under the table, in its scroll box (e.g. a button for what is missing). */
  children?: ReactNode;
}

/** One row per run, a column per measure: the sharpness, side-by-side and comparison tables. */
export function RunTable<R extends RunTableRow>(props: RunTableProps<R>) {
  const { caption, columns, rows, rowKey, children } = props;
  return (
    <div className={shared.tableWrap}>
      <Table caption={caption} corner="Run" columns={columns}>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            <th scope="row">
              <span className={shared.swatch} style={{ background: row.color }} aria-hidden />
              {row.name}
              {row.weights && (
                <>
                  {' '}
                  <span className={shared.hint}>({row.weights})</span>
                </>
              )}
            </th>
            {columns.map((c) => (
              <td key={c.key}>{String(row[c.key])}</td>
            ))}
          </tr>
        ))}
      </Table>
      {children}
    </div>
  );
}
