//! Every string the page shows, in Chinese (first) and English.
//!
//! Components take a [`Lang`] and look their text up here; no component holds a literal. Text
//! that comes from the engine (titles, explanations, actions) is already in the report's
//! language, so switching language re-runs the analysis.

use posrecon_engine::Lang;
use posrecon_engine::message::{self, Field};
use posrecon_engine::report::Cause;

/// Fixed UI strings of one language.
#[derive(Debug)]
pub struct Strings {
    /// `<title>` and the page heading.
    pub app_name: &'static str,
    /// One sentence: what the page does.
    pub tagline: &'static str,
    /// One sentence: files stay in the browser.
    pub privacy: &'static str,
    /// Label of the language switch (names the *other* language).
    pub lang_toggle: &'static str,
    /// Accessible description of the language switch.
    pub lang_toggle_title: &'static str,
    /// Drop zone heading.
    pub drop_title: &'static str,
    /// Which files the drop zone takes.
    pub drop_hint: &'static str,
    /// File picker button.
    pub choose_files: &'static str,
    /// Demo button.
    pub demo_button: &'static str,
    /// Shown while files are being read or fetched.
    pub loading_files: &'static str,
    /// Files section heading.
    pub files_heading: &'static str,
    /// Clear-all button.
    pub clear_all: &'static str,
    /// Per-file remove button.
    pub remove: &'static str,
    /// Role when none was detected.
    pub role_unknown: &'static str,
    /// Role before the first analysis of the file finished.
    pub role_pending: &'static str,
    /// A file's badge when no analysis covered it and none runs (the last one was cancelled).
    pub role_not_read: &'static str,
    /// Field label.
    pub encoding: &'static str,
    /// Field label.
    pub header_line: &'static str,
    /// Field label.
    pub rows_used: &'static str,
    /// Field label.
    pub rows_skipped: &'static str,
    /// Field label.
    pub rows_rejected: &'static str,
    /// Field label.
    pub sheet: &'static str,
    /// Field label.
    pub size: &'static str,
    /// Heading of the skipped-row reasons.
    pub skipped_reasons: &'static str,
    /// Heading of the rejected-row reasons.
    pub rejected_reasons: &'static str,
    /// Prefix of the line that says a file could not be read.
    pub file_error: &'static str,
    /// "line" before a line number.
    pub line: &'static str,
    /// Status: nothing loaded.
    pub status_idle: &'static str,
    /// Status: the worker is running.
    pub status_running: &'static str,
    /// Status: finished.
    pub status_done: &'static str,
    /// Status: the analysis failed.
    pub status_error: &'static str,
    /// Status: the merchant cancelled the analysis.
    pub status_cancelled: &'static str,
    /// The worker stopped without an answer (out of memory, most likely): what to do instead.
    pub worker_stopped: &'static str,
    /// The report is being worded in the newly chosen language (kept on screen meanwhile).
    pub status_rewording: &'static str,
    /// After a cancel: the results are gone until the analysis runs again.
    pub cancelled_hint: &'static str,
    /// The cancel button while an analysis runs.
    pub cancel_analysis: &'static str,
    /// The button that runs a cancelled analysis again.
    pub rerun_analysis: &'static str,
    /// Progress: reading file `{k}` of `{n}`, `{name}` of `{size}` into the worker.
    pub stage_reading: &'static str,
    /// Progress: matching the files read.
    pub stage_matching: &'static str,
    /// Progress: diagnosing (findings and incidents, in the report's language).
    pub stage_diagnosing: &'static str,
    /// Progress: building each payment's chain.
    pub stage_chains: &'static str,
    /// Progress: time since the analysis started, `{t}` as `m:ss`.
    pub elapsed: &'static str,
    /// Accessible name of the progress bar.
    pub progress_label: &'static str,
    /// Summary heading.
    pub summary_heading: &'static str,
    /// Summary label.
    pub attempts: &'static str,
    /// Summary label.
    pub findings_total: &'static str,
    /// Summary label.
    pub money_at_risk: &'static str,
    /// Explains what counts as money at risk.
    pub money_at_risk_hint: &'static str,
    /// Currency unit after an amount.
    pub yuan: &'static str,
    /// Findings heading.
    pub findings_heading: &'static str,
    /// Column.
    pub col_kind: &'static str,
    /// Column.
    pub col_severity: &'static str,
    /// Column.
    pub col_time: &'static str,
    /// Column.
    pub col_terminal: &'static str,
    /// Column.
    pub col_amount: &'static str,
    /// Column.
    pub col_card: &'static str,
    /// Column.
    pub col_title: &'static str,
    /// Column.
    pub col_actions: &'static str,
    /// Under the first action when there are more: "{n} more steps in the details".
    pub more_actions: &'static str,
    /// Expand a finding.
    pub show_details: &'static str,
    /// Collapse a finding.
    pub hide_details: &'static str,
    /// Detail heading.
    pub explanation: &'static str,
    /// Detail heading.
    pub evidence: &'static str,
    /// Detail heading.
    pub records: &'static str,
    /// Detail label.
    pub cause: &'static str,
    /// Detail label.
    pub confidence: &'static str,
    /// Detail label.
    pub settlement_dates: &'static str,
    /// Detail label.
    pub expected_deposit: &'static str,
    /// Detail label.
    pub escalate_after: &'static str,
    /// Incidents heading.
    pub incidents_heading: &'static str,
    /// Incident label: time range.
    pub incident_period: &'static str,
    /// Incident label: attempts explained.
    pub incident_attempts: &'static str,
    /// "{n} attempts".
    pub attempts_n: &'static str,
    /// Incident label.
    pub response_codes: &'static str,
    /// Incident label.
    pub related_findings: &'static str,
    /// Incident covering every terminal.
    pub all_terminals: &'static str,
    /// Terminal health heading.
    pub health_heading: &'static str,
    /// Before the merchant's own drop rate.
    pub health_baseline: &'static str,
    /// A terminal the log does not name.
    pub health_unnamed: &'static str,
    /// Health label.
    pub health_attempts: &'static str,
    /// Health label.
    pub health_approved: &'static str,
    /// Health label.
    pub health_declined: &'static str,
    /// Health label.
    pub health_dropped: &'static str,
    /// Health label.
    pub health_drop_rate: &'static str,
    /// Health label: the other terminals' pooled drop rate.
    pub health_others: &'static str,
    /// Health label.
    pub health_days: &'static str,
    /// "{n} days".
    pub health_days_n: &'static str,
    /// Cardholder decline profile heading.
    pub declines_heading: &'static str,
    /// Heading of what to tell customers.
    pub declines_advice: &'static str,
    /// Record column.
    pub rec_file: &'static str,
    /// Record column.
    pub rec_line: &'static str,
    /// Record column.
    pub rec_role: &'static str,
    /// Record column.
    pub rec_type: &'static str,
    /// Record column.
    pub rec_stan: &'static str,
    /// Record column.
    pub rec_rrn: &'static str,
    /// Record column: the order's numbers (订单号 / 商户订单号, and the wallet's own 微信订单号 /
    /// 支付宝交易号).
    pub rec_order: &'static str,
    /// Record column.
    pub rec_response: &'static str,
    /// Empty state: nothing wrong in the loaded files.
    pub no_findings: &'static str,
    /// Empty state when no file could be read as a statement.
    pub nothing_readable: &'static str,
    /// Caveat when some files could not be read.
    pub partial_caveat: &'static str,
    /// Shown before any file is loaded.
    pub empty_intro: &'static str,
    /// The demo files could not be loaded.
    pub demo_failed: &'static str,
    /// A dropped file could not be read.
    pub read_failed: &'static str,
    /// A dropped file has the name of a loaded one but is another file: both are kept (the
    /// renamings follow).
    pub same_name: &'static str,
    /// The worker failed.
    pub analysis_failed: &'static str,
    /// What to do when the analysis failed: the usual cause is one damaged file.
    pub analysis_failed_hint: &'static str,
    /// Dismiss a notice.
    pub dismiss: &'static str,
    /// Footer.
    pub footer: &'static str,
    /// Heading of the "customer says they paid" form.
    pub check_heading: &'static str,
    /// One sentence under the heading.
    pub check_intro: &'static str,
    /// Form label.
    pub check_time: &'static str,
    /// Form label.
    pub check_amount: &'static str,
    /// Form label.
    pub check_card: &'static str,
    /// Form label.
    pub check_terminal: &'static str,
    /// Form label of the payment method select.
    pub check_wallet: &'static str,
    /// Payment method: not sure (card or QR, both searched).
    pub check_wallet_unsure: &'static str,
    /// Payment method: WeChat Pay QR.
    pub check_wallet_wechat: &'static str,
    /// Payment method: Alipay QR.
    pub check_wallet_alipay: &'static str,
    /// After an optional label.
    pub check_optional: &'static str,
    /// Submit button.
    pub check_submit: &'static str,
    /// Shown while the worker checks.
    pub check_running: &'static str,
    /// A check submitted while the analysis runs: asked once it finishes.
    pub check_waiting_run: &'static str,
    /// A check submitted after the analysis was cancelled: the files must be analysed first.
    pub check_waiting_cancelled: &'static str,
    /// Submitted without time, amount or files.
    pub check_incomplete: &'static str,
    /// Prefix of a check error.
    pub check_failed: &'static str,
    /// Heading: what to tell the customer.
    pub check_say: &'static str,
    /// Heading: what the merchant does.
    pub check_do: &'static str,
    /// Heading: why.
    pub check_why: &'static str,
    /// Label: date to look again.
    pub check_again_after: &'static str,
    /// Heading: the lines the verdict rests on.
    pub check_records: &'static str,
    /// Heading: close but not matching.
    pub check_nearby: &'static str,
    /// "{n} matching attempts".
    pub check_candidates: &'static str,
    /// Export bar label.
    pub export_heading: &'static str,
    /// Export button: the workbook.
    pub export_xlsx: &'static str,
    /// Export button: CSV.
    pub export_csv: &'static str,
    /// Export button: the HTML report.
    pub export_html: &'static str,
    /// Export button: JSON.
    pub export_json: &'static str,
    /// Shown while an export is rendered.
    pub export_running: &'static str,
    /// Prefix of the line that says an export failed.
    pub export_failed: &'static str,
}

