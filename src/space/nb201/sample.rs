//! Seeded sampling and single-edge moves, all driven by the project's [`Rng`] so that a seed
//! fixes the result on every target.

use super::{Cell, EDGES, Op, SPACE_SIZE};
use crate::rng::Rng;

/// Name of the [`Rng::derive`] stream used by [`sample_distinct`].
const SAMPLE_STREAM: &str = "space.nb201.sample";

impl Cell {
    /// A cell drawn uniformly from the whole space (one `below(15625)` draw).
    pub fn random(rng: &mut Rng) -> Cell {
        Cell::from_code(rng.below(SPACE_SIZE as u64) as u16).unwrap_or(Cell { ops: [Op::None; EDGES] })
    }

    /// A copy with exactly one edge (uniform) changed to a different op (uniform among the four).
    pub fn mutate(&self, rng: &mut Rng) -> Cell {
        let edge = rng.below(EDGES as u64) as usize;
        let shift = 1 + rng.below(Op::ALL.len() as u64 - 1) as usize;
        let mut ops = self.ops;
        ops[edge] = Op::ALL[(usize::from(ops[edge].id()) + shift) % Op::ALL.len()];
        Cell { ops }
    }

    /// All 24 single-edge mutants, edge by edge, ops in [`Op::ALL`] order.
    pub fn neighbors(&self) -> [Cell; 24] {
        let mut out = [*self; 24];
        let mut k = 0;
        for edge in 0..EDGES {
            for op in Op::ALL {
                if op != self.ops[edge] {
                    out[k].ops[edge] = op;
                    k += 1;
                }
            }
        }
        out
    }
}

/// `n` distinct cells drawn uniformly without replacement, from the stream
/// `Rng::derive(seed, "space.nb201.sample")`. `n` is clamped to 15,625 (so `usize::MAX` gives a
/// random permutation of the space); the order is the draw order.
pub fn sample_distinct(n: usize, seed: u64) -> Vec<Cell> {
    sample_distinct_with(n, &mut Rng::derive(seed, SAMPLE_STREAM))
}

/// [`sample_distinct`] drawing from a caller's generator (partial Fisher–Yates over all codes).
pub fn sample_distinct_with(n: usize, rng: &mut Rng) -> Vec<Cell> {
    let n = n.min(SPACE_SIZE);
    let mut codes: Vec<u16> = (0..SPACE_SIZE as u16).collect();
    for i in 0..n {
        let j = i + rng.below((SPACE_SIZE - i) as u64) as usize;
        codes.swap(i, j);
    }
    codes[..n].iter().filter_map(|&c| Cell::from_code(c)).collect()
}

/// Name of the [`Rng::derive`] stream used by [`stratified_indices`].
const STRATIFIED_STREAM: &str = "space.nb201.stratified";

/// `n` indices into `values`, one drawn uniformly from each of `n` equal-count strata of the
/// indices sorted by value (ties by index; non-finite values are never drawn). With the
/// benchmark's accuracies as `values` this spreads a sample evenly over the accuracy range, so
/// a small sample still has networks from every quantile; the result is in ascending value order.
pub fn stratified_indices(values: &[f32], n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).filter(|&i| values[i].is_finite()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]).then(a.cmp(&b)));
    let n = n.min(order.len());
    let mut rng = Rng::derive(seed, STRATIFIED_STREAM);
    (0..n)
        .map(|s| {
            let (start, end) = (s * order.len() / n, (s + 1) * order.len() / n);
            order[start + rng.below((end - start) as u64) as usize]
        })
        .collect()
}

#[cfg(test)]
mod stratified_tests {
    use super::stratified_indices;

    #[test]
    fn one_index_per_equal_count_stratum_in_value_order() {
        // Values 0..100 reversed: index i has value 99 - i; 10 strata of 10 values each.
        let values: Vec<f32> = (0..100).map(|i| 99.0 - i as f32).collect();
        let picks = stratified_indices(&values, 10, 3);
        assert_eq!(picks.len(), 10);
        for (s, &i) in picks.iter().enumerate() {
            let v = values[i] as usize;
            assert!((s * 10..s * 10 + 10).contains(&v), "stratum {s} drew value {v}");
        }
        assert_eq!(picks, stratified_indices(&values, 10, 3), "a seed fixes the sample");
        assert_ne!(picks, stratified_indices(&values, 10, 4), "another seed draws another sample");
    }

    #[test]
    fn skips_non_finite_values_and_clamps_n() {
        let values = [1.0, f32::NAN, 3.0, f32::INFINITY, 2.0];
        let mut picks = stratified_indices(&values, 10, 0);
        picks.sort_unstable();
        assert_eq!(picks, vec![0, 2, 4]);
        assert!(stratified_indices(&values, 0, 0).is_empty());
        assert!(stratified_indices(&[], 5, 0).is_empty());
    }
}
