//! Entry point of the page: mounts [`posrecon_web::App`] on `<body>` and registers the service
//! worker that keeps the page's files for offline use.

fn main() {
    yew::Renderer::<posrecon_web::App>::new().render();
    posrecon_web::browser::register_service_worker();
}