const ZH: Strings = Strings {
    app_name: "POS 掉单排查",
    tagline: "把 POS 终端交易流水、收单对账单、银行流水等文件拖进来，本页会逐笔核对，找出扣了款却显示失败的掉单、重复扣款、未到账等问题。",
    privacy: "文件只在你的浏览器里读取和计算，不会上传到任何服务器。",
    lang_toggle: "English",
    lang_toggle_title: "Switch to English",
    drop_title: "把对账文件拖到这里",
    drop_hint: "可一次放入多个文件：终端交易流水、收单对账单、银行流水、收银订单、微信/支付宝账单（CSV、TXT、Excel 表格 .xlsx/.xls，或装着这些文件的 ZIP 压缩包，按网银和商户平台导出的原样即可）。",
    choose_files: "选择文件",
    demo_button: "试用示例数据",
    loading_files: "正在读取文件…",
    files_heading: "已载入的文件",
    clear_all: "全部清除",
    remove: "移除",
    role_unknown: "未识别",
    role_pending: "识别中…",
    role_not_read: "未读取（分析已取消）",
    encoding: "编码",
    header_line: "表头行",
    rows_used: "已用行数",
    rows_skipped: "跳过",
    rows_rejected: "无法读取",
    sheet: "工作表",
    size: "大小",
    skipped_reasons: "跳过的行",
    rejected_reasons: "无法读取的行",
    file_error: "无法读取此文件：",
    line: "第 {n} 行",
    status_idle: "尚未载入文件",
    status_running: "正在分析…",
    status_done: "分析完成",
    status_error: "分析出错",
    status_cancelled: "分析已取消",
    worker_stopped: "浏览器的内存不够，分析中断了。请分批载入文件（例如一次一周），或用命令行版 posrecon 分析整月。",
    status_rewording: "正在切换语言…",
    cancelled_hint: "结果已清空。文件仍在，可重新分析。",
    cancel_analysis: "取消分析",
    rerun_analysis: "重新分析",
    stage_reading: "正在读取第 {k}/{n} 个文件：{name}（{size}）",
    stage_matching: "正在匹配交易…",
    stage_diagnosing: "正在诊断问题…",
    stage_chains: "正在整理每笔交易的链路…",
    elapsed: "已用时 {t}",
    progress_label: "分析进度",
    summary_heading: "概览",
    attempts: "核对的交易笔数",
    findings_total: "发现的问题",
    money_at_risk: "涉及金额",
    money_at_risk_hint: "高、中严重程度问题的金额合计",
    yuan: "元",
    findings_heading: "发现的问题",
    col_kind: "类型",
    col_severity: "严重程度",
    col_time: "交易时间",
    col_terminal: "终端号",
    col_amount: "金额（元）",
    col_card: "卡号/钱包",
    col_title: "说明",
    col_actions: "建议操作",
    more_actions: "另有 {n} 条建议，见详情",
    show_details: "详情",
    hide_details: "收起",
    explanation: "原因说明",
    evidence: "依据",
    records: "相关记录",
    cause: "可能原因",
    confidence: "把握",
    settlement_dates: "清算日期",
    expected_deposit: "预计到账日",
    escalate_after: "逾期未解决可联系收单机构的日期",
    incidents_heading: "故障事件",
    incident_period: "时间段",
    incident_attempts: "涉及交易",
    attempts_n: "{n} 笔",
    response_codes: "应答码",
    related_findings: "相关问题",
    all_terminals: "全部终端",
    health_heading: "终端健康",
    health_baseline: "全店超时率（超时、无应答、结果未知；不等于扣款）：",
    health_unnamed: "（未标终端号）",
    health_attempts: "交易",
    health_approved: "成功",
    health_declined: "拒绝",
    health_dropped: "超时/未知",
    health_drop_rate: "超时率",
    health_others: "其他终端",
    health_days: "天数",
    health_days_n: "{n} 天",
    declines_heading: "持卡人原因被拒（不是故障）",
    declines_advice: "怎么跟顾客说",
    rec_file: "文件",
    rec_line: "行",
    rec_role: "来源",
    rec_type: "交易类型",
    rec_stan: "凭证号",
    rec_rrn: "参考号",
    rec_order: "订单号",
    rec_response: "应答",
    no_findings: "在已载入的文件中没有发现问题：没有掉单、重复扣款或未到账。",
    nothing_readable: "未能从这些文件中读出交易，因此无法判断是否有问题。请查看上方各文件的说明。",
    partial_caveat: "注意：有文件未能读取，以上结论只覆盖能读取的文件。",
    empty_intro: "还没有文件。拖入对账文件，或点击「试用示例数据」看看效果。",
    demo_failed: "示例数据载入失败：",
    read_failed: "文件读取失败：",
    same_name: "有同名但内容不同的文件，两份都已保留并一起分析（两份都有的交易只计一次）。如果新文件只是旧文件的更新版，请删除旧的那份。新文件改名为：",
    analysis_failed: "分析没有完成：",
    analysis_failed_hint: "多半是某个文件已损坏（常见于 Excel 文件）：请移除最近加入的文件，或在 Excel 中另存为 CSV 后再拖入。",
    dismiss: "关闭",
    footer: "posrecon · 全部计算在本机浏览器内完成，文件不会上传。",
    check_heading: "顾客说已付款？",
    check_intro: "输入顾客说的付款时间和金额，在已载入的文件里查这笔钱到底扣没扣、该怎么跟顾客说。",
    check_time: "付款时间（大概即可）",
    check_amount: "金额（元）",
    check_card: "卡号后四位",
    check_terminal: "终端号",
    check_wallet: "支付方式",
    check_wallet_unsure: "不确定（刷卡或扫码）",
    check_wallet_wechat: "微信支付",
    check_wallet_alipay: "支付宝",
    check_optional: "（选填）",
    check_submit: "查这笔",
    check_running: "正在查找…",
    check_waiting_run: "文件正在分析，分析完成后自动查询这笔。",
    check_waiting_cancelled: "分析已取消：要先分析文件才能查这笔。点「重新分析」，完成后自动查询。",
    check_incomplete: "请先载入对账文件，并填写付款时间和金额。",
    check_failed: "无法查询：",
    check_say: "跟顾客这样说",
    check_do: "您要做的",
    check_why: "依据",
    check_again_after: "请在此日期之后再查",
    check_records: "相关记录",
    check_nearby: "时间或金额接近的交易",
    check_candidates: "在时间窗口内找到 {n} 笔同金额交易",
    export_heading: "导出结果",
    export_xlsx: "导出 Excel",
    export_csv: "导出 CSV",
    export_html: "导出 HTML 报告",
    export_json: "导出 JSON",
    export_running: "正在生成文件…",
    export_failed: "导出失败：",
};

