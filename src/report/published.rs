//! Published full-space Spearman ρ on NB201 (PROXIES.md §5), shown beside ours.

use crate::space::Dataset;

/// A published value: a single number or a range across sources.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Published {
    /// Lowest published ρ.
    pub low: f64,
    /// Highest published ρ (equal to `low` for a single value).
    pub high: f64,
    /// Where it comes from.
    pub source: &'static str,
}

impl Published {
    /// "0.75" or "0.73–0.80".
    pub fn text(&self) -> String {
        if self.low == self.high { format!("{:.2}", self.low) } else { format!("{:.2}–{:.2}", self.low, self.high) }
    }
}

const fn one(v: f64, source: &'static str) -> Published {
    Published { low: v, high: v, source }
}

/// The published ρ of `proxy` against test accuracy on `dataset`, if PROXIES.md §5 lists one.
pub fn published_spearman(proxy: &str, dataset: Dataset) -> Option<Published> {
    let d = match dataset {
        Dataset::Cifar10 => 0,
        Dataset::Cifar100 => 1,
        Dataset::ImageNet16_120 => 2,
    };
    let row: [Published; 3] = match proxy {
        "params" => [one(0.75, "deterministic"), one(0.73, "deterministic"), one(0.69, "deterministic")],
        "flops" => [one(0.73, "ZiCo paper"), one(0.71, "ZiCo paper"), one(0.67, "ZiCo paper")],
        "nwot" => [one(0.79, "FreeREA"), one(0.81, "FreeREA"), one(0.78, "FreeREA")],
        "synflow" => [one(0.77, "FreeREA"), one(0.76, "FreeREA"), one(0.75, "FreeREA")],
        "logsynflow" => [one(0.83, "FreeREA"), one(0.79, "FreeREA"), one(0.78, "FreeREA")],
        "snip" | "grad_norm" => [one(0.63, "ZiCo paper"), one(0.63, "ZiCo paper"), one(0.58, "ZiCo paper")],
        "grasp" => [one(0.54, "ZiCo paper"), one(0.51, "ZiCo paper"), one(0.56, "ZiCo paper")],
        "fisher" => [one(0.55, "ZiCo paper"), one(0.55, "ZiCo paper"), one(0.50, "ZiCo paper")],
        "jacob_cov" => [
            Published { low: 0.73, high: 0.80, source: "zero-cost-nas / VKDNW" },
            Published { low: 0.70, high: 0.82, source: "zero-cost-nas / VKDNW" },
            Published { low: 0.70, high: 0.78, source: "zero-cost-nas / VKDNW" },
        ],
        "gradsign" => [one(0.77, "ZiCo paper"), one(0.79, "ZiCo paper"), one(0.78, "ZiCo paper")],
        // Published as −κ: the proxy is lower-is-better, so its oriented ρ is comparable.
        "ntk_cond" => {
            [one(0.44, "ZiCo paper (as −κ)"), one(0.43, "ZiCo paper (as −κ)"), one(0.63, "ZiCo paper (as −κ)")]
        }
        "zen" => [one(0.38, "ZiCo paper"), one(0.36, "ZiCo paper"), one(0.40, "ZiCo paper")],
        "zico" => [one(0.80, "ZiCo paper"), one(0.81, "ZiCo paper"), one(0.79, "ZiCo paper")],
        "meco" | "meco_all" => {
            [one(0.89, "MeCo paper (cifar10-valid)"), one(0.88, "MeCo paper"), one(0.85, "MeCo paper")]
        }
        "swap" => [one(0.81, "2025 comparison"), one(0.82, "2025 comparison"), one(0.77, "2025 comparison")],
        "az_nas" => [one(0.91, "AZ-NAS paper"), one(0.90, "AZ-NAS paper"), one(0.89, "AZ-NAS paper")],
        _ => return None,
    };
    Some(row[d])
}
