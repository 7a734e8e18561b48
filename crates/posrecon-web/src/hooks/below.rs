//! `use_below`: the panels below the fold follow a new report one task later.
//!
//! When a report arrives, creating all of the results' DOM at once (the summary, the findings
//! table's first page, the incidents, the terminal health, the charts) was one task of about
//! 100 ms at 1M attempts on a loaded machine, the longest left on the main thread. The root
//! component now renders what is above the fold (the summary and the findings table) in the
//! arrival's own render, and the panels below it from the report this hook returns, which is
//! the new one only from the next task on (a `setTimeout` of 0, see [`browser::next_task`]).
//!
//! Until then the panels below keep the report they showed (or are not there yet), and the
//! status line keeps what it said before ([`Below::painting`]): it says done once everything
//! is shown, so whoever waits for done (a merchant, a test, the benchmark) finds every panel.

use std::cell::Cell;
use std::rc::Rc;

use posrecon_engine::report::Report;
use posrecon_engine::report::steps::DepositDay;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::browser;

/// What the panels below the fold show: a report and the deposits per day drawn with it.
#[derive(Clone, Default)]
pub struct Below {
    /// The report shown, if any.
    pub report: Option<Rc<Report>>,
    /// The deposits per day (the charts).
    pub deposits: Rc<Vec<DepositDay>>,
}

impl PartialEq for Below {
    /// By identity: a new report or new deposits always arrive as a new `Rc`, and comparing
    /// reports by value walks them (see `components::same_report`).
    fn eq(&self, other: &Self) -> bool {
        let same = match (&self.report, &other.report) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        same && Rc::ptr_eq(&self.deposits, &other.deposits)
    }
}

impl Below {
    /// Whether `now`'s report is still to be shown below (`self` is what the panels below
    /// show): a report is there and it is not the one below.
    pub fn painting(&self, now: &Below) -> bool {
        match (&now.report, &self.report) {
            (Some(a), Some(b)) => !Rc::ptr_eq(a, b),
            (Some(_), None) => true,
            (None, _) => false,
        }
    }
}

/// `now`, one task late whenever it changes: what the panels below the fold show.
#[hook]
pub fn use_below(now: Below) -> Below {
    let shown = use_state_eq(|| now.clone());
    {
        let shown = shown.clone();
        use_effect_with(now, move |now| {
            let now = now.clone();
            let dropped = Rc::new(Cell::new(false));
            let later = dropped.clone();
            spawn_local(async move {
                browser::next_task().await;
                // A newer value scheduled its own task meanwhile: this one is stale.
                if !later.get() {
                    shown.set(now);
                }
            });
            move || dropped.set(true)
        });
    }
    (*shown).clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Rc<Report> {
        let json = include_str!("../../../../tests/golden/demo-week/expected.json");
        Rc::new(serde_json::from_str(json).expect("the demo week's report"))
    }

    fn below(report: Option<&Rc<Report>>) -> Below {
        Below { report: report.cloned(), deposits: Rc::default() }
    }

    #[test]
    fn the_panels_below_are_painting_until_they_show_the_report_above() {
        let (first, reworded) = (report(), report());
        // Nothing yet, then the first report: above at once, below one task later.
        assert!(!below(None).painting(&below(None)));
        assert!(below(None).painting(&below(Some(&first))));
        assert!(!below(Some(&first)).painting(&below(Some(&first))));
        // The same report by value is another report (a language switch words it again).
        assert!(below(Some(&first)).painting(&below(Some(&reworded))));
        // No report any more (files cleared): nothing to paint; the panels go with the results.
        assert!(!below(Some(&first)).painting(&below(None)));
        // Compared by identity: another deposits `Rc` is another value to show below.
        assert!(
            below(Some(&first)) != Below { deposits: Rc::new(Vec::new()), ..below(Some(&first)) }
        );
    }
}
