import * as tf from '@tensorflow/tfjs';

/** The parts of TF.js's MathBackendCPU a kernel needs. */
export interface CpuBackendLike {
  data: { get(id: unknown): { values: ArrayLike<number> } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

/** What TF.js passes a kernel function. */
export interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}

/** A replacement kernel; `null` hands the call to TF.js's own kernel (an unsupported case). */
export type FastKernel = (args: KernelArgs) => tf.TensorInfo | null;

type Shape4 = [number, number, number, number];
type Pair = [number, number] | number;
type Pad = 'valid' | 'same' | number;
type Rounding = 'floor' | 'round' | 'ceil' | undefined;

export type ConvInfo = ReturnType<typeof tf.backend_util.computeConv2DInfo>;
export type PoolInfo = ReturnType<typeof tf.backend_util.computePool2DInfo>;

/** The attributes every convolution kernel shares. */
export interface ConvAttrs {
  strides: Pair;
  pad: Pad;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: Rounding;
}

/** Geometry of an NHWC convolution with dilation 1 (the only kind these kernels take). */
export function nhwcConvInfo(xShape: number[], filterShape: number[], a: ConvAttrs): ConvInfo {
  return tf.backend_util.computeConv2DInfo(
    xShape as Shape4,
    filterShape as Shape4,
    a.strides,
    1,
    a.pad,
    a.dimRoundingMode,
    false,
    'channelsLast',
  );
}

/** The attributes of MaxPool and MaxPoolGrad. */
export interface PoolAttrs {
  filterSize: Pair;
  strides: Pair;
  pad: Pad;
  dimRoundingMode?: Rounding;
}

/** Geometry of an NHWC pooling window with dilation 1. */
export function poolInfo(xShape: number[], a: PoolAttrs): PoolInfo {
  return tf.backend_util.computePool2DInfo(
    xShape as Shape4,
    a.filterSize,
    a.strides,
    1,
    a.pad,
    a.dimRoundingMode,
  );
}

/** The values of a tensor on the CPU backend, without a copy. */
export function valuesOf(backend: CpuBackendLike, t: tf.TensorInfo): ArrayLike<number> {
  return backend.data.get(t.dataId).values;
}

/**
 * A float32 NHWC convolution call: the backend, the attributes and each named input with its
 * values (no copy); null when the stock kernel must take it (NCHW, or an input not float32).
 */
export function nhwcFloatCall<A extends ConvAttrs>(args: KernelArgs, names: readonly string[]) {
  const backend = args.backend as CpuBackendLike;
  const inputs = args.inputs as Record<string, tf.TensorInfo>;
  const attrs = args.attrs as unknown as A;
  if (attrs.dataFormat === 'NCHW' || names.some((n) => inputs[n]!.dtype !== 'float32')) return null;
  const values = (name: string) => valuesOf(backend, inputs[name]!);
  return { backend, attrs, shape: (name: string) => inputs[name]!.shape, values };
}