const EN: Strings = Strings {
    app_name: "POS dropped-transaction check",
    tagline: "Drop in your POS terminal log, acquirer settlement statement, bank statement and other files; this page checks them line by line and finds card payments that were charged but shown as failed, charged twice, or never deposited.",
    privacy: "Files are read and processed only in your browser; nothing is uploaded to any server.",
    lang_toggle: "中文",
    lang_toggle_title: "切换到中文",
    drop_title: "Drop statement files here",
    drop_hint: "Several at once: terminal log, acquirer statement, bank statement, cashier orders, WeChat Pay/Alipay bills (CSV, TXT, Excel .xlsx/.xls, or a ZIP of these, as the bank or merchant portal exports them).",
    choose_files: "Choose files",
    demo_button: "Try the demo data",
    loading_files: "Reading files…",
    files_heading: "Loaded files",
    clear_all: "Clear all",
    remove: "Remove",
    role_unknown: "Not recognised",
    role_pending: "Detecting…",
    role_not_read: "Not read (analysis cancelled)",
    encoding: "Encoding",
    header_line: "Header line",
    rows_used: "Rows used",
    rows_skipped: "Skipped",
    rows_rejected: "Unreadable",
    sheet: "Sheet",
    size: "Size",
    skipped_reasons: "Skipped rows",
    rejected_reasons: "Unreadable rows",
    file_error: "Could not read this file: ",
    line: "line {n}",
    status_idle: "No files loaded",
    status_running: "Analysing…",
    status_done: "Analysis complete",
    status_error: "Analysis failed",
    status_cancelled: "Analysis cancelled",
    worker_stopped: "the browser ran out of memory and the analysis stopped. Load the files in smaller batches (a week at a time, say), or analyse the whole month with the posrecon command line.",
    status_rewording: "Switching language…",
    cancelled_hint: "The results were cleared. The files are still here: run the analysis again.",
    cancel_analysis: "Cancel",
    rerun_analysis: "Run again",
    stage_reading: "Reading file {k} of {n}: {name} ({size})",
    stage_matching: "Matching transactions…",
    stage_diagnosing: "Diagnosing…",
    stage_chains: "Following each payment's chain…",
    elapsed: "{t} elapsed",
    progress_label: "Analysis progress",
    summary_heading: "Summary",
    attempts: "Transactions checked",
    findings_total: "Problems found",
    money_at_risk: "Money at stake",
    money_at_risk_hint: "Sum over high and medium severity problems",
    yuan: "CNY",
    findings_heading: "Problems found",
    col_kind: "Kind",
    col_severity: "Severity",
    col_time: "Time",
    col_terminal: "Terminal",
    col_amount: "Amount (CNY)",
    col_card: "Card / wallet",
    col_title: "What happened",
    col_actions: "What to do",
    more_actions: "{n} more steps in the details",
    show_details: "Details",
    hide_details: "Hide",
    explanation: "Explanation",
    evidence: "Evidence",
    records: "Records",
    cause: "Likely cause",
    confidence: "Confidence",
    settlement_dates: "Clearing dates",
    expected_deposit: "Expected deposit",
    escalate_after: "Escalate to the acquirer after",
    incidents_heading: "Incidents",
    incident_period: "Period",
    incident_attempts: "Attempts",
    attempts_n: "{n} attempts",
    response_codes: "Response codes",
    related_findings: "Related problems",
    all_terminals: "All terminals",
    health_heading: "Terminal health",
    health_baseline: "Shop-wide timeout rate (timeouts, no reply, outcome unknown; not money lost): ",
    health_unnamed: "(no terminal id)",
    health_attempts: "Attempts",
    health_approved: "Approved",
    health_declined: "Declined",
    health_dropped: "Timeouts",
    health_drop_rate: "Timeout rate",
    health_others: "Other terminals",
    health_days: "Days",
    health_days_n: "{n} days",
    declines_heading: "Cardholder declines (not a fault)",
    declines_advice: "What to tell customers",
    rec_file: "File",
    rec_line: "Line",
    rec_role: "Source",
    rec_type: "Type",
    rec_stan: "STAN",
    rec_rrn: "RRN",
    rec_order: "Order no.",
    rec_response: "Response",
    no_findings: "Nothing wrong was found in the loaded files: no dropped transactions, duplicate charges or missing deposits.",
    nothing_readable: "No transactions could be read from these files, so nothing can be concluded. See the note on each file above.",
    partial_caveat: "Note: some files could not be read; the result covers only the files that could.",
    empty_intro: "No files yet. Drop statement files, or click \u{201c}Try the demo data\u{201d} to see how it works.",
    demo_failed: "Could not load the demo data: ",
    read_failed: "Could not read a file: ",
    same_name: "A file has the name of one already loaded but different contents: both are kept and analysed together (transactions both hold count once). If the new file is only a newer export of the old one, remove the old one. The new file was renamed: ",
    analysis_failed: "The analysis did not finish: ",
    analysis_failed_hint: "Usually one file is damaged (often an Excel file): remove the file you added last, or save it as CSV in Excel and drop it again.",
    dismiss: "Dismiss",
    footer: "posrecon · everything is computed in this browser; files are never uploaded.",
    check_heading: "Customer says they paid?",
    check_intro: "Enter when and how much the customer says they paid; the loaded files tell whether the money was taken and what to tell them.",
    check_time: "Time of payment (roughly)",
    check_amount: "Amount (yuan)",
    check_card: "Card last 4 digits",
    check_terminal: "Terminal id",
    check_wallet: "Paid with",
    check_wallet_unsure: "Not sure (card or QR)",
    check_wallet_wechat: "WeChat Pay",
    check_wallet_alipay: "Alipay",
    check_optional: "(optional)",
    check_submit: "Check this payment",
    check_running: "Checking…",
    check_waiting_run: "The files are being analysed: this payment is checked as soon as that finishes.",
    check_waiting_cancelled: "The analysis was cancelled: the files must be analysed before this payment can be checked. Press “Run again”; the check follows.",
    check_incomplete: "Load the statement files first, and fill in the time and amount.",
    check_failed: "Could not check: ",
    check_say: "What to tell the customer",
    check_do: "What to do",
    check_why: "Why",
    check_again_after: "Check again after",
    check_records: "Records",
    check_nearby: "Close in time or amount",
    check_candidates: "{n} attempts of that amount in the time window",
    export_heading: "Export",
    export_xlsx: "Export Excel",
    export_csv: "Export CSV",
    export_html: "Export HTML report",
    export_json: "Export JSON",
    export_running: "Preparing the file…",
    export_failed: "Export failed: ",
};

/// The strings of one language.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// Replaces `{n}` in a template.
pub fn with_n(template: &str, n: impl std::fmt::Display) -> String {
    template.replace("{n}", &n.to_string())
}

/// How many findings a money direction holds: `3 项`, `3 findings`, `1 finding`.
pub fn findings_count(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Zh, n) => format!("{n} 项"),
        (Lang::En, 1) => "1 finding".to_owned(),
        (Lang::En, n) => format!("{n} findings"),
    }
}

/// Under a money figure, how much of it the merchant already handled in the case log
/// (已退款给顾客, 已到账, 已解决): the figure stays what the files say.
pub fn handled_part(lang: Lang, yuan: &str, n: usize) -> String {
    match (lang, n) {
        (Lang::Zh, n) => format!("其中 {yuan} 元（{n} 项）已在案件记录里处理"),
        (Lang::En, 1) => format!("of which {yuan} (1 finding) handled in the case log"),
        (Lang::En, n) => format!("of which {yuan} ({n} findings) handled in the case log"),
    }
}

/// The other language (what the switch goes to).
pub fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    }
}

/// `zh-CN` / `en`, for `<html lang>`.
pub fn html_lang(lang: Lang) -> &'static str {
    lang.pick("zh-CN", "en")
}

// The names of the report's enums are the engine's (`report::labels`), shared with the exports
// so the page and a downloaded report never call the same thing two names.
pub use posrecon_engine::report::labels::{cause, kind, role, severity, severity_key};

/// snake_case name of a cause (data attribute).
pub fn cause_key(cause: Cause) -> &'static str {
    match cause {
        Cause::Network => "network",
        Cause::Signal => "signal",
        Cause::BankSystem => "bank_system",
        Cause::WalletSystem => "wallet_system",
        Cause::Issuer => "issuer",
        Cause::Terminal => "terminal",
        Cause::Operator => "operator",
        Cause::Cardholder => "cardholder",
        Cause::Unknown => "unknown",
    }
}

pub use posrecon_engine::report::labels::{pay_method, txn_type};

