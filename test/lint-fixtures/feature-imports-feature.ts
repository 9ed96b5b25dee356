// lint-as: src/features/runs/fixture.ts
// Rejected: a feature importing another feature (shared code belongs in components/, app/, domain/).
import { encodeChoice } from '../directions/weights';

export const choice = encodeChoice('final');
