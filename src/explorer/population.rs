//! Which cells of a score source the Compare view uses: all, a seeded random sample, the top k %
//! by ground truth (where the survey finds proxies collapse), or one cell per isomorphism class.

use crate::rng::Rng;

/// A population filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Population {
    /// Every scored cell.
    All,
    /// A seeded random sample of this many cells.
    Sample(usize),
    /// The top k % of cells by ground truth.
    TopPercent(u32),
    /// One cell per isomorphism class (the benchmark's canonical form): the lowest index.
    Unique,
}

impl Population {
    /// URL form: `all`, `sample-N`, `top-K`, `unique`.
    pub fn key(self) -> String {
        match self {
            Population::All => "all".into(),
            Population::Sample(n) => format!("sample-{n}"),
            Population::TopPercent(k) => format!("top-{k}"),
            Population::Unique => "unique".into(),
        }
    }

    /// Reads [`Population::key`]'s form; `None` for anything else (sample ≥ 10, top 1–100 %).
    pub fn parse(text: &str) -> Option<Population> {
        match text {
            "all" => Some(Population::All),
            "unique" => Some(Population::Unique),
            _ => {
                if let Some(n) = text.strip_prefix("sample-") {
                    n.parse().ok().filter(|n| *n >= 10).map(Population::Sample)
                } else {
                    let k = text.strip_prefix("top-")?.parse().ok().filter(|k| (1..=100).contains(k))?;
                    Some(Population::TopPercent(k))
                }
            }
        }
    }

    /// Description for people.
    pub fn label(self) -> String {
        match self {
            Population::All => "all scored cells".into(),
            Population::Sample(n) => format!("a random sample of {n}"),
            Population::TopPercent(k) => format!("the top {k} % by accuracy"),
            Population::Unique => "one cell per isomorphism class".into(),
        }
    }

    /// The rows to use, in ascending order. `truth[r]` is row r's ground truth (rows with NaN
    /// truth are never used), `class[r]` its isomorphism class, `seed` seeds the sample.
    pub fn select(self, truth: &[f64], class: &[usize], seed: u64) -> Vec<usize> {
        let known: Vec<usize> = (0..truth.len()).filter(|&r| truth[r].is_finite()).collect();
        let mut rows = match self {
            Population::All => known,
            Population::Sample(n) => {
                let mut rows = known;
                Rng::derive(seed, "compare-population").shuffle(&mut rows);
                rows.truncate(n);
                rows
            }
            Population::TopPercent(k) => {
                let mut rows = known;
                rows.sort_by(|&a, &b| truth[b].total_cmp(&truth[a]).then(a.cmp(&b)));
                let keep = ((rows.len() as f64 * f64::from(k) / 100.0).ceil() as usize).min(rows.len());
                rows.truncate(keep);
                rows
            }
            Population::Unique => {
                let mut seen = std::collections::HashSet::new();
                known.into_iter().filter(|&r| class.get(r).is_none_or(|c| seen.insert(*c))).collect()
            }
        };
        rows.sort_unstable();
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_bad_ones_are_refused() {
        for p in [Population::All, Population::Sample(500), Population::TopPercent(5), Population::Unique] {
            assert_eq!(Population::parse(&p.key()), Some(p));
        }
        for bad in ["", "sample-", "sample-3", "top-0", "top-101", "top-x", "best"] {
            assert_eq!(Population::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn each_filter_keeps_what_it_says() {
        let truth = [50.0, f64::NAN, 90.0, 70.0, 80.0, 60.0, 10.0, 20.0, 30.0, 40.0, 85.0];
        let class = [0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8];
        assert_eq!(Population::All.select(&truth, &class, 0).len(), 10);
        assert_eq!(Population::TopPercent(20).select(&truth, &class, 0), vec![2, 10]);
        assert_eq!(Population::Unique.select(&truth, &class, 0), vec![0, 2, 4, 5, 6, 7, 8, 9, 10]);
        let a = Population::Sample(4).select(&truth, &class, 1);
        assert_eq!(a.len(), 4);
        assert!(!a.contains(&1));
        assert_eq!(a, Population::Sample(4).select(&truth, &class, 1));
        assert_ne!(a, Population::Sample(4).select(&truth, &class, 2));
    }
}