// The proofs of a file's reading and the reason its role is in doubt are worded by the engine,
// so the file card and the downloaded report say the same sentence.
pub use posrecon_engine::report::labels::{
    awaiting_role, balance_break, balance_summary, role_doubt, role_doubt_consequence,
    role_doubt_heading, totals_check, totals_heading,
};

/// The one-click confirmation of a detected role: `确认是「银行流水」`.
pub fn confirm_role(lang: Lang, role: posrecon_engine::model::Role) -> String {
    mapping_strings(lang).confirm_role.replace("{role}", self::role(lang, role))
}

#[cfg(test)]
mod tests {
    use super::*;
    use posrecon_engine::model::Role;

    #[test]
    fn every_role_has_a_chinese_name() {
        let names: Vec<&str> = Role::ALL.iter().map(|r| role(Lang::Zh, *r)).collect();
        assert_eq!(
            names,
            ["终端交易流水", "收单对账单", "银行流水", "收银订单", "微信/支付宝账单"]
        );
    }

    #[test]
    fn toggle_names_the_other_language() {
        assert_eq!(strings(Lang::Zh).lang_toggle, "English");
        assert_eq!(strings(Lang::En).lang_toggle, "中文");
        assert_eq!(other(Lang::Zh), Lang::En);
        assert_eq!(other(Lang::En), Lang::Zh);
    }

    #[test]
    fn damaged_workbooks_get_the_advice_in_chinese() {
        use posrecon_engine::message::FileError;
        let cases = [
            (
                FileError::XlsDamaged { detail: "a sector chain loops".to_owned() },
                "xls 工作簿已损坏（a sector chain loops）：请用 Excel 打开后重新保存，或导出为 CSV",
            ),
            (
                FileError::WorkbookUnreadable { format: "xls".to_owned() },
                "xls 工作簿已损坏：请用 Excel 打开后重新保存，或导出为 CSV",
            ),
        ];
        for (error, zh) in cases {
            let mut input = unreadable();
            input.fail(error.clone());
            assert_eq!(file_error(Lang::Zh, &input).as_deref(), Some(zh));
            assert_eq!(file_error(Lang::En, &input), Some(error.to_string()));
        }
    }

    /// An input that could not be read, as the engine reports it.
    fn unreadable() -> posrecon_engine::report::Input {
        let file = posrecon_engine::SourceFile::new("empty.csv", Vec::new());
        let options = posrecon_engine::Options::new(chrono::NaiveDate::MIN);
        posrecon_engine::inspect(&[file], &options).remove(0)
    }

    #[test]
    fn proof_and_doubt_notes_are_translated() {
        use posrecon_engine::message::{Money, Note};
        let held = Note::RoleUnconfirmed { detail: "only times and amounts".to_owned() };
        assert_eq!(note(Lang::Zh, &held), "确认文件类型前暂不分析（见上方提示）");
        assert_eq!(
            note(Lang::En, &held),
            "not analysed until the file's type is confirmed (see above)"
        );
        let corrected = Note::DirectionCorrected { said: Money::In, shown: Money::Out };
        assert_eq!(
            note(Lang::Zh, &corrected),
            "这一行写的是收入，但余额按这笔金额减少了，按支出读取"
        );
        assert_eq!(
            note(Lang::En, &corrected),
            "the row says money in, but the balance fell by this amount; read as money out"
        );
        assert_eq!(confirm_role(Lang::Zh, Role::BankStatement), "确认是「银行流水」");
        assert_eq!(confirm_role(Lang::En, Role::TerminalLog), "Confirm: Terminal log");
        assert_eq!(
            with_n(mapping_strings(Lang::Zh).awaiting_role_caveat, 1),
            "注意：还有 1 个文件等待确认类型，尚未分析，以上结论不包括这些文件。"
        );
    }

    #[test]
    fn templates_fill_in_numbers() {
        assert_eq!(with_n(strings(Lang::Zh).line, 77), "第 77 行");
        assert_eq!(with_n(list_strings(Lang::En).more_notes, 3), "3 more");
    }
}

/// Strings of the file card's "how it was read" details, the column mapping, the templates and
/// the settings panel (kept apart from [`Strings`] so the two grow independently).
#[derive(Debug)]
pub struct MappingStrings {
    /// Field label.
    pub format: &'static str,
    /// Field label.
    pub dialect: &'static str,
    /// Field label: detected role with its confidence.
    pub detected_role: &'static str,
    /// Role selector label.
    pub role_select: &'static str,
    /// Role selector option: let the engine decide.
    pub auto_detect: &'static str,
    /// Encoding selector label.
    pub encoding_select: &'static str,
    /// Heading of the warnings list.
    pub warnings: &'static str,
    /// The mapping panel's summary.
    pub adjust_mapping: &'static str,
    /// Column header of the mapping table.
    pub column: &'static str,
    /// Column header of the mapping table.
    pub field: &'static str,
    /// Field option: the column is not used.
    pub unused: &'static str,
    /// Shown when a file has no header to map.
    pub no_headers: &'static str,
    /// Save-as-template button.
    pub save_template: &'static str,
    /// Template name input label.
    pub template_name: &'static str,
    /// "Template applied: " before its name.
    pub template_applied: &'static str,
    /// Shown when the mapping was changed and not saved.
    pub mapping_edited: &'static str,
    /// Templates section heading.
    pub templates_heading: &'static str,
    /// Shown when there are no templates.
    pub no_templates: &'static str,
    /// Export button.
    pub export_templates: &'static str,
    /// Import button.
    pub import_templates: &'static str,
    /// Delete button.
    pub delete: &'static str,
    /// "from file" before a template's source file name.
    pub from_file: &'static str,
    /// Settings heading.
    pub settings_heading: &'static str,
    /// Settings label.
    pub settlement_cycle: &'static str,
    /// Settings label: when WeChat Pay pays its merchant bill's days to the bank.
    pub wallet_payout_cycle: &'static str,
    /// Settings label.
    pub fee_rate: &'static str,
    /// Settings label.
    pub fee_cap: &'static str,
    /// Settings label.
    pub extra_holidays: &'static str,
    /// Settings label.
    pub extra_working_days: &'static str,
    /// Hint under the date lists.
    pub dates_hint: &'static str,
    /// Settings error: fee rate.
    pub bad_fee_rate: &'static str,
    /// Settings error: fee cap.
    pub bad_fee_cap: &'static str,
    /// Settings error: a date.
    pub bad_date: &'static str,
    /// Where settings and templates are kept.
    pub stored_locally: &'static str,
    /// A templates file could not be imported.
    pub import_failed: &'static str,
    /// Header line of a file read by its known layout without one (`header_line` 0).
    pub no_header_line: &'static str,
    /// One-click confirmation of the detected role: `{role}` is its name.
    pub confirm_role: &'static str,
    /// Under the confirm button: the select below takes another role.
    pub other_role_hint: &'static str,
    /// Under "nothing wrong was found" while `{n}` files wait for their role.
    pub awaiting_role_caveat: &'static str,
}

const MAPPING_ZH: MappingStrings = MappingStrings {
    format: "格式",
    dialect: "已知版式",
    detected_role: "识别为",
    role_select: "文件类型",
    auto_detect: "自动识别",
    encoding_select: "编码",
    warnings: "提示",
    adjust_mapping: "调整列映射",
    column: "文件中的列",
    field: "对应字段",
    unused: "不使用",
    no_headers: "没有找到可映射的表头。",
    save_template: "保存为模板",
    template_name: "模板名称",
    template_applied: "已套用模板：",
    mapping_edited: "列映射已修改（未保存为模板）",
    templates_heading: "列映射模板",
    no_templates: "还没有模板。调整一个文件的列映射后可“保存为模板”，下次同样表头的文件会自动套用。",
    export_templates: "导出模板",
    import_templates: "导入模板",
    delete: "删除",
    from_file: "来自",
    settings_heading: "设置",
    settlement_cycle: "结算周期",
    wallet_payout_cycle: "微信支付结算周期",
    fee_rate: "签约费率（%）",
    fee_cap: "封顶（元，可空）",
    extra_holidays: "额外节假日",
    extra_working_days: "额外工作日（调休）",
    dates_hint: "日期格式 2026-10-08，多个用空格或逗号分隔",
    bad_fee_rate: "费率看不懂（最多两位小数，如 0.60）：",
    bad_fee_cap: "封顶金额看不懂（最多两位小数）：",
    bad_date: "日期看不懂（应为 2026-10-08）：",
    stored_locally: "模板和设置只保存在本浏览器中，只含列映射，不含任何账单数据。",
    import_failed: "模板文件无法导入：",
    no_header_line: "无表头（按已知格式读取）",
    confirm_role: "确认是「{role}」",
    other_role_hint: "不是？在下方“文件类型”里选择正确的类型。",
    awaiting_role_caveat: "注意：还有 {n} 个文件等待确认类型，尚未分析，以上结论不包括这些文件。",
};

