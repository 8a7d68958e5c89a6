//! Plots drawn on a `<canvas>` with the 2-D context: a scatter with optional Pareto line and
//! marked points, a multi-series line chart, and a heat map of a square matrix. HiDPI-correct
//! (backing store scaled by `devicePixelRatio`), log axes where the data spans decades, colours
//! readable in light and dark.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Neutral colour for the population and axes, legible on white and on near-black.
const AXIS: &str = "#7f8790";
/// Series colours (colour-blind-safe Tableau 10 order).
pub const SERIES: [&str; 8] = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7"];

/// One axis: range, scale and label.
#[derive(Clone, Debug)]
pub struct Axis {
    /// Label under / beside the axis.
    pub label: String,
    /// Smallest value shown.
    pub min: f64,
    /// Largest value shown.
    pub max: f64,
    /// Log10 scale.
    pub log: bool,
}

impl Axis {
    /// An axis fitted to the finite (and, for log, positive) values; log when they span more
    /// than a factor of 30 and are all positive.
    pub fn fit(label: &str, values: &[f64]) -> Axis {
        let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        let min = finite.iter().copied().fold(f64::INFINITY, f64::min);
        let max = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let (min, max) = if min.is_finite() { (min, max) } else { (0.0, 1.0) };
        let log = min > 0.0 && max / min > 30.0;
        let pad = if log { 0.0 } else { (max - min).abs().max(1e-9) * 0.03 };
        Axis { label: label.to_string(), min: min - pad, max: if max > min { max + pad } else { min + 1.0 }, log }
    }

    fn unit(&self, v: f64) -> Option<f64> {
        let (a, b, v) = if self.log {
            if v <= 0.0 {
                return None;
            }
            (self.min.log10(), self.max.log10(), v.log10())
        } else {
            (self.min, self.max, v)
        };
        (v.is_finite() && b > a).then(|| (v - a) / (b - a))
    }

    fn ticks(&self) -> Vec<f64> {
        if self.log {
            let (a, b) = (self.min.log10().floor() as i32, self.max.log10().ceil() as i32);
            (a..=b).map(|e| 10f64.powi(e)).filter(|&t| t >= self.min * 0.999 && t <= self.max * 1.001).collect()
        } else {
            let span = self.max - self.min;
            let raw = span / 5.0;
            let mag = 10f64.powf(raw.log10().floor());
            let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * mag).find(|s| span / s <= 6.0).unwrap_or(mag * 10.0);
            let first = (self.min / step).ceil() as i64;
            let last = (self.max / step).floor() as i64;
            (first..=last).map(|k| k as f64 * step).collect()
        }
    }
}

