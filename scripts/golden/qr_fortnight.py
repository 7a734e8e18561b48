#!/usr/bin/env python3
"""Writes tests/scenarios/qr-fortnight/: a noodle shop's QR fortnight (issue 10).

示例面馆 takes WeChat Pay and Alipay scans on two devices, SY01 (the counter till) and SY02 (a
handheld the staff carry to the tables), plus cash and 美团 vouchers, from Monday 2026-11-16 to
Sunday 2026-11-29. The merchant has four files, as they download them:

- 收银系统支付明细: the till's payment list, one row per payment attempt (UTF-8 with a BOM);
- 微信支付交易账单: the WeChat Pay merchant trade bill, backtick-prefixed cells, summary at the end;
- 支付宝业务明细: the Alipay 业务明细 in its own layout, GBK, `#` comment lines above and below;
- 支付宝账务明细: the Alipay account's 账务明细 (same layout family): every payment, fee and refund
  moving the balance, and the daily automatic withdrawal (提现) of the previous day's takings to
  the owner's card, which is how Alipay money reaches the bank;
- 工商银行明细: an ICBC personal debit card statement (the shop is a 小微商户, its wallet payouts go
  to the owner's card), GBK, with WeChat Pay's daily settlement (财付通, D+1) and the Alipay
  withdrawals (支付宝 提现, the morning after).

Planted problems and quiet decoys are listed, with the lines they rest on, in PLANTED.md and
planted.json (read by crates/posrecon-engine/tests/qr_fortnight.rs). Deterministic: a fixed linear
congruential generator, no clock.

Run from the repository root: python3 scripts/golden/qr_fortnight.py
"""
import datetime as dt
import json
import os

OUT = "tests/scenarios/qr-fortnight"
SEED = 20261116
START = dt.date(2026, 11, 16)
DAYS = 14
AS_OF = dt.date(2026, 12, 3)
BANK_END = dt.date(2026, 12, 2)

SHOP = "示例面馆"
WX_MCH = "1600000001"
WX_APPID = "wx0000000000000001"
ALI_ACCOUNT = "20880000000000000156"
STORE_NO = "MD001"
CARD = "6222****1234"
OPENING_BALANCE = 1865237  # fen

TILL_FILE = "收银系统支付明细_20261116-20261129.csv"
WX_FILE = "微信支付交易账单_20261116-20261129.csv"
ALI_FILE = "支付宝业务明细_20261116-20261129.csv"
ALI_FLOW_FILE = "支付宝账务明细_20261116-20261129.csv"
BANK_FILE = "工商银行明细_20261116-20261202.csv"

TENPAY = "财付通支付科技有限公司"
ALIPAY = "支付宝（中国）网络技术有限公司"

# The handheld's Wi-Fi drops in the lunch rush on these days: (day, start, minutes).
LUNCH_DROP = [(dt.date(2026, 11, 17), "11:54:00", 36), (dt.date(2026, 11, 18), "11:58:00", 32),
              (dt.date(2026, 11, 19), "11:52:00", 38), (dt.date(2026, 11, 23), "12:00:00", 30),
              (dt.date(2026, 11, 25), "11:56:00", 34), (dt.date(2026, 11, 26), "11:55:00", 35)]
# Alipay's own outage: every Alipay scan on both devices fails for 15 minutes.
OUTAGE_DAY = dt.date(2026, 11, 21)
OUTAGE = ("12:10:00", "12:25:00")
# Payouts: WeChat's settlement of this day never arrives; Alipay's withdrawal of this day is short.
MISSING_WX_PAYOUT_DAY = dt.date(2026, 11, 24)
SHORT_ALI_PAYOUT_DAY = dt.date(2026, 11, 20)
SHORT_BY = 5000

MENU = [1800, 2200, 1600, 1500, 1200, 2800, 2500]  # 牛肉面 大碗 炸酱面 刀削面 酸辣粉 套餐 拌面
SIDES = [600, 300, 400, 500, 800]  # 小菜 卤蛋 冰红茶 酸梅汤 加肉
BANKS = ["OTHERS", "CMB_DEBIT", "ICBC_DEBIT", "CCB_DEBIT", "CMB_CREDIT", "ABC_DEBIT", "BOC_CREDIT"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"

state = SEED


def rand(n):
    """Next pseudo-random integer in [0, n)."""
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    return (state >> 33) % n


def chance(per_mille):
    return rand(1000) < per_mille


def at(day, hms):
    h, m, s = map(int, hms.split(":"))
    return dt.datetime.combine(day, dt.time(h, m, s))


def yuan(fen):
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"


def yuan_grouped(fen):
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100:,}.{fen % 100:02d}"


def fee_of(fen):
    """0.6%, rounded half up to the fen, as both wallets charge it per transaction."""
    return (fen * 6 + 500) // 1000


# Payers: WeChat openids and Alipay masked accounts; the first ones are regulars.
WX_PAYERS = []
ALI_PAYERS = []


def make_payers():
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
    for _ in range(260):
        WX_PAYERS.append("oUpF8u" + "".join(alphabet[rand(len(alphabet))] for _ in range(22)))
    for _ in range(170):
        name = SURNAMES[rand(len(SURNAMES))]
        phone = f"1{3 + rand(7)}{rand(10)}****{rand(10000):04d}"
        ALI_PAYERS.append(f"*{name}({phone})" if chance(700) else f"{phone}")


def payer(wallet):
    pool = WX_PAYERS if wallet == "wechat" else ALI_PAYERS
    # One payment in three by a regular (the first 30 of the pool).
    return pool[rand(30)] if chance(333) else pool[30 + rand(len(pool) - 30)]


class Day:
    """Per-day id counters."""

    def __init__(self, day):
        self.day = day
        self.order_seq = 100
        self.wx_seq = 1000
        self.ali_seq = 1000
        self.refund_seq = 1


days = {}
attempts = []  # till rows
wx_rows = []  # WeChat bill rows
ali_rows = []  # Alipay rows
planted = []  # planted cases (filled with lines once the files are written)
decoys = []


def d(day):
    if day not in days:
        days[day] = Day(day)
    return days[day]


def new_order(day, order_time, forced_id=None):
    if forced_id:
        return forced_id
    dd = d(day)
    dd.order_seq += 1
    return f"{day:%Y%m%d}{dd.order_seq:04d}"


def wx_id(day, forced=None):
    if forced:
        return forced
    dd = d(day)
    dd.wx_seq += 1
    return f"4200000000{day:%Y%m%d}{dd.wx_seq:010d}"


def ali_id(day, who):
    dd = d(day)
    dd.ali_seq += 1
    return f"{day:%Y%m%d}22001{(sum(map(ord, who)) * 7919) % 1000000:06d}{dd.ali_seq:09d}"


def attempt(order_id, order_time, when, fen, method, status, device, n, third="", tag=None,
            pay_id=None):
    """One till row. `n` numbers the order's attempts (the 支付单号 suffix)."""
    if pay_id is None:
        pay_id = f"P{order_id}{n:02d}" if method in ("wechat", "alipay") else ""
    row = dict(order=order_id, order_time=order_time, time=when, fen=fen, method=method,
               status=status, pay_id=pay_id, third=third, device=device, tag=tag)
    attempts.append(row)
    return row


def wx_pay(when, device, out_no, who, fen, tag=None, ttype="MICROPAY", forced_id=None,
           goods=None):
    row = dict(kind="pay", time=when, device=device, wx=wx_id(when.date(), forced_id),
               out_no=out_no, openid=who, ttype=ttype, status="SUCCESS", settle=fen, fee=fee_of(fen),
               order_fen=fen, refund=0, refund_no="", mrefund_no="", bank=BANKS[rand(len(BANKS))],
               goods=goods or f"{SHOP}-堂食", tag=tag)
    wx_rows.append(row)
    return row


def wx_revoked(when, device, out_no, who, fen, tag=None):
    row = dict(kind="revoked", time=when, device=device, wx=wx_id(when.date()), out_no=out_no,
               openid=who, ttype="MICROPAY", status="REVOKED", settle=0, fee=0, order_fen=fen,
               refund=0, refund_no="", mrefund_no="", bank="OTHERS", goods=f"{SHOP}-堂食", tag=tag)
    wx_rows.append(row)
    return row


