//! Entry point of the page: mounts [`posrecon_web::App`] on `<body>`.

fn main() {
    yew::Renderer::<posrecon_web::App>::new().render();
}