fn tick_text(v: f64) -> String {
    if v != 0.0 && (v.abs() >= 1e4 || v.abs() < 1e-2) {
        format!("{v:.0e}")
    } else if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// A canvas prepared for drawing in CSS pixels, with the plot frame.
struct Frame {
    ctx: CanvasRenderingContext2d,
    left: f64,
    top: f64,
    width: f64,
    height: f64,
    x: Axis,
    y: Axis,
}

impl Frame {
    fn new(canvas: &HtmlCanvasElement, x: Axis, y: Axis) -> Result<Frame, String> {
        let css_w = f64::from(canvas.client_width().max(200));
        let css_h = f64::from(canvas.client_height().max(150));
        let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
        canvas.set_width((css_w * dpr) as u32);
        canvas.set_height((css_h * dpr) as u32);
        let ctx: CanvasRenderingContext2d = canvas
            .get_context("2d")
            .map_err(|e| format!("{e:?}"))?
            .ok_or("no 2-D context")?
            .dyn_into()
            .map_err(|_| "not a 2-D context")?;
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0).map_err(|e| format!("{e:?}"))?;
        ctx.clear_rect(0.0, 0.0, css_w, css_h);
        let (left, top, right, bottom) = (58.0, 10.0, 12.0, 42.0);
        let f = Frame { ctx, left, top, width: css_w - left - right, height: css_h - top - bottom, x, y };
        f.axes();
        Ok(f)
    }

    fn px(&self, x: f64, y: f64) -> Option<(f64, f64)> {
        Some((self.left + self.x.unit(x)? * self.width, self.top + (1.0 - self.y.unit(y)?) * self.height))
    }

    fn axes(&self) {
        let c = &self.ctx;
        c.set_stroke_style_str(AXIS);
        c.set_fill_style_str(AXIS);
        c.set_line_width(1.0);
        c.set_font("12px system-ui, sans-serif");
        c.stroke_rect(self.left, self.top, self.width, self.height);
        c.set_text_align("center");
        for t in self.x.ticks() {
            if let Some((px, _)) = self.px(t, self.y.min.max(if self.y.log { f64::MIN_POSITIVE } else { self.y.min })) {
                let bottom = self.top + self.height;
                c.begin_path();
                c.move_to(px, bottom);
                c.line_to(px, bottom + 4.0);
                c.stroke();
                let _ = c.fill_text(&tick_text(t), px, bottom + 16.0);
            }
        }
        let _ = c.fill_text(&self.x.label, self.left + self.width / 2.0, self.top + self.height + 34.0);
        c.set_text_align("right");
        for t in self.y.ticks() {
            if let Some(u) = self.y.unit(t) {
                let py = self.top + (1.0 - u) * self.height;
                c.begin_path();
                c.move_to(self.left - 4.0, py);
                c.line_to(self.left, py);
                c.stroke();
                let _ = c.fill_text(&tick_text(t), self.left - 6.0, py + 4.0);
            }
        }
        c.save();
        let _ = c.translate(14.0, self.top + self.height / 2.0);
        let _ = c.rotate(-std::f64::consts::FRAC_PI_2);
        c.set_text_align("center");
        let _ = c.fill_text(&self.y.label, 0.0, 0.0);
        c.restore();
    }

    fn polyline(&self, points: impl Iterator<Item = (f64, f64)>, colour: &str, width: f64, dashed: bool) {
        let c = &self.ctx;
        c.set_stroke_style_str(colour);
        c.set_line_width(width);
        let dash = js_sys::Array::new();
        if dashed {
            dash.push(&6.0.into());
            dash.push(&4.0.into());
        }
        let _ = c.set_line_dash(&dash);
        c.begin_path();
        let mut started = false;
        for (x, y) in points {
            if let Some((px, py)) = self.px(x, y) {
                if started {
                    c.line_to(px, py);
                } else {
                    c.move_to(px, py);
                    started = true;
                }
            }
        }
        c.stroke();
        let _ = c.set_line_dash(&js_sys::Array::new());
    }
}

/// A marked point: drawn large, outlined, on top of the population.
#[derive(Clone, Debug)]
pub struct Mark {
    /// x value.
    pub x: f64,
    /// y value.
    pub y: f64,
    /// Fill colour.
    pub colour: &'static str,
}

/// What a scatter shows: the population, the line through `front` (indices, in order), a
/// vertical line at `budget`, and `marks` on top.
#[derive(Clone, Debug, Default)]
pub struct Scatter<'a> {
    /// x of every point.
    pub xs: &'a [f64],
    /// y of every point.
    pub ys: &'a [f64],
    /// Indices joined by a line, in order (a Pareto front).
    pub front: &'a [usize],
    /// x of a dashed vertical line.
    pub budget: Option<f64>,
    /// Points drawn large on top.
    pub marks: &'a [Mark],
}

