//! A square heat map (an n × n matrix: proxy × proxy correlations, a kernel matrix) with row and
//! column labels and a colour legend, as a scene; plus the cell under the pointer.

use crate::chart::colour::{Scale, colour_at};
use crate::chart::scene::{Anchor, NEUTRAL, Scene, Shape};

/// A legend end: three significant digits (tick labels' one digit would show 1.8e5 and 1.84e5
/// alike).
fn legend_text(v: f64) -> String {
    if v != 0.0 && (v.abs() >= 1e4 || v.abs() < 1e-2) { format!("{v:.2e}") } else { format!("{v:.3}") }
}

/// An n × n matrix to draw.
#[derive(Clone, Debug)]
pub struct HeatMap<'a> {
    /// Row (and column) labels; empty for unlabelled matrices (e.g. a batch kernel).
    pub labels: &'a [String],
    /// Side length n.
    pub n: usize,
    /// n × n values, row-major.
    pub values: &'a [f64],
    /// Value shown at the bottom and the top of the colour scale.
    pub range: (f64, f64),
    /// Colour scale.
    pub scale: Scale,
    /// Write each value in its cell (small matrices only).
    pub annotate: bool,
}

/// Where the matrix sits in the picture: to map the pointer back to a cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Grid {
    /// Left edge of the matrix.
    pub left: f64,
    /// Top edge of the matrix.
    pub top: f64,
    /// Side of one cell.
    pub cell: f64,
    /// Cells per side.
    pub n: usize,
}

impl Grid {
    /// The (row, column) under pixel (px, py).
    pub fn cell_at(&self, px: f64, py: f64) -> Option<(usize, usize)> {
        let (c, r) = ((px - self.left) / self.cell, (py - self.top) / self.cell);
        (c >= 0.0 && r >= 0.0 && (c as usize) < self.n && (r as usize) < self.n).then_some((r as usize, c as usize))
    }
}

/// The scene of `m` on a `width` × `height` picture, and its grid.
pub fn heatmap_scene(width: f64, height: f64, m: &HeatMap) -> (Scene, Grid) {
    let label_px = if m.labels.is_empty() { 8.0 } else { 96.0 };
    let legend_px = 70.0;
    let side = (width - label_px - legend_px).min(height - label_px).max(10.0);
    let n = m.n.max(1);
    let grid = Grid { left: label_px, top: label_px, cell: side / n as f64, n: m.n };
    let (lo, hi) = m.range;
    let t = |v: f64| if hi > lo { (v - lo) / (hi - lo) } else { 0.5 };
    let text = |x, y, s: String, anchor, vertical, colour: &str| Shape::Text {
        x,
        y,
        text: s,
        anchor,
        vertical,
        colour: colour.to_string(),
    };
    let mut shapes = Vec::with_capacity(m.n * m.n + 2 * m.labels.len() + 8);
    for r in 0..m.n {
        for c in 0..m.n {
            let v = m.values.get(r * m.n + c).copied().unwrap_or(f64::NAN);
            let (x, y) = (grid.left + c as f64 * grid.cell, grid.top + r as f64 * grid.cell);
            shapes.push(Shape::Rect {
                x,
                y,
                w: grid.cell,
                h: grid.cell,
                fill: Some(colour_at(m.scale, t(v))),
                stroke: None,
            });
            if m.annotate && v.is_finite() {
                let (cx, cy) = (x + grid.cell / 2.0, y + grid.cell / 2.0 + 4.0);
                shapes.push(text(cx, cy, format!("{v:.2}"), Anchor::Middle, false, "#111"));
            }
        }
    }
    for (k, label) in m.labels.iter().enumerate() {
        let mid = label_px + (k as f64 + 0.5) * grid.cell;
        shapes.push(text(label_px - 4.0, mid + 4.0, label.clone(), Anchor::End, false, NEUTRAL));
        shapes.push(text(mid + 4.0, label_px - 4.0, label.clone(), Anchor::Start, true, NEUTRAL));
    }
    // Legend: a vertical colour bar with its two ends written beside it.
    let (lx, steps) = (label_px + side + 16.0, 32);
    let bar_h = side / steps as f64;
    for k in 0..steps {
        let v = hi - (k as f64 + 0.5) / steps as f64 * (hi - lo);
        shapes.push(Shape::Rect {
            x: lx,
            y: label_px + k as f64 * bar_h,
            w: 12.0,
            h: bar_h + 0.5,
            fill: Some(colour_at(m.scale, t(v))),
            stroke: None,
        });
    }
    shapes.push(text(lx + 16.0, label_px + 10.0, legend_text(hi), Anchor::Start, false, NEUTRAL));
    shapes.push(text(lx + 16.0, label_px + side, legend_text(lo), Anchor::Start, false, NEUTRAL));
    (Scene { width, height, shapes }, grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_cell_per_entry_and_the_pointer_finds_it() {
        let labels = vec!["a".to_string(), "b".to_string()];
        let m = HeatMap {
            labels: &labels,
            n: 2,
            values: &[1.0, -0.5, -0.5, 1.0],
            range: (-1.0, 1.0),
            scale: Scale::Diverging,
            annotate: true,
        };
        let (scene, grid) = heatmap_scene(400.0, 300.0, &m);
        let fills: Vec<&String> = scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Rect { fill: Some(f), w, .. } if *w > 12.0 => Some(f),
                _ => None,
            })
            .collect();
        assert_eq!(fills, ["#d73027", "#85acca", "#85acca", "#d73027"]);
        assert_eq!(legend_text(184_320.0), "1.84e5");
        assert_eq!(legend_text(-1.0), "-1.000");
        let (x, y) = (grid.left + 1.5 * grid.cell, grid.top + 0.5 * grid.cell);
        assert_eq!(grid.cell_at(x, y), Some((0, 1)));
        assert_eq!(grid.cell_at(grid.left - 1.0, y), None);
    }
}
