import { describe, expect, it } from 'vitest';
import { softwareAdapter, softwareRenderer } from './backend-choice';

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