const MAPPING_EN: MappingStrings = MappingStrings {
    format: "Format",
    dialect: "Known layout",
    detected_role: "Detected as",
    role_select: "File type",
    auto_detect: "Detect automatically",
    encoding_select: "Encoding",
    warnings: "Notes",
    adjust_mapping: "Adjust column mapping",
    column: "Column in the file",
    field: "Field",
    unused: "Not used",
    no_headers: "No header found to map.",
    save_template: "Save as template",
    template_name: "Template name",
    template_applied: "Template applied: ",
    mapping_edited: "Column mapping changed (not saved as a template)",
    templates_heading: "Column mapping templates",
    no_templates: "No templates yet. Adjust a file's column mapping, then \"Save as template\": files with the same header will use it automatically.",
    export_templates: "Export templates",
    import_templates: "Import templates",
    delete: "Delete",
    from_file: "from",
    settings_heading: "Settings",
    settlement_cycle: "Settlement cycle",
    wallet_payout_cycle: "WeChat Pay payout cycle",
    fee_rate: "Contracted fee rate (%)",
    fee_cap: "Cap (yuan, optional)",
    extra_holidays: "Extra holidays",
    extra_working_days: "Extra working days",
    dates_hint: "Dates like 2026-10-08, separated by spaces or commas",
    bad_fee_rate: "Fee rate not understood (at most 2 decimals, e.g. 0.60): ",
    bad_fee_cap: "Cap not understood (at most 2 decimals): ",
    bad_date: "Date not understood (use 2026-10-08): ",
    stored_locally: "Templates and settings stay in this browser; they hold column mappings only, never statement data.",
    import_failed: "The templates file cannot be imported: ",
    no_header_line: "No header line (read by its known layout)",
    confirm_role: "Confirm: {role}",
    other_role_hint: "Not right? Choose the right type under \"File type\" below.",
    awaiting_role_caveat: "Note: {n} file(s) wait for their type to be confirmed and were not analysed; the result does not cover them.",
};

/// The mapping and settings strings of a language.
pub fn mapping_strings(lang: Lang) -> &'static MappingStrings {
    match lang {
        Lang::Zh => &MAPPING_ZH,
        Lang::En => &MAPPING_EN,
    }
}

/// Name of a canonical field (`Input.columns` key); the key itself when unknown.
pub fn field(lang: Lang, key: &str) -> String {
    match Field::parse(key) {
        Some(field) => message::field_name(lang, field).to_owned(),
        None => key.to_owned(),
    }
}

/// Name of a known layout (`Input.dialect`); the engine's name when unknown.
pub fn dialect(lang: Lang, name: &str) -> String {
    let (zh, en) = match name {
        "wechat_pay_bill" => ("微信支付商户账单", "WeChat Pay merchant bill"),
        "alipay_bill" => ("支付宝商户账单", "Alipay merchant bill"),
        "leshua_trade" => ("乐刷交易明细", "Leshua transactions"),
        "allinpay" => ("通联对账单", "Allinpay statement"),
        "saobei" => ("扫呗对账单", "Saobei statement"),
        "qr_acquirer_flow" => ("聚合码收单流水", "QR acquirer flow"),
        "unionpay_fixed" => ("银联定长对账文件", "UnionPay fixed-width file"),
        "icbc_history" => ("工商银行历史明细", "ICBC history"),
        "icbc_transfer" => ("工商银行转账明细", "ICBC transfers"),
        "icbc_signed" => ("工商银行明细（带正负号）", "ICBC detail (signed)"),
        "ccb_detail" => ("建设银行明细", "CCB detail"),
        "abc_detail" => ("农业银行明细", "ABC detail"),
        "boc_detail" => ("中国银行明细", "BOC detail"),
        "cmb_detail" => ("招商银行明细", "CMB detail"),
        other => return other.to_owned(),
    };
    lang.pick(zh, en).to_owned()
}

// A skipped or rejected row's reason and a file's error, in the UI language: worded by the engine
// from their typed values (`report::labels`, `message`), so the file card and the downloaded
// report say the same sentence.
pub use posrecon_engine::report::labels::{file_error, note};

/// The words of the long lists' windows: the pagers of the findings, incidents and terminal
/// health, and "show more" under a file card's notes. Kept apart from [`Strings`] so the lists
/// can be reviewed together.
#[derive(Debug)]
pub struct ListStrings {
    /// The rows shown: `第 {from}–{to} 条，共 {total} 条`.
    pub range: &'static str,
    /// Go to the previous page.
    pub previous: &'static str,
    /// Go to the next page.
    pub next: &'static str,
    /// The pager's accessible name.
    pub pages: &'static str,
    /// Notes not listed: `还有 {n} 条`.
    pub more_notes: &'static str,
    /// The button that lists more notes: `再显示 {n} 条`.
    pub show_more: &'static str,
}

const LISTS_ZH: ListStrings = ListStrings {
    range: "第 {from}–{to} 条，共 {total} 条",
    previous: "上一页",
    next: "下一页",
    pages: "翻页",
    more_notes: "还有 {n} 条",
    show_more: "再显示 {n} 条",
};

const LISTS_EN: ListStrings = ListStrings {
    range: "{from}–{to} of {total}",
    previous: "Previous",
    next: "Next",
    pages: "Pages",
    more_notes: "{n} more",
    show_more: "Show {n} more",
};

/// The list words of one language.
pub fn list_strings(lang: Lang) -> &'static ListStrings {
    match lang {
        Lang::Zh => &LISTS_ZH,
        Lang::En => &LISTS_EN,
    }
}

/// The words of what leaves the page (issue 14): a finding's case sheet and chat text, the run's
/// chat text, the redaction choice, and an export shown in the page where no download can start
/// (WeChat's browser). Kept apart from [`Strings`] so they can be reviewed together.
#[derive(Debug)]
pub struct SendStrings {
    /// A finding's button: download its case sheet.
    pub sheet: &'static str,
    /// Its accessible description.
    pub sheet_title: &'static str,
    /// A finding's button, and the run's beside the export bar: copy the chat text.
    pub copy_text: &'static str,
    /// Its accessible description (a finding's).
    pub copy_text_title: &'static str,
    /// The run's button's accessible description.
    pub copy_run_text_title: &'static str,
    /// The label of the box holding the text.
    pub text_label: &'static str,
    /// While the clipboard has not answered.
    pub copying: &'static str,
    /// The clipboard took it.
    pub copied: &'static str,
    /// The clipboard refused: the text is selected for copying by hand.
    pub copy_refused: &'static str,
    /// The redaction choice's legend.
    pub redaction_legend: &'static str,
    /// Checkbox: mask 商户号 and 终端号.
    pub redact_mask_ids: &'static str,
    /// Checkbox: no card digits at all.
    pub redact_drop_card_digits: &'static str,
    /// Checkbox: no names of people.
    pub redact_drop_names: &'static str,
    /// What the default keeps.
    pub redaction_default: &'static str,
    /// The in-page view's accessible name.
    pub inapp_heading: &'static str,
    /// Why the file is shown here.
    pub inapp_why: &'static str,
    /// How to keep it.
    pub inapp_hint: &'static str,
    /// A workbook cannot be shown.
    pub inapp_binary: &'static str,
    /// Copy the document's text.
    pub copy: &'static str,
    /// Close the view.
    pub close: &'static str,
}

const SEND_ZH: SendStrings = SendStrings {
    sheet: "案件单",
    sheet_title: "下载这一条的案件单（一页，可打印，发给收单机构或银行）",
    copy_text: "复制微信文本",
    copy_text_title: "把这一条的简短说明复制到剪贴板，可直接粘贴到微信",
    copy_run_text_title: "把本次核对的简短汇总复制到剪贴板，可直接粘贴到微信",
    text_label: "微信文本",
    copying: "正在复制…",
    copied: "已复制",
    copy_refused: "浏览器不允许自动复制：文字已选中，请长按或按 Ctrl+C 复制",
    redaction_legend: "发送前隐藏",
    redact_mask_ids: "隐藏商户号和终端号",
    redact_drop_card_digits: "不含卡号",
    redact_drop_names: "不含人名",
    redaction_default: "默认保留银行需要的信息；卡号始终只显示前6后4",
    inapp_heading: "在页面中查看",
    inapp_why: "微信内置浏览器无法下载文件，内容显示如下。",
    inapp_hint: "长按可保存或转发",
    inapp_binary: "Excel 文件无法在此显示：请点右上角「…」选择「在浏览器打开」后再导出，或导出 CSV。",
    copy: "复制",
    close: "关闭",
};