def wx_refund(when, paid, fen, mrefund_no, tag=None):
    dd = d(when.date())
    dd.refund_seq += 1
    row = dict(kind="refund", time=when, device=paid["device"], wx=paid["wx"], out_no=paid["out_no"],
               openid=paid["openid"], ttype=paid["ttype"], status="REFUND", settle=paid["settle"],
               fee=-fee_of(fen), order_fen=paid["order_fen"], refund=fen,
               refund_no=f"5030000{when:%Y%m%d}{dd.refund_seq:013d}", mrefund_no=mrefund_no,
               bank=paid["bank"], goods=paid["goods"], tag=tag)
    wx_rows.append(row)
    return row


def ali_pay(when, device, out_no, who, fen, tag=None, goods=None, operator=None):
    created = when - dt.timedelta(seconds=2 + rand(5))
    row = dict(kind="pay", trade=ali_id(when.date(), who), out_no=out_no, biz="交易",
               goods=goods or f"{SHOP}-堂食", created=created, finished=when,
               store_no=STORE_NO if device else "", store=SHOP if device else "",
               operator=operator if operator is not None else ("收银员01" if device == "SY01" else
                                                               ("服务员02" if device else "")),
               terminal=device, payer=who, fen=fen, refund_no="", fee=-fee_of(fen), tag=tag)
    ali_rows.append(row)
    return row


def ali_refund(when, paid, fen, refund_no, tag=None):
    row = dict(paid)
    row.update(kind="refund", biz="退款", created=when - dt.timedelta(seconds=2), finished=when,
               fen=-fen, refund_no=refund_no, fee=fee_of(fen), tag=tag)
    ali_rows.append(row)
    return row


def pay_ok(order_id, order_time, when, fen, wallet, device, n, who=None, tag=None):
    """A scan that works: the till says 支付成功 and the wallet's bill has it seconds later."""
    who = who or payer(wallet)
    out_no = f"P{order_id}{n:02d}"
    paid_at = when + dt.timedelta(seconds=3 + rand(9))
    if wallet == "wechat":
        row = wx_pay(paid_at, device, out_no, who, fen, tag=tag)
        third = row["wx"]
    else:
        row = ali_pay(paid_at, device, out_no, who, fen, tag=tag)
        third = row["trade"]
    till = attempt(order_id, order_time, when, fen, wallet, "支付成功", device, n, third, tag=tag)
    return till, row


def basket():
    fen = MENU[rand(len(MENU))]
    for _ in range(rand(3)):
        fen += MENU[rand(len(MENU))] if chance(350) else SIDES[rand(len(SIDES))]
    return fen


def order_times(day):
    """Payment times of the day's ordinary orders: lunch 10:45-14:00, dinner 17:00-20:45."""
    weekend = day.weekday() >= 5
    n_lunch = 38 + rand(8) + (14 if weekend else 0)
    n_dinner = 24 + rand(8) + (10 if weekend else 0)
    out = []
    for (n, lo, hi, peak) in ((n_lunch, "10:45:00", "14:00:00", "12:10:00"),
                              (n_dinner, "17:00:00", "20:45:00", "18:40:00")):
        a, b, p = at(day, lo), at(day, hi), at(day, peak)
        for _ in range(n):
            # Triangular around the rush: mean of two uniforms, pulled towards the peak.
            u = (rand(10000) + rand(10000)) / 20000
            span = (b - a).total_seconds()
            t = a + dt.timedelta(seconds=int(u * span))
            if chance(400):
                t = p + dt.timedelta(seconds=int((u - 0.5) * 3600))
            out.append(t)
    out.sort()
    return out


def device_at(t):
    rush = dt.time(11, 30) <= t.time() <= dt.time(13, 0) or dt.time(18, 0) <= t.time() <= dt.time(19, 30)
    return "SY02" if chance(450 if rush else 180) else "SY01"


def order_time_for(device, when):
    # At the counter the order is keyed in just before the scan; at a table it was taken with the
    # handheld when the customer sat down and is paid after the meal.
    if device == "SY01":
        return when - dt.timedelta(seconds=20 + rand(70))
    return when - dt.timedelta(minutes=15 + rand(20), seconds=rand(60))


def in_window(t, windows):
    return any(a <= t < b for (a, b) in windows)


def scan(order_id, order_time, when, fen, wallet, device, n, drops, outage, counts):
    """An ordinary scan and whatever follows it, as the lunch drop and the outage allow."""
    if in_window(when, outage) and wallet == "alipay":
        # Alipay answers nothing useful: 结果未知 (SYSTEMERROR) or 支付失败; nothing collected.
        status = "结果未知" if chance(650) else "支付失败"
        attempt(order_id, order_time, when, fen, "alipay", status, device, n, tag="I1")
        counts["outage"] += 1
        later = when + dt.timedelta(seconds=30 + rand(60))
        if chance(700):
            scan(order_id, order_time, later, fen, "wechat", device, n + 1, drops, outage, counts)
        else:
            attempt(order_id, order_time, later, fen, "cash", "支付成功", device, n + 1)
        return
    if device == "SY02" and in_window(when, drops):
        # The handheld's Wi-Fi is gone: the till waits, then shows 支付中 or 支付失败; nothing
        # reached the wallet. The waiter walks to the counter and the customer scans there.
        status = "支付中" if chance(700) else "支付失败"
        attempt(order_id, order_time, when, fen, wallet, status, device, n, tag="I2")
        counts["drop"] += 1
        later = when + dt.timedelta(seconds=60 + rand(120))
        scan(order_id, order_time, later, fen, wallet, "SY01", n + 1, drops, outage, counts)
        return
    if chance(15):
        # An everyday failure: the customer's balance, a cancelled password, a scan of the wrong
        # code. Nothing collected; the customer pays on a second scan.
        status = "支付失败" if chance(800) else "结果未知"
        attempt(order_id, order_time, when, fen, wallet, status, device, n)
        later = when + dt.timedelta(seconds=25 + rand(50))
        if chance(400):
            wallet = "alipay" if wallet == "wechat" else "wechat"
        scan(order_id, order_time, later, fen, wallet, device, n + 1, drops, outage, counts)
        return
    pay_ok(order_id, order_time, when, fen, wallet, device, n)


