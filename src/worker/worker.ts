/// <reference lib="webworker" />
/**
 * The engine's only home in the app: a dedicated worker exposing {@link FlatlandWorkerApi}
 * through Comlink. The UI thread never trains or evaluates.
 */
import * as Comlink from 'comlink';
import { createWorkerApi } from './service';

Comlink.expose(createWorkerApi());
