// Decodes a GBK file and sends it back as UTF-8 bytes, off the main thread: DuckDB-Wasm reads only
// UTF-8, and a 100 MiB decode on the page's main thread would be a long task of the benchmark's
// making, not DuckDB's (scripts/bench/duckdb.mjs).
onmessage = async (e) => {
  const text = new TextDecoder('gbk').decode(await e.data.arrayBuffer());
  const bytes = new TextEncoder().encode(text);
  postMessage(bytes, [bytes.buffer]);
};
