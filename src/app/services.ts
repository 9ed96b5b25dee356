import { createContext, useContext } from 'react';
import type { MetricsBus } from './metrics-bus';
import type { RunController } from './run-controller';
import type {
  AnalysisClient,
  DataImportClient,
  EngineClient,
  ExploreClient,
  RunsClient,
} from './worker-client';

/** Long-lived, non-serialisable objects the panels need; created once in main.tsx. */
export interface Services {
  controller: RunController;
  bus: MetricsBus;
  /** The worker, for the analysis panels' own jobs (θ(α), sharpness, recomputed landscapes). */
  engine: EngineClient & AnalysisClient & RunsClient & ExploreClient & DataImportClient;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices must be used inside <ServicesContext.Provider>');
  return services;
}
