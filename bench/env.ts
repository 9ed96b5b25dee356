/** What the bench ran on, as the browser sees it (TS's DOM lib has no WebGPU types, hence the shapes). */
interface AdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string };
  isFallbackAdapter?: boolean;
  features?: { size: number };
}
interface GpuLike {
  requestAdapter(): Promise<AdapterLike | null>;
}

export interface BrowserEnvironment {
  userAgent: string;
  hardwareConcurrency: number;
  deviceMemoryGb?: number;
  webgpuAdapter?: Record<string, string | boolean>;
  webglRenderer?: string;
  /** The WebAssembly backend's build: SIMD and threads. */
  wasm?: { simd: boolean; threads: number };
}

async function webgpuAdapter(): Promise<Record<string, string | boolean> | undefined> {
  const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
  const adapter = await gpu?.requestAdapter();
  if (!adapter) return undefined;
  const info = adapter.info ?? {};
  const out: Record<string, string | boolean> = {};
  for (const key of ['vendor', 'architecture', 'device', 'description'] as const) {
    if (info[key]) out[key] = info[key]!;
  }
  if (adapter.isFallbackAdapter !== undefined) out.isFallbackAdapter = adapter.isFallbackAdapter;
  return out;
}

function webglRenderer(): string | undefined {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return undefined;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) as string;
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return renderer;
}

/** Browser, cores, memory and the GPU adapter of the backend under test. */
export async function describeEnvironment(backend: string): Promise<BrowserEnvironment> {
  const nav = navigator as Navigator & { deviceMemory?: number };
  const env: BrowserEnvironment = {
    userAgent: nav.userAgent,
    hardwareConcurrency: nav.hardwareConcurrency,
  };
  if (nav.deviceMemory !== undefined) env.deviceMemoryGb = nav.deviceMemory;
  if (backend === 'webgpu') env.webgpuAdapter = await webgpuAdapter();
  if (backend === 'webgl') env.webglRenderer = webglRenderer();
  return env;
}
