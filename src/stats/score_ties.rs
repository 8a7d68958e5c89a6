//! The proxy's ranking as groups of equal scores, best first: the shared basis of the
//! tie-averaged nDCG and pick, so that neither depends on the order rows come in.

use std::ops::Range;

/// Indices into `scores` sorted by score, highest first, and the ranges of that order that hold
/// equal scores (by `==`; meant for finite values). Within a group the order is ascending index,
/// which no caller may rely on: every statistic built on this treats a group as unordered.
pub fn score_tie_groups(scores: &[f64]) -> (Vec<usize>, Vec<Range<usize>>) {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    let groups = equal_runs(scores, &order).collect();
    (order, groups)
}

/// The runs of equal values (by `==`) along `order`, a sorted order of indices into `values`, as
/// ranges of positions in `order`: the tie groups behind average ranks and the tie-averaged
/// statistics alike.
pub fn equal_runs<'a>(values: &'a [f64], order: &'a [usize]) -> impl Iterator<Item = Range<usize>> + 'a {
    let mut start = 0;
    std::iter::from_fn(move || {
        let v = values[*order.get(start)?];
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == v {
            end += 1;
        }
        let run = start..end;
        start = end;
        Some(run)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_equal_scores_best_first() {
        let (order, groups) = score_tie_groups(&[1.0, 3.0, 1.0, 2.0, 3.0]);
        assert_eq!(order, vec![1, 4, 3, 0, 2]);
        assert_eq!(groups, vec![0..2, 2..3, 3..5]);
        let (order, groups) = score_tie_groups(&[]);
        assert!(order.is_empty() && groups.is_empty());
    }
}
