/** Axis titles of the slice and landscape plots, from the directions the worker used. */
import type { AxesInfo, DirectionKind } from '../../domain/api';

const SLICE_TITLES: Record<DirectionKind, string> = {
  random: 'random direction d₁',
  pca: 'PC1',
  checkpoint: 'towards the checkpoint',
  eigenvector: 'top Hessian eigenvector',
  gradient: 'gradient direction',
};

/** Axis title of the 1D slice: the slice runs along d₁. */
export function sliceAxisTitle(kind: DirectionKind): string {
  return `Perturbation t along ${SLICE_TITLES[kind]}`;
}

function withVariance(label: string, explained: number | undefined): string {
  if (explained === undefined || label.includes('%')) return label;
  return `${label} (${(100 * explained).toFixed(1)}% of variance)`;
}

/** Titles of the grid's axes from what the worker reports (generic ones for older results). */
export function gridAxisTitles(axes: AxesInfo | undefined): [string, string] {
  if (!axes) return ['Direction 1 (a)', 'Direction 2 (b)'];
  return [
    withVariance(axes.label1, axes.explained?.[0]),
    withVariance(axes.label2, axes.explained?.[1]),
  ];
}
