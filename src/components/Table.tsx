import { useId, type ReactNode } from 'react';
import shared from './shared.module.css';

/** A column heading, with its tooltip when the title needs explaining. */
export interface TableColumn {
  key: string;
  title: string;
  hint?: string;
}

interface TableProps {
  /** Names the table for screen readers (it labels the table) and says what it shows. */
  caption: ReactNode;
  /** Heading of the row headers' column ("Run", "Optimizer"). */
  corner: string;
  columns: readonly TableColumn[];
  /** The body's rows, each a row header and a cell per column. */
  children: ReactNode;
}

/** A captioned table of the analysis panels, one row per run or observation. */
export function Table({ caption, corner, columns, children }: TableProps) {
  const captionId = useId();
  return (
    <table className={shared.table} aria-labelledby={captionId}>
      <caption id={captionId} className={shared.caption}>
        {caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">{corner}</th>
          {columns.map((c) => (
            <th key={c.key} scope="col" title={c.hint}>
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
