//! `te_nas`: rank(−κ_NTK) + rank(linear regions) within the evaluated population (higher is
//! better). Chen et al., "Neural Architecture Search on ImageNet in Four GPU Hours: A
//! Theoretically Inspired Perspective" (TE-NAS), ICLR 2021.
//!
//! Per network it stores its two components: κ, the NTK condition number exactly as
//! [`ntk_cond`](crate::proxy::ntk_cond) computes it (lower is better), and the number of linear
//! regions as [`linear_regions`](crate::proxy::linear_regions) counts it (higher is better);
//! both come from the session, so scoring te_nas beside those two proxies costs nothing more.
//! The population step ranks each component (ties: average ranks) and adds the two ranks, so a
//! population of N networks scores between 2 and 2N. With the benchmark network the region
//! count saturates at the batch size for most cells (see `linear_regions`), so the regions rank
//! is mostly a tie and te_nas mostly follows κ's rank (40 sampled cells, batch 8: all 40 counts
//! equal 8, te_nas ρ = ntk_cond ρ = 0.30 against CIFAR-10 test accuracy).
//!
//! The per-network [`Score::value`] is that sum within a population of this one network (always
//! 2): te_nas means something only over a set of networks, which `zsnas score` ranks when every
//! cell is done (the components are stored per network for that). TE-NAS itself prunes a
//! supernet with these ranks; here they rank benchmark cells, as the zero-cost surveys do.

use crate::proxy::prelude::*;
use crate::proxy::shared::population::{Aggregate, population_scores as aggregate};

/// The components, in storage order, each with its orientation.
pub const COMPONENTS: &[(&str, Orientation)] =
    &[("kappa", Orientation::LowerIsBetter), ("regions", Orientation::HigherIsBetter)];

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "te_nas",
    kind: 'P',
    orientation: Orientation::HigherIsBetter,
    needs: Needs { population: true, ..Needs::PER_SAMPLE },
    paper: "Chen et al., Neural Architecture Search on ImageNet in Four GPU Hours (TE-NAS), ICLR 2021",
    summary: "Population-relative: the rank of the NTK's conditioning plus the rank of the linear-region count within the scored set.",
};

/// The population score of every row of components (κ, regions); NaN for a row with a missing
/// or non-finite component.
pub fn population_scores(rows: &[Vec<f64>]) -> Vec<f64> {
    let signs: Vec<f64> = COMPONENTS.iter().map(|(_, o)| o.sign()).collect();
    aggregate(rows, &signs, Aggregate::RankSum)
}

/// κ and the region count of this network; the value is its score in a population of one.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    let components = vec![s.ntk_kappa().await?, s.linear_regions().await?];
    Score::with_components(population_scores(std::slice::from_ref(&components))[0], components)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_minus_kappa_and_regions_with_ties() {
        let rows = vec![vec![100.0, 8.0], vec![10.0, 8.0], vec![10.0, 3.0], vec![1e6, 8.0]];
        // rank(−κ): 2, 3.5, 3.5, 1; rank(regions): 3, 3, 1, 3.
        assert_eq!(population_scores(&rows), vec![5.0, 6.5, 4.5, 4.0]);
    }
}
