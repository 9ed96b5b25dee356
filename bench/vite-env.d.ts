// The bench page imports the wasm backend's binaries as `?url` assets (src/worker/wasm-files.ts).
/// <reference types="vite/client" />
