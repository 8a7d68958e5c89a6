//! Colour scales for heat maps: diverging (correlations, −1…1) and sequential (kernels, counts).
//! Both read on light and dark backgrounds: the ends are saturated, the middle is mid-grey or
//! light, never pure white or black.

/// Which scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// Blue (low) — light grey (middle) — red (high).
    Diverging,
    /// Dark blue (low) — teal — yellow (high), like viridis.
    Sequential,
}

const DIVERGING: [(u8, u8, u8); 3] = [(44, 123, 182), (221, 221, 221), (215, 48, 39)];
const SEQUENTIAL: [(u8, u8, u8); 4] = [(68, 1, 84), (49, 104, 142), (53, 183, 121), (253, 231, 37)];

/// The colour at `t` ∈ [0, 1] (clamped; NaN → neutral grey) as `#rrggbb`.
pub fn colour_at(scale: Scale, t: f64) -> String {
    if !t.is_finite() {
        return "#7f8790".to_string();
    }
    let stops: &[(u8, u8, u8)] = match scale {
        Scale::Diverging => &DIVERGING,
        Scale::Sequential => &SEQUENTIAL,
    };
    let t = t.clamp(0.0, 1.0) * (stops.len() - 1) as f64;
    let k = (t.floor() as usize).min(stops.len() - 2);
    let f = t - k as f64;
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * f).round() as u8;
    let (a, b) = (stops[k], stops[k + 1]);
    format!("#{:02x}{:02x}{:02x}", mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_middle_and_nan() {
        assert_eq!(colour_at(Scale::Diverging, 0.0), "#2c7bb6");
        assert_eq!(colour_at(Scale::Diverging, 0.5), "#dddddd");
        assert_eq!(colour_at(Scale::Diverging, 1.0), "#d73027");
        assert_eq!(colour_at(Scale::Diverging, 7.0), "#d73027");
        assert_eq!(colour_at(Scale::Sequential, 1.0), "#fde725");
        assert_eq!(colour_at(Scale::Sequential, f64::NAN), "#7f8790");
    }
}
