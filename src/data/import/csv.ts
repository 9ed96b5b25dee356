/**
 * A dataset as CSV: one sample per row, its features then its integer label in the last column;
 * an optional header row (any non-numeric cell in the first row makes it one). Parsed with
 * papaparse.
 */
import Papa from 'papaparse';
import { ImportError } from './errors';
import type { NpyArray } from './npy';

/** Features [N, D] and labels [N] of a CSV text, as float64 arrays. */
export function parseCsv(text: string, what = 'the CSV file'): { x: NpyArray; y: NpyArray } {
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: 'greedy' });
  const bad = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (bad) throw new ImportError(`${what}, row ${(bad.row ?? 0) + 1}: ${bad.message}`);
  let rows = parsed.data;
  if (rows.length > 0 && rows[0]!.some((cell) => !isNumber(cell))) rows = rows.slice(1);
  if (rows.length === 0) throw new ImportError(`${what} has no data rows`);
  const width = rows[0]!.length;
  if (width < 2) throw new ImportError(`${what} needs at least one feature column and a label`);
  const d = width - 1;
  const x = new Float64Array(rows.length * d);
  const y = new Float64Array(rows.length);
  rows.forEach((row, r) => {
    if (row.length !== width)
      throw new ImportError(`${what}, data row ${r + 1}: ${row.length} columns, expected ${width}`);
    row.forEach((cell, c) => {
      if (!isNumber(cell))
        throw new ImportError(
          `${what}, data row ${r + 1}, column ${c + 1}: "${cell}" is not a number`,
        );
      if (c < d) x[r * d + c] = Number(cell);
      else y[r] = Number(cell);
    });
  });
  return {
    x: { dtype: 'f8', shape: [rows.length, d], data: x },
    y: { dtype: 'f8', shape: [rows.length], data: y },
  };
}

/** A cell that is a finite decimal number (NaN, Infinity and empty cells are not). */
function isNumber(cell: string): boolean {
  const t = cell.trim();
  return t !== '' && Number.isFinite(Number(t));
}
