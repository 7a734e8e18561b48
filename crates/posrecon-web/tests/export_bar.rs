//! Browser tests of the export bar: four buttons with their test hooks, the format each asks
//! for, and no second export while one is being prepared.
//!
//! Run with `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p posrecon-web --target
//! wasm32-unknown-unknown --tests` (the runner is set in `.cargo/config.toml`).

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use posrecon_engine::Lang;
use posrecon_web::components::{ExportBar, ExportBarProps};
use posrecon_web::export::ExportFormat;
use posrecon_web::state::Export;
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
    let root = render(ExportBarProps { lang: Lang::Zh, export: Export::Idle, on_export }).await;
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
    let running = render(ExportBarProps {
        lang: Lang::En,
        export: Export::Running(ExportFormat::Xlsx),
        on_export: Callback::noop(),
    })
    .await;
    assert!(button(&running, "csv").disabled());
    assert_eq!(button(&running, "xlsx").text_content().as_deref(), Some("Export Excel"));
    let bar = running.query_selector("[data-testid=export-bar]").unwrap().unwrap();
    assert_eq!(bar.get_attribute("data-state").as_deref(), Some("running"));

    let failed = render(ExportBarProps {
        lang: Lang::Zh,
        export: Export::Failed("boom".into()),
        on_export: Callback::noop(),
    })
    .await;
    assert!(!button(&failed, "csv").disabled());
    let alert = failed.query_selector("[role=alert]").unwrap().expect("the failure is shown");
    assert_eq!(alert.text_content().as_deref(), Some("导出失败：boom"));
}
