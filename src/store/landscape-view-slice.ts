/** How the landscape panels draw what was computed: the 1D slice's axis and the shared colour scale. */
import type { DirectionKind } from '../domain/api';
import { patchAnalysis } from './analysis-state';
import type { SliceCreator } from './types';

/** Actions on `analysis.sliceKind` and `analysis.sharedColorScale`. */
export interface LandscapeViewSlice {
  setSliceKind: (kind: DirectionKind) => void;
  setSharedColorScale: (on: boolean) => void;
}

/** Creates the landscape view's actions; its state starts in `freshAnalysis`. */
export const createLandscapeViewSlice: SliceCreator<LandscapeViewSlice> = (set) => ({
  setSliceKind: (kind) => patchAnalysis(set, 'sliceKind', () => kind),
  setSharedColorScale: (on) => patchAnalysis(set, 'sharedColorScale', () => on),
});
