"""The reference points of scripts/bench.sh: DuckDB and pandas doing the least a reconciliation
needs on the files `posrecon gen` writes: read the terminal log and the acquirer statement, then
a full outer join on the reference number (参考号).

    python reference.py duckdb|pandas TERMINAL_LOG ACQUIRER_STATEMENT

Prints one JSON line: the rows each file loaded, the rows of the join and the seconds spent
(`transcode_s` is DuckDB's share spent turning the GBK statement into UTF-8). Run by bench.sh in a
child process of its own, so that its peak memory is this process's alone.

Both tools get what they need to load the same rows posrecon reads, and no more:

- The terminal log is UTF-8 with a BOM and three preamble lines and a blank line above its header
  (skip 5 lines), and one timeout spelling writes an unquoted comma in the last column
  (`交易超时,请查询`), so such a row has 12 fields: the log is read with 12 named columns, a
  shorter row padded. Its last row is the 合计 (total) row, which both load as one more row.
- The acquirer statement is GBK. pandas decodes it (`encoding='gbk'`); DuckDB reads only UTF-8
  without its `encodings` extension, which it downloads at run time (no network here), so the
  file is transcoded to UTF-8 first, inside the timed run.
- Every column is read as text, in both: the join only needs the key, and the same work for both
  keeps them comparable. posrecon parses amounts, times and cards besides.
- A timeout has no 参考号. SQL's outer join never matches NULL keys; pandas' merge would match
  every empty key with every other, so pandas joins the rows with a key and appends the others.

DuckDB runs on all cores (its default); posrecon and pandas on one.
"""

import json
import os
import sys
import tempfile
import time

TERMINAL_COLUMNS = [
    "交易时间", "终端号", "批次号", "凭证号", "参考号", "授权码", "卡号", "交易类型",
    "交易金额", "应答码", "应答信息", "应答信息2",
]
# BOM + title, 商户名称 line, 查询时段 line, blank line, header.
TERMINAL_SKIP = 5


def run_duckdb(terminal, acquirer):
    import duckdb

    start = time.perf_counter()
    with open(acquirer, "rb") as f:
        text = f.read().decode("gbk")
    fd, utf8 = tempfile.mkstemp(suffix=".csv")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    del text
    transcode_s = time.perf_counter() - start
    try:
        con = duckdb.connect()
        columns = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in TERMINAL_COLUMNS) + "}"
        con.execute(
            f"CREATE TABLE t AS SELECT * FROM read_csv(?, skip={TERMINAL_SKIP}, header=false, "
            f"delim=',', quote='\"', escape='\"', columns={columns}, null_padding=true, "
            "auto_detect=false)",
            [terminal],
        )
        con.execute(
            "CREATE TABLE a AS SELECT * FROM read_csv(?, header=true, all_varchar=true)", [utf8]
        )
        con.execute('CREATE TABLE j AS SELECT * FROM t FULL OUTER JOIN a ON t."参考号" = a."参考号"')
        count = lambda table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        rows = {"terminal": count("t"), "acquirer": count("a"), "joined": count("j")}
        matched = con.execute(
            'SELECT count(*) FROM j WHERE "交易时间" IS NOT NULL AND "商户号" IS NOT NULL'
        ).fetchone()[0]
    finally:
        os.remove(utf8)
    return rows, matched, time.perf_counter() - start, transcode_s


def run_pandas(terminal, acquirer):
    import pandas as pd

    start = time.perf_counter()
    t = pd.read_csv(
        terminal, skiprows=TERMINAL_SKIP, header=None, names=TERMINAL_COLUMNS, dtype=str,
        encoding="utf-8",
    )
    a = pd.read_csv(acquirer, encoding="gbk", dtype=str)
    t_keyed, a_keyed = t[t["参考号"].notna()], a[a["参考号"].notna()]
    joined = t_keyed.merge(a_keyed, on="参考号", how="outer", suffixes=("", "_acq"), indicator=True)
    joined = pd.concat([joined, t[t["参考号"].isna()], a[a["参考号"].isna()]], ignore_index=True)
    rows = {"terminal": len(t), "acquirer": len(a), "joined": len(joined)}
    matched = int((joined["_merge"] == "both").sum())
    return rows, matched, time.perf_counter() - start, 0.0


def main():
    tool, terminal, acquirer = sys.argv[1:4]
    run = {"duckdb": run_duckdb, "pandas": run_pandas}[tool]
    rows, matched, seconds, transcode_s = run(terminal, acquirer)
    print(json.dumps({"rows": rows, "matched": matched, "seconds": seconds,
                      "transcode_s": transcode_s}))


if __name__ == "__main__":
    main()
