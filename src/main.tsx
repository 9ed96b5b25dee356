import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './shell/App';
import { createMetricsBus } from './app/metrics-bus';
import { RunController } from './app/run-controller';
import { ServicesContext } from './app/services';
import { applyUrlConfig, linkSettingsToUrl } from './app/settings-link';
import { parseUrlConfig } from './app/url-config';
import { createWorkerClient } from './app/worker-client';
import { runComparison } from './features/comparison/comparison-job';
import { comparisonStore } from './features/comparison/comparison-state';
import { createPersistence, PersistenceContext, restoringEngine } from './app/persistence';
import { flatlandStore, isRunActive } from './store';
import './styles/global.css';

// Everything long-lived is created once, outside React, so StrictMode's double effects cannot
// start a second worker or initialise the backend twice.
const url = parseUrlConfig(window.location.search);
applyUrlConfig(flatlandStore, url);
linkSettingsToUrl(flatlandStore, url.backend);

const engine = createWorkerClient((message) => {
  const { run, backend } = flatlandStore.getState();
  if (backend.status === 'pending') flatlandStore.getState().setBackendError(message);
  if (isRunActive(run.status)) {
    flatlandStore.getState().failRun(`The engine stopped: ${message}`);
  }
});
const bus = createMetricsBus();
const persistence = createPersistence(engine, flatlandStore, bus);
const controller = new RunController({
  engine: restoringEngine(engine, persistence),
  store: flatlandStore,
  bus,
  backend: url.backend,
  // The comparison view measures every compared run as soon as the comparison has trained.
  afterCompare: (runs) =>
    runComparison({ engine, store: flatlandStore, local: comparisonStore }, runs),
});
void controller.init().catch(() => undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ServicesContext.Provider value={{ controller, bus, engine }}>
      <PersistenceContext.Provider value={persistence}>
        <App />
      </PersistenceContext.Provider>
    </ServicesContext.Provider>
  </StrictMode>,
);
