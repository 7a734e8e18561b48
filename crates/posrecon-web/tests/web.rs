//! Browser tests: render components into a real DOM and check what a merchant would see.
//!
//! Run with `wasm-bindgen-test-runner` in headless Chromium:
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//!  CHROMEDRIVER=/usr/bin/chromedriver cargo test -p posrecon-web --target wasm32-unknown-unknown --tests`

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use posrecon_engine::Lang;
use posrecon_engine::check::CheckResult;
use posrecon_engine::report::{Finding, Report, RowNote};
use posrecon_web::components::{
    CheckPanel, CheckPanelProps, CheckResultView, CheckResultViewProps, FileCard, FileCardProps,
    FileView, FindingsTable, FindingsTableProps, IncidentList, IncidentListProps, NoFindings,
    NoFindingsProps, SummaryPanel, SummaryPanelProps,
};
use posrecon_web::state::{Check, CheckField, CheckForm, NoteList, NotesKey};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::{BaseComponent, Callback};

wasm_bindgen_test_configure!(run_in_browser);

/// A report with one dropped transaction whose response text tries to inject markup.
const REPORT: &str = r#"{
  "schema": "posrecon.report/v1",
  "generated_by": "posrecon test",
  "as_of": "2026-11-17",
  "lang": "zh",
  "settings": {},
  "inputs": [{
    "file": "终端交易明细.csv", "sheet": null, "sha256": "00", "bytes": 7300,
    "format": "csv", "encoding": "gb18030", "role": "terminal_log", "role_confidence": 0.9,
    "dialect": null, "header_line": 3, "data_rows": 42,
    "skipped_rows": [{"line": 46, "reason": "total row", "code": "total_row"}],
    "rejected_rows": [{"line": 20, "reason": "amount '12,3x' is not a number", "code": "bad_cell",
                       "field": "amount", "value": "12,3x", "problem": "not_a_number"}],
    "coverage": null, "columns": {}
  }],
  "summary": {
    "attempts": 42,
    "findings_by_kind": {"charged_but_failed": 1},
    "money_at_risk_cents": 158000
  },
  "findings": [{
    "id": "F0001", "kind": "charged_but_failed", "severity": "high",
    "amount_cents": 158000, "confidence": 0.95, "cause": "network", "incident_id": null,
    "title": "终端显示超时，但收单机构已结算 <b>1,580.00</b> 元",
    "explanation": "顾客的卡已被扣款。",
    "records": [{
      "file": "终端交易明细.csv", "sheet": null, "line": 12, "role": "terminal_log",
      "time": "2026-11-10T14:05:41", "amount_cents": 158000, "type": "sale",
      "terminal_id": "10086602", "merchant_id": null, "batch_no": null, "stan": "001004",
      "rrn": "309140500213", "auth_code": null, "card_masked": "621226******8429",
      "order_id": null, "response_code": "", "response_text": "<script>alert(1)</script>",
      "settlement_date": null
    }],
    "dates": {"settlement_dates": ["2026-11-10"], "expected_deposit_date": "2026-11-11", "escalate_after": null},
    "evidence": ["RRN 309140500213 相同"],
    "actions": ["不要让顾客重新付款", "联系收单机构确认"]
  }],
  "incidents": []
}"#;

fn report() -> Rc<Report> {
    Rc::new(serde_json::from_str(REPORT).expect("test report matches the contract"))
}

