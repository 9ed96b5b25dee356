/**
 * Whether a GPU backend is really a CPU in disguise. Chromium offers WebGPU and WebGL on machines
 * without a GPU through SwiftShader (Mesa's llvmpipe/lavapipe and Windows' WARP play the same
 * role elsewhere): measured here, SwiftShader WebGPU is 804 ms per SGD step of the tiny CNN and
 * SwiftShader WebGL 356 ms, against 121 ms on TF.js's CPU backend. The automatic choice skips them.
 */

/** Names that only software rasterisers and fallback adapters carry. */
const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render|\bwarp\b/i;

/** The parts of a WebGPU adapter (`GPUAdapter.info`, `isFallbackAdapter`) that tell software. */
export interface AdapterFacts {
  isFallbackAdapter?: boolean;
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
}

/** The adapter's name as the Backend badge shows it: its non-empty info fields, '' if none. */
export function adapterName(facts: AdapterFacts): string {
  return [facts.vendor, facts.architecture, facts.device, facts.description]
    .filter((p): p is string => !!p)
    .join(' · ');
}

/** Why this WebGPU adapter is software, or null when it looks like a GPU. */
export function softwareAdapter(facts: AdapterFacts): string | null {
  const named = adapterName(facts);
  if (facts.isFallbackAdapter)
    return `the WebGPU adapter is a fallback adapter (${named || 'unnamed'})`;
  return SOFTWARE.test(named) ? `the WebGPU adapter is software (${named})` : null;
}

/** Why this WebGL renderer (its unmasked renderer string) is software, or null. */
export function softwareRenderer(renderer: string | null | undefined): string | null {
  return renderer && SOFTWARE.test(renderer)
    ? `the WebGL renderer is software (${renderer})`
    : null;
}