def ordinary_day(day, reserved):
    """The day's ordinary orders, with the lunch drop and the outage applied where they fall."""
    drops = [(at(day, s), at(day, s) + dt.timedelta(minutes=m)) for (dd_, s, m) in LUNCH_DROP if dd_ == day]
    outage = [(at(day, OUTAGE[0]), at(day, OUTAGE[1]))] if day == OUTAGE_DAY else []
    counts = {"drop": 0, "outage": 0}
    times = [(t, None) for t in order_times(day)]
    if outage:
        # Saturday's lunch rush is at its height in those minutes.
        times += [(outage[0][0] + dt.timedelta(seconds=40 + 100 * k + rand(30)), None) for k in range(8)]
    for (lo, hi) in drops:
        # The handheld is busiest in the rush: a few more tables paying there.
        span = int((hi - lo).total_seconds())
        times += [(lo + dt.timedelta(seconds=span * k // 4 + rand(200)), "SY02") for k in range(4)]
    times.sort()
    for (when, forced_device) in times:
        if any(abs((when - r).total_seconds()) < 90 for r in reserved):
            continue  # keep the planted cases' minutes free of ordinary traffic
        device = forced_device or device_at(when)
        fen = basket()
        # No ordinary order of a planted case's amount within half an hour of it: the case must be
        # decidable from its own rows (a 卤蛋 more changes the amount).
        while any(a == fen and abs((when - t).total_seconds()) < 1800 for (t, a) in PLANTED_AMOUNTS):
            fen += 300
        r = rand(1000)
        wallet = "wechat" if r < 520 else "alipay" if r < 820 else "cash" if r < 920 else "voucher"
        if in_window(when, outage) and wallet in ("wechat", "alipay") and chance(600):
            wallet = "alipay"  # Saturday lunch: the Alipay users keep coming
        if forced_device and wallet not in ("wechat", "alipay"):
            wallet = "wechat"
        order_time = order_time_for(device, when)
        order_id = new_order(day, order_time)
        if wallet == "cash":
            attempt(order_id, order_time, when, fen, "cash", "支付成功", device, 1)
            continue
        if wallet == "voucher":
            # A 美团 voucher (券码 in 第三方单号) covers part of the bill; the rest by scan or cash.
            face = min(2000 if fen < 3000 else 3000, fen)
            code = f"{rand(10**6):06d}{rand(10**6):06d}"
            attempt(order_id, order_time, when, face, "voucher", "支付成功", device, 1, third=code)
            rest = fen - face
            if rest > 0:
                later = when + dt.timedelta(seconds=20 + rand(30))
                if rest < 300 or chance(300):
                    attempt(order_id, order_time, later, rest, "cash", "支付成功", device, 2)
                else:
                    scan(order_id, order_time, later, rest, "wechat" if chance(650) else "alipay",
                         device, 2, drops, outage, counts)
            continue
        scan(order_id, order_time, when, fen, wallet, device, 1, drops, outage, counts)
    return counts["drop"], counts["outage"]


# --------------------------------------------------------------------------------------------
# Planted cases and decoys, at fixed minutes (kept free of ordinary traffic).
# --------------------------------------------------------------------------------------------

def plant(case_id, kind, expect, description, **fields):
    case = dict(id=case_id, kind=kind, expect=expect, description=description)
    case.update(fields)
    planted.append(case)
    return case


def decoy(case_id, kind, description, **fields):
    case = dict(id=case_id, kind=kind, description=description)
    case.update(fields)
    decoys.append(case)
    return case


PLANTED_AMOUNTS = [(at(dt.date(2026, 11, dd), hms), fen) for (dd, hms, fen) in [
    (18, "12:02:03", 2800), (21, "12:14:20", 4500), (27, "19:12:10", 3600), (19, "18:40:05", 5200),
    (25, "12:10:12", 3300), (20, "13:05:30", 4600), (24, "19:30:40", 3200), (22, "13:40:18", 3500),
    (28, "20:05:51", 2700)]]


def planted_minutes():
    """Every minute a planted case or decoy uses, so ordinary orders keep clear of it."""
    return [at(day, hms) for (day, hms) in [
        (dt.date(2026, 11, 18), "12:02:03"), (dt.date(2026, 11, 21), "12:14:20"),
        (dt.date(2026, 11, 27), "19:12:10"), (dt.date(2026, 11, 19), "18:40:05"),
        (dt.date(2026, 11, 25), "12:10:12"), (dt.date(2026, 11, 20), "13:05:30"),
        (dt.date(2026, 11, 24), "19:30:40"), (dt.date(2026, 11, 22), "13:40:18"),
        (dt.date(2026, 11, 28), "20:05:51"), (dt.date(2026, 11, 20), "12:31:05"),
        (dt.date(2026, 11, 26), "18:20:30"), (dt.date(2026, 11, 24), "12:20:03"),
        (dt.date(2026, 11, 17), "19:05:12"), (dt.date(2026, 11, 23), "13:20:40"),
        (dt.date(2026, 11, 28), "12:40:05"), (dt.date(2026, 11, 19), "12:20:10"),
        (dt.date(2026, 11, 24), "18:30:15"), (dt.date(2026, 11, 22), "12:35:40"),
        (dt.date(2026, 11, 27), "13:10:22"), (dt.date(2026, 11, 26), "12:50:44"),
        (dt.date(2026, 11, 19), "12:48:30"), (dt.date(2026, 11, 24), "19:05:00"),
        (dt.date(2026, 11, 22), "13:00:30"), (dt.date(2026, 11, 27), "13:25:10"),
        (dt.date(2026, 11, 26), "12:56:30"),
    ]]


def planted_day(day):
    """The planted cases and decoys of one day, written between the ordinary orders."""
    D = lambda hms: at(day, hms)  # noqa: E731
    s = lambda t, n: t + dt.timedelta(seconds=n)  # noqa: E731

    if day == dt.date(2026, 11, 18):
        # P01, the smallest input: 支付中 on the handheld in the lunch drop, the customer
        # finished paying, the till never learnt it; the order stays unpaid in the till.
        oid = "202611180021"
        who = "oAAAA"
        till = attempt(oid, D("12:01:10"), D("12:02:03"), 2800, "wechat", "支付中", "SY02", 1, tag="P01")
        w = wx_pay(D("12:02:09"), "SY02", till["pay_id"], who, 2800, tag="P01",
                   forced_id="4200000000202611180000000001")
        w["bank"] = "CMB_DEBIT"
        plant("P01", "qr_dropped_charge", {"findings": ["charged_but_failed"]},
              "微信 28.00 on the handheld: the till shows 支付中 (lunch Wi-Fi drop), WeChat Pay "
              "collected it 6 s later; no other attempt, the till thinks the order is unpaid",
              wallet="wechat", devices=["SY02"], amount_cents=2800, date=str(day),
              ids=dict(order=oid, pay=[till["pay_id"]], wallet=[w["wx"]]),
              rows=dict(till=[till], wechat=[w]))

    if day == dt.date(2026, 11, 21):
        # P02: in the Alipay outage, a 结果未知 that Alipay did collect; the cashier took cash too.
        oid = new_order(day, None)
        o_t = D("12:13:40")
        till = attempt(oid, o_t, D("12:14:20"), 4500, "alipay", "结果未知", "SY01", 1, tag="P02")
        who = payer("alipay")
        a = ali_pay(D("12:15:02"), "SY01", till["pay_id"], who, 4500, tag="P02")
        cash = attempt(oid, o_t, D("12:15:40"), 4500, "cash", "支付成功", "SY01", 2, tag="P02")
        plant("P02", "qr_dropped_charge", {"findings": ["charged_but_failed", "duplicate_charge"]},
              "支付宝 45.00 at the counter during the Alipay outage: the till shows 结果未知, the "
              "cashier took 45.00 in cash, and Alipay had collected the scan: the customer paid twice",
              wallet="alipay", devices=["SY01"], amount_cents=4500, date=str(day),
              ids=dict(order=oid, pay=[till["pay_id"]], wallet=[a["trade"]]),
              rows=dict(till=[till, cash], alipay=[a]))

    if day == dt.date(2026, 11, 27):
        # P03: an ordinary evening, no incident: 支付失败 at the counter, WeChat collected it.
        oid = new_order(day, None)
        o_t = D("19:11:30")
        till = attempt(oid, o_t, D("19:12:10"), 3600, "wechat", "支付失败", "SY01", 1, tag="P03")
        w = wx_pay(D("19:12:52"), "SY01", till["pay_id"], payer("wechat"), 3600, tag="P03")
        cash = attempt(oid, o_t, D("19:13:30"), 3600, "cash", "支付成功", "SY01", 2, tag="P03")
        plant("P03", "qr_dropped_charge", {"findings": ["charged_but_failed", "duplicate_charge"]},
              "微信 36.00 at the counter, a quiet evening: the till shows 支付失败 (it gave up "
              "waiting), the customer confirmed on the phone 42 s later; paid again in cash",
              wallet="wechat", devices=["SY01"], amount_cents=3600, date=str(day),
              ids=dict(order=oid, pay=[till["pay_id"]], wallet=[w["wx"]]),
              rows=dict(till=[till, cash], wechat=[w]))

    if day == dt.date(2026, 11, 19):
        # P04: re-scan paid twice (WeChat, counter, dinner): 支付中, re-scan 支付成功, both SUCCESS.
        oid = new_order(day, None)
        o_t = D("18:39:30")
        who = payer("wechat")
        t1 = attempt(oid, o_t, D("18:40:05"), 5200, "wechat", "支付中", "SY01", 1, tag="P04")
        w1 = wx_pay(D("18:40:47"), "SY01", t1["pay_id"], who, 5200, tag="P04")
        t2 = attempt(oid, o_t, D("18:41:30"), 5200, "wechat", "支付成功", "SY01", 2, tag="P04")
        w2 = wx_pay(D("18:41:36"), "SY01", t2["pay_id"], who, 5200, tag="P04")
        t2["third"] = w2["wx"]
        plant("P04", "rescan_paid_twice", {"findings": ["duplicate_charge"]},
              "微信 52.00 at the counter: first scan 支付中, the cashier scanned again and it "
              "succeeded; the customer had confirmed the first one too: same payer charged twice",
              wallet="wechat", devices=["SY01"], amount_cents=5200, date=str(day),
              ids=dict(order=oid, pay=[t1["pay_id"], t2["pay_id"]], wallet=[w1["wx"], w2["wx"]],
                       payer=who),
              rows=dict(till=[t1, t2], wechat=[w1, w2]))
        # Q06: full refund done right (WeChat): a wrong dish, refunded in full half an hour later.
        oid = new_order(day, None)
        t, w = pay_ok(oid, D("12:19:40"), D("12:20:10"), 3800, "wechat", "SY01", 1, tag="Q06")
        rf = wx_refund(D("12:48:30"), w, 3800, f"R{oid}01", tag="Q06")
        tr = attempt(oid, D("12:19:40"), D("12:48:30") - dt.timedelta(seconds=4), -3800, "wechat",
                     "已退款", "SY01", 1, third=w["wx"], tag="Q06", pay_id=f"R{oid}01")
        decoy("Q06", "full_refund", "微信 38.00 paid, refunded in full 28 minutes later (wrong "
              "dish); the till's refund row and the bill's REFUND row agree",
              ids=dict(order=oid, pay=[t["pay_id"], tr["pay_id"]], wallet=[w["wx"]]),
              rows=dict(till=[t, tr], wechat=[w, rf]))

    if day == dt.date(2026, 11, 25):
        # P05: re-scan paid twice across devices in the lunch drop (Alipay).
        oid = new_order(day, None)
        o_t = D("11:48:30")
        who = payer("alipay")
        t1 = attempt(oid, o_t, D("12:10:12"), 3300, "alipay", "支付中", "SY02", 1, tag="P05")
        a1 = ali_pay(D("12:10:58"), "SY02", t1["pay_id"], who, 3300, tag="P05")
        t2 = attempt(oid, o_t, D("12:11:40"), 3300, "alipay", "支付成功", "SY01", 2, tag="P05")
        a2 = ali_pay(D("12:11:45"), "SY01", t2["pay_id"], who, 3300, tag="P05")
        t2["third"] = a2["trade"]
        plant("P05", "rescan_paid_twice", {"findings": ["duplicate_charge"]},
              "支付宝 33.00: the handheld showed 支付中 in the lunch Wi-Fi drop, the customer was "
              "sent to the counter and paid again there; Alipay collected both from the same payer",
              wallet="alipay", devices=["SY02", "SY01"], amount_cents=3300, date=str(day),
              ids=dict(order=oid, pay=[t1["pay_id"], t2["pay_id"]], wallet=[a1["trade"], a2["trade"]],
                       payer=who),
              rows=dict(till=[t1, t2], alipay=[a1, a2]))

    if day == dt.date(2026, 11, 20):
        # P06: marked paid by hand (a payment screen shown, never collected): no wallet record.
        oid = new_order(day, None)
        till = attempt(oid, D("13:04:50"), D("13:05:30"), 4600, "wechat", "支付成功", "SY01", 1,
                       tag="P06")
        plant("P06", "paid_without_wallet_record", {"findings": ["order_not_paid", "missing_settlement"]},
              "微信 46.00 marked 支付成功 at the counter with no 第三方单号 (confirmed by hand on a "
              "payment screen the customer showed); WeChat Pay has no such payment",
              wallet="wechat", devices=["SY01"], amount_cents=4600, date=str(day),
              ids=dict(order=oid, pay=[till["pay_id"]], wallet=[]), rows=dict(till=[till]))
        # Q01: the same amount a minute apart by another payer (WeChat, counter).
        rows = {"till": [], "wechat": []}
        ids = {"order": [], "wallet": []}
        for hms, o in (("12:31:05", "12:30:30"), ("12:32:10", "12:31:40")):
            oid = new_order(day, None)
            t, w = pay_ok(oid, D(o), D(hms), 1800, "wechat", "SY01", 1, tag="Q01")
            rows["till"].append(t)
            rows["wechat"].append(w)
            ids["order"].append(oid)
            ids["wallet"].append(w["wx"])
        decoy("Q01", "same_amount_other_payer", "two 牛肉面 18.00 at the counter 65 s apart, two "
              "orders, two different WeChat payers: not a duplicate", ids=ids, rows=rows)

    if day == dt.date(2026, 11, 24):
        # P07: Alipay marked paid by hand on the handheld, no Alipay record; next to it a WeChat
        # payment of the same amount at the counter (another order, another payer).
        oid = new_order(day, None)
        till = attempt(oid, D("19:02:10"), D("19:30:40"), 3200, "alipay", "支付成功", "SY02", 1,
                       tag="P07")
        plant("P07", "paid_without_wallet_record", {"findings": ["order_not_paid", "missing_settlement"]},
              "支付宝 32.00 marked 支付成功 on the handheld with no 第三方单号; Alipay has no such "
              "payment (a WeChat 32.00 at the counter 50 s later is another order's)",
              wallet="alipay", devices=["SY02"], amount_cents=3200, date=str(day),
              ids=dict(order=oid, pay=[till["pay_id"]], wallet=[]), rows=dict(till=[till]))
        oid2 = new_order(day, None)
        t, w = pay_ok(oid2, D("19:30:50"), D("19:31:30"), 3200, "wechat", "SY01", 1, tag="Q07")
        decoy("Q07", "other_wallet_same_amount", "微信 32.00 at the counter 50 s after the "
              "unbacked Alipay 32.00 (P07): a different wallet, never the same payment",
              ids=dict(order=[oid2], wallet=[w["wx"]]), rows=dict(till=[t], wechat=[w]))
        # Q02: two 22.00 WeChat orders 4 s apart on the two devices; the wallet answers cross.
        oa, ob = new_order(day, None), new_order(day, None)
        ta = attempt(oa, D("12:19:30"), D("12:20:01"), 2200, "wechat", "支付成功", "SY01", 1, tag="Q02")
        tb = attempt(ob, D("11:58:40"), D("12:20:05"), 2200, "wechat", "支付成功", "SY02", 1, tag="Q02")
        wb = wx_pay(D("12:20:08"), "SY02", tb["pay_id"], payer("wechat"), 2200, tag="Q02")
        wa = wx_pay(D("12:20:21"), "SY01", ta["pay_id"], payer("wechat"), 2200, tag="Q02")
        ta["third"], tb["third"] = wa["wx"], wb["wx"]
        decoy("Q02", "same_amount_seconds_apart", "two 22.00 WeChat orders 4 s apart, one per "
              "device; the second one's payment lands first: pair by 支付单号, not by time",
              ids=dict(order=[oa, ob], wallet=[wa["wx"], wb["wx"]]),
              rows=dict(till=[ta, tb], wechat=[wb, wa]))
        # Q08: a partial refund done right (WeChat): one dish never came.
        oid = new_order(day, None)
        t, w = pay_ok(oid, D("18:29:40"), D("18:30:15"), 6400, "wechat", "SY01", 1, tag="Q08")
        rf = wx_refund(D("19:05:00"), w, 1600, f"R{oid}01", tag="Q08")
        tr = attempt(oid, D("18:29:40"), D("19:04:56"), -1600, "wechat", "已退款", "SY01", 1,
                     third=w["wx"], tag="Q08", pay_id=f"R{oid}01")
        decoy("Q08", "partial_refund", "微信 64.00 paid, 16.00 refunded 35 minutes later (a dish "
              "sold out); the till and the bill agree",
              ids=dict(order=oid, pay=[t["pay_id"], tr["pay_id"]], wallet=[w["wx"]]),
              rows=dict(till=[t, tr], wechat=[w, rf]))

    if day == dt.date(2026, 11, 22):
        # P08: a WeChat payment to the shop's static 收款码 on the wall, no order in the till.
        w = wx_pay(D("13:40:18"), "", f"{WX_MCH}{day:%Y%m%d}134018{rand(10000):04d}",
                   payer("wechat"), 3500, tag="P08", ttype="JSAPI", goods=f"{SHOP}-收款码")
        plant("P08", "static_code_no_order", {"findings": ["unexpected_settlement"]},
              "微信 35.00 paid to the static 收款码 (JSAPI, no device), no till row at all",
              wallet="wechat", devices=[], amount_cents=3500, date=str(day),
              ids=dict(order=None, pay=[], wallet=[w["wx"]]), rows=dict(wechat=[w]))
        # Q09: Alipay partial refund done right.
        oid = new_order(day, None)
        t, a = pay_ok(oid, D("12:35:05"), D("12:35:40"), 5600, "alipay", "SY01", 1, tag="Q09")
        rf = ali_refund(D("13:00:30"), a, 1200, f"R{oid}01", tag="Q09")
        tr = attempt(oid, D("12:35:05"), D("13:00:26"), -1200, "alipay", "已退款", "SY01", 1,
                     third=a["trade"], tag="Q09", pay_id=f"R{oid}01")
        decoy("Q09", "partial_refund", "支付宝 56.00 paid, 12.00 refunded 25 minutes later; the "
              "till and the 业务明细 退款 row agree",
              ids=dict(order=oid, pay=[t["pay_id"], tr["pay_id"]], wallet=[a["trade"]]),
              rows=dict(till=[t, tr], alipay=[a, rf]))

    if day == dt.date(2026, 11, 28):
        # P09: an Alipay payment to the static 收钱码, no order.
        a = ali_pay(D("20:05:51"), "", "", payer("alipay"), 2700, tag="P09", goods="收钱码收款",
                    operator="")
        plant("P09", "static_code_no_order", {"findings": ["unexpected_settlement"]},
              "支付宝 27.00 paid to the static 收钱码 (no 商户订单号, no terminal), no till row",
              wallet="alipay", devices=[], amount_cents=2700, date=str(day),
              ids=dict(order=None, pay=[], wallet=[a["trade"]]), rows=dict(alipay=[a]))
        # Q05: an Alipay scan revoked before the customer confirmed (nothing in the 业务明细),
        # then scanned again by the same customer.
        oid = new_order(day, None)
        o_t = D("12:39:30")
        who = payer("alipay")
        t1 = attempt(oid, o_t, D("12:40:05"), 3000, "alipay", "已撤销", "SY01", 1, tag="Q05")
        t2, a = pay_ok(oid, o_t, D("12:40:50"), 3000, "alipay", "SY01", 2, who=who, tag="Q05")
        decoy("Q05", "revoked_scan", "支付宝 30.00 scanned, revoked by the cashier before the "
              "customer confirmed (no 业务明细 row), scanned again and paid once",
              ids=dict(order=oid, pay=[t1["pay_id"], t2["pay_id"]], wallet=[a["trade"]]),
              rows=dict(till=[t1, t2], alipay=[a]))

    if day == dt.date(2026, 11, 26):
        # Q03: same amount 50 s apart by another payer (Alipay, handheld, dinner).
        rows = {"till": [], "alipay": []}
        ids = {"order": [], "wallet": []}
        for hms, o in (("18:20:30", "17:58:10"), ("18:21:20", "18:01:05")):
            oid = new_order(day, None)
            t, a = pay_ok(oid, D(o), D(hms), 2200, "alipay", "SY02", 1, tag="Q03")
            rows["till"].append(t)
            rows["alipay"].append(a)
            ids["order"].append(oid)
            ids["wallet"].append(a["trade"])
        decoy("Q03", "same_amount_other_payer", "two 22.00 Alipay payments on the handheld 50 s "
              "apart, two tables, two payers: not a duplicate", ids=ids, rows=rows)
        # Q10: the same payer, the same amount, two orders 6 minutes apart (an extra bowl to take
        # away): both in the till, both paid once.
        who = payer("wechat")
        rows = {"till": [], "wechat": []}
        ids = {"order": [], "wallet": [], "payer": who}
        for hms, o, dev in (("12:50:44", "12:31:10", "SY02"), ("12:56:30", "12:56:02", "SY01")):
            oid = new_order(day, None)
            t, w = pay_ok(oid, D(o), D(hms), 1800, "wechat", dev, 1, who=who, tag="Q10")
            rows["till"].append(t)
            rows["wechat"].append(w)
            ids["order"].append(oid)
            ids["wallet"].append(w["wx"])
        decoy("Q10", "same_payer_two_orders", "the same WeChat payer pays 18.00 twice, 6 minutes "
              "apart, for two orders (an extra bowl to take away): two sales, not a duplicate",
              ids=ids, rows=rows)

    if day == dt.date(2026, 11, 17):
        # Q04: a WeChat scan revoked (the customer added a dish), then paid for the new total.
        oid = new_order(day, None)
        o_t = D("19:04:30")
        who = payer("wechat")
        t1 = attempt(oid, o_t, D("19:05:12"), 3800, "wechat", "已撤销", "SY01", 1, tag="Q04")
        r = wx_revoked(D("19:05:40"), "SY01", t1["pay_id"], who, 3800, tag="Q04")
        t1["third"] = r["wx"]
        t2, w = pay_ok(oid, o_t, D("19:06:20"), 4100, "wechat", "SY01", 2, who=who, tag="Q04")
        decoy("Q04", "revoked_scan", "微信 38.00 scanned and revoked (the customer added a 卤蛋), "
              "then 41.00 paid: the bill's REVOKED row is no charge",
              ids=dict(order=oid, pay=[t1["pay_id"], t2["pay_id"]], wallet=[r["wx"], w["wx"]]),
              rows=dict(till=[t1, t2], wechat=[r, w]))

    if day == dt.date(2026, 11, 23):
        # Q11: revoked and re-scanned for the same amount by the same payer (handheld).
        oid = new_order(day, None)
        o_t = D("12:58:00")
        who = payer("wechat")
        t1 = attempt(oid, o_t, D("13:20:40"), 2400, "wechat", "已撤销", "SY02", 1, tag="Q11")
        r = wx_revoked(D("13:21:05"), "SY02", t1["pay_id"], who, 2400, tag="Q11")
        t1["third"] = r["wx"]
        t2, w = pay_ok(oid, o_t, D("13:21:30"), 2400, "wechat", "SY02", 2, who=who, tag="Q11")
        decoy("Q11", "revoked_scan", "微信 24.00 scanned and revoked (wrong amount keyed, then "
              "corrected to the same 24.00), scanned again by the same payer: one charge",
              ids=dict(order=oid, pay=[t1["pay_id"], t2["pay_id"]], wallet=[r["wx"], w["wx"]]),
              rows=dict(till=[t1, t2], wechat=[r, w]))

    if day == dt.date(2026, 11, 27):
        # Q12: Alipay full refund done right.
        oid = new_order(day, None)
        t, a = pay_ok(oid, D("13:09:50"), D("13:10:22"), 2200, "alipay", "SY01", 1, tag="Q12")
        rf = ali_refund(D("13:25:10"), a, 2200, f"R{oid}01", tag="Q12")
        tr = attempt(oid, D("13:09:50"), D("13:25:06"), -2200, "alipay", "已退款", "SY01", 1,
                     third=a["trade"], tag="Q12", pay_id=f"R{oid}01")
        decoy("Q12", "full_refund", "支付宝 22.00 paid, refunded in full 15 minutes later",
              ids=dict(order=oid, pay=[t["pay_id"], tr["pay_id"]], wallet=[a["trade"]]),
              rows=dict(till=[t, tr], alipay=[a, rf]))


def main():
    make_payers()
    reserved = planted_minutes()
    drop_counts = {}
    outage_count = 0
    for k in range(DAYS):
        day = START + dt.timedelta(days=k)
        planted_day(day)
        drops, outage = ordinary_day(day, [r for r in reserved if r.date() == day])
        drop_counts[day] = drops
        outage_count += outage
    # Every drop day and the outage need enough failures to be a pattern; the seed is fixed, so
    # this only guards against a future edit thinning them out.
    for (day, _, _) in LUNCH_DROP:
        assert drop_counts[day] + (day in (dt.date(2026, 11, 18), dt.date(2026, 11, 25))) >= 3, (day, drop_counts[day])
    assert outage_count >= 9, outage_count

    # Consistency: nothing gets through the handheld in a drop, nor through Alipay in the outage.
    for r in attempts:
        if r["method"] not in ("wechat", "alipay") or r["status"] != "支付成功":
            continue
        day = r["time"].date()
        for (dd_, s_, m) in LUNCH_DROP:
            lo = at(dd_, s_)
            assert not (r["device"] == "SY02" and lo <= r["time"] < lo + dt.timedelta(minutes=m)), r
        lo, hi = at(OUTAGE_DAY, OUTAGE[0]), at(OUTAGE_DAY, OUTAGE[1])
        assert not (r["method"] == "alipay" and lo <= r["time"] < hi), r
    attempts.sort(key=lambda r: (r["time"], r["order"], r["pay_id"]))
    wx_rows.sort(key=lambda r: (r["time"], r["wx"], r["status"]))
    ali_rows.sort(key=lambda r: (r["finished"], r["trade"], r["biz"]))

    os.makedirs(OUT, exist_ok=True)
    write_till()
    write_wechat()
    write_alipay()
    flow_rows, flow_withdrawals = write_alipay_flow()
    bank_lines = write_bank()
    write_case()
    write_planted(bank_lines, flow_rows, flow_withdrawals, drop_counts, outage_count)


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------

METHOD_WORD = {"wechat": "微信支付", "alipay": "支付宝", "cash": "现金", "voucher": "代金券"}


def write_till():
    lines = ["订单号,下单时间,结账时间,实收金额(元),支付方式,支付状态,支付单号,第三方单号,设备号"]
    for i, r in enumerate(attempts):
        r["line"] = i + 2
        lines.append(",".join([r["order"], f"{r['order_time']:%Y-%m-%d %H:%M:%S}",
                               f"{r['time']:%Y-%m-%d %H:%M:%S}", yuan(r["fen"]),
                               METHOD_WORD[r["method"]], r["status"], r["pay_id"], r["third"],
                               r["device"]]))
    with open(f"{OUT}/{TILL_FILE}", "w", encoding="utf-8-sig", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")


def fee5(fen):
    return yuan(fen) + "000"


def write_wechat():
    header = ("交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,"
              "付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,"
              "退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注")
    lines = [header]
    for i, r in enumerate(wx_rows):
        r["line"] = i + 2
        refund = r["status"] == "REFUND"
        cells = [f"{r['time']:%Y-%m-%d %H:%M:%S}", WX_APPID, WX_MCH, "0", r["device"], r["wx"],
                 r["out_no"], r["openid"], r["ttype"], r["status"], r["bank"], "CNY",
                 yuan(r["settle"]), "0.00", r["refund_no"] if refund else "0",
                 r["mrefund_no"] if refund else "0", yuan(r["refund"]), "0.00",
                 "ORIGINAL" if refund else "", "SUCCESS" if refund else "", r["goods"], "",
                 fee5(r["fee"]), "0.60%", yuan(r["order_fen"]), yuan(r["refund"]), ""]
        lines.append(",".join("`" + c for c in cells))
    lines.append("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额")
    total = [str(len(wx_rows)), yuan(sum(r["settle"] for r in wx_rows)),
             yuan(sum(r["refund"] for r in wx_rows)), "0.00", fee5(sum(r["fee"] for r in wx_rows)),
             yuan(sum(r["order_fen"] for r in wx_rows)), yuan(sum(r["refund"] for r in wx_rows))]
    lines.append(",".join("`" + c for c in total))
    with open(f"{OUT}/{WX_FILE}", "w", encoding="utf-8-sig", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")


def write_alipay():
    end = START + dt.timedelta(days=DAYS)
    lines = ["#支付宝业务明细查询",
             f"#账号：[{ALI_ACCOUNT}]",
             f"#起始日期：[{START:%Y年%m月%d日} 00:00:00]   终止日期：[{end:%Y年%m月%d日} 00:00:00]",
             "#-----------------------------------------业务明细列表----------------------------------------",
             "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,"
             "订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,"
             "券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,"
             "分润（元）,备注"]
    for i, r in enumerate(ali_rows):
        r["line"] = i + 6
        cells = [r["trade"], r["out_no"], r["biz"], r["goods"], f"{r['created']:%Y-%m-%d %H:%M:%S}",
                 f"{r['finished']:%Y-%m-%d %H:%M:%S}", r["store_no"], r["store"], r["operator"],
                 r["terminal"], r["payer"], yuan(r["fen"]), yuan(r["fen"]), "0.00", "0.00", "0.00",
                 "0.00", "0.00", "", "0.00", "0.00", r["refund_no"], yuan(r["fee"]), "0.00", ""]
        lines.append(",".join(c + "\t" for c in cells))
    trades = [r for r in ali_rows if r["biz"] == "交易"]
    refunds = [r for r in ali_rows if r["biz"] == "退款"]
    lines += ["#-----------------------------------------业务明细列表结束------------------------------------",
              f"#交易合计：{len(trades)}笔，商家实收共{yuan(sum(r['fen'] for r in trades))}元，商家优惠共0.00元",
              f"#退款合计：{len(refunds)}笔，商家实收共{yuan(sum(r['fen'] for r in refunds))}元，商家优惠共0.00元",
              f"#导出时间：[{AS_OF:%Y年%m月%d日} 09:12:44]"]
    with open(f"{OUT}/{ALI_FILE}", "wb") as f:
        f.write(("\r\n".join(lines) + "\r\n").encode("gbk"))


def daily_nets():
    """Each wallet's payout per day: what it collected, less fees and refunds."""
    wx, ali = {}, {}
    for r in wx_rows:
        day = r["time"].date()
        net = r["settle"] - r["fee"] if r["status"] == "SUCCESS" else (
            -r["refund"] - r["fee"] if r["status"] == "REFUND" else 0)
        wx[day] = wx.get(day, 0) + net
    for r in ali_rows:
        day = r["finished"].date()
        ali[day] = ali.get(day, 0) + r["fen"] + r["fee"]
    return wx, ali


ALI_OPENING = 96415  # the balance at 2026-11-16 00:00: Sunday 2026-11-15's takings


def withdrawals():
    """Alipay's automatic withdrawals: each morning, the previous day's takings to the card.
    (time, amount in fen, the day whose takings they are)."""
    _, ali = daily_nets()
    out = [(at(START, "09:02:11"), ALI_OPENING, START - dt.timedelta(days=1))]
    for k in range(DAYS):
        day = START + dt.timedelta(days=k)
        out.append((at(day + dt.timedelta(days=1), f"09:0{k % 6}:{(17 * k) % 60:02d}"), ali[day], day))
    return out


def write_alipay_flow():
    """The 账务明细 of the shop's Alipay account for the same days as the 业务明细."""
    end = START + dt.timedelta(days=DAYS)
    moves = []  # (time, order, 业务流水号, 商户订单号, 商品名称, 对方账号, fen, 业务类型, 备注)
    for r in ali_rows:
        t = r["finished"]
        if r["biz"] == "交易":
            moves.append((t, 0, r["trade"], r["out_no"], r["goods"], r["payer"], r["fen"], "在线支付", ""))
            moves.append((t, 1, r["trade"], r["out_no"], "服务费", "", r["fee"], "收费", ""))
        else:
            moves.append((t, 0, r["trade"], r["out_no"], r["goods"], r["payer"], r["fen"], "交易退款",
                          r["refund_no"]))
            moves.append((t, 1, r["trade"], r["out_no"], "服务费", "", r["fee"], "收费退回", ""))
    out_withdrawals = []
    for n, (t, fen, takings) in enumerate(withdrawals()):
        if t >= dt.datetime.combine(end, dt.time()):
            continue
        w = (t, 0, f"{t:%Y%m%d}20004001{n + 1:012d}", "", "提现", f"工商银行({CARD[-4:]})", -fen, "提现",
             "自动提现")
        moves.append(w)
        out_withdrawals.append(dict(time=t, fen=fen, takings=str(takings)))
    moves.sort(key=lambda m: (m[0], m[1], m[2]))
    lines = ["#支付宝账务明细查询",
             f"#账号：[{ALI_ACCOUNT}]",
             f"#起始日期：[{START:%Y年%m月%d日} 00:00:00]   终止日期：[{end:%Y年%m月%d日} 00:00:00]",
             "#-----------------------------------------账务明细列表----------------------------------------",
             "账务流水号,业务流水号,商户订单号,商品名称,发生时间,对方账号,收入金额（+元）,支出金额（-元）,账户余额（元）,"
             "交易渠道,业务类型,备注"]
    balance = ALI_OPENING
    seq = 0
    for i, (t, _, biz_no, out_no, goods, party, fen, kind, memo) in enumerate(moves):
        balance += fen
        assert balance >= 0, (t, balance)
        seq += 1
        cells = [f"{t:%Y%m%d}{seq:09d}", biz_no, out_no, goods, f"{t:%Y-%m-%d %H:%M:%S}", party,
                 yuan(fen) if fen > 0 else "", yuan(fen) if fen < 0 else "", yuan(balance), "支付宝",
                 kind, memo]
        lines.append(",".join(c + "\t" for c in cells))
        if kind == "提现":
            for w in out_withdrawals:
                if w["time"] == t:
                    w["line"] = 6 + i
    income = [m[6] for m in moves if m[6] > 0]
    spent = [m[6] for m in moves if m[6] < 0]
    lines += ["#-----------------------------------------账务明细列表结束------------------------------------",
              f"#收入合计：{len(income)}笔，共{yuan(sum(income))}元",
              f"#支出合计：{len(spent)}笔，共{yuan(sum(spent))}元",
              f"#导出时间：[{AS_OF:%Y年%m月%d日} 09:12:44]"]
    with open(f"{OUT}/{ALI_FLOW_FILE}", "wb") as f:
        f.write(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return len(moves), out_withdrawals


def write_bank():
    """The owner's ICBC card, 明细查询文件下载 (v2 layout), GBK, newest first, dates only."""
    wx, ali = daily_nets()
    events = []  # (date, order within the day, description, detail, place, credit, debit, name, account)
    before = START - dt.timedelta(days=1)
    events.append((START, 1, "他行汇入", f"微信支付结算 {before:%m%d}", "", 187340, 0, TENPAY, "1100****0101"))
    for k in range(DAYS):
        day = START + dt.timedelta(days=k)
        pay_day = day + dt.timedelta(days=1)
        if day != MISSING_WX_PAYOUT_DAY:
            events.append((pay_day, 1, "他行汇入", f"微信支付结算 {day:%m%d}", "", wx[day], 0, TENPAY,
                           "1100****0101"))
    for (t, fen, takings) in withdrawals():
        amount = fen - (SHORT_BY if takings == SHORT_ALI_PAYOUT_DAY else 0)
        events.append((t.date(), 2, "他行汇入", "支付宝提现", "", amount, 0, ALIPAY, "3301****6789"))
    other = [
        (dt.date(2026, 11, 18), 5, "网转", "面粉", "手机银行", 0, 185000, "示例粮油批发部", "6228****2211"),
        (dt.date(2026, 11, 20), 5, "网转", "房租", "手机银行", 0, 650000, "张某某", "6217****7788"),
        (dt.date(2026, 11, 22), 5, "网转", "牛肉", "手机银行", 0, 326000, "示例清真牛肉店", "6222****4455"),
        (dt.date(2026, 11, 23), 3, "他行汇入", "微信零钱提现", "", 200000, 0, TENPAY, "1100****0202"),
        (dt.date(2026, 11, 24), 4, "ATM存款", "现金存款", "ATM", 300000, 0, "", ""),
        (dt.date(2026, 11, 25), 5, "网转", "工资", "手机银行", 0, 420000, "李某某", "6212****3344"),
        (dt.date(2026, 11, 25), 6, "网转", "工资", "手机银行", 0, 420000, "王某某", "6230****5566"),
        (dt.date(2026, 11, 27), 5, "代扣燃气费", "燃气费", "", 0, 48630, "示例燃气有限公司", "4405****0088"),
        (dt.date(2026, 11, 28), 5, "代扣电费", "电费", "", 0, 71240, "国网示例供电公司", "4405****0099"),
        (dt.date(2026, 11, 29), 5, "网转", "微信零钱充值", "手机银行", 0, 30000, TENPAY, "1100****0202"),
        (dt.date(2026, 12, 1), 5, "网转", "牛肉", "手机银行", 0, 298000, "示例清真牛肉店", "6222****4455"),
    ]
    events += other
    events = [e for e in events if e[0] <= BANK_END]
    events.sort(key=lambda e: (e[0], e[1], e[3]))
    balance = OPENING_BALANCE
    rows = []
    for e in events:
        balance += e[5] - e[6]
        rows.append((e, balance))
    rows.reverse()  # newest first, as the bank exports it

    def cell(text, width):
        pad = width - sum(2 if ord(ch) > 127 else 1 for ch in text)
        return text + " " * max(pad, 1) + "\t"

    def q(text):
        return f"\"{text}\""

    lines = ["明细查询文件下载", "", f"卡号: {CARD},\"卡别名: {SHOP}\"", "",
             "子账户序号: 00000,子账户类别: 活期,\"子账户别名: \"", "",
             "交易日期,摘要,交易详情,交易场所,交易国家或地区简称,钞/汇,交易金额(收入),交易金额(支出),交易币种,"
             "记账金额(收入),记账金额(支出),记账币种,余额,对方户名,对方账户"]
    bank_lines = []
    for i, (e, bal) in enumerate(rows):
        (day, _, summary, detail, place, credit, debit, name, account) = e
        lines.append(",".join([
            cell(f"{day:%Y-%m-%d}", 14), q(cell(summary, 16)), q(cell(detail, 20)), q(cell(place, 20)),
            q(cell("CHN", 12)), cell("钞", 10), q(cell("-", 12)), q(cell("-", 12)), cell("-", 8),
            q(cell(yuan_grouped(credit) if credit else "", 12)),
            q(cell(yuan_grouped(debit) if debit else "", 12)), cell("人民币", 10),
            q(cell(yuan_grouped(bal), 12)), q(cell(name, 28)), q(cell(account, 17))]) + ",")
        bank_lines.append(dict(line=8 + i, date=str(day), summary=summary, detail=detail,
                               credit=credit, debit=debit, name=name))
    credits = sum(e[5] for (e, _) in rows)
    debits = sum(e[6] for (e, _) in rows)
    lines.append(" ")
    lines.append("人民币合计,,,,,,,,," + q(cell(yuan_grouped(credits), 12)) + "," +
                 q(cell(yuan_grouped(debits), 12)) + ",")
    with open(f"{OUT}/{BANK_FILE}", "wb") as f:
        f.write(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return bank_lines


def write_case():
    # Both wallets pay every calendar day (D+1), weekends included; there is no card acquirer.
    case = {"as_of": str(AS_OF), "lang": "zh",
            "settings": {"settlement_cycle": "D+1", "wallet_payout_cycle": "D+1"}}
    with open(f"{OUT}/case.json", "w", encoding="utf-8") as f:
        f.write(json.dumps(case, ensure_ascii=False) + "\n")


FILE_OF = {"till": TILL_FILE, "wechat": WX_FILE, "alipay": ALI_FILE, "alipay_flow": ALI_FLOW_FILE,
           "bank": BANK_FILE}


def write_planted(bank_lines, flow_rows, flow_withdrawals, drop_counts, outage_count):
    wx, ali = daily_nets()

    def lines_of(rows):
        return {FILE_OF[k]: sorted(r["line"] for r in v) for k, v in rows.items() if v}

    out_planted = []
    for c in sorted(planted, key=lambda c: c["id"]):
        c = dict(c)
        c["lines"] = lines_of(c.pop("rows"))
        out_planted.append(c)

    # Payouts.
    missing_day = MISSING_WX_PAYOUT_DAY
    out_planted.append(dict(
        id="P10", kind="missing_payout", expect={"findings": ["missing_deposit"]},
        description=f"WeChat Pay's settlement of {missing_day} (net {yuan(wx[missing_day])}, due "
                    f"{missing_day + dt.timedelta(days=1)}) never reached the card",
        wallet="wechat", devices=[], amount_cents=wx[missing_day], date=str(missing_day),
        settlement_date=str(missing_day), ids={}, lines={}))
    short_day = SHORT_ALI_PAYOUT_DAY
    short_line = [b["line"] for b in bank_lines
                  if b["detail"] == "支付宝提现" and b["date"] == str(short_day + dt.timedelta(days=1))]
    out_planted.append(dict(
        id="P11", kind="short_payout", expect={"findings": ["deposit_mismatch"]},
        description=f"Alipay's withdrawal of {short_day}'s takings arrived {yuan(SHORT_BY)} short "
                    f"({yuan(ali[short_day] - SHORT_BY)} instead of {yuan(ali[short_day])})",
        wallet="alipay", devices=[], amount_cents=SHORT_BY, date=str(short_day),
        settlement_date=str(short_day), ids={},
        lines={BANK_FILE: short_line,
               ALI_FLOW_FILE: [w["line"] for w in flow_withdrawals if w["takings"] == str(short_day)]}))

    # Incidents.
    outage_rows = [r for r in attempts if r["tag"] == "I1" or (r["tag"] == "P02" and r["method"] == "alipay")]
    out_planted.append(dict(
        id="I1", kind="wallet_outage", expect={"incident_causes": ["wallet_system", "bank_system"]},
        description=f"Alipay down {OUTAGE[0][:5]}-{OUTAGE[1][:5]} on {OUTAGE_DAY} on both devices: "
                    f"{len(outage_rows)} Alipay scans 结果未知/支付失败 while WeChat scans kept working",
        wallet="alipay", devices=["SY01", "SY02"], amount_cents=0, date=str(OUTAGE_DAY),
        windows=[[f"{OUTAGE_DAY}T{OUTAGE[0]}", f"{OUTAGE_DAY}T{OUTAGE[1]}"]],
        ids=dict(pay=[r["pay_id"] for r in outage_rows]),
        lines={TILL_FILE: sorted(r["line"] for r in outage_rows)}))
    drop_rows = [r for r in attempts if r["tag"] == "I2" or
                 (r["tag"] in ("P01", "P05") and r["device"] == "SY02")]
    windows = []
    for (day, s, m) in LUNCH_DROP:
        a = at(day, s)
        windows.append([a.isoformat(), (a + dt.timedelta(minutes=m)).isoformat()])
    out_planted.append(dict(
        id="I2", kind="recurring_lunch_drop", expect={"incident_causes": ["signal", "network"]},
        description=f"the handheld SY02 loses its Wi-Fi in the lunch rush on {len(LUNCH_DROP)} days: "
                    f"{len(drop_rows)} scans 支付中/支付失败 there while the counter SY01 works",
        wallet=None, devices=["SY02"], amount_cents=0, date=str(LUNCH_DROP[0][0]),
        windows=windows, ids=dict(pay=[r["pay_id"] for r in drop_rows]),
        lines={TILL_FILE: sorted(r["line"] for r in drop_rows)}))

    out_decoys = []
    for c in sorted(decoys, key=lambda c: c["id"]):
        c = dict(c)
        c["lines"] = lines_of(c.pop("rows"))
        out_decoys.append(c)
    wallet_credits = [b for b in bank_lines if b["name"] in (TENPAY, ALIPAY) and b["credit"]]
    pre = [b["line"] for b in bank_lines if b["date"] == str(START) and b["name"] == TENPAY]
    first = [w["line"] for w in flow_withdrawals if w["takings"] < str(START)]
    after = [b["line"] for b in bank_lines if b["date"] == str(START + dt.timedelta(days=DAYS)) and
             b["name"] == ALIPAY]
    out_decoys.append(dict(id="Q13", kind="payouts_outside_the_bills",
                           description="WeChat's settlement on 2026-11-16 is for 2026-11-15 and Alipay's "
                                       "first withdrawal empties the balance left from 2026-11-15, "
                                       "days the bills do not cover; Alipay's withdrawal on 2026-11-30 "
                                       "is after the 账务明细 ends: unexplained, not findings",
                           ids={}, lines={BANK_FILE: sorted(pre + after), ALI_FLOW_FILE: first}))
    own = [b["line"] for b in bank_lines if b["detail"] in ("微信零钱提现", "微信零钱充值")]
    out_decoys.append(dict(id="Q14", kind="owner_wallet_transfers",
                           description="the owner's own 微信零钱提现 (credit from 财付通) and 零钱充值 "
                                       "(debit to 财付通): not merchant payouts",
                           ids={}, lines={BANK_FILE: own}))
    cash_lines = [r["line"] for r in attempts if r["method"] in ("cash", "voucher") and not r["tag"]]
    out_decoys.append(dict(id="Q15", kind="cash_and_vouchers",
                           description=f"{len(cash_lines)} cash (现金) and 美团 voucher (代金券, 券码 in "
                                       "第三方单号) rows: no wallet behind them",
                           ids={}, lines={TILL_FILE: cash_lines}))

    till_rows = len(attempts)
    doc = dict(
        scenario="qr-fortnight", seed=SEED, as_of=str(AS_OF), settlement_cycle="D+1",
        period=[str(START), str(START + dt.timedelta(days=DAYS - 1))],
        files=[
            dict(file=TILL_FILE, role="order_list", encoding="utf-8", data_rows=till_rows, header_line=1),
            dict(file=WX_FILE, role="wallet_bill", encoding="utf-8", data_rows=len(wx_rows), header_line=1),
            dict(file=ALI_FILE, role="wallet_bill", encoding="gb18030", data_rows=len(ali_rows), header_line=5),
            # Its rows are balance moves, not payments: how many the engine reads as data (the
            # withdrawals) is its business; every line must still be accounted for.
            dict(file=ALI_FLOW_FILE, role="wallet_bill", encoding="gb18030", data_rows=None, header_line=5,
                 lines_below_header=flow_rows + 4),
            dict(file=BANK_FILE, role="bank_statement", encoding="gb18030", data_rows=len(bank_lines),
                 header_line=7),
        ],
        counts=dict(till_attempts=till_rows, wechat_rows=len(wx_rows), alipay_rows=len(ali_rows),
                    alipay_flow_rows=flow_rows, alipay_withdrawals=len(flow_withdrawals),
                    bank_lines=len(bank_lines), wallet_credits=len(wallet_credits),
                    lunch_drop_failures={str(k): v for k, v in drop_counts.items() if v},
                    outage_failures=outage_count),
        planted=out_planted, decoys=out_decoys)
    with open(f"{OUT}/planted.json", "w", encoding="utf-8") as f:
        f.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    write_planted_md(doc)


def write_planted_md(doc):
    out = [
        "# qr-fortnight: what is planted",
        "",
        "Written by `scripts/golden/qr_fortnight.py` (seed "
        f"{doc['seed']}); do not edit by hand. A noodle shop (示例面馆), two devices (SY01 the counter "
        "till, SY02 a handheld carried to the tables), WeChat Pay and Alipay scans, cash and 美团 "
        f"vouchers, {doc['period'][0]} to {doc['period'][1]}; as of {doc['as_of']}, wallet payouts "
        "D+1 (`case.json`). `planted.json` holds the same list for "
        "`crates/posrecon-engine/tests/qr_fortnight.rs`, with every line each case rests on.",
        "",
        "| file | role | rows |",
        "|---|---|---|",
    ]
    for f in doc["files"]:
        rows = f["data_rows"] if f["data_rows"] is not None else f"{f['lines_below_header']} lines"
        out.append(f"| `{f['file']}` | {f['role']} ({f['encoding']}) | {rows} |")
    out += ["",
            "The till list has one row per payment attempt: 支付单号 is the 商户订单号 the till sent to "
            "the wallet (a new one for every scan of an order, `P<订单号><nn>`), 第三方单号 the wallet's "
            "own number (微信订单号 / 支付宝交易号) once the till learnt of the payment, or a 美团 券码 "
            "for a voucher; cash rows carry neither. A refund is a row of its own: negative 实收金额, "
            "支付状态 `已退款`, 支付单号 the 商户退款单号, 第三方单号 the wallet's number of the sale. "
            "下单时间 is when the order was keyed in (at a table, with the handheld, up to 35 minutes "
            "before the payment); 结账时间 is the attempt.",
            "", "## Planted (each must be found)", "",
            "| id | kind | expected | wallet | devices | amount | lines | what happened |",
            "|---|---|---|---|---|---|---|---|"]
    for c in doc["planted"]:
        exp = c["expect"].get("findings") or c["expect"].get("incident_causes")
        what = "finding " if "findings" in c["expect"] else "incident cause "
        lines = "; ".join(f"{k.split('_')[0]} {', '.join(map(str, v[:12]))}{' …' if len(v) > 12 else ''}"
                          for k, v in c["lines"].items()) or f"settlement date {c.get('settlement_date')}"
        out.append(f"| {c['id']} | {c['kind']} | {what}`{'` or `'.join(exp)}` | {c['wallet'] or ''} | "
                   f"{', '.join(c['devices'])} | {yuan(c['amount_cents'])} | {lines} | {c['description']} |")
    out += ["", "## Decoys (each must stay quiet: no finding rests on them)", "",
            "| id | kind | lines | what happened |", "|---|---|---|---|"]
    for c in doc["decoys"]:
        lines = "; ".join(f"{k.split('_')[0]} {', '.join(map(str, v[:12]))}{' …' if len(v) > 12 else ''}"
                          for k, v in c["lines"].items())
        out.append(f"| {c['id']} | {c['kind']} | {lines} | {c['description']} |")
    out += ["", "Everything else is ordinary traffic: scans paid at once, a few everyday failures "
            "(支付失败 / 结果未知 with nothing collected) followed by a second scan, cash, vouchers "
            "alone or with a scan for the rest. Every day's WeChat net (应结订单金额 less 手续费 and "
            "refunds) reaches the card the next day from 财付通; every day's Alipay net (商家实收 plus "
            "服务费) is withdrawn (提现, 账务明细) the next morning and reaches the card that day as a "
            "支付宝提现; except P10 and P11.", ""]
    with open(f"{OUT}/PLANTED.md", "w", encoding="utf-8") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