/// Mounts a component with props into a fresh `<div>` and waits until it has rendered.
async fn render<C: BaseComponent>(props: C::Properties) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn findings_table_shows_chinese_kind_amount_in_yuan_and_actions() {
    let props = FindingsTableProps {
        lang: Lang::Zh,
        report: report(),
        expanded: BTreeSet::new(),
        on_toggle: Callback::noop(),
        page: 0,
        on_page: Callback::noop(),
        send: Default::default(),
        filter: Default::default(),
        cases: Default::default(),
        on_filter: Callback::noop(),
    };
    let root = render::<FindingsTable>(props).await;
    let row = find(&root, "[data-testid=finding-row]");
    assert_eq!(row.get_attribute("data-kind").as_deref(), Some("charged_but_failed"));
    let row_text = row.text_content().unwrap();
    assert!(row_text.contains("掉单（扣款但显示失败）"), "{row_text}");
    assert!(row_text.contains("高"), "{row_text}");
    assert!(row_text.contains("2026-11-10 14:05:41"), "{row_text}");
    assert!(row_text.contains("10086602"), "{row_text}");
    assert!(row_text.contains("621226******8429"), "{row_text}");
    assert!(row_text.contains("不要让顾客重新付款"), "{row_text}");
    assert_eq!(text(&root, "[data-testid=amount]"), "1,580.00");
    // Markup in a title from the engine is text, not elements.
    assert!(row_text.contains("<b>1,580.00</b>"), "{row_text}");
    assert!(row.query_selector("b").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn untrusted_response_text_is_shown_as_text_not_run_as_a_script() {
    let props = FindingsTableProps {
        lang: Lang::Zh,
        report: report(),
        expanded: BTreeSet::from(["F0001".to_owned()]),
        on_toggle: Callback::noop(),
        page: 0,
        on_page: Callback::noop(),
        send: Default::default(),
        filter: Default::default(),
        cases: Default::default(),
        on_filter: Callback::noop(),
    };
    let root = render::<FindingsTable>(props).await;
    let detail = find(&root, ".finding-detail");
    let detail_text = detail.text_content().unwrap();
    assert!(detail_text.contains("<script>alert(1)</script>"), "{detail_text}");
    assert!(root.query_selector("script").unwrap().is_none(), "a <script> element was created");
    assert!(detail_text.contains("顾客的卡已被扣款。"));
    assert!(detail_text.contains("终端网络"), "cause label: {detail_text}");
    assert!(detail_text.contains("309140500213"), "record RRN: {detail_text}");
}

#[wasm_bindgen_test]
async fn an_opened_finding_offers_its_case_sheet_and_its_chat_text() {
    let asked = Rc::new(RefCell::new(Vec::new()));
    let ask = |what: &'static str| {
        let asked = asked.clone();
        Callback::from(move |id: String| asked.borrow_mut().push(format!("{what} {id}")))
    };
    let send = posrecon_web::components::FindingSend {
        on_sheet: ask("sheet"),
        on_copy_text: ask("text"),
        running: None,
        chat_text: Some(posrecon_web::state::ChatText {
            target: posrecon_web::export::ExportTarget::FindingText("F0001".into()),
            seq: 3,
            text: "F0001 掉单 1,580.00 元".into(),
            copy: posrecon_web::state::CopyState::Copied,
        }),
    };
    let props = FindingsTableProps {
        lang: Lang::Zh,
        report: report(),
        expanded: BTreeSet::from(["F0001".to_owned()]),
        on_toggle: Callback::noop(),
        page: 0,
        on_page: Callback::noop(),
        send,
        filter: Default::default(),
        cases: Default::default(),
        on_filter: Callback::noop(),
    };
    let root = render::<FindingsTable>(props).await;
    let sheet: HtmlElement = find(&root, "[data-testid=finding-sheet]").dyn_into().unwrap();
    let copy: HtmlElement = find(&root, "[data-testid=finding-copy-text]").dyn_into().unwrap();
    assert_eq!((sheet.tag_name().as_str(), copy.tag_name().as_str()), ("BUTTON", "BUTTON"));
    assert_eq!(text(&root, "[data-testid=finding-sheet]"), "案件单");
    assert_eq!(text(&root, "[data-testid=finding-copy-text]"), "复制微信文本");
    sheet.click();
    copy.click();
    assert_eq!(*asked.borrow(), ["sheet F0001", "text F0001"]);
    let area: web_sys::HtmlTextAreaElement =
        find(&root, "[data-testid=finding-text]").dyn_into().unwrap();
    assert_eq!(area.value(), "F0001 掉单 1,580.00 元");
    assert!(area.read_only());
    assert_eq!(text(&root, "[data-testid=copy-status]"), "已复制");
}

#[wasm_bindgen_test]
async fn the_details_button_asks_to_open_that_finding() {
    let opened = Rc::new(RefCell::new(Vec::new()));
    let on_toggle = {
        let opened = opened.clone();
        Callback::from(move |id: String| opened.borrow_mut().push(id))
    };
    let props = FindingsTableProps {
        lang: Lang::Zh,
        report: report(),
        expanded: BTreeSet::new(),
        on_toggle,
        page: 0,
        on_page: Callback::noop(),
        send: Default::default(),
        filter: Default::default(),
        cases: Default::default(),
        on_filter: Callback::noop(),
    };
    let root = render::<FindingsTable>(props).await;
    let button: HtmlElement = find(&root, "[data-testid=finding-row] button").dyn_into().unwrap();
    assert_eq!(button.text_content().as_deref(), Some("详情"));
    button.click();
    assert_eq!(*opened.borrow(), ["F0001"]);
}

#[wasm_bindgen_test]
async fn english_shows_english_labels() {
    let props = FindingsTableProps {
        lang: Lang::En,
        report: report(),
        expanded: BTreeSet::new(),
        on_toggle: Callback::noop(),
        page: 0,
        on_page: Callback::noop(),
        send: Default::default(),
        filter: Default::default(),
        cases: Default::default(),
        on_filter: Callback::noop(),
    };
    let root = render::<FindingsTable>(props).await;
    let row_text = text(&root, "[data-testid=finding-row]");
    assert!(row_text.contains("Charged but shown as failed"), "{row_text}");
    assert!(row_text.contains("High"), "{row_text}");
    assert!(text(&root, "thead").contains("Amount (CNY)"));
}

#[wasm_bindgen_test]
async fn summary_counts_kinds_and_each_count_filters_the_findings() {
    let asked = Rc::new(RefCell::new(Vec::new()));
    let on_kind = {
        let asked = asked.clone();
        Callback::from(move |kind: posrecon_engine::report::Kind| asked.borrow_mut().push(kind))
    };
    let root = render::<SummaryPanel>(SummaryPanelProps {
        lang: Lang::Zh,
        report: report(),
        awaiting_role: Vec::new(),
        filtered_kinds: BTreeSet::new(),
        on_kind,
        marks: Default::default(),
    })
    .await;
    let count = find(&root, "[data-testid=kind-count]");
    assert_eq!(count.get_attribute("data-kind").as_deref(), Some("charged_but_failed"));
    assert_eq!(count.text_content().as_deref(), Some("1"));
    // No total mixing the directions (issue 13, point 3): the direction tiles say each.
    assert!(root.query_selector("[data-testid=money-at-risk]").unwrap().is_none());
    assert!(!text(&root, "[data-testid=summary]").contains("涉及金额"));
    assert_eq!(text(&root, "[data-testid=attempts]"), "42");
    assert!(text(&root, ".kind-counts").contains("掉单（扣款但显示失败）"));
    let chip: HtmlElement = find(&root, "button[data-testid=summary-kind]").dyn_into().unwrap();
    assert_eq!(chip.get_attribute("aria-pressed").as_deref(), Some("false"));
    chip.click();
    assert_eq!(*asked.borrow(), [posrecon_engine::report::Kind::ChargedButFailed]);
}

#[wasm_bindgen_test]
async fn file_card_shows_role_encoding_rows_and_reasons() {
    let report = report();
    let file = FileView {
        id: 1,
        name: "终端交易明细.csv".to_owned(),
        size: 7300,
        inputs: report.inputs.clone(),
        not_read: false,
    };
    let props = FileCardProps {
        lang: Lang::Zh,
        file,
        on_remove: Callback::noop(),
        edit: None,
        notes: Default::default(),
        on_more_notes: Callback::noop(),
    };
    let root = render::<FileCard>(props).await;
    let card = find(&root, "[data-testid=file-card]");
    assert_eq!(card.get_attribute("data-file").as_deref(), Some("终端交易明细.csv"));
    assert_eq!(card.get_attribute("data-role").as_deref(), Some("terminal_log"));
    let card_text = card.text_content().unwrap();
    for expected in ["终端交易流水", "gb18030", "第 3 行", "金额“12,3x”不是数字", "合计行"]
    {
        assert!(card_text.contains(expected), "missing {expected:?} in {card_text}");
    }
    assert_eq!(text(&root, "[data-testid=rows-used]"), "42");
    assert_eq!(text(&root, "[data-testid=rows-rejected]"), "1");
}

#[wasm_bindgen_test]
async fn file_card_says_when_a_file_cannot_be_read() {
    let mut input = report().inputs[0].clone();
    input.role = None;
    input.error = Some("这不是对账文件".to_owned());
    let file = FileView {
        id: 2,
        name: "照片.jpg".to_owned(),
        size: 10,
        inputs: vec![input],
        not_read: false,
    };
    let props = FileCardProps {
        lang: Lang::Zh,
        file,
        on_remove: Callback::noop(),
        edit: None,
        notes: Default::default(),
        on_more_notes: Callback::noop(),
    };
    let root = render::<FileCard>(props).await;
    let card = find(&root, "[data-testid=file-card]");
    assert_eq!(card.get_attribute("data-role").as_deref(), Some(""));
    assert_eq!(text(&root, "[data-testid=file-error]"), "无法读取此文件：这不是对账文件");
    assert!(card.text_content().unwrap().contains("未识别"));
}

#[wasm_bindgen_test]
async fn no_findings_says_nothing_wrong_was_found() {
    let mut clean = (*report()).clone();
    clean.findings.clear();
    clean.summary.findings_by_kind.clear();
    let root = render::<NoFindings>(NoFindingsProps {
        lang: Lang::Zh,
        report: Rc::new(clean),
        awaiting_role: 0,
    })
    .await;
    let message = text(&root, "[data-testid=no-findings]");
    assert!(message.contains("没有发现问题"), "{message}");
}

#[wasm_bindgen_test]
async fn incidents_show_cause_period_and_terminals() {
    let mut with_incident = (*report()).clone();
    with_incident.incidents.push(
        serde_json::from_str(
            r#"{ "id": "I1", "cause": "network", "confidence": 0.8, "terminal_ids": [],
                 "start": "2026-11-07T11:00:05", "end": "2026-11-07T11:06:40", "attempts": 8,
                 "finding_ids": ["F0001"], "response_codes": {"96": 7, "98": 1},
                 "title": "11:00 起全部终端连续超时", "evidence": [], "actions": ["联系收单机构"] }"#,
        )
        .expect("incident matches the contract"),
    );
    let props = IncidentListProps {
        lang: Lang::Zh,
        report: Rc::new(with_incident),
        page: 0,
        on_page: Callback::noop(),
    };
    let root = render::<IncidentList>(props).await;
    let incident = find(&root, "[data-testid=incident]");
    assert_eq!(incident.get_attribute("data-cause").as_deref(), Some("network"));
    let incident_text = incident.text_content().unwrap();
    for expected in [
        "11:00 起全部终端连续超时",
        "终端网络",
        "2026-11-07 11:00:05",
        "全部终端",
        "8 笔",
        "96 × 7",
    ] {
        assert!(incident_text.contains(expected), "missing {expected:?} in {incident_text}");
    }
}

