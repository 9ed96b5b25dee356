// lint-as: src/app/fixture.ts
// Rejected: app importing a feature (features are composed in src/shell, the composition root).
import { RunsPanel } from '../features/runs/RunsPanel';

export const panel = RunsPanel;
