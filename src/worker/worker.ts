/// <reference lib="webworker" />
/**
 * The engine's only home in the app: a dedicated worker exposing {@link FlatlandWorkerApi}
 * through Comlink. The UI thread never trains or evaluates.
 */
import * as Comlink from 'comlink';
import { createWorkerApi } from './service';
import { wasmFilesAt } from './wasm';
import { WASM_FILES } from './wasm-files';

wasmFilesAt(WASM_FILES);
Comlink.expose(createWorkerApi());
