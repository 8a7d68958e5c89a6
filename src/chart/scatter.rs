//! Scatter plots (a population, an optional line through chosen points, a dashed vertical line,
//! marked points on top) and line charts, as scenes; plus finding the point under the pointer.

use crate::chart::axis::Axis;
use crate::chart::scene::{NEUTRAL, PlotArea, SERIES, Scene, Shape};

/// A marked point: drawn large, outlined, on top of the population.
#[derive(Clone, Debug, PartialEq)]
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

/// The scene of `s` on a `width` × `height` picture, the plot area (to map the pointer back to
/// data) and how many population points could be drawn.
pub fn scatter_scene(width: f64, height: f64, x: Axis, y: Axis, s: &Scatter) -> (Scene, PlotArea, usize) {
    let area = PlotArea::new(width, height, x, y);
    let mut shapes = area.axes();
    let points: Vec<(f64, f64)> = s.xs.iter().zip(s.ys).filter_map(|(&x, &y)| area.px(x, y)).collect();
    let drawn = points.len();
    shapes.push(Shape::Dots { points, size: 2.0, colour: NEUTRAL.to_string(), alpha: 0.35 });
    if !s.front.is_empty() {
        let front = s.front.iter().filter_map(|&i| Some((*s.xs.get(i)?, *s.ys.get(i)?)));
        shapes.push(area.line(front, "#e15759", 2.0, false));
    }
    if let Some(b) = s.budget {
        let bottom = if area.y.log { area.y.min.max(f64::MIN_POSITIVE) } else { area.y.min };
        shapes.push(area.line([(b, bottom), (b, area.y.max)].into_iter(), "#4e79a7", 1.5, true));
    }
    for m in s.marks {
        if let Some((px, py)) = area.px(m.x, m.y) {
            shapes.push(Shape::Circle { x: px, y: py, r: 5.0, fill: m.colour.to_string(), stroke: "#000".into() });
        }
    }
    (Scene { width, height, shapes }, area, drawn)
}

/// Each series as a coloured line through its (x, y) points, with a legend of the names.
pub fn lines_scene(width: f64, height: f64, x: Axis, y: Axis, series: &[(String, Vec<(f64, f64)>)]) -> Scene {
    let area = PlotArea::new(width, height, x, y);
    let mut shapes = area.axes();
    for (k, (_, points)) in series.iter().enumerate() {
        shapes.push(area.line(points.iter().copied(), SERIES[k % SERIES.len()], 2.0, false));
    }
    Scene { width, height, shapes }
}

/// The index of the point nearest to pixel (px, py), if one lies within `radius` pixels.
pub fn nearest(area: &PlotArea, xs: &[f64], ys: &[f64], px: f64, py: f64, radius: f64) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, (&x, &y)) in xs.iter().zip(ys).enumerate() {
        let Some((qx, qy)) = area.px(x, y) else { continue };
        let d2 = (qx - px).powi(2) + (qy - py).powi(2);
        if d2 <= radius * radius && best.is_none_or(|(_, b)| d2 < b) {
            best = Some((i, d2));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scatter_draws_every_showable_point_and_marks_on_top() {
        let xs = [1.0, 2.0, f64::NAN, 4.0];
        let ys = [1.0, 2.0, 3.0, 4.0];
        let marks = [Mark { x: 2.0, y: 2.0, colour: "#f00" }];
        let s = Scatter { xs: &xs, ys: &ys, front: &[0, 3], marks: &marks, ..Default::default() };
        let (scene, area, drawn) = scatter_scene(400.0, 300.0, Axis::fit("x", &xs), Axis::fit("y", &ys), &s);
        assert_eq!(drawn, 3);
        assert!(matches!(scene.shapes.last(), Some(Shape::Circle { .. })));
        assert!(scene.shapes.iter().any(|s| matches!(s, Shape::Line { points, .. } if points.len() == 2)));
        let (px, py) = area.px(4.0, 4.0).unwrap();
        assert_eq!(nearest(&area, &xs, &ys, px + 2.0, py, 6.0), Some(3));
        assert_eq!(nearest(&area, &xs, &ys, px + 50.0, py, 6.0), None);
    }
}
