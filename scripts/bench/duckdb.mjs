// DuckDB-Wasm reference point of scripts/bench-browser.mjs: the same work as DuckDB's in
// scripts/bench/reference.py (read the terminal log and the acquirer statement, full outer join
// on 参考号, every column as text), in the browser, on the files chosen in #files.
//
// DuckDB is loaded and started before the clock starts (as posrecon's page loads its wasm and
// worker before the merchant drops files). The single-threaded "eh" bundle runs in DuckDB's own
// Web Worker. DuckDB-Wasm reads only UTF-8 (its encodings extension is downloaded at run time), so
// the GBK acquirer statement is decoded with TextDecoder('gbk') first, on the clock, in a worker of
// its own (gbk-worker.js) so that the main thread stays free as it would with DuckDB alone.
import * as duckdb from '/npm/@duckdb/duckdb-wasm/dist/duckdb-browser.mjs';
import { paint, show, terminalColumns } from './common.mjs';

const DIST = '/npm/@duckdb/duckdb-wasm/dist/';

window.benchReady = (async () => {
  const worker = new Worker(DIST + 'duckdb-browser-eh.worker.js');
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(DIST + 'duckdb-eh.wasm');
  show('DuckDB-Wasm ready');
  return db;
})();

window.runBench = async () => {
  const db = await window.benchReady;
  const files = [...document.getElementById('files').files];
  const terminal = files.find((f) => f.name.includes('终端'));
  const acquirer = files.find((f) => f.name.includes('收单'));
  const start = performance.now();

  await db.registerFileHandle('terminal.csv', terminal, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  const utf8 = await new Promise((resolve, reject) => {
    const worker = new Worker('gbk-worker.js');
    worker.onmessage = (e) => { resolve(e.data); worker.terminate(); };
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage(acquirer);
  });
  await db.registerFileBuffer('acquirer.csv', utf8);
  const conn = await db.connect();
  const columns = '{' + terminalColumns.map((c) => `'${c}': 'VARCHAR'`).join(', ') + '}';
  await conn.query(`CREATE TABLE t AS SELECT * FROM read_csv('terminal.csv', skip=5, header=false,
    delim=',', quote='"', escape='"', columns=${columns}, null_padding=true, auto_detect=false)`);
  await conn.query(`CREATE TABLE a AS SELECT * FROM read_csv('acquirer.csv', header=true, all_varchar=true)`);
  await conn.query(`CREATE TABLE j AS SELECT * FROM t FULL OUTER JOIN a ON t."参考号" = a."参考号"`);
  const one = async (sql) => Number((await conn.query(sql)).toArray()[0].n);
  const rows = {
    terminal: await one('SELECT count(*) AS n FROM t'),
    acquirer: await one('SELECT count(*) AS n FROM a'),
    joined: await one('SELECT count(*) AS n FROM j'),
  };
  const matched = await one('SELECT count(*) AS n FROM j WHERE "交易时间" IS NOT NULL AND "商户号" IS NOT NULL');
  await conn.close();

  show(`rows ${JSON.stringify(rows)}, matched ${matched}`);
  await paint();
  return { ms: performance.now() - start, rows, matched };
};