/// Draws `s` on `canvas`; returns how many points were drawn.
pub fn draw_scatter(canvas: &HtmlCanvasElement, x: Axis, y: Axis, s: &Scatter) -> Result<usize, String> {
    let Scatter { xs, ys, front, budget, marks } = *s;
    let f = Frame::new(canvas, x, y)?;
    let c = &f.ctx;
    c.set_fill_style_str(AXIS);
    c.set_global_alpha(0.35);
    let mut drawn = 0;
    for (&x, &y) in xs.iter().zip(ys) {
        if let Some((px, py)) = f.px(x, y) {
            c.fill_rect(px - 1.0, py - 1.0, 2.0, 2.0);
            drawn += 1;
        }
    }
    c.set_global_alpha(1.0);
    f.polyline(front.iter().filter_map(|&i| Some((*xs.get(i)?, *ys.get(i)?))), "#e15759", 2.0, false);
    if let Some(b) = budget {
        f.polyline([(b, f.y.min.max(1e-12)), (b, f.y.max)].into_iter(), "#4e79a7", 1.5, true);
    }
    for m in marks {
        if let Some((px, py)) = f.px(m.x, m.y) {
            c.set_fill_style_str(m.colour);
            c.set_stroke_style_str("#000");
            c.set_line_width(1.0);
            c.begin_path();
            let _ = c.arc(px, py, 5.0, 0.0, std::f64::consts::TAU);
            c.fill();
            c.stroke();
        }
    }
    Ok(drawn)
}

/// Draws each series as a line through its (x, y) points (NaN points break nothing: skipped).
pub fn draw_lines(
    canvas: &HtmlCanvasElement,
    x: Axis,
    y: Axis,
    series: &[(String, Vec<(f64, f64)>)],
) -> Result<(), String> {
    let f = Frame::new(canvas, x, y)?;
    for (k, (_, points)) in series.iter().enumerate() {
        f.polyline(points.iter().copied(), SERIES[k % SERIES.len()], 2.0, false);
    }
    Ok(())
}

/// What a heat map shows: an `n × n` matrix, row-major, on a colour scale from `min` to `max`.
#[derive(Clone, Debug)]
pub struct Heatmap<'a> {
    /// Rows (= columns).
    pub n: usize,
    /// `n × n` values, row after row.
    pub values: &'a [f64],
    /// Value at the low end of the scale (values below are clamped).
    pub min: f64,
    /// Value at the high end of the scale.
    pub max: f64,
    /// Diverging scale (blue – light grey – red, centred between min and max) for signed data
    /// such as correlations; otherwise sequential (viridis) for counts.
    pub diverging: bool,
    /// Label of both axes, e.g. "sample".
    pub axis: &'a str,
    /// Label of the colour legend, e.g. "units that agree".
    pub legend: &'a str,
}

/// Viridis, sampled at five stops: dark to bright, legible on light and dark pages.
const VIRIDIS: [(f64, f64, f64); 5] =
    [(68.0, 1.0, 84.0), (59.0, 82.0, 139.0), (33.0, 145.0, 140.0), (94.0, 201.0, 98.0), (253.0, 231.0, 37.0)];
/// ColorBrewer RdBu (reversed): blue for low, light grey in the middle, red for high.
const RDBU: [(f64, f64, f64); 5] =
    [(33.0, 102.0, 172.0), (146.0, 197.0, 222.0), (235.0, 235.0, 235.0), (244.0, 165.0, 130.0), (178.0, 24.0, 43.0)];

