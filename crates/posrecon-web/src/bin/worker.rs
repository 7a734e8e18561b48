//! Entry point of the Web Worker that runs the engine.

fn main() {
    posrecon_web::agent::install_panic_reporter();
    #[cfg(target_arch = "wasm32")]
    posrecon_web::agent::run_worker();
}
