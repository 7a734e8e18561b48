//! Pictures where a shop owner would rather look than read (issue 13): terminal health
//! (terminal × day, timeouts over attempts), deposits expected against received per day, and
//! incidents on a timeline.
//!
//! The SVG comes from the engine's `report::chart`, the same drawing the owner's HTML report
//! uses, asked for with `Embed::Page`: classes and presentation attributes only, no `style=`
//! attribute and no `<style>` element, so the page's strict CSP holds. Its text comes from
//! numbers and fixed words, and every file text in it (terminal ids) is escaped by the engine, so
//! it is inserted as markup. Each chart is a `<figure>` with a caption, and the SVG carries a
//! `<title>` and `<desc>` (its text alternative); the deposits chart also has its numbers as a
//! table in a `<details>` below it. The charts scale with their `viewBox` to the screen: nothing
//! is wider than a 390 px phone.

use std::rc::Rc;

use posrecon_engine::Lang;
use posrecon_engine::report::chart::{self, Embed};
use posrecon_engine::report::steps::DepositDay;
use posrecon_engine::report::{Report, TerminalHealth};
use yew::prelude::*;

use crate::components::same_report;
use crate::format;
use crate::i18n::{chain_strings, with_n};

/// The terminal grid draws at most this many terminals (those with the most timeouts): a chain
/// of shops has hundreds, and a grid of them reads as nothing; the health cards list them all.
pub const GRID_TERMINALS: usize = 12;

/// Props of [`ChartsPanel`].
#[derive(Properties)]
pub struct ChartsPanelProps {
    /// UI language.
    pub lang: Lang,
    /// The report shown.
    pub report: Rc<Report>,
    /// Deposits expected and received per day (from the worker; empty without a bank statement).
    pub deposits: Rc<Vec<DepositDay>>,
}

impl PartialEq for ChartsPanelProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && same_report(&self.report, &other.report)
            && Rc::ptr_eq(&self.deposits, &other.deposits)
    }
}

/// `data-testid="charts"` holding one `data-testid="chart"` figure per chart there is data for
/// (`data-chart` `terminal-health`, `deposits`, `incidents`); nothing when there is none.
#[component]
pub fn ChartsPanel(props: &ChartsPanelProps) -> Html {
    let t = chain_strings(props.lang);
    let lang = props.lang;
    let report = &props.report;
    let grid = report.terminal_health.as_ref().and_then(|h| {
        let (shown, cut) = worst_terminals(h);
        chart::terminal_grid_for(&shown, lang, Embed::Page).map(|svg| {
            let caption = if cut {
                with_n(t.grid_caption_top, GRID_TERMINALS)
            } else {
                t.grid_caption.into()
            };
            (svg, caption)
        })
    });
    let deposits = chart::deposit_bars(&props.deposits, lang, Embed::Page);
    let timeline = chart::incident_timeline_for(report, lang, Embed::Page);
    if grid.is_none() && deposits.is_none() && timeline.is_none() {
        return html! {};
    }
    html! {
        <section class="charts" aria-labelledby="charts-heading" data-testid="charts">
            <h2 id="charts-heading">{ t.charts_heading }</h2>
            if let Some((svg, caption)) = grid {
                { figure("terminal-health", svg, caption, html! {}) }
            }
            if let Some(svg) = deposits {
                { figure("deposits", svg, t.deposits_caption.into(), deposit_table(lang, &props.deposits)) }
            }
            if let Some(svg) = timeline {
                { figure("incidents", svg, t.timeline_caption.into(), html! {}) }
            }
        </section>
    }
}

fn figure(name: &'static str, svg: String, caption: String, more: Html) -> Html {
    html! {
        <figure class="chart-figure" data-testid="chart" data-chart={name}>
            <div class="chart-box">{ Html::from_html_unchecked(AttrValue::from(svg)) }</div>
            <figcaption>{ caption }</figcaption>
            { more }
        </figure>
    }
}

/// The terminals with the most timeouts (at most [`GRID_TERMINALS`], in the report's order),
/// and whether some were left out.
fn worst_terminals(health: &TerminalHealth) -> (TerminalHealth, bool) {
    if health.terminals.len() <= GRID_TERMINALS {
        return (health.clone(), false);
    }
    let mut order: Vec<usize> = (0..health.terminals.len()).collect();
    order.sort_by(|a, b| {
        let (x, y) = (&health.terminals[*a], &health.terminals[*b]);
        y.dropped.cmp(&x.dropped).then(a.cmp(b))
    });
    order.truncate(GRID_TERMINALS);
    order.sort_unstable();
    let mut shown = health.clone();
    shown.terminals = order.into_iter().map(|i| health.terminals[i].clone()).collect();
    (shown, true)
}

/// The deposits chart's numbers as a table (folded): day, expected, received.
fn deposit_table(lang: Lang, days: &[DepositDay]) -> Html {
    let t = chain_strings(lang);
    html! {
        <details class="chart-table">
            <summary>{ t.deposits_table }</summary>
            <table class="data-table">
                <thead><tr>
                    <th scope="col">{ t.day }</th>
                    <th scope="col" class="num">{ t.expected }</th>
                    <th scope="col" class="num">{ t.received }</th>
                </tr></thead>
                <tbody>
                    { for days.iter().map(|d| html! {
                        <tr class={classes!((d.expected_cents != d.received_cents).then_some("is-off"))}>
                            <td>{ d.date.format("%m-%d").to_string() }</td>
                            <td class="num">{ format::yuan(d.expected_cents) }</td>
                            <td class="num">{ format::yuan(d.received_cents) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </details>
    }
}
