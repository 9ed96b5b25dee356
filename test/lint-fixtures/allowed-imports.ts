// lint-as: src/features/runs/fixture.ts
// Accepted: a feature importing the domain, the store (directory import), app and components.
import type { RunInfo } from '../../domain/api';
import { solutionRef } from '../../domain/solution';
import type { FlatlandStore } from '../../store';
import { errorMessage } from '../../app/format';
import { Explainer } from '../../components/Explainer';
import { helper } from './helper';

export const uses = [solutionRef, errorMessage, Explainer, helper];
export type Uses = [RunInfo, FlatlandStore];
