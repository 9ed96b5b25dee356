// lint-as: src/engine/landscape/fixture.ts
// Rejected: the engine importing the store through a directory import ('../../store').
import type { FlatlandStore } from '../../store';

export type Store = FlatlandStore;