/// The CSS colour at `t` ∈ [0, 1] of the scale (linear between stops).
pub fn heat_colour(t: f64, diverging: bool) -> String {
    let stops = if diverging { &RDBU } else { &VIRIDIS };
    let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
    let x = t * (stops.len() - 1) as f64;
    let i = (x.floor() as usize).min(stops.len() - 2);
    let f = x - i as f64;
    let (a, b) = (stops[i], stops[i + 1]);
    let mix = |p: f64, q: f64| (p + (q - p) * f).round() as u8;
    format!("rgb({},{},{})", mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Draws `h` as a square grid of cells with a colour legend at the right (HiDPI: backing store
/// × devicePixelRatio). Non-finite values are left blank.
pub fn draw_heatmap(canvas: &HtmlCanvasElement, h: &Heatmap) -> Result<(), String> {
    let css_w = f64::from(canvas.client_width().max(240));
    let css_h = f64::from(canvas.client_height().max(200));
    let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
    canvas.set_width((css_w * dpr) as u32);
    canvas.set_height((css_h * dpr) as u32);
    let c: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(|e| format!("{e:?}"))?
        .ok_or("no 2-D context")?
        .dyn_into()
        .map_err(|_| "not a 2-D context")?;
    c.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0).map_err(|e| format!("{e:?}"))?;
    c.clear_rect(0.0, 0.0, css_w, css_h);
    if h.n == 0 || h.values.len() != h.n * h.n {
        return Err(format!("expected {0}×{0} values, got {1}", h.n, h.values.len()));
    }
    let (left, top, bottom, legend_w) = (40.0, 10.0, 36.0, 96.0);
    let side = (css_w - left - legend_w).min(css_h - top - bottom).max(10.0);
    let cell = side / h.n as f64;
    let span = if h.max > h.min { h.max - h.min } else { 1.0 };
    for i in 0..h.n {
        for j in 0..h.n {
            let v = h.values[i * h.n + j];
            if v.is_finite() {
                c.set_fill_style_str(&heat_colour((v - h.min) / span, h.diverging));
                // Overlap by a fraction of a pixel so no seams show between cells.
                c.fill_rect(left + j as f64 * cell, top + i as f64 * cell, cell + 0.5, cell + 0.5);
            }
        }
    }
    c.set_stroke_style_str(AXIS);
    c.set_fill_style_str(AXIS);
    c.set_line_width(1.0);
    c.set_font("12px system-ui, sans-serif");
    c.stroke_rect(left, top, side, side);
    // Axes: first and last sample, 1-based as people count.
    c.set_text_align("center");
    let _ = c.fill_text("1", left + cell / 2.0, top + side + 14.0);
    let _ = c.fill_text(&h.n.to_string(), left + side - cell / 2.0, top + side + 14.0);
    let _ = c.fill_text(h.axis, left + side / 2.0, top + side + 30.0);
    c.set_text_align("right");
    let _ = c.fill_text("1", left - 6.0, top + cell / 2.0 + 4.0);
    let _ = c.fill_text(&h.n.to_string(), left - 6.0, top + side - cell / 2.0 + 4.0);
    c.save();
    let _ = c.translate(14.0, top + side / 2.0);
    let _ = c.rotate(-std::f64::consts::FRAC_PI_2);
    c.set_text_align("center");
    let _ = c.fill_text(h.axis, 0.0, 0.0);
    c.restore();
    // Legend: a vertical bar from max (top) to min (bottom), with three labelled ticks.
    let (bar_x, bar_w) = (left + side + 16.0, 14.0);
    let steps = 64;
    for k in 0..steps {
        let t = 1.0 - k as f64 / steps as f64;
        c.set_fill_style_str(&heat_colour(t, h.diverging));
        c.fill_rect(bar_x, top + k as f64 * side / steps as f64, bar_w, side / steps as f64 + 0.5);
    }
    c.set_stroke_style_str(AXIS);
    c.stroke_rect(bar_x, top, bar_w, side);
    c.set_fill_style_str(AXIS);
    c.set_text_align("left");
    for (t, v) in [(1.0, h.max), (0.5, (h.min + h.max) / 2.0), (0.0, h.min)] {
        let _ = c.fill_text(&legend_text(v), bar_x + bar_w + 4.0, top + (1.0 - t) * side + 4.0);
    }
    c.save();
    let _ = c.translate(css_w - 6.0, top + side / 2.0);
    let _ = c.rotate(-std::f64::consts::FRAC_PI_2);
    c.set_text_align("center");
    let _ = c.fill_text(h.legend, 0.0, 0.0);
    c.restore();
    Ok(())
}

/// A legend value: counts in full up to 10⁴, then 4 significant digits; fractions with 2.
fn legend_text(v: f64) -> String {
    if v.abs() >= 1e4 {
        format!("{v:.3e}")
    } else if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

/// Blanks `canvas` (e.g. when the data it showed could not be computed for a new cell).
pub fn clear_plot(canvas: &HtmlCanvasElement) {
    let context = canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok());
    if let Some(c) = context {
        let _ = c.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        c.clear_rect(0.0, 0.0, f64::from(canvas.width()), f64::from(canvas.height()));
    }
}