const SEND_EN: SendStrings = SendStrings {
    sheet: "Case sheet",
    sheet_title: "Download this finding's case sheet (one printable page for the acquirer or bank)",
    copy_text: "Copy WeChat text",
    copy_text_title: "Copy a short note on this finding, ready to paste into WeChat",
    copy_run_text_title: "Copy a short summary of this check, ready to paste into WeChat",
    text_label: "WeChat text",
    copying: "Copying…",
    copied: "Copied",
    copy_refused: "The browser did not allow copying: the text is selected, long-press it or press Ctrl+C",
    redaction_legend: "Leave out before sending",
    redact_mask_ids: "Hide merchant and terminal IDs",
    redact_drop_card_digits: "No card digits",
    redact_drop_names: "No names of people",
    redaction_default: "By default what the bank needs is kept; cards only ever show the first 6 and last 4 digits",
    inapp_heading: "Shown in the page",
    inapp_why: "WeChat's browser cannot download files, so the file is shown here.",
    inapp_hint: "Long-press to save or forward",
    inapp_binary: "An Excel file cannot be shown here: tap '…' at the top right, choose 'Open in browser' and export again, or export CSV.",
    copy: "Copy",
    close: "Close",
};

/// The words of what leaves the page, in one language.
pub fn send_strings(lang: Lang) -> &'static SendStrings {
    match lang {
        Lang::Zh => &SEND_ZH,
        Lang::En => &SEND_EN,
    }
}

/// The words of the answer shown first after an analysis (issue 13): its heading, the actions
/// due, the files-needed checklist and the folded strip of file cards. The engine words the
/// facts themselves (`report::answer::text`, `report::needs::text`); these are the page's own.
#[derive(Debug)]
pub struct AnswerStrings {
    /// The answer's heading (focused after an analysis).
    pub heading: &'static str,
    /// Heading of the actions due first.
    pub actions_heading: &'static str,
    /// Mark on an action whose date has passed.
    pub overdue: &'static str,
    /// No finding of severity high or medium: nothing is due.
    pub no_actions: &'static str,
    /// Under the actions: `{n}` were left out because their case is closed in the case log.
    pub closed_by_cases: &'static str,
    /// Shown instead of the figures when no file could be read.
    pub nothing_read: &'static str,
    /// Heading of the files-needed checklist.
    pub files_heading: &'static str,
    /// Under the checklist's heading when every file it needs is loaded.
    pub files_complete: &'static str,
    /// The folded strip's line: `已载入 {n} 个文件`.
    pub strip_summary: &'static str,
    /// The strip's button while folded.
    pub strip_open: &'static str,
    /// The strip's button while open.
    pub strip_close: &'static str,
    /// A strip line: rows read, `读取 {n} 行`.
    pub strip_rows: &'static str,
    /// A strip line for a file every row of which another loaded file holds (counted once).
    pub strip_repeated: &'static str,
    /// A strip line: findings resting on the file, `{n} 个问题`.
    pub strip_problems: &'static str,
}

const ANSWER_ZH: AnswerStrings = AnswerStrings {
    heading: "结论",
    actions_heading: "先处理这几件",
    overdue: "已逾期",
    no_actions: "没有需要马上处理的问题。",
    closed_by_cases: "另有 {n} 件在案件记录中已标为已到账或已解决，未列在这里。",
    nothing_read: "没有读到任何文件的内容，所以还不能下结论：请看上方每个文件的说明，换一个文件或调整读取方式后再分析。",
    files_heading: "需要的文件",
    files_complete: "需要的文件都已载入。",
    strip_summary: "已载入 {n} 个文件",
    strip_open: "展开文件详情",
    strip_close: "收起文件详情",
    strip_rows: "读取 {n} 行",
    strip_repeated: "{n} 行都已在另一个文件中，只计一次",
    strip_problems: "{n} 个问题",
};

const ANSWER_EN: AnswerStrings = AnswerStrings {
    heading: "The answer",
    actions_heading: "Do these first",
    overdue: "Overdue",
    no_actions: "Nothing needs acting on now.",
    closed_by_cases: "{n} more are marked arrived or resolved in the case log and are not listed here.",
    nothing_read: "Nothing could be read from any file, so there is no answer yet: see the note on each file above, then try another file or adjust how it is read.",
    files_heading: "Files needed",
    files_complete: "Every file needed is loaded.",
    strip_summary: "{n} files loaded",
    strip_open: "Show file details",
    strip_close: "Hide file details",
    strip_rows: "{n} rows read",
    strip_repeated: "all {n} rows are in another file, counted once",
    strip_problems: "{n} problems",
};

/// The answer's words of one language.
pub fn answer_strings(lang: Lang) -> &'static AnswerStrings {
    match lang {
        Lang::Zh => &ANSWER_ZH,
        Lang::En => &ANSWER_EN,
    }
}

/// The words of working the findings (issue 13): the search, the filters, the sort, the line
/// saying how many are shown, and the case status of each finding. Kept apart from [`Strings`]
/// so they can be reviewed together.
#[derive(Debug)]
pub struct FilterStrings {
    /// The search box's label.
    pub search_label: &'static str,
    /// Its placeholder: what can be typed.
    pub search_placeholder: &'static str,
    /// The kind chips' group name.
    pub kinds_label: &'static str,
    /// The disclosure holding the other filters and the sort.
    pub more_filters: &'static str,
    /// The terminal selector's label.
    pub terminal_label: &'static str,
    /// Its "every terminal" choice.
    pub all_terminals: &'static str,
    /// The first day's label.
    pub from_label: &'static str,
    /// The last day's label.
    pub to_label: &'static str,
    /// The status selector's label (and the status badge's).
    pub status_label: &'static str,
    /// Its "every status" choice.
    pub all_statuses: &'static str,
    /// The sort selector's label.
    pub sort_label: &'static str,
    /// Its default choice: the engine's urgency order.
    pub sort_urgency: &'static str,
    /// A sort choice, ascending: `{col}（升序）`.
    pub sort_ascending: &'static str,
    /// A sort choice, descending.
    pub sort_descending: &'static str,
    /// A column header's description: press to sort.
    pub sort_hint: &'static str,
    /// The line under the filters: `显示 {n} / {m} 条`.
    pub shown: &'static str,
    /// Clear every filter and the search.
    pub clear: &'static str,
    /// No finding matches the filters.
    pub no_match: &'static str,
    /// The case statuses, in `CaseStatus::ALL` order.
    pub statuses: [&'static str; 5],
}

const FILTER_ZH: FilterStrings = FilterStrings {
    search_label: "搜索问题",
    search_placeholder: "金额、卡号后4位、参考号、凭证号、终端号或订单号",
    kinds_label: "按问题类型筛选",
    more_filters: "更多筛选和排序",
    terminal_label: "终端",
    all_terminals: "全部终端",
    from_label: "起始日期",
    to_label: "截止日期",
    status_label: "处理状态",
    all_statuses: "全部状态",
    sort_label: "排序",
    sort_urgency: "最紧急的在前",
    sort_ascending: "{col}（升序）",
    sort_descending: "{col}（降序）",
    sort_hint: "点击排序",
    shown: "显示 {n} / {m} 条",
    clear: "清除筛选",
    no_match: "没有符合当前筛选条件的问题。",
    statuses: ["未处理", "已联系银行/收单机构", "已退款给顾客", "已到账", "已解决"],
};

const FILTER_EN: FilterStrings = FilterStrings {
    search_label: "Search findings",
    search_placeholder: "Amount, card last 4, reference no., voucher no., terminal or order no.",
    kinds_label: "Filter by kind of problem",
    more_filters: "More filters and sorting",
    terminal_label: "Terminal",
    all_terminals: "All terminals",
    from_label: "From",
    to_label: "To",
    status_label: "Case status",
    all_statuses: "All statuses",
    sort_label: "Sort",
    sort_urgency: "Most urgent first",
    sort_ascending: "{col} (ascending)",
    sort_descending: "{col} (descending)",
    sort_hint: "Press to sort",
    shown: "showing {n} of {m}",
    clear: "Clear filters",
    no_match: "No finding matches the current filters.",
    statuses: [
        "Not handled",
        "Bank/acquirer contacted",
        "Refunded to customer",
        "Money arrived",
        "Resolved",
    ],
};

/// The words of working the findings, in one language.
pub fn filter_strings(lang: Lang) -> &'static FilterStrings {
    match lang {
        Lang::Zh => &FILTER_ZH,
        Lang::En => &FILTER_EN,
    }
}

