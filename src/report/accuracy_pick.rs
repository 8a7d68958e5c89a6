//! "Show me the best / median / worst cell by accuracy": the NATS index at an end or the middle
//! of a benchmark accuracy column (ties: the lowest index; NaN never picked).

/// Which cell to pick.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccuracyPick {
    /// Highest accuracy.
    Best,
    /// The median: the middle of the cells sorted by accuracy (the lower middle for an even count).
    Median,
    /// Lowest accuracy.
    Worst,
}

/// The NATS index `pick` names in `accuracy_pct` (indexed by NATS index); `None` if no value is
/// finite.
pub fn pick_by_accuracy(accuracy_pct: &[f32], pick: AccuracyPick) -> Option<usize> {
    let mut order: Vec<usize> = (0..accuracy_pct.len()).filter(|&i| accuracy_pct[i].is_finite()).collect();
    if order.is_empty() {
        return None;
    }
    order.sort_by(|&a, &b| accuracy_pct[a].total_cmp(&accuracy_pct[b]).then(a.cmp(&b)));
    match pick {
        AccuracyPick::Worst => order.first().copied(),
        AccuracyPick::Median => order.get((order.len() - 1) / 2).copied(),
        AccuracyPick::Best => {
            let top = accuracy_pct[*order.last()?];
            order.into_iter().find(|&i| accuracy_pct[i] == top)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_middle_ties_and_nan() {
        let acc = [50.0, f32::NAN, 90.0, 10.0, 90.0, 60.0];
        assert_eq!(pick_by_accuracy(&acc, AccuracyPick::Best), Some(2), "ties: lowest index");
        assert_eq!(pick_by_accuracy(&acc, AccuracyPick::Worst), Some(3));
        assert_eq!(pick_by_accuracy(&acc, AccuracyPick::Median), Some(5), "10, 50, 60, 90, 90 → 60");
        assert_eq!(pick_by_accuracy(&[f32::NAN], AccuracyPick::Best), None);
        assert_eq!(pick_by_accuracy(&[], AccuracyPick::Median), None);
    }
}
