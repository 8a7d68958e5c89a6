//! Draws a [`Scene`] on a `<canvas>` with the 2-D context, HiDPI-correct (backing store scaled
//! by `devicePixelRatio`), and the plot kinds the views use. The geometry lives in
//! [`crate::chart`], so the same scene also exports as SVG.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

pub use crate::chart::Axis;
use crate::chart::heatmap::{Grid, HeatMap, heatmap_scene};
pub use crate::chart::scatter::{Mark, Scatter};
use crate::chart::scatter::{lines_scene, scatter_scene};
use crate::chart::scene::FONT_PX;
pub use crate::chart::scene::SERIES;
use crate::chart::{Anchor, PlotArea, Scene, Shape};

/// The `<canvas>` with id `id`, if the page has one.
pub fn canvas_by_id(id: &str) -> Option<HtmlCanvasElement> {
    web_sys::window()?.document()?.get_element_by_id(id)?.dyn_into().ok()
}

/// The canvas's size in CSS pixels (at least 200 × 150).
pub fn css_size(canvas: &HtmlCanvasElement) -> (f64, f64) {
    (f64::from(canvas.client_width().max(200)), f64::from(canvas.client_height().max(150)))
}

/// Draws `scene` on `canvas`, replacing what was there.
pub fn render(canvas: &HtmlCanvasElement, scene: &Scene) -> Result<(), String> {
    let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
    canvas.set_width((scene.width * dpr) as u32);
    canvas.set_height((scene.height * dpr) as u32);
    let c: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(|e| format!("{e:?}"))?
        .ok_or("no 2-D context")?
        .dyn_into()
        .map_err(|_| "not a 2-D context")?;
    c.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0).map_err(|e| format!("{e:?}"))?;
    c.clear_rect(0.0, 0.0, scene.width, scene.height);
    c.set_font(&format!("{FONT_PX}px system-ui, sans-serif"));
    for shape in &scene.shapes {
        match shape {
            Shape::Dots { points, size, colour, alpha } => {
                c.set_fill_style_str(colour);
                c.set_global_alpha(*alpha);
                for (x, y) in points {
                    c.fill_rect(x - size / 2.0, y - size / 2.0, *size, *size);
                }
                c.set_global_alpha(1.0);
            }
            Shape::Rect { x, y, w, h, fill, stroke } => {
                if let Some(f) = fill {
                    c.set_fill_style_str(f);
                    c.fill_rect(*x, *y, *w, *h);
                }
                if let Some(s) = stroke {
                    c.set_stroke_style_str(s);
                    c.set_line_width(1.0);
                    c.stroke_rect(*x, *y, *w, *h);
                }
            }
            Shape::Line { points, colour, width, dashed } => {
                c.set_stroke_style_str(colour);
                c.set_line_width(*width);
                let dash = js_sys::Array::new();
                if *dashed {
                    dash.push(&6.0.into());
                    dash.push(&4.0.into());
                }
                let _ = c.set_line_dash(&dash);
                c.begin_path();
                for (k, (x, y)) in points.iter().enumerate() {
                    if k == 0 { c.move_to(*x, *y) } else { c.line_to(*x, *y) }
                }
                c.stroke();
                let _ = c.set_line_dash(&js_sys::Array::new());
            }
            Shape::Circle { x, y, r, fill, stroke } => {
                c.set_fill_style_str(fill);
                c.set_stroke_style_str(stroke);
                c.set_line_width(1.0);
                c.begin_path();
                let _ = c.arc(*x, *y, *r, 0.0, std::f64::consts::TAU);
                c.fill();
                c.stroke();
            }
            Shape::Text { x, y, text, anchor, vertical, colour } => {
                c.set_fill_style_str(colour);
                c.set_text_align(match anchor {
                    Anchor::Start => "left",
                    Anchor::Middle => "center",
                    Anchor::End => "right",
                });
                if *vertical {
                    c.save();
                    let _ = c.translate(*x, *y);
                    let _ = c.rotate(-std::f64::consts::FRAC_PI_2);
                    let _ = c.fill_text(text, 0.0, 0.0);
                    c.restore();
                } else {
                    let _ = c.fill_text(text, *x, *y);
                }
            }
        }
    }
    Ok(())
}

/// Draws scatter `s` at the canvas's size; returns the scene (for export), the plot area (for
/// hover) and how many points were drawn.
pub fn draw_scatter(
    canvas: &HtmlCanvasElement,
    x: Axis,
    y: Axis,
    s: &Scatter,
) -> Result<(Scene, PlotArea, usize), String> {
    let (w, h) = css_size(canvas);
    let (scene, area, drawn) = scatter_scene(w, h, x, y, s);
    render(canvas, &scene)?;
    Ok((scene, area, drawn))
}

/// Draws each series as a line at the canvas's size; returns the scene.
pub fn draw_lines(
    canvas: &HtmlCanvasElement,
    x: Axis,
    y: Axis,
    series: &[(String, Vec<(f64, f64)>)],
) -> Result<Scene, String> {
    let (w, h) = css_size(canvas);
    let scene = lines_scene(w, h, x, y, series);
    render(canvas, &scene)?;
    Ok(scene)
}

/// Draws heat map `m` at the canvas's size; returns the scene and the cell grid (for hover).
pub fn draw_heatmap(canvas: &HtmlCanvasElement, m: &HeatMap) -> Result<(Scene, Grid), String> {
    let (w, h) = css_size(canvas);
    let (scene, grid) = heatmap_scene(w, h, m);
    render(canvas, &scene)?;
    Ok((scene, grid))
}

/// Clears `canvas` (a view that failed shows nothing rather than a stale picture).
pub fn clear_plot(canvas: &HtmlCanvasElement) {
    if let Ok(Some(ctx)) = canvas.get_context("2d")
        && let Ok(c) = ctx.dyn_into::<CanvasRenderingContext2d>()
    {
        c.clear_rect(0.0, 0.0, f64::from(canvas.width()), f64::from(canvas.height()));
    }
}
