#!/usr/bin/env python3
"""Writes tests/golden/three-terminal-cafe/: a three-terminal café over twelve days (issue 9).

Terminal 10086603 returns A0 (MAC 校验错, 请重新签到) seven times, hours or days apart, among ~340
approved attempts; the other two terminals never do. Terminal 10086602 gets no reply eight times
on eight days at different hours (its connection, recurring), 10086601 once (noise). Cardholder
declines (51/55/54/61) are spread over all terminals. Everything approved is settled on the
acquirer statement. Deterministic: a fixed linear congruential generator, no clock.

Run from the repository root: python3 scripts/golden/three_terminal_cafe.py
then UPDATE_GOLDEN=1 cargo test -p posrecon-engine --test golden and review expected.json.
"""
import datetime
import json
import os

OUT = "tests/golden/three-terminal-cafe"
MERCHANT = "898440358120027"
TERMINALS = ["10086601", "10086602", "10086603"]
BINS = ["622588", "621700", "620522", "436742", "625800"]
START = datetime.date(2026, 11, 3)
DAYS = 12

state = 20261103


def rand(n):
    """Next pseudo-random integer in [0, n)."""
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    return (state >> 33) % n


# Failures: (day offset, time, terminal, code, message, card BIN, amount fen)
A0 = [(0, "10:12:40", 2), (1, "15:40:05", 2), (3, "11:05:31", 2), (5, "19:30:12", 2),
      (6, "09:50:48", 2), (9, "13:20:26", 2), (11, "17:45:09", 2)]
DECLINES = [(0, "12:31:10", 0, "51"), (1, "18:02:44", 1, "55"), (2, "12:47:03", 2, "51"),
            (4, "13:15:29", 0, "61"), (5, "20:11:57", 1, "54"), (7, "11:38:20", 2, "55"),
            (8, "16:44:01", 0, "51"), (10, "12:05:36", 1, "51")]
TIMEOUTS = [(4, "12:20:18", 0),
            (0, "09:41:12", 1), (1, "13:10:40", 1), (2, "16:52:03", 1), (4, "11:22:37", 1),
            (5, "19:05:55", 1), (7, "14:36:21", 1), (8, "10:15:09", 1), (10, "18:26:44", 1)]
MESSAGES = {"A0": "MAC校验错，请重新签到", "51": "余额不足", "55": "密码错", "54": "过期卡",
            "61": "超出金额限制"}


def card():
    return f"{BINS[rand(len(BINS))]}******{rand(10000):04d}"


def main():
    rows = []  # (datetime, terminal index, kind, code, card, amount fen)
    for day in range(DAYS):
        date = START + datetime.timedelta(days=day)
        for t in range(3):
            n = 28 + rand(4)
            for k in range(n):
                secs = 8 * 3600 + (13 * 3600 * k) // n + rand(900)
                when = datetime.datetime.combine(date, datetime.time()) + datetime.timedelta(seconds=secs)
                rows.append((when, t, "ok", "00", card(), 800 + rand(40) * 150))
        for (d, hms, t) in A0:
            if d == day:
                rows.append((dt(date, hms), t, "fail", "A0", card(), 1500 + rand(30) * 100))
        for (d, hms, t, code) in DECLINES:
            if d == day:
                rows.append((dt(date, hms), t, "fail", code, card(), 20000 + rand(30) * 1000))
        for (d, hms, t) in TIMEOUTS:
            if d == day:
                rows.append((dt(date, hms), t, "timeout", "", card(), 2500 + rand(20) * 100))
    rows.sort(key=lambda r: (r[0], r[1]))

    stan = [100, 400, 700]
    rrn = 309140700000
    terminal = ["交易日期,交易时间,终端编号,批次号,凭证号,系统参考号,卡号,交易类型,交易金额(元),应答码,应答信息"]
    acquirer = ["商户号,终端号,交易日期,交易时间,交易类型,交易批次号,凭证号,参考号,卡号,交易金额,手续费,结算金额,清算日期"]
    for (when, t, kind, code, c, fen) in rows:
        stan[t] += 1
        tid = TERMINALS[t]
        s = f"{stan[t]:06d}"
        amount = f"{fen // 100}.{fen % 100:02d}"
        if kind == "ok":
            rrn += 7
            terminal.append(f"{when:%Y/%m/%d},{when:%H:%M:%S},{tid},000015,{s},{rrn},{c},消费,{amount},00,交易成功")
            fee = (fen * 38 + 5000) // 10000
            net = fen - fee
            acquirer.append(
                f"{MERCHANT},{tid},{when:%Y-%m-%d},{when:%H:%M:%S},消费,000015,{s},{rrn},{c},{amount},"
                f"{fee // 100}.{fee % 100:02d},{net // 100}.{net % 100:02d},{when:%Y-%m-%d}")
        elif kind == "fail":
            terminal.append(f"{when:%Y/%m/%d},{when:%H:%M:%S},{tid},000015,{s},,{c},消费,{amount},{code},{MESSAGES[code]}")
        else:
            terminal.append(f"{when:%Y/%m/%d},{when:%H:%M:%S},{tid},000015,{s},,{c},消费,{amount},,通讯超时")

    os.makedirs(OUT, exist_ok=True)
    span = f"{START:%Y%m%d}-{START + datetime.timedelta(days=DAYS - 1):%Y%m%d}"
    with open(f"{OUT}/终端交易明细_{span}.csv", "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(terminal) + "\r\n")
    with open(f"{OUT}/收单对账单_{span}.csv", "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(acquirer) + "\r\n")
    with open(f"{OUT}/case.json", "w", encoding="utf-8") as f:
        f.write(json.dumps({"as_of": "2026-11-20", "lang": "zh"}) + "\n")


def dt(date, hms):
    h, m, s = map(int, hms.split(":"))
    return datetime.datetime.combine(date, datetime.time(h, m, s))


if __name__ == "__main__":
    main()