/// The verdict for a timeout whose reversal worked, as the engine writes it (`posrecon.check/v1`).
const CHECK_RESULT: &str = r#"{
  "schema": "posrecon.check/v1", "as_of": "2026-11-17", "lang": "zh",
  "query": {"time": "2026-11-13T17:25:00", "amount_cents": 5600, "card_last4": null,
            "wallet": null, "terminal_id": null, "window_minutes": 30},
  "verdict": "reversed_not_charged", "label": "未扣款（已冲正）",
  "title": "没有扣款：2026-11-13 17:25:03 的 56.00 元 终端显示「交易超时」，对账单里没有这笔",
  "explanation": "已加载的收单对账单覆盖清算日 2026-11-13，里面没有这笔，说明冲正成功。",
  "say_to_customer": [
    "您的卡没有被扣款：这笔付款没有成功，我们也没有收到钱。",
    "如果您看到扣款或冻结，那是银行的临时冻结，一般几分钟到24小时内自动退回，最长1–3个工作日。"
  ],
  "actions": ["向顾客重新收款（如果还没收）。"],
  "check_again_after": null,
  "records": [{
    "file": "终端交易明细.csv", "sheet": null, "line": 52, "role": "terminal_log",
    "time": "2026-11-13T17:25:03", "amount_cents": 5600, "type": "sale",
    "terminal_id": "10086603", "merchant_id": null, "batch_no": "000012", "stan": "000324",
    "rrn": null, "auth_code": null, "card_masked": "621226******8429", "order_id": null,
    "response_code": "", "response_text": "交易超时", "settlement_date": null
  }],
  "candidates": [{"verdict": "reversed_not_charged", "time": "2026-11-13T17:25:03",
                  "offset_secs": 3, "amount_cents": 5600, "card_last4": "8429",
                  "terminal_id": "10086603", "records": []}],
  "nearby": [],
  "searched": [{"file": "终端交易明细.csv", "role": "terminal_log", "coverage": null}]
}"#;

