//! The shapes of one plot in CSS pixels, and the plot area with its axes (frame, ticks, labels),
//! shared by every kind of plot.

use crate::chart::axis::{Axis, tick_text};

/// Neutral colour for populations, axes and text, legible on white and on near-black.
pub const NEUTRAL: &str = "#7f8790";
/// Series colours (colour-blind-safe Tableau 10 order).
pub const SERIES: [&str; 8] = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7"];
/// Font of every label.
pub const FONT_PX: f64 = 12.0;

/// Horizontal alignment of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// Text starts at x.
    Start,
    /// Text is centred on x.
    Middle,
    /// Text ends at x.
    End,
}

/// One thing drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// Squares of side `size` centred on each point, one colour: a population.
    Dots {
        /// Centres.
        points: Vec<(f64, f64)>,
        /// Side length.
        size: f64,
        /// Fill colour.
        colour: String,
        /// Opacity, 0–1.
        alpha: f64,
    },
    /// A rectangle, filled and/or outlined.
    Rect {
        /// Left.
        x: f64,
        /// Top.
        y: f64,
        /// Width.
        w: f64,
        /// Height.
        h: f64,
        /// Fill colour.
        fill: Option<String>,
        /// Outline colour.
        stroke: Option<String>,
    },
    /// A polyline.
    Line {
        /// Vertices, in order.
        points: Vec<(f64, f64)>,
        /// Stroke colour.
        colour: String,
        /// Stroke width.
        width: f64,
        /// Dashed.
        dashed: bool,
    },
    /// A filled, outlined circle (a marked point).
    Circle {
        /// Centre x.
        x: f64,
        /// Centre y.
        y: f64,
        /// Radius.
        r: f64,
        /// Fill colour.
        fill: String,
        /// Outline colour.
        stroke: String,
    },
    /// A label; `vertical` turns it 90° anticlockwise about (x, y).
    Text {
        /// Anchor x.
        x: f64,
        /// Baseline y.
        y: f64,
        /// The text.
        text: String,
        /// Alignment about x.
        anchor: Anchor,
        /// Rotated −90°.
        vertical: bool,
        /// Colour.
        colour: String,
    },
}

/// Everything one plot draws, in CSS pixels of a `width` × `height` picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Picture width.
    pub width: f64,
    /// Picture height.
    pub height: f64,
    /// Shapes, back to front.
    pub shapes: Vec<Shape>,
}

/// The framed rectangle where data is drawn, with its two axes.
#[derive(Clone, Debug, PartialEq)]
pub struct PlotArea {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// Horizontal axis.
    pub x: Axis,
    /// Vertical axis.
    pub y: Axis,
}

impl PlotArea {
    /// The area of a `width` × `height` picture left after room for tick labels and titles.
    pub fn new(width: f64, height: f64, x: Axis, y: Axis) -> PlotArea {
        let (left, top, right, bottom) = (58.0, 10.0, 12.0, 42.0);
        PlotArea { left, top, width: (width - left - right).max(10.0), height: (height - top - bottom).max(10.0), x, y }
    }

    /// Pixel position of data point (x, y); `None` where an axis cannot show it.
    pub fn px(&self, x: f64, y: f64) -> Option<(f64, f64)> {
        Some((self.left + self.x.unit(x)? * self.width, self.top + (1.0 - self.y.unit(y)?) * self.height))
    }

    /// The frame, ticks, tick labels and axis titles.
    pub fn axes(&self) -> Vec<Shape> {
        let text = |x, y, t: String, anchor, vertical| Shape::Text {
            x,
            y,
            text: t,
            anchor,
            vertical,
            colour: NEUTRAL.to_string(),
        };
        let tick = |points| Shape::Line { points, colour: NEUTRAL.to_string(), width: 1.0, dashed: false };
        let mut out = vec![Shape::Rect {
            x: self.left,
            y: self.top,
            w: self.width,
            h: self.height,
            fill: None,
            stroke: Some(NEUTRAL.to_string()),
        }];
        let bottom = self.top + self.height;
        for t in self.x.ticks() {
            if let Some(u) = self.x.unit(t) {
                let px = self.left + u * self.width;
                out.push(tick(vec![(px, bottom), (px, bottom + 4.0)]));
                out.push(text(px, bottom + 16.0, tick_text(t), Anchor::Middle, false));
            }
        }
        out.push(text(self.left + self.width / 2.0, bottom + 34.0, self.x.label.clone(), Anchor::Middle, false));
        for t in self.y.ticks() {
            if let Some(u) = self.y.unit(t) {
                let py = self.top + (1.0 - u) * self.height;
                out.push(tick(vec![(self.left - 4.0, py), (self.left, py)]));
                out.push(text(self.left - 6.0, py + 4.0, tick_text(t), Anchor::End, false));
            }
        }
        out.push(text(14.0, self.top + self.height / 2.0, self.y.label.clone(), Anchor::Middle, true));
        out
    }

    /// A polyline through the data points that the axes can show (others are skipped).
    pub fn line(&self, points: impl Iterator<Item = (f64, f64)>, colour: &str, width: f64, dashed: bool) -> Shape {
        Shape::Line {
            points: points.filter_map(|(x, y)| self.px(x, y)).collect(),
            colour: colour.to_string(),
            width,
            dashed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area() -> PlotArea {
        let axis = |l: &str| Axis { label: l.into(), min: 0.0, max: 10.0, log: false };
        PlotArea::new(270.0, 152.0, axis("x"), axis("y"))
    }

    #[test]
    fn data_corners_map_to_the_frame_corners() {
        let a = area();
        assert_eq!(a.px(0.0, 0.0), Some((58.0, 110.0)));
        assert_eq!(a.px(10.0, 10.0), Some((258.0, 10.0)));
        assert_eq!(a.px(f64::NAN, 1.0), None);
    }

    #[test]
    fn axes_carry_both_titles_and_every_tick_label() {
        let shapes = area().axes();
        let texts: Vec<&str> = shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert!(texts.contains(&"x") && texts.contains(&"y"));
        assert_eq!(texts.iter().filter(|t| **t == "10").count(), 2, "{texts:?}");
    }
}
