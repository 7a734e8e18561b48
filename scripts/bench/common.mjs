// What the reference pages of scripts/bench-browser.mjs share.

/** The terminal log's 11 columns, and a 12th for the rows whose 应答信息 holds an unquoted comma. */
export const terminalColumns = [
  '交易时间', '终端号', '批次号', '凭证号', '参考号', '授权码', '卡号', '交易类型',
  '交易金额', '应答码', '应答信息', '应答信息2',
];

/** Writes a line to the page's #out. */
export function show(text) {
  document.getElementById('out').textContent = text;
}

/** Resolves once the frame showing the latest DOM change has been painted. */
export function paint() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