/// Words of the page's accessibility aids, in one language.
#[derive(Debug)]
pub struct A11yStrings {
    /// The skip link, the first thing a keyboard reaches: jumps to the answer (or the drop zone
    /// before there is one).
    pub skip_to_main: &'static str,
}

const A11Y_ZH: A11yStrings = A11yStrings { skip_to_main: "跳到主要内容" };

const A11Y_EN: A11yStrings = A11yStrings { skip_to_main: "Skip to main content" };

/// The words of the accessibility aids in one language.
pub fn a11y_strings(lang: Lang) -> &'static A11yStrings {
    match lang {
        Lang::Zh => &A11Y_ZH,
        Lang::En => &A11Y_EN,
    }
}

/// The words of the mapping panel's preview and value mapping (issue 13), in one language.
#[derive(Debug)]
pub struct PreviewStrings {
    /// Heading of the preview of the first rows read.
    pub preview_heading: &'static str,
    /// Before the counts: `读取 {n} 行：`.
    pub read_rows: &'static str,
    /// Counts: approved.
    pub approved: &'static str,
    /// Counts: declined.
    pub declined: &'static str,
    /// Counts: unknown (结果待定).
    pub unknown: &'static str,
    /// Counts: rows that could not be read.
    pub rejected: &'static str,
    /// Heading of a status column's values: `状态列“{n}”的取值`.
    pub status_values: &'static str,
    /// Heading of a type column's values: `类型列“{n}”的取值`.
    pub type_values: &'static str,
    /// Column head: the value as written.
    pub value: &'static str,
    /// Column head: rows with it.
    pub rows: &'static str,
    /// Column head: what it means.
    pub meaning: &'static str,
    /// The selector's first option: as the engine reads it (`{n}` its reading).
    pub as_detected: &'static str,
    /// Under a list cut short: `还有 {n} 个取值未列出`.
    pub more_values: &'static str,
    /// Why the values matter, under the heading.
    pub values_hint: &'static str,
    /// Nothing to preview until a column is mapped.
    pub no_preview: &'static str,
    /// Line `{n}` of the file.
    pub line: &'static str,
}

const PREVIEW_ZH: PreviewStrings = PreviewStrings {
    preview_heading: "按当前映射读出的前几行",
    read_rows: "读取 {n} 行：",
    approved: "成功",
    declined: "失败",
    unknown: "结果待定",
    rejected: "无法读取",
    status_values: "状态列“{n}”的取值",
    type_values: "类型列“{n}”的取值",
    value: "文件里写的",
    rows: "行数",
    meaning: "表示",
    as_detected: "按系统识别（{n}）",
    more_values: "还有 {n} 个取值未列出",
    values_hint: "系统不认识的写法会被当作结果待定：请为每个取值选择它的意思。",
    no_preview: "调整任意一列后，这里显示按映射读出的前几行。",
    line: "第 {n} 行",
};

const PREVIEW_EN: PreviewStrings = PreviewStrings {
    preview_heading: "First rows as read with this mapping",
    read_rows: "{n} rows read: ",
    approved: "approved",
    declined: "declined",
    unknown: "outcome unknown",
    rejected: "unreadable",
    status_values: "Values of the status column '{n}'",
    type_values: "Values of the type column '{n}'",
    value: "In the file",
    rows: "Rows",
    meaning: "Means",
    as_detected: "As detected ({n})",
    more_values: "{n} more values not listed",
    values_hint: "Words the engine does not know are read as outcome unknown: choose what each value means.",
    no_preview: "Change any column and the first rows read with the mapping show here.",
    line: "Line {n}",
};

/// The preview and value mapping words of a language.
pub fn preview_strings(lang: Lang) -> &'static PreviewStrings {
    match lang {
        Lang::Zh => &PREVIEW_ZH,
        Lang::En => &PREVIEW_EN,
    }
}

/// What a status value is read as, for the value selector and the preview.
pub fn outcome_meaning(lang: Lang, outcome: posrecon_engine::model::Outcome) -> &'static str {
    use posrecon_engine::model::Outcome;
    match outcome {
        Outcome::Approved => lang.pick("成功", "Approved"),
        Outcome::Declined => lang.pick("失败（没扣钱）", "Declined (no money taken)"),
        Outcome::Unknown => lang.pick("超时/结果待定", "Timeout / outcome unknown"),
    }
}

/// What a value of a `status` or `type` column is read as (`ValueCount.read_as`), in words;
/// the key itself when it is neither.
pub fn value_meaning(lang: Lang, field: &str, key: &str) -> String {
    use crate::mapping::ValueMeaning;
    match ValueMeaning::parse(field, key) {
        Some(ValueMeaning::Outcome(outcome)) => outcome_meaning(lang, outcome).to_owned(),
        Some(ValueMeaning::Type(txn_type)) => {
            posrecon_engine::report::labels::txn_type(lang, txn_type).to_owned()
        }
        None => key.to_owned(),
    }
}

/// The words of the chain steps, the charts and the check form's missing inputs (issue 13).
#[derive(Debug)]
pub struct ChainStrings {
    /// Above a finding's or a check answer's steps.
    pub steps_heading: &'static str,
    /// Said beside each step's mark, so the mark is never colour alone.
    pub mark_ok: &'static str,
    /// A step done late or short.
    pub mark_late: &'static str,
    /// A step that went wrong.
    pub mark_problem: &'static str,
    /// A step the files loaded cannot tell.
    pub mark_unknown: &'static str,
    /// The charts section.
    pub charts_heading: &'static str,
    /// Under the terminal grid.
    pub grid_caption: &'static str,
    /// Under the terminal grid when only the worst terminals are drawn (`{n}` of them).
    pub grid_caption_top: &'static str,
    /// Under the deposits chart.
    pub deposits_caption: &'static str,
    /// Under the incidents timeline.
    pub timeline_caption: &'static str,
    /// The deposits chart's table: its summary (the text alternative beside the picture).
    pub deposits_table: &'static str,
    /// Column heads of that table.
    pub day: &'static str,
    /// Expected.
    pub expected: &'static str,
    /// Received.
    pub received: &'static str,
    /// The check form submitted without files.
    pub check_no_files: &'static str,
    /// The check form submitted without time and amount.
    pub check_no_time_amount: &'static str,
    /// Without the time.
    pub check_no_time: &'static str,
    /// Without the amount.
    pub check_no_amount: &'static str,
}

const CHAIN_ZH: ChainStrings = ChainStrings {
    steps_heading: "这笔钱走到了哪一步",
    mark_ok: "正常",
    mark_late: "晚到或金额不对",
    mark_problem: "有问题",
    mark_unknown: "还不能确定",
    charts_heading: "图表",
    grid_caption: "各终端每天的超时笔数 / 交易笔数，颜色越深超时越多。",
    grid_caption_top: "超时最多的 {n} 台终端每天的超时笔数 / 交易笔数，颜色越深超时越多。",
    deposits_caption: "每天应到账（空心）和实际到账（实心）的金额；标 ≠ 的日子两者不一致。",
    timeline_caption: "每个事件从第一笔到最后一笔受影响交易的时间。",
    deposits_table: "每日到账明细",
    day: "日期",
    expected: "应到账",
    received: "实际到账",
    check_no_files: "请先载入对账文件，再查询。",
    check_no_time_amount: "请填写付款时间和金额。",
    check_no_time: "请填写付款时间。",
    check_no_amount: "请填写金额。",
};

const CHAIN_EN: ChainStrings = ChainStrings {
    steps_heading: "Where the money got to",
    mark_ok: "OK",
    mark_late: "late or short",
    mark_problem: "problem",
    mark_unknown: "not known yet",
    charts_heading: "Charts",
    grid_caption: "Timeouts / attempts per terminal and day; darker means more timeouts.",
    grid_caption_top: "Timeouts / attempts per day of the {n} terminals with the most timeouts; darker means more.",
    deposits_caption: "Expected (hollow) and received (solid) deposits per day; days marked ≠ differ.",
    timeline_caption: "Each incident from its first to its last affected attempt.",
    deposits_table: "Deposits per day",
    day: "Day",
    expected: "Expected",
    received: "Received",
    check_no_files: "Load the statement files first, then check.",
    check_no_time_amount: "Fill in the time and the amount of the payment.",
    check_no_time: "Fill in the time of the payment.",
    check_no_amount: "Fill in the amount.",
};

