/** The Emscripten glue of TF.js's threaded wasm build (CommonJS, no types of its own). */
declare module '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js' {
  const factory: unknown;
  export default factory;
}
