//! Per-cell agreement between two sets of scores for the same proxies (ours against another
//! implementation's): Spearman ρ over the cells both scored, per proxy they share. This is the
//! check that our proxy computes what theirs does, independent of how well either predicts
//! accuracy (issue 3 §4: ≥ 0.9 against FreeREA for nwot, synflow and logsynflow).

use crate::report::score_columns::ScoreColumns;
use crate::stats::spearman;

/// One proxy's agreement.
#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    /// Proxy name (ours).
    pub proxy: String,
    /// Cells in both sets with a finite score in both.
    pub n: usize,
    /// Spearman ρ between the two scores over those cells (NaN when undefined).
    pub spearman: f64,
}

/// For every column of `ours` that `theirs` also has, ρ over the cells both contain (matched
/// by NATS index). Columns only one side has are skipped; the order is `ours`'s.
pub fn agreement(ours: &ScoreColumns, theirs: &ScoreColumns) -> Vec<Agreement> {
    let rows: Vec<(usize, usize)> = ours
        .indices
        .iter()
        .enumerate()
        .filter_map(|(r, i)| theirs.indices.iter().position(|j| j == i).map(|s| (r, s)))
        .collect();
    ours.columns
        .iter()
        .filter_map(|(name, mine)| {
            let other = theirs.column(name)?;
            let (x, y): (Vec<f64>, Vec<f64>) = rows.iter().map(|&(r, s)| (mine[r], other[s])).unzip();
            let stat = spearman(&x, &y).ok();
            Some(Agreement {
                proxy: name.clone(),
                n: stat.as_ref().map_or(0, |s| s.n),
                spearman: stat.map_or(f64::NAN, |s| s.value),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::space::Dataset;

    fn set(indices: Vec<usize>, columns: Vec<(&str, Vec<f64>)>) -> ScoreColumns {
        let columns = columns.into_iter().map(|(n, v)| (n.to_string(), v)).collect();
        ScoreColumns { dataset: Dataset::Cifar10, indices, columns }
    }

    #[test]
    fn matches_cells_by_index_and_skips_unshared_proxies_and_non_finite_scores() {
        let ours = set(vec![5, 7, 9, 11], vec![("nwot", vec![1.0, 2.0, 3.0, f64::NAN]), ("zico", vec![0.0; 4])]);
        // Same order of nwot over cells 9, 7, 5 (listed in another order); cell 11 is theirs only.
        let theirs = set(vec![9, 11, 7, 5], vec![("nwot", vec![30.0, 1.0, 20.0, 10.0]), ("synflow", vec![1.0; 4])]);
        let a = agreement(&ours, &theirs);
        assert_eq!(a.len(), 1, "only nwot is in both");
        assert_eq!((a[0].proxy.as_str(), a[0].n), ("nwot", 3));
        assert!((a[0].spearman - 1.0).abs() < 1e-12);
        let reversed = set(vec![5, 7, 9], vec![("nwot", vec![3.0, 2.0, 1.0])]);
        assert!((agreement(&ours, &reversed)[0].spearman + 1.0).abs() < 1e-12);
    }
}
