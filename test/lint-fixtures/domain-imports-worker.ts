// lint-as: src/domain/fixture.ts
// Rejected: the domain importing the worker (the domain imports nothing of ours).
import type { RunRecord } from '../worker/runs';

export type Run = RunRecord;