#[wasm_bindgen_test]
async fn check_result_tells_the_merchant_what_to_say_in_chinese() {
    let result: CheckResult = serde_json::from_str(CHECK_RESULT).expect("matches the contract");
    let props = CheckResultViewProps { lang: Lang::Zh, result: Rc::new(result) };
    let root = render::<CheckResultView>(props).await;
    let card = find(&root, "[data-testid=check-result]");
    assert_eq!(card.get_attribute("data-verdict").as_deref(), Some("reversed_not_charged"));
    let class = card.get_attribute("class").unwrap_or_default();
    assert!(class.contains("verdict-reversed_not_charged"), "{class}");
    let say = text(&root, "[data-testid=check-say]");
    assert!(say.contains("跟顾客这样说"), "{say}");
    assert!(say.contains("您的卡没有被扣款"), "{say}");
    assert!(say.contains("几分钟到24小时内自动退回"), "{say}");
    let all = card.text_content().unwrap();
    for expected in
        ["未扣款（已冲正）", "您要做的", "向顾客重新收款", "相关记录", "000324", "交易超时"]
    {
        assert!(all.contains(expected), "missing {expected:?} in {all}");
    }
}

#[wasm_bindgen_test]
async fn check_form_reports_input_and_submit() {
    let events = Rc::new(RefCell::new(Vec::new()));
    let on_input = {
        let events = events.clone();
        Callback::from(move |(field, value): (CheckField, String)| {
            events.borrow_mut().push(format!("{field:?}={value}"))
        })
    };
    let on_submit = {
        let events = events.clone();
        Callback::from(move |()| events.borrow_mut().push("submit".to_owned()))
    };
    let props = CheckPanelProps {
        lang: Lang::Zh,
        form: CheckForm { amount: "56".into(), ..CheckForm::default() },
        check: Check::Idle,
        state_key: "idle",
        on_input,
        on_submit,
        analysis_cancelled: false,
        on_rerun: Callback::noop(),
        has_files: true,
    };
    let root = render::<CheckPanel>(props).await;
    assert!(text(&root, "h2").contains("顾客说已付款？"));
    for hook in ["check-form", "check-time", "check-amount", "check-card", "check-terminal"] {
        find(&root, &format!("[data-testid={hook}]"));
    }
    let amount: web_sys::HtmlInputElement =
        find(&root, "[data-testid=check-amount]").dyn_into().unwrap();
    assert_eq!(amount.value(), "56");
    amount.set_value("56.00");
    // Yew listens at the root, so the event has to bubble like a real one.
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    amount.dispatch_event(&event).unwrap();
    let submit: HtmlElement = find(&root, "[data-testid=check-submit]").dyn_into().unwrap();
    submit.click();
    assert_eq!(*events.borrow(), ["Amount=56.00", "submit"]);
    assert!(root.query_selector("[data-testid=check-result]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn file_card_shows_translated_reasons_and_the_mapping_table() {
    use posrecon_web::components::CardEdit;
    let input: posrecon_engine::report::Input = serde_json::from_str(
        r#"{
        "file": "till.csv", "sheet": null, "sha256": "00", "bytes": 300,
        "format": "csv", "encoding": "utf-8", "role": "terminal_log", "role_confidence": 1.0,
        "dialect": null, "header_line": 1, "data_rows": 4,
        "skipped_rows": [{"line": 7, "reason": "blank line", "code": "blank_line"},
                         {"line": 9, "reason": "repeated header row", "code": "repeated_header"}],
        "skipped_ranges": [{"line": 10, "to_line": 19, "reason": "10 blank rows", "code": "blank_rows", "rows": 10}],
        "rejected_rows": [{"line": 6, "reason": "amount 'abc' is not a number", "code": "bad_cell",
                           "field": "amount", "value": "abc", "problem": "not_a_number"},
                          {"line": 8, "reason": "line has 1 cell but the header has 3; cannot line them up",
                           "code": "cell_count", "cells": 1, "width": 3}],
        "warnings": [{"line": 1, "reason": "saved mapping: no column 'X' for fee", "code": "mapping_no_column",
                      "column": "X", "field": "fee"}],
        "coverage": null, "columns": {"time": "When", "amount": "Money"},
        "header_signature": "when|till|money", "headers": ["When", "Till", "Money"]
    }"#,
    )
    .unwrap();
    let file = FileView {
        id: 3,
        name: "till.csv".to_owned(),
        size: 300,
        inputs: vec![input],
        not_read: false,
    };
    let edit = CardEdit {
        templates: [("when|till|money".to_owned(), "收银机流水".to_owned())].into_iter().collect(),
        ..CardEdit::default()
    };
    let props = FileCardProps {
        lang: Lang::Zh,
        file,
        on_remove: Callback::noop(),
        edit: Some(edit),
        notes: Default::default(),
        on_more_notes: Callback::noop(),
    };
    let root = render::<FileCard>(props).await;
    assert_eq!(text(&root, "[data-testid=template-applied]"), "已套用模板：收银机流水");
    assert_eq!(text(&root, "[data-testid=rows-skipped]"), "12");
    let rejected = text(&root, "[data-testid=rejected-reasons]");
    assert!(rejected.contains("金额“abc”不是数字"), "{rejected}");
    // One cell, not "cells": worded from the typed note, not parsed back from English.
    assert!(rejected.contains("这一行有 1 格，表头有 3 列，无法对齐"), "{rejected}");
    let skipped = text(&root, "[data-testid=skipped-reasons]");
    assert!(skipped.contains("空行") && skipped.contains("重复的表头"), "{skipped}");
    // Closed, the mapping panel holds no selectors; opened, one row per header.
    assert_eq!(root.query_selector_all("[data-testid=mapping-row]").unwrap().length(), 0);
    let panel = find(&root, "[data-testid=mapping-panel]");
    panel.set_attribute("open", "").unwrap();
    panel.dispatch_event(&web_sys::Event::new("toggle").unwrap()).unwrap();
    yew::scheduler::flush().await;
    let rows = root.query_selector_all("[data-testid=mapping-row]").unwrap();
    assert_eq!(rows.length(), 3);
    let table = text(&root, "[data-testid=mapping-table]");
    for expected in ["When", "Till", "Money", "交易时间", "金额", "终端号", "不使用"] {
        assert!(table.contains(expected), "missing {expected:?} in {table}");
    }
    let selected = |header: &str| {
        let select = find(&root, &format!("select[data-header={header}]"));
        select.dyn_into::<web_sys::HtmlSelectElement>().unwrap().value()
    };
    assert_eq!(selected("When"), "time");
    assert_eq!(selected("Money"), "amount");
    assert_eq!(selected("Till"), "");
    assert!(text(&root, "[data-testid=file-detected-role]").contains("终端交易流水"));
}

#[wasm_bindgen_test]
async fn a_row_carries_its_case_status_and_the_search_box_asks_to_filter() {
    use posrecon_engine::follow::{FindingCase, Followed};
    use posrecon_web::cases::{CaseBook, CaseStatus, Now};
    let mut cases = CaseBook::default();
    let now = Now { today: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(), stamp: 1 };
    let findings =
        vec![FindingCase { finding_id: "F0001".into(), key: "k1".into(), arrived: None }];
    cases.followed(&report(), &Followed { findings, earlier: Vec::new() }, now, false);
    cases.set_status("k1", CaseStatus::Contacted, now);
    let asked = Rc::new(RefCell::new(Vec::new()));
    let on_filter = {
        let asked = asked.clone();
        Callback::from(move |change| asked.borrow_mut().push(change))
    };
    let root = render::<FindingsTable>(FindingsTableProps {
        lang: Lang::Zh,
        report: report(),
        expanded: BTreeSet::new(),
        on_toggle: Callback::noop(),
        page: 0,
        on_page: Callback::noop(),
        send: Default::default(),
        filter: Default::default(),
        cases,
        on_filter,
    })
    .await;
    let row = find(&root, "[data-testid=finding-row]");
    assert_eq!(row.get_attribute("data-status").as_deref(), Some("contacted"));
    assert_eq!(text(&root, "[data-testid=case-badge]").trim(), "已联系银行/收单机构");
    assert_eq!(text(&root, "[data-testid=findings-shown]"), "显示 1 / 1 条");
    let input: web_sys::HtmlInputElement =
        find(&root, "[data-testid=findings-search]").dyn_into().unwrap();
    input.set_value("1580");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(
        asked.borrow().as_slice(),
        [posrecon_web::filter::FilterChange::Query("1580".into())]
    );
}

#[wasm_bindgen_test]
async fn a_deposit_finding_names_the_clearing_date_not_some_card() {
    // A missing deposit rests on every settled row of its clearing date; none of those cards or
    // terminals is "the" one, so the row must not show any of them.
    let mut report = (*report()).clone();
    let finding = &mut report.findings[0];
    finding.kind = posrecon_engine::report::Kind::MissingDeposit;
    finding.dates.settlement_dates = vec![chrono::NaiveDate::from_ymd_opt(2026, 11, 11).unwrap()];
    let root = render::<FindingsTable>(FindingsTableProps {
        lang: Lang::Zh,
        report: Rc::new(report),
        expanded: BTreeSet::new(),
        on_toggle: Callback::noop(),
        page: 0,
        on_page: Callback::noop(),
        send: Default::default(),
        filter: Default::default(),
        cases: Default::default(),
        on_filter: Callback::noop(),
    })
    .await;
    let row = find(&root, "[data-testid=finding-row]");
    let row_text = row.text_content().unwrap();
    assert!(row_text.contains("未到账"), "{row_text}");
    assert!(row_text.contains("2026-11-11"), "the clearing date is shown: {row_text}");
    assert!(!row_text.contains("621226******8429"), "no card from one of the rows: {row_text}");
    assert!(!row_text.contains("10086602"), "no terminal from one of the rows: {row_text}");
}

#[wasm_bindgen_test]
async fn check_form_has_a_wallet_select_that_reports_its_value() {
    let events = Rc::new(RefCell::new(Vec::new()));
    let on_input = {
        let events = events.clone();
        Callback::from(move |(field, value): (CheckField, String)| {
            events.borrow_mut().push(format!("{field:?}={value}"))
        })
    };
    let props = CheckPanelProps {
        lang: Lang::Zh,
        form: CheckForm { wallet: "alipay".into(), ..CheckForm::default() },
        check: Check::Idle,
        state_key: "idle",
        on_input,
        on_submit: Callback::noop(),
        analysis_cancelled: false,
        on_rerun: Callback::noop(),
        has_files: true,
    };
    let root = render::<CheckPanel>(props).await;
    let select: web_sys::HtmlSelectElement =
        find(&root, "[data-testid=check-wallet]").dyn_into().unwrap();
    assert_eq!(select.value(), "alipay", "the form's wallet is selected");
    let options: Vec<(String, String)> = (0..select.length())
        .filter_map(|i| select.item(i))
        .map(|o| {
            let o: web_sys::HtmlOptionElement = o.dyn_into().unwrap();
            (o.value(), o.text())
        })
        .collect();
    let values: Vec<&str> = options.iter().map(|(v, _)| v.as_str()).collect();
    assert_eq!(values, ["", "wechat", "alipay"]);
    assert!(options[0].1.contains("不确定"), "{options:?}");
    assert_eq!(options[1].1, "微信支付");
    assert_eq!(options[2].1, "支付宝");
    assert!(text(&root, "form").contains("支付方式"));
    select.set_value("wechat");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("change", &init).unwrap();
    select.dispatch_event(&event).unwrap();
    assert_eq!(*events.borrow(), ["Wallet=wechat"]);
}

#[wasm_bindgen_test]
async fn a_failed_analysis_tells_the_merchant_what_to_try() {
    let root = render::<posrecon_web::components::AnalysisStatus>(
        posrecon_web::components::AnalysisStatusProps {
            lang: Lang::Zh,
            analysis: posrecon_web::state::Analysis::Failed(
                "panicked at cfb.rs:323: range end index 120 out of range".into(),
            ),
            state_key: "error",
            revision: 1,
            matched_runs: 0,
            on_cancel: Callback::noop(),
            on_rerun: Callback::noop(),
        },
    )
    .await;
    let status = find(&root, "[data-testid=analysis-status]");
    assert_eq!(status.get_attribute("data-state").as_deref(), Some("error"));
    let text = status.text_content().unwrap();
    assert!(text.contains("分析没有完成"), "{text}");
    assert!(text.contains("移除最近加入的文件"), "{text}");
    assert!(root.query_selector("[data-testid=cancel-analysis]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_running_analysis_shows_its_progress_and_a_cancel_button() {
    let pressed = Rc::new(RefCell::new(0));
    let on_cancel = {
        let pressed = pressed.clone();
        Callback::from(move |()| *pressed.borrow_mut() += 1)
    };
    let stage = posrecon_web::agent::Stage::Reading {
        file: 1,
        files: 2,
        name: "终端流水.csv".into(),
        bytes: 120 * 1024 * 1024,
        done_bytes: 0,
        total_bytes: 200 * 1024 * 1024,
    };
    let root = render::<posrecon_web::components::AnalysisStatus>(
        posrecon_web::components::AnalysisStatusProps {
            lang: Lang::Zh,
            analysis: posrecon_web::state::Analysis::Running { previous: None, stage: Some(stage) },
            state_key: "running",
            revision: 1,
            matched_runs: 0,
            on_cancel,
            on_rerun: Callback::noop(),
        },
    )
    .await;
    let bar = find(&root, "[data-testid=analysis-progress]");
    assert_eq!(bar.tag_name(), "PROGRESS");
    assert_eq!(bar.get_attribute("max").as_deref(), Some("1000"));
    assert_eq!(bar.get_attribute("value").as_deref(), Some("0"));
    let stage = find(&root, "[data-testid=analysis-stage]").text_content().unwrap();
    assert_eq!(stage, "正在读取第 1/2 个文件：终端流水.csv（120.0 MB）");
    let elapsed = find(&root, "[data-testid=analysis-elapsed]").text_content().unwrap();
    assert!(elapsed.starts_with("已用时 0:0"), "{elapsed}");
    find(&root, "[data-testid=cancel-analysis]").unchecked_into::<HtmlElement>().click();
    assert_eq!(*pressed.borrow(), 1);
}

#[wasm_bindgen_test]
async fn a_cancelled_analysis_says_so_and_offers_to_run_it_again() {
    let pressed = Rc::new(RefCell::new(0));
    let on_rerun = {
        let pressed = pressed.clone();
        Callback::from(move |()| *pressed.borrow_mut() += 1)
    };
    let root = render::<posrecon_web::components::AnalysisStatus>(
        posrecon_web::components::AnalysisStatusProps {
            lang: Lang::En,
            analysis: posrecon_web::state::Analysis::Cancelled,
            state_key: "cancelled",
            revision: 2,
            matched_runs: 0,
            on_cancel: Callback::noop(),
            on_rerun,
        },
    )
    .await;
    let status = find(&root, "[data-testid=analysis-status]");
    assert!(status.text_content().unwrap().contains("Analysis cancelled"));
    assert!(root.query_selector("[data-testid=analysis-progress]").unwrap().is_none());
    find(&root, "[data-testid=rerun-analysis]").unchecked_into::<HtmlElement>().click();
    assert_eq!(*pressed.borrow(), 1);
}

/// A card input from the report contract with the given extra fields.
fn proof_input(file: &str, role: &str, extra: &str) -> posrecon_engine::report::Input {
    serde_json::from_str(&format!(
        r#"{{"file": "{file}", "sheet": null, "sha256": "00", "bytes": 300, "format": "csv",
            "encoding": "utf-8", "role": "{role}", "role_confidence": 0.9, "dialect": null,
            "header_line": 1, "data_rows": 42, "skipped_rows": [], "rejected_rows": [],
            "coverage": null, "columns": {{}}{extra}}}"#
    ))
    .expect("input matches the contract")
}

#[wasm_bindgen_test]
async fn file_card_shows_balance_breaks_and_the_files_own_totals() {
    let mut input = proof_input(
        "银行流水.csv",
        "bank_statement",
        r#",
        "balance_check": {"column": "余额", "lines": 42, "confirmed": 40, "order": "newest_first",
            "breaks": [
                {"line": 17, "previous_line": 18, "expected_cents": 188409, "stated_cents": 187409},
                {"line": 30, "previous_line": 31, "expected_cents": 5000, "stated_cents": 6000}]},
        "totals_checks": [
            {"line": 45, "measure": "amount", "stated": 282650, "read": 282650, "agrees": true},
            {"line": 45, "measure": "count", "stated": 5, "read": 4, "agrees": false}]"#,
    );
    input.header_line = Some(0); // read by its known layout, no header line
    let file = FileView {
        id: 4,
        name: "银行流水.csv".to_owned(),
        size: 300,
        inputs: vec![input],
        not_read: false,
    };
    let props = FileCardProps {
        lang: Lang::Zh,
        file,
        on_remove: Callback::noop(),
        edit: None,
        notes: Default::default(),
        on_more_notes: Callback::noop(),
    };
    let root = render::<FileCard>(props).await;
    assert_eq!(text(&root, "[data-testid=file-header-line]"), "无表头（按已知格式读取）");
    let balance = find(&root, "[data-testid=balance-check]");
    assert_eq!(balance.get_attribute("data-state").as_deref(), Some("breaks"));
    assert_eq!(
        text(&root, "[data-testid=balance-summary]"),
        "余额不连续：40/42 行核对一致，第 17 行、第 30 行前后对不上"
    );
    let breaks = root.query_selector_all("[data-testid=balance-break]").unwrap();
    assert_eq!(breaks.length(), 2);
    assert_eq!(
        breaks.get(0).unwrap().text_content().unwrap(),
        "第 17 行：按前一笔（第 18 行）应为 1,884.09 元，文件写 1,874.09 元"
    );
    assert_eq!(
        find(&root, "[data-testid=totals-checks]").get_attribute("data-state").as_deref(),
        Some("breaks")
    );
    assert_eq!(
        text(&root, "[data-testid=totals-check][data-measure=amount]"),
        "金额 2,826.50 元 一致（第 45 行）"
    );
    let count = find(&root, "[data-testid=totals-check][data-measure=count]");
    assert_eq!(count.get_attribute("data-agrees").as_deref(), Some("false"));
    assert_eq!(count.text_content().unwrap(), "笔数不一致：文件写 5，读到 4，差 1（第 45 行）");
    assert!(root.query_selector("[data-testid=role-doubt]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_role_in_doubt_is_asked_and_one_click_confirms_the_detected_role() {
    use posrecon_engine::model::Role;
    use posrecon_web::components::CardEdit;
    let doubt = r#", "role_doubt": {"reason": "close_runner_up", "runner_up": "order_list",
        "detail": "two roles nearly tie"}"#;
    let input = proof_input("list.csv", "terminal_log", doubt);
    let file = FileView {
        id: 5,
        name: "list.csv".to_owned(),
        size: 300,
        inputs: vec![input],
        not_read: false,
    };
    let chosen = Rc::new(RefCell::new(Vec::new()));
    let on_role = {
        let chosen = chosen.clone();
        Callback::from(move |choice: (String, Option<Role>)| chosen.borrow_mut().push(choice))
    };
    let edit = CardEdit { on_role, ..CardEdit::default() };
    let props = FileCardProps {
        lang: Lang::Zh,
        file: file.clone(),
        on_remove: Callback::noop(),
        edit: Some(edit.clone()),
        notes: Default::default(),
        on_more_notes: Callback::noop(),
    };
    let root = render::<FileCard>(props).await;
    let card = find(&root, "[data-testid=file-card]");
    assert!(card.get_attribute("class").unwrap_or_default().split(' ').any(|c| c == "in-doubt"));
    let doubt = find(&root, "[data-testid=role-doubt]");
    assert_eq!(doubt.get_attribute("data-reason").as_deref(), Some("close_runner_up"));
    assert_eq!(
        text(&root, "[data-testid=role-doubt-reason]"),
        "既像「终端交易流水」又像「收银订单」，两者难分"
    );
    assert!(doubt.text_content().unwrap().contains("确认文件类型前，不据此文件报告资金问题"));
    let confirm = find(&root, "[data-testid=confirm-role]");
    assert_eq!(confirm.text_content().unwrap(), "确认是「终端交易流水」");
    confirm.dyn_into::<HtmlElement>().unwrap().click();
    assert_eq!(*chosen.borrow(), [("list.csv".to_owned(), Some(Role::TerminalLog))]);
    // Once a role is chosen the card asks no more (while the rerun is going).
    let confirmed = CardEdit { role_override: Some(Role::TerminalLog), ..edit };
    let props = FileCardProps {
        lang: Lang::Zh,
        file,
        on_remove: Callback::noop(),
        edit: Some(confirmed),
        notes: Default::default(),
        on_more_notes: Callback::noop(),
    };
    let root = render::<FileCard>(props).await;
    assert!(root.query_selector("[data-testid=role-doubt]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_money_figure_says_how_much_of_it_the_case_log_handled() {
    // The merchant marked the finding's case 已退款给顾客 (or closed it): the figure stays what
    // the files say, and a line under it says how much of it is handled.
    let report = report();
    let finding = report.findings[0].clone();
    let mut marks = posrecon_web::components::summary::CaseMarks::default();
    let props = |marks: posrecon_web::components::summary::CaseMarks| SummaryPanelProps {
        lang: Lang::Zh,
        report: report.clone(),
        awaiting_role: Vec::new(),
        filtered_kinds: BTreeSet::new(),
        on_kind: Callback::noop(),
        marks: Rc::new(marks),
    };
    let root = render::<SummaryPanel>(props(marks.clone())).await;
    assert!(root.query_selector("[data-testid=money-handled]").unwrap().is_none());
    marks.handled.insert(finding.id.clone());
    let root = render::<SummaryPanel>(props(marks)).await;
    let yuan = posrecon_web::format::yuan(finding.amount_cents);
    assert_eq!(
        text(&root, "[data-testid=money-handled]"),
        format!("其中 {yuan} 元（1 项）已在案件记录里处理")
    );
}

#[wasm_bindgen_test]
async fn summary_counts_the_files_waiting_for_their_role() {
    let awaiting_role = vec!["收款记录.csv".to_owned()];
    let props = SummaryPanelProps {
        lang: Lang::Zh,
        report: report(),
        awaiting_role,
        filtered_kinds: BTreeSet::new(),
        on_kind: Callback::noop(),
        marks: Default::default(),
    };
    let root = render::<SummaryPanel>(props).await;
    assert_eq!(
        text(&root, "[data-testid=awaiting-role]"),
        "1 个文件需要确认类型，确认前不据此报告资金问题：收款记录.csv"
    );
    let props = SummaryPanelProps {
        lang: Lang::Zh,
        report: report(),
        awaiting_role: Vec::new(),
        filtered_kinds: BTreeSet::new(),
        on_kind: Callback::noop(),
        marks: Default::default(),
    };
    let root = render::<SummaryPanel>(props).await;
    assert!(root.query_selector("[data-testid=awaiting-role]").unwrap().is_none());
}

/// The test report with `n` copies of its finding, `F0001` to `F{n}`, and as many rejected rows.
fn many(n: usize) -> Report {
    let mut many = (*report()).clone();
    let finding = many.findings[0].clone();
    let row = many.inputs[0].rejected_rows[0].clone();
    many.findings =
        (1..=n).map(|i| Finding { id: format!("F{i:04}"), ..finding.clone() }).collect();
    many.inputs[0].rejected_rows =
        (1..=n).map(|i| RowNote { line: 100 + i as u32, ..row.clone() }).collect();
    many
}

fn ids(root: &Element, selector: &str, attribute: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()?.get_attribute(attribute))
        .collect()
}

#[wasm_bindgen_test]
async fn the_findings_table_renders_one_page_and_its_pagers_ask_for_the_next() {
    let asked = Rc::new(RefCell::new(Vec::new()));
    let on_page = {
        let asked = asked.clone();
        Callback::from(move |page: usize| asked.borrow_mut().push(page))
    };
    let root = render::<FindingsTable>(FindingsTableProps {
        lang: Lang::Zh,
        report: Rc::new(many(120)),
        expanded: BTreeSet::new(),
        on_toggle: Callback::noop(),
        page: 1,
        on_page,
        send: Default::default(),
        filter: Default::default(),
        cases: Default::default(),
        on_filter: Callback::noop(),
    })
    .await;
    let shown = ids(&root, "[data-testid=finding-row]", "data-id");
    let expected: Vec<String> = (51..=100).map(|i| format!("F{i:04}")).collect();
    assert_eq!(shown, expected, "page 2 holds findings 51 to 100, and only those");
    assert_eq!(ids(&root, "[data-testid=findings-pager]", "data-place"), ["top", "bottom"]);
    assert_eq!(text(&root, "[data-testid=page-range]"), "第 51–100 条，共 120 条");
    for button in ["page-next", "page-prev"] {
        let el: HtmlElement =
            find(&root, &format!("[data-place=bottom] [data-testid={button}]")).dyn_into().unwrap();
        assert_eq!(el.tag_name(), "BUTTON", "a button: Tab and Enter reach it");
        el.click();
    }
    assert_eq!(*asked.borrow(), [2, 0]);
}

#[wasm_bindgen_test]
async fn a_short_findings_table_has_no_pager() {
    let root = render::<FindingsTable>(FindingsTableProps {
        lang: Lang::En,
        report: Rc::new(many(50)),
        expanded: BTreeSet::new(),
        on_toggle: Callback::noop(),
        page: 0,
        on_page: Callback::noop(),
        send: Default::default(),
        filter: Default::default(),
        cases: Default::default(),
        on_filter: Callback::noop(),
    })
    .await;
    assert_eq!(ids(&root, "[data-testid=finding-row]", "data-id").len(), 50);
    assert!(root.query_selector("[data-testid=findings-pager]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_file_card_lists_three_rejected_rows_and_fifty_more_when_asked() {
    let report = many(120);
    let file = FileView {
        id: 1,
        name: "终端交易明细.csv".to_owned(),
        size: 7300,
        inputs: report.inputs,
        not_read: false,
    };
    let asked = Rc::new(RefCell::new(Vec::new()));
    let on_more_notes = {
        let asked = asked.clone();
        Callback::from(move |key: NotesKey| asked.borrow_mut().push(key))
    };
    let props = FileCardProps {
        lang: Lang::Zh,
        file: file.clone(),
        on_remove: Callback::noop(),
        edit: None,
        notes: Default::default(),
        on_more_notes,
    };
    let root = render::<FileCard>(props).await;
    let rejected = find(&root, "[data-testid=rejected-reasons]");
    assert_eq!(rejected.query_selector_all("li .line-no").unwrap().length(), 3);
    assert_eq!(text(&rejected, "[data-testid=notes-hidden]"), "还有 117 条");
    let more: HtmlElement = find(&rejected, "[data-testid=more-notes]").dyn_into().unwrap();
    assert_eq!(more.text_content().as_deref(), Some("再显示 50 条"));
    more.click();
    let key = NotesKey { file: file.name.clone(), sheet: None, list: NoteList::Rejected };
    assert_eq!(asked.borrow().as_slice(), std::slice::from_ref(&key));

    // Opened twice: 103 listed, 17 left.
    let props = FileCardProps {
        lang: Lang::Zh,
        file,
        on_remove: Callback::noop(),
        edit: None,
        notes: [(key, 2)].into_iter().collect(),
        on_more_notes: Callback::noop(),
    };
    let root = render::<FileCard>(props).await;
    let rejected = find(&root, "[data-testid=rejected-reasons]");
    assert_eq!(rejected.query_selector_all("li .line-no").unwrap().length(), 103);
    assert_eq!(text(&rejected, "[data-testid=notes-hidden]"), "还有 17 条");
    assert_eq!(text(&rejected, "[data-testid=more-notes]"), "再显示 17 条");
}

#[wasm_bindgen_test]
async fn a_check_after_a_cancel_says_the_files_need_analysing_and_offers_to_run_it() {
    let pressed = Rc::new(RefCell::new(0));
    let on_rerun = {
        let pressed = pressed.clone();
        Callback::from(move |()| *pressed.borrow_mut() += 1)
    };
    let props = CheckPanelProps {
        lang: Lang::Zh,
        form: CheckForm::default(),
        check: Check::Waiting,
        state_key: "waiting",
        on_input: Callback::noop(),
        on_submit: Callback::noop(),
        analysis_cancelled: true,
        on_rerun,
        has_files: true,
    };
    let root = render::<CheckPanel>(props).await;
    let waiting = find(&root, "[data-testid=check-waiting]").text_content().unwrap();
    assert!(waiting.contains("要先分析文件才能查这笔"), "{waiting}");
    find(&root, "[data-testid=check-rerun]").unchecked_into::<HtmlElement>().click();
    assert_eq!(*pressed.borrow(), 1);
}
