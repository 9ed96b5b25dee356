/** Wiring of saving and restoring for the app (main.tsx). */
import { createContext, useContext } from 'react';
import { openRunDb } from '../../persistence/db';
import type { FlatlandStore } from '../../store';
import type { MetricsBus } from '../metrics-bus';
import type { AnalysisClient, EngineClient, PersistenceClient } from '../worker-client';
import { PersistenceController } from './controller';
import { restoreSaved } from './restore';

/** The page's controller on the `flatland` database, already saving. */
export function createPersistence(
  engine: PersistenceClient & Pick<AnalysisClient, 'listRuns'>,
  store: FlatlandStore,
  bus: MetricsBus,
): PersistenceController {
  const ctrl = new PersistenceController({
    engine,
    store,
    bus,
    db: openRunDb(),
    estimate: () =>
      navigator.storage?.estimate ? navigator.storage.estimate() : Promise.resolve({}),
  });
  ctrl.start();
  return ctrl;
}

/**
 * The engine with an `init` that also restores the saved runs, once: whatever waits for the
 * engine (Train, Compare) then starts after them, so new runs never take a saved run's id.
 */
export function restoringEngine<E extends Pick<EngineClient, 'init'>>(
  engine: E,
  ctrl: PersistenceController,
): E {
  let restored: Promise<void> | null = null;
  return {
    ...engine,
    init: async (request) => {
      const info = await engine.init(request);
      restored ??= restoreSaved(ctrl);
      await restored;
      return info;
    },
  };
}

/** Gives the panels the page's persistence controller (main.tsx provides it). */
export const PersistenceContext = createContext<PersistenceController | null>(null);

/** The persistence controller of the page; throws outside its provider. */
export function usePersistence(): PersistenceController {
  const ctrl = useContext(PersistenceContext);
  if (!ctrl) throw new Error('usePersistence must be used inside <PersistenceContext.Provider>');
  return ctrl;
}