/// The words of the chain steps and charts, in one language.
pub fn chain_strings(lang: Lang) -> &'static ChainStrings {
    match lang {
        Lang::Zh => &CHAIN_ZH,
        Lang::En => &CHAIN_EN,
    }
}

/// The words of the case log (待跟进, the case editor in an opened finding), in one language.
pub struct CaseStrings {
    /// 待跟进 heading.
    pub heading: &'static str,
    /// Under the heading: where the log lives.
    pub kept_here: &'static str,
    /// No open case.
    pub none_open: &'static str,
    /// `{n}` more open cases not listed.
    pub more_open: &'static str,
    /// The status select's label.
    pub status_label: &'static str,
    /// The note's label.
    pub note_label: &'static str,
    /// The note's placeholder.
    pub note_placeholder: &'static str,
    /// 登记 `{date}`.
    pub opened: &'static str,
    /// 更新 `{date}`.
    pub changed: &'static str,
    /// 截止 `{date}`.
    pub due: &'static str,
    /// Marks a due date passed.
    pub overdue: &'static str,
    /// Saved at once.
    pub saved_here: &'static str,
    /// A case closed by a later analysis: `{date}` 到账，已自动关闭.
    pub arrived_auto: &'static str,
    /// A case whose finding is gone for another reason, since `{date}`.
    pub gone: &'static str,
    /// Heading of the cases closed by themselves.
    pub closed_heading: &'static str,
    /// 导出记录.
    pub export: &'static str,
    /// 导入记录.
    pub import: &'static str,
    /// `{n}` cases imported.
    pub imported: &'static str,
    /// An import refused: not a case log.
    pub import_unreadable: &'static str,
    /// An import refused: another schema (`{schema}`).
    pub import_wrong_schema: &'static str,
    /// An import refused: a case without a key.
    pub import_empty_key: &'static str,
    /// 清空记录.
    pub clear: &'static str,
    /// The confirm step's question.
    pub clear_question: &'static str,
    /// Confirm clearing.
    pub clear_confirm: &'static str,
    /// Cancel clearing.
    pub clear_cancel: &'static str,
    /// The keep-files checkbox, said plainly.
    pub keep_files: &'static str,
    /// Under it: what turning it off does.
    pub keep_files_off: &'static str,
    /// Status words, in [`crate::cases::CaseStatus::ALL`] order.
    pub statuses: [&'static str; 5],
    /// Label of a terminal.
    pub terminal: &'static str,
    /// 待跟进 while an analysis rests on a guess: the log is not updated from it.
    pub unsure: &'static str,
    /// Label of the status select of an open case in 待跟进 (`{title}` names the case).
    pub status_of: &'static str,
    /// An earlier case whose day no loaded file covers.
    pub not_covered: &'static str,
    /// An earlier case whose transaction is now part of a finding of another kind (`{kind}`).
    pub became: &'static str,
    /// A deposit case's clearing date(s) (`{dates}`).
    pub cleared: &'static str,
    /// A deposit case's expected payout date.
    pub expected: &'static str,
    /// A case with no date to wait for: act now (as the answer says).
    pub act_now: &'static str,
}

const CASES_ZH: CaseStrings = CaseStrings {
    heading: "待跟进",
    kept_here: "每条问题都是一个案件，处理进度和备注只保存在本浏览器中，不会上传。下周再核对时会自动找到同一笔。",
    none_open: "暂无待跟进的案件。",
    more_open: "还有 {n} 件未列出",
    status_label: "处理进度",
    note_label: "备注",
    note_placeholder: "例如：11-18 已打收单机构客服电话，工单号…",
    opened: "登记 {date}",
    changed: "更新 {date}",
    due: "截止 {date}",
    overdue: "已逾期",
    saved_here: "已自动保存在本浏览器",
    arrived_auto: "{date} 到账，已自动关闭",
    gone: "{date} 起新的核对中已不再出现，请确认是否已解决",
    closed_heading: "已自动关闭",
    export: "导出记录",
    import: "导入记录",
    imported: "已导入 {n} 件",
    import_unreadable: "无法导入：这不是案件记录文件（",
    import_wrong_schema: "无法导入：文件格式不对（应为 posrecon.cases/v1，实为 {schema}）",
    import_empty_key: "无法导入：文件中有案件缺少编号",
    clear: "清空记录",
    clear_question: "确定清空本浏览器中的全部案件记录？此操作无法撤销，建议先导出。",
    clear_confirm: "确定清空",
    clear_cancel: "取消",
    keep_files: "在本浏览器中保存已载入的文件，刷新后自动恢复；文件不会上传",
    keep_files_off: "关闭后立即删除已保存的文件。",
    statuses: ["未处理", "已联系银行/收单机构", "已退款给顾客", "已到账", "已解决"],
    terminal: "终端",
    unsure: "有文件的读法还需确认，案件记录暂不更新：确认文件的类型和列对应后再核对一次。",
    status_of: "处理进度：{title}",
    not_covered: "本次文件不含这一天",
    became: "这笔交易现在属于「{kind}」",
    cleared: "清算日 {dates}",
    expected: "预计到账 {date}",
    act_now: "尽快处理",
};

const CASES_EN: CaseStrings = CaseStrings {
    heading: "To follow up",
    kept_here: "Every finding is a case. Its progress and notes are kept in this browser only, never uploaded. Next week's check finds the same payment again.",
    none_open: "No case to follow up.",
    more_open: "{n} more not listed",
    status_label: "Progress",
    note_label: "Note",
    note_placeholder: "e.g. 11-18 called the acquirer's hotline, ticket no. …",
    opened: "opened {date}",
    changed: "updated {date}",
    due: "due {date}",
    overdue: "overdue",
    saved_here: "Saved in this browser automatically",
    arrived_auto: "Arrived {date}, closed automatically",
    gone: "Not in the checks since {date}: confirm whether it is settled",
    closed_heading: "Closed automatically",
    export: "Export log",
    import: "Import log",
    imported: "{n} cases imported",
    import_unreadable: "Cannot import: this is not a case log file (",
    import_wrong_schema: "Cannot import: wrong file format (expected posrecon.cases/v1, got {schema})",
    import_empty_key: "Cannot import: a case in the file has no key",
    clear: "Clear log",
    clear_question: "Clear every case kept in this browser? This cannot be undone; export first.",
    clear_confirm: "Clear",
    clear_cancel: "Cancel",
    keep_files: "Keep the loaded files in this browser so a reload restores them; files are never uploaded",
    keep_files_off: "Turning this off deletes the kept files at once.",
    statuses: [
        "Not handled",
        "Contacted bank/acquirer",
        "Refunded to customer",
        "Money arrived",
        "Resolved",
    ],
    terminal: "Terminal",
    unsure: "How some files are read still needs confirming, so the case log is not updated: confirm the file's type and columns, then check again.",
    status_of: "Progress: {title}",
    not_covered: "This check's files do not cover that day",
    became: "This payment is now part of: {kind}",
    cleared: "cleared {dates}",
    expected: "expected {date}",
    act_now: "act now",
};

/// The words of the case log, in one language.
pub fn case_strings(lang: Lang) -> &'static CaseStrings {
    match lang {
        Lang::Zh => &CASES_ZH,
        Lang::En => &CASES_EN,
    }
}

/// A case status in words.
pub fn case_status(lang: Lang, status: crate::cases::CaseStatus) -> &'static str {
    let idx = crate::cases::CaseStatus::ALL.iter().position(|s| *s == status).unwrap_or(0);
    case_strings(lang).statuses[idx]
}

#[cfg(test)]
mod preview_tests {
    use super::*;

    #[test]
    fn preview_templates_take_their_number_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            let p = preview_strings(lang);
            for template in
                [p.read_rows, p.status_values, p.type_values, p.as_detected, p.more_values, p.line]
            {
                assert!(!with_n(template, 7).contains('{'), "{template}");
                assert!(with_n(template, 7).contains('7'), "{template}");
            }
        }
        assert_eq!(with_n(preview_strings(Lang::Zh).line, 3), "第 3 行");
        assert_eq!(value_meaning(Lang::Zh, "status", "approved"), "成功");
        assert_eq!(value_meaning(Lang::En, "type", "refund"), "Refund");
        assert_eq!(value_meaning(Lang::Zh, "type", "nonsense"), "nonsense");
    }
}
