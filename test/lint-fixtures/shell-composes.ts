// lint-as: src/shell/fixture.ts
// Accepted: the shell composing features with app services, the store and the domain.
import { RunsPanel } from '../features/runs/RunsPanel';
import { CurvesPanel } from '../features/curves/CurvesPanel';
import { useServices } from '../app/services';
import { flatlandStore } from '../store';
import type { RunInfo } from '../domain/api';

export const uses = [RunsPanel, CurvesPanel, useServices, flatlandStore];
export type Uses = RunInfo;
