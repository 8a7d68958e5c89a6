//! Our own bundled scores: `zsnas score` CSVs over a fixed accuracy-stratified sample of NB201
//! cells per dataset, so the explorer can plot our proxies against accuracy (and rank a new
//! score among them) without computing them live. The files are the CLI's output as it is
//! (`report::score_columns::parse_score_csv` reads them); this module names them and records
//! the exact command that produced them.

use super::dataset::BenchDataset;

/// Cells per dataset in the bundled sample.
pub const OURS_CELLS: usize = 200;

/// Seed of the sample and of the protocol.
pub const OURS_SEED: u64 = 0;

/// The proxies in the bundled sample: all but the two that take B passes of the whole batch per
/// cell (ntk_cond, te_nas: minutes per cell on one CPU core).
pub const OURS_PROXIES: &str = "params,flops,l2_norm,grad_norm,plain,snip,nasi,synflow,logsynflow,nwot,grasp,fisher,jacob_cov,epe_nas,zico,zen,linear_regions,nn_mass,nn_degree,meco,meco_all,swap,az_nas,gradsign,knas";

/// The asset's file name in `assets/`, e.g. `nb201_ours_cifar10.csv`.
pub fn ours_file_name(dataset: BenchDataset) -> String {
    format!("nb201_ours_{}.csv", dataset.name())
}

/// The command that wrote the asset (run from the repository root).
pub fn ours_command(dataset: BenchDataset) -> String {
    format!(
        "zsnas score --dataset {} --stratified {OURS_CELLS} --seed {OURS_SEED} --proxies {OURS_PROXIES} --out assets/{}",
        dataset.name(),
        ours_file_name(dataset)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_and_command() {
        assert_eq!(ours_file_name(BenchDataset::Cifar100), "nb201_ours_cifar100.csv");
        let c = ours_command(BenchDataset::ImageNet16_120);
        assert!(c.contains("--dataset imagenet16_120 --stratified 200 --seed 0"), "{c}");
        assert!(c.ends_with("--out assets/nb201_ours_imagenet16_120.csv"), "{c}");
    }
}
