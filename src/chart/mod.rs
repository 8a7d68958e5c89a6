//! Plots as plain data: an [`axis::Axis`] maps values to pixels, a [`scene::Scene`] lists the
//! shapes of one plot in CSS pixels, and two back ends draw a scene — the page's `<canvas>`
//! (`app::plot`) and an SVG document ([`svg::to_svg`]) for export. Building the scene is pure, so
//! the geometry is tested natively and the canvas and the SVG always show the same picture.

pub mod axis;
pub mod colour;
pub mod heatmap;
pub mod scatter;
pub mod scene;
pub mod svg;

pub use axis::Axis;
pub use scene::{Anchor, PlotArea, Scene, Shape};
