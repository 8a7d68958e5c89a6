//! A scene as a standalone SVG document, for "export as SVG": the same shapes the canvas draws.

use std::fmt::Write;

use crate::chart::scene::{Anchor, FONT_PX, Scene, Shape};

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn points(p: &[(f64, f64)]) -> String {
    p.iter().map(|(x, y)| format!("{x:.2},{y:.2}")).collect::<Vec<_>>().join(" ")
}

/// The SVG document of `scene`, `width` × `height` CSS pixels, on a white background (exported
/// plots go into papers and slides).
pub fn to_svg(scene: &Scene) -> String {
    let mut s = String::new();
    let (w, h) = (scene.width, scene.height);
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="system-ui, sans-serif" font-size="{FONT_PX}"><rect width="100%" height="100%" fill="#fff"/>"##
    );
    for shape in &scene.shapes {
        match shape {
            Shape::Dots { points, size, colour, alpha } => {
                let _ = write!(s, r#"<g fill="{colour}" fill-opacity="{alpha}">"#);
                for (x, y) in points {
                    let _ = write!(
                        s,
                        r#"<rect x="{:.2}" y="{:.2}" width="{size}" height="{size}"/>"#,
                        x - size / 2.0,
                        y - size / 2.0
                    );
                }
                s.push_str("</g>");
            }
            Shape::Rect { x, y, w, h, fill, stroke } => {
                let fill = fill.as_deref().unwrap_or("none");
                let stroke = stroke.as_deref().map_or(String::new(), |c| format!(r#" stroke="{c}""#));
                let _ =
                    write!(s, r#"<rect x="{x:.2}" y="{y:.2}" width="{w:.2}" height="{h:.2}" fill="{fill}"{stroke}/>"#);
            }
            Shape::Line { points: p, colour, width, dashed } => {
                let dash = if *dashed { r#" stroke-dasharray="6 4""# } else { "" };
                let _ = write!(
                    s,
                    r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="{width}"{dash}/>"#,
                    points(p)
                );
            }
            Shape::Circle { x, y, r, fill, stroke } => {
                let _ = write!(s, r#"<circle cx="{x:.2}" cy="{y:.2}" r="{r}" fill="{fill}" stroke="{stroke}"/>"#);
            }
            Shape::Text { x, y, text, anchor, vertical, colour } => {
                let anchor = match anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                    Anchor::End => "end",
                };
                let rotate =
                    if *vertical { format!(r#" transform="rotate(-90 {x:.2} {y:.2})""#) } else { String::new() };
                let _ = write!(
                    s,
                    r#"<text x="{x:.2}" y="{y:.2}" text-anchor="{anchor}" fill="{colour}"{rotate}>{}</text>"#,
                    escape(text)
                );
            }
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::axis::Axis;
    use crate::chart::scatter::{Scatter, scatter_scene};

    #[test]
    fn a_scatter_becomes_one_rect_per_point_and_escaped_labels() {
        let xs = [1.0, 2.0, 3.0];
        let s = Scatter { xs: &xs, ys: &xs, ..Default::default() };
        let (scene, _, _) = scatter_scene(300.0, 200.0, Axis::fit("a<b & c", &xs), Axis::fit("y", &xs), &s);
        let svg = to_svg(&scene);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\""));
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains("a&lt;b &amp; c"));
        assert_eq!(svg.matches("width=\"2\" height=\"2\"").count(), 3);
        assert_eq!(svg.matches('<').count(), svg.matches('>').count());
    }
}
