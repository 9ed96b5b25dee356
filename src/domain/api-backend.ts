/**
 * What the worker says about its compute backend: which one trains and why, and where
 * evaluations run. Re-exported by `api.ts`; structured-clone serialisable.
 */
import type { BackendId, BackendRequest } from './api';

export interface BackendInfo {
  active: BackendId;
  requested: BackendRequest;
  /** Why a backend earlier in the order webgpu → webgl → cpu was not used (absent if none failed). */
  fallbackReason?: string;
  /** Adapter description when known (e.g. "SwiftShader" for software WebGPU). */
  adapter?: string;
  /**
   * Where evaluations run, e.g. "wasm (XNNPACK, SIMD, 2 threads) when it is faster for the
   * model"; each landscape says which backend computed it (`evaluatedOn`).
   */
  evaluation?: string;
  /**
   * Why `active` trains the current model when a calibration chose among several hardware
   * backends, e.g. "webgl: 1.8× the steps/s of webgpu for this model (calibrated 0.3 s)".
   * Absent when only one backend could train (nothing was compared) or one was requested.
   */
  calibration?: string;
}

/**
 * The training backend was calibrated for a run's model before the run started (its tensors are
 * created after it, on the chosen backend): the new backend info, for the Backend badge.
 */
export interface CalibrationEvent {
  kind: 'calibration';
  info: BackendInfo;
}
