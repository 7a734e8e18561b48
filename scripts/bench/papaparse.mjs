// Papa Parse reference point of scripts/bench-browser.mjs: the files chosen in #files go to a Web
// Worker (papa-worker.js) that parses both statements with Papa Parse and joins them on 参考号 with
// a JS Map; the main thread only waits and shows the counts, as posrecon's page does.
import { paint, show } from './common.mjs';

const worker = new Worker('papa-worker.js');
window.benchReady = new Promise((resolve) => {
  worker.onmessage = (e) => resolve(e.data);
  worker.postMessage({ ping: true });
});

window.runBench = async () => {
  await window.benchReady;
  const files = [...document.getElementById('files').files];
  const terminal = files.find((f) => f.name.includes('终端'));
  const acquirer = files.find((f) => f.name.includes('收单'));
  const start = performance.now();
  const result = await new Promise((resolve, reject) => {
    worker.onmessage = (e) => resolve(e.data);
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage({ terminal, acquirer });
  });
  show(`rows ${JSON.stringify(result.rows)}, matched ${result.matched}`);
  await paint();
  return { ms: performance.now() - start, ...result };
};
