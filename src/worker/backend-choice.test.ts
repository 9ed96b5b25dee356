import { describe, expect, it } from 'vitest';
import {
  CALIBRATION_MARGIN,
  chooseByRate,
  softwareAdapter,
  softwareRenderer,
  type Calibration,
  type StepRate,
} from './backend-choice';

describe('software GPU backends are recognised', () => {
  it('flags SwiftShader WebGPU as Chromium reports it here, and fallback adapters', () => {
    // navigator.gpu.requestAdapter().info in headless Chromium 156 with --use-webgpu-adapter=swiftshader.
    const swiftshader = {
      vendor: 'google',
      architecture: 'swiftshader',
      device: '',
      description: '',
    };
    expect(softwareAdapter(swiftshader)).toMatch(/software \(google · swiftshader\)/);
    expect(softwareAdapter({ isFallbackAdapter: true, vendor: 'acme' })).toMatch(/fallback/);
    expect(
      softwareAdapter({ vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' }),
    ).not.toBeNull();
  });

  it('keeps hardware adapters', () => {
    expect(softwareAdapter({ vendor: 'nvidia', architecture: 'hopper' })).toBeNull();
    expect(softwareAdapter({ vendor: 'apple', architecture: 'metal-3' })).toBeNull();
    expect(
      softwareAdapter({ vendor: 'intel', architecture: 'gen-12lp', isFallbackAdapter: false }),
    ).toBeNull();
  });

  it('reads WebGL unmasked renderer strings', () => {
    const angleSwiftShader =
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
    expect(softwareRenderer(angleSwiftShader)).toMatch(/software/);
    expect(
      softwareRenderer('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11)'),
    ).not.toBeNull();
    expect(
      softwareRenderer('ANGLE (NVIDIA, NVIDIA H200 (0x00002335) Direct3D11 vs_5_0 ps_5_0)'),
    ).toBeNull();
    expect(softwareRenderer(null)).toBeNull();
  });
});

describe('the training backend from calibrated steps/s', () => {
  const c = (rates: StepRate[], ms = 300): Calibration => ({ rates, ms });

  it('switches to a backend at least the margin faster, and says by how much', () => {
    const choice = chooseByRate(
      c([
        { backend: 'webgpu', stepsPerSecond: 50 },
        { backend: 'webgl', stepsPerSecond: 90 },
        { backend: 'cpu', stepsPerSecond: 10 },
      ]),
      false,
    );
    expect(choice).toEqual({
      backend: 'webgl',
      reason: 'webgl: 1.8× the steps/s of webgpu for this model (calibrated 0.3 s)',
    });
  });

  it('keeps the preferred backend when another is faster by less than the margin', () => {
    const rates: StepRate[] = [
      { backend: 'webgpu', stepsPerSecond: 50 },
      { backend: 'cpu', stepsPerSecond: 50 * (CALIBRATION_MARGIN - 0.1) },
    ];
    const choice = chooseByRate(c(rates, 420), true);
    expect(choice?.backend).toBe('webgpu');
    expect(choice?.reason).toBe(
      `webgpu: no other reached ${CALIBRATION_MARGIN}× its steps/s (cpu 1.1×; calibrated 0.4 s, cached)`,
    );
    // The same rates with a margin below their ratio do switch: the margin is what kept it.
    expect(chooseByRate(c(rates), false, 1.05)?.backend).toBe('cpu');
  });

  it('names the fastest when the preferred backend wins', () => {
    const choice = chooseByRate(
      c([
        { backend: 'webgpu', stepsPerSecond: 200 },
        { backend: 'cpu', stepsPerSecond: 0, cut: true },
      ]),
      false,
    );
    expect(choice?.backend).toBe('webgpu');
    expect(choice?.reason).toMatch(/^webgpu: the fastest for this model \(cpu cut short/);
  });

  it('never chooses a backend that failed or was cut short, however fast it looked', () => {
    const choice = chooseByRate(
      c([
        { backend: 'webgpu', stepsPerSecond: 1e6, error: 'device lost' },
        { backend: 'webgl', stepsPerSecond: 1e6, cut: true },
        { backend: 'cpu', stepsPerSecond: 12 },
      ]),
      false,
    );
    expect(choice?.backend).toBe('cpu');
    expect(choice?.reason).toMatch(/webgpu failed, webgl cut short after its first step/);
  });

  it('makes no claim with a single candidate or nothing timed', () => {
    expect(chooseByRate(c([{ backend: 'cpu', stepsPerSecond: 12 }]), false)).toBeNull();
    const failed: StepRate[] = [
      { backend: 'webgpu', stepsPerSecond: 0, error: 'x' },
      { backend: 'cpu', stepsPerSecond: Number.NaN },
    ];
    expect(chooseByRate(c(failed), false)).toBeNull();
  });
});
