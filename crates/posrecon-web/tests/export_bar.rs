//! Browser tests of the export bar: four buttons with their test hooks, the format each asks
//! for, and no second export while one is being prepared; the run's 复制微信文本 and the
//! redaction checkboxes.
//!
//! Run with `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p posrecon-web --target
//! wasm32-unknown-unknown --tests` (the runner is set in `.cargo/config.toml`).

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use posrecon_engine::Lang;
use posrecon_engine::report::redact::Redaction;
use posrecon_web::components::{ExportBar, ExportBarProps};
use posrecon_web::export::ExportFormat;
use posrecon_web::export::ExportTarget;
use posrecon_web::state::{ChatText, CopyState, Export, RedactionChoice};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlButtonElement};
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

async fn render(props: ExportBarProps) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<ExportBar>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}

fn props(lang: Lang, export: Export) -> ExportBarProps {
    ExportBarProps {
        lang,
        export,
        on_export: Callback::noop(),
        redaction: Redaction::default(),
        on_redaction: Callback::noop(),
        on_copy_run_text: Callback::noop(),
        run_text: None,
    }
}

fn button(root: &Element, key: &str) -> HtmlButtonElement {
    root.query_selector(&format!("[data-testid=export-{key}]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no export-{key} button"))
        .dyn_into()
        .unwrap()
}

#[wasm_bindgen_test]
async fn each_button_asks_for_its_format_in_chinese() {
    let asked = Rc::new(RefCell::new(Vec::new()));
    let on_export = {
        let asked = asked.clone();
        Callback::from(move |format: ExportFormat| asked.borrow_mut().push(format))
    };
    let root = render(ExportBarProps { on_export, ..props(Lang::Zh, Export::Idle) }).await;
    let labels: Vec<String> = ["xlsx", "csv", "html", "json"]
        .iter()
        .map(|key| button(&root, key).text_content().unwrap_or_default())
        .collect();
    assert_eq!(labels, ["导出 Excel", "导出 CSV", "导出 HTML 报告", "导出 JSON"]);
    for key in ["xlsx", "csv", "html", "json"] {
        button(&root, key).click();
    }
    assert_eq!(
        *asked.borrow(),
        [ExportFormat::Xlsx, ExportFormat::Csv, ExportFormat::Html, ExportFormat::Json]
    );
}

#[wasm_bindgen_test]
async fn buttons_wait_while_a_file_is_prepared_and_a_failure_is_shown() {
    let running = render(props(Lang::En, Export::Running(ExportFormat::Xlsx.into()))).await;
    assert!(button(&running, "csv").disabled());
    assert_eq!(button(&running, "xlsx").text_content().as_deref(), Some("Export Excel"));
    let bar = running.query_selector("[data-testid=export-bar]").unwrap().unwrap();
    assert_eq!(bar.get_attribute("data-state").as_deref(), Some("running"));

    let failed = render(props(Lang::Zh, Export::Failed("boom".into()))).await;
    assert!(!button(&failed, "csv").disabled());
    let alert = failed.query_selector("[role=alert]").unwrap().expect("the failure is shown");
    assert_eq!(alert.text_content().as_deref(), Some("导出失败：boom"));
}

#[wasm_bindgen_test]
async fn the_redaction_boxes_and_the_run_text_say_what_they_do() {
    let chosen = Rc::new(RefCell::new(Vec::new()));
    let copied = Rc::new(RefCell::new(0));
    let on_redaction = {
        let chosen = chosen.clone();
        Callback::from(move |choice: (RedactionChoice, bool)| chosen.borrow_mut().push(choice))
    };
    let on_copy_run_text = {
        let copied = copied.clone();
        Callback::from(move |()| *copied.borrow_mut() += 1)
    };
    let run_text = Some(ChatText {
        target: ExportTarget::RunText,
        seq: 1,
        text: "本次核对：3 条问题".into(),
        copy: CopyState::Refused,
    });
    let root = render(ExportBarProps {
        on_redaction,
        on_copy_run_text,
        run_text,
        redaction: Redaction { drop_names: true, ..Redaction::default() },
        ..props(Lang::Zh, Export::Idle)
    })
    .await;
    let text = root.text_content().unwrap_or_default();
    assert!(
        text.contains("隐藏商户号和终端号")
            && text.contains("不含卡号")
            && text.contains("不含人名")
    );
    assert!(text.contains("卡号始终只显示前6后4"), "{text}");
    let checkbox = |testid: &str| -> web_sys::HtmlInputElement {
        root.query_selector(&format!("[data-testid={testid}]"))
            .unwrap()
            .unwrap()
            .dyn_into()
            .unwrap()
    };
    assert!(!checkbox("redact-mask-ids").checked());
    assert!(checkbox("redact-drop-names").checked(), "the state's choice is shown");
    checkbox("redact-mask-ids").click();
    yew::scheduler::flush().await;
    assert_eq!(*chosen.borrow(), [(RedactionChoice::MaskIds, true)]);

    let copy: HtmlButtonElement =
        root.query_selector("[data-testid=copy-run-text]").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(copy.text_content().as_deref(), Some("复制微信文本"));
    copy.click();
    assert_eq!(*copied.borrow(), 1);
    // The text is shown whether or not the clipboard took it; a refusal says how to copy it.
    let area: web_sys::HtmlTextAreaElement =
        root.query_selector("[data-testid=run-text]").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(area.value(), "本次核对：3 条问题");
    let status = root.query_selector("[data-testid=copy-status]").unwrap().unwrap();
    assert_eq!(status.get_attribute("data-state").as_deref(), Some("refused"));
}
