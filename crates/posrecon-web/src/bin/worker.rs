//! Entry point of the Web Worker that runs the engine.

use gloo_worker::Registrable;

fn main() {
    posrecon_web::agent::install_panic_reporter();
    posrecon_web::agent::AnalysisWorker::registrar().register();
}
