// Starts the analysis Web Worker: loads wasm-bindgen's no-modules glue (worker.js, emitted by
// Trunk for the `worker` binary) and instantiates the engine's wasm. Same origin only.
importScripts("./worker.js");
wasm_bindgen({ module_or_path: "./worker_bg.wasm" });
