import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { installFastCpuKernels } from '../engine/kernels';
import type { BackendId, BackendInfo, BackendRequest } from '../domain/api';
import { adapterName, softwareAdapter, softwareRenderer } from './backend-choice';

/** The order of preference; wasm is absent on purpose: it cannot train CNNs (no Conv2DBackpropFilter). */
export const BACKEND_ORDER: readonly BackendId[] = ['webgpu', 'webgl', 'cpu'];

/** Minimal structural view of the WebGPU objects we touch (TS's DOM lib has no WebGPU types). */
interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string; device?: string };
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}
interface GpuDeviceLike {
  lost: Promise<{ reason?: string; message?: string }>;
}

function gpu(): GpuLike | undefined {
  return (navigator as unknown as { gpu?: GpuLike }).gpu;
}

/** Why a backend cannot even be attempted here, or null if it is worth trying. */
function precheck(id: BackendId): string | null {
  if (id === 'webgpu' && !gpu()) return 'this browser exposes no WebGPU (navigator.gpu is missing)';
  if (id === 'webgl' && typeof OffscreenCanvas === 'undefined') {
    return 'no OffscreenCanvas in this worker, so no WebGL';
  }
  return null;
}

/** Runs a tiny matmul so that a backend that initialises but cannot compute is rejected. */
async function smokeTest(): Promise<void> {
  const a = tf.tensor2d([1, 2, 3, 4], [2, 2]);
  const b = a.matMul(a);
  const values = await b.data();
  tf.dispose([a, b]);
  if (values[0] !== 7 || values[3] !== 22) throw new Error('a 2×2 matmul returned wrong values');
}

async function tryBackend(id: BackendId): Promise<string | null> {
  if (id === 'cpu') installFastCpuKernels();
  const pre = precheck(id);
  if (pre) return pre;
  try {
    const ok = await tf.setBackend(id);
    if (!ok) return 'initialisation failed';
    await tf.ready();
    await smokeTest();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

async function describeAdapter(id: BackendId): Promise<string | undefined> {
  if (id !== 'webgpu') return id === 'cpu' ? 'JavaScript (no GPU)' : undefined;
  const adapter = await gpu()?.requestAdapter();
  const info = adapter?.info;
  // GPUAdapterInfo's fields are prototype getters, read one by one (no spread).
  return (info && adapterName(info)) || undefined;
}

/** The unmasked WebGL renderer string of a throwaway context, when the browser tells it. */
function webglRenderer(): string | null {
  if (typeof OffscreenCanvas === 'undefined') return null;
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
  if (!gl) return null;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) as unknown;
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return typeof renderer === 'string' ? renderer : null;
}

/**
 * Why the automatic choice skips `id` although it may start: a software adapter or renderer
 * (SwiftShader and the like), slower than TF.js's CPU backend. Null when it is worth trying.
 */
async function softwareReason(id: BackendId): Promise<string | null> {
  try {
    if (id === 'webgpu') {
      const adapter = await gpu()?.requestAdapter();
      if (!adapter) return null;
      // GPUAdapterInfo's fields are prototype getters: a spread would copy none of them.
      const { vendor, architecture, device, description } = adapter.info ?? {};
      const isFallbackAdapter = adapter.isFallbackAdapter;
      return softwareAdapter({ vendor, architecture, device, description, isFallbackAdapter });
    }
    return id === 'webgl' ? softwareRenderer(webglRenderer()) : null;
  } catch {
    return null;
  }
}

/**
 * Selects a backend: the requested one first (if forced), then webgpu → webgl → cpu, skipping in
 * the automatic choice a GPU backend that is software (slower than the CPU backend).
 * Reports why earlier choices were skipped so the UI can say so.
 */
export async function selectBackend(request: BackendRequest): Promise<BackendInfo> {
  const order =
    request === 'auto' ? BACKEND_ORDER : [request, ...BACKEND_ORDER.filter((b) => b !== request)];
  const reasons: string[] = [];
  for (const id of order) {
    const software = request === 'auto' && precheck(id) === null ? await softwareReason(id) : null;
    if (software) {
      reasons.push(`${id} skipped: ${software}, slower than the CPU backend`);
      continue;
    }
    const failure = await tryBackend(id);
    if (failure === null) {
      const info: BackendInfo = {
        active: id,
        requested: request,
        adapter: await describeAdapter(id),
      };
      if (reasons.length) info.fallbackReason = reasons.join('; ');
      return info;
    }
    reasons.push(`${id} unavailable: ${failure}`);
  }
  throw new Error(`No TF.js backend could start: ${reasons.join('; ')}`);
}

/** A hardware backend that trains here, with the name of what it runs on (its adapter). */
export interface TrainingCandidate {
  id: BackendId;
  adapter: string;
}

/** What a backend runs on: the WebGPU adapter, the WebGL renderer, or the CPU. */
async function candidateName(id: BackendId): Promise<string> {
  if (id === 'webgl') return webglRenderer() ?? 'WebGL (renderer not told)';
  return (await describeAdapter(id)) ?? 'WebGPU (adapter not told)';
}

/**
 * Every backend of the order that starts here and is not software, with its adapter, for the
 * training calibration to compare. Starting one makes it active for a moment: the active backend
 * is restored before this returns.
 */
export async function trainingCandidates(): Promise<TrainingCandidate[]> {
  const active = tf.getBackend();
  const found: TrainingCandidate[] = [];
  try {
    for (const id of BACKEND_ORDER) {
      if (precheck(id) !== null || (await softwareReason(id)) !== null) continue;
      if ((await tryBackend(id)) === null) found.push({ id, adapter: await candidateName(id) });
    }
  } finally {
    // Also when the name did not change: a failed start leaves TF.js with no backend instance.
    if (active) await tf.setBackend(active);
  }
  return found;
}

/** Whether the engine runs on WebGPU (the only backend whose device loss is watched). */
export const onGpu = (): boolean => tf.getBackend() === 'webgpu';

/**
 * TF.js has no device-lost handling: watch the WebGPU device ourselves so a lost device stops
 * work with a clear message instead of silent zeros.
 */
export function watchDeviceLoss(onLost: (message: string) => void): void {
  if (tf.getBackend() !== 'webgpu') return;
  const device = (tf.backend() as unknown as { device?: GpuDeviceLike }).device;
  void device?.lost.then((info) => {
    onLost(`WebGPU device lost (${info.reason ?? 'unknown'}): ${info.message ?? ''}`.trim());
  });
}

/**
 * After the GPU device was lost: the next backend in the order that starts (webgl, else cpu),
 * with the loss as the reason the faster one is not used.
 */
export async function selectFallback(lost: BackendId, reason: string): Promise<BackendInfo> {
  const reasons = [reason];
  for (const id of BACKEND_ORDER.filter((b) => b !== lost)) {
    const failure = await tryBackend(id);
    if (failure === null) {
      return {
        active: id,
        requested: 'auto',
        adapter: await describeAdapter(id),
        fallbackReason: reasons.join('; '),
      };
    }
    reasons.push(`${id} unavailable: ${failure}`);
  }
  throw new Error(`No TF.js backend could take over: ${reasons.join('; ')}`);
}
