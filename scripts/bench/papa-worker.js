// The worker of scripts/bench/papaparse.mjs: decode (the terminal log is UTF-8 with a preamble,
// the acquirer statement GBK), parse with Papa Parse, full outer join on 参考号 with a Map, and
// keep the joined pairs (as DuckDB and pandas materialise their join). Every field stays text.
importScripts('/npm/papaparse/papaparse.min.js');

/** The text after the first `n` lines. */
function afterLines(text, n) {
  let at = 0;
  for (let i = 0; i < n; i++) at = text.indexOf('\n', at) + 1;
  return text.slice(at);
}

onmessage = async (e) => {
  if (e.data.ping) {
    postMessage('ready');
    return;
  }
  const { terminal, acquirer } = e.data;
  const parse = (text) => Papa.parse(text, { delimiter: ',', skipEmptyLines: true }).data;
  // BOM + title, 商户名称 line, 查询时段 line, blank line, header: the data start on line 6.
  const t = parse(afterLines(new TextDecoder('utf-8').decode(await terminal.arrayBuffer()), 5));
  const aAll = parse(new TextDecoder('gbk').decode(await acquirer.arrayBuffer()));
  const key = aAll[0].indexOf('参考号');
  const a = aAll.slice(1);

  const byRef = new Map();
  a.forEach((row, i) => {
    const ref = row[key];
    if (!ref) return;
    const list = byRef.get(ref);
    if (list) list.push(i);
    else byRef.set(ref, [i]);
  });
  const joined = [];
  const paired = new Uint8Array(a.length);
  let matched = 0;
  for (const row of t) {
    const list = row[4] ? byRef.get(row[4]) : undefined;
    if (!list) {
      joined.push([row, null]);
      continue;
    }
    for (const i of list) {
      joined.push([row, a[i]]);
      paired[i] = 1;
      matched++;
    }
  }
  a.forEach((row, i) => {
    if (!paired[i]) joined.push([null, row]);
  });
  postMessage({ rows: { terminal: t.length, acquirer: a.length, joined: joined.length }, matched });
};
