//! NB201 ground-truth accuracies (%) per NATS index, for every dataset × split/schedule.

use super::bundle::{AssetError, Bundle};
use super::dataset::BenchDataset;
use super::nb201_archs::NB201_CELLS;

/// Which benchmark accuracy to rank against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GroundTruth {
    /// Test accuracy after the 200-epoch schedule, mean over seeds (`cifar10` = trained on 50k).
    Test200(BenchDataset),
    /// `cifar10-valid`, 200 epochs: accuracy on the 25k held-out half of the training set
    /// (the ground truth of zero-cost-nas and NASLib on CIFAR-10).
    Cifar10ValidValid200,
    /// `cifar10-valid`, 200 epochs: test accuracy (trained on 25k).
    Cifar10ValidTest200,
    /// Test accuracy after the 12-epoch schedule, one random seed (not a seed mean).
    Test12(BenchDataset),
}

impl GroundTruth {
    /// All eight choices, in a stable order for menus.
    pub const ALL: [GroundTruth; 8] = [
        GroundTruth::Test200(BenchDataset::Cifar10),
        GroundTruth::Test200(BenchDataset::Cifar100),
        GroundTruth::Test200(BenchDataset::ImageNet16_120),
        GroundTruth::Cifar10ValidValid200,
        GroundTruth::Cifar10ValidTest200,
        GroundTruth::Test12(BenchDataset::Cifar10),
        GroundTruth::Test12(BenchDataset::Cifar100),
        GroundTruth::Test12(BenchDataset::ImageNet16_120),
    ];

    /// Stable key: the array name in the asset, also usable in URLs and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            GroundTruth::Test200(BenchDataset::Cifar10) => "test200_cifar10",
            GroundTruth::Test200(BenchDataset::Cifar100) => "test200_cifar100",
            GroundTruth::Test200(BenchDataset::ImageNet16_120) => "test200_imagenet16_120",
            GroundTruth::Cifar10ValidValid200 => "cifar10_valid_valid200",
            GroundTruth::Cifar10ValidTest200 => "cifar10_valid_test200",
            GroundTruth::Test12(BenchDataset::Cifar10) => "test12_cifar10",
            GroundTruth::Test12(BenchDataset::Cifar100) => "test12_cifar100",
            GroundTruth::Test12(BenchDataset::ImageNet16_120) => "test12_imagenet16_120",
        }
    }

    /// The choice whose [`GroundTruth::key`] is `key`.
    pub fn from_key(key: &str) -> Option<GroundTruth> {
        GroundTruth::ALL.into_iter().find(|g| g.key() == key)
    }

    /// Description for people, e.g. "NB201 test accuracy, 200 epochs, CIFAR-100".
    pub fn label(self) -> String {
        match self {
            GroundTruth::Test200(d) => format!("NB201 test accuracy, 200 epochs, {}", d.label()),
            GroundTruth::Cifar10ValidValid200 => "NB201 validation accuracy, 200 epochs, CIFAR-10-valid".to_string(),
            GroundTruth::Cifar10ValidTest200 => "NB201 test accuracy, 200 epochs, CIFAR-10-valid".to_string(),
            GroundTruth::Test12(d) => {
                format!("NB201 test accuracy, 12 epochs (one seed), {}", d.label())
            }
        }
    }

    /// The dataset the networks were trained on.
    pub fn dataset(self) -> BenchDataset {
        match self {
            GroundTruth::Test200(d) | GroundTruth::Test12(d) => d,
            GroundTruth::Cifar10ValidValid200 | GroundTruth::Cifar10ValidTest200 => BenchDataset::Cifar10,
        }
    }

    /// The protocol's default (PROXIES.md §1): 200-epoch test accuracy, mean over seeds, for
    /// every dataset. `cifar10-valid` (what zero-cost-nas, NASLib and MeCo use) is an option.
    pub fn default_for(dataset: BenchDataset) -> GroundTruth {
        GroundTruth::Test200(dataset)
    }
}

/// All NB201 accuracy columns, indexed by NATS index.
#[derive(Debug, Clone, PartialEq)]
pub struct Nb201Accuracy {
    columns: Vec<Vec<f32>>, // in GroundTruth::ALL order
}

impl Nb201Accuracy {
    /// Build from a decoded `nb201_accuracy` bundle (one f32 × 15,625 array per [`GroundTruth`]).
    pub fn from_bundle(b: &Bundle) -> Result<Nb201Accuracy, AssetError> {
        let mut columns = Vec::with_capacity(GroundTruth::ALL.len());
        for g in GroundTruth::ALL {
            b.check_shape(g.key(), &[NB201_CELLS])?;
            columns.push(b.f32(g.key())?.to_vec());
        }
        Ok(Nb201Accuracy { columns })
    }

    /// Decode and build from the bytes of `nb201_accuracy.zsa`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Nb201Accuracy, AssetError> {
        Nb201Accuracy::from_bundle(&Bundle::decode(bytes)?)
    }

    /// The whole column for `gt`, accuracy in percent, by NATS index.
    pub fn column_pct(&self, gt: GroundTruth) -> &[f32] {
        GroundTruth::ALL.iter().position(|&g| g == gt).and_then(|i| self.columns.get(i)).map_or(&[], Vec::as_slice)
    }

    /// Accuracy (%) of NATS index `index` under `gt`.
    pub fn accuracy_pct(&self, gt: GroundTruth, index: usize) -> Option<f32> {
        self.column_pct(gt).get(index).copied()
    }
}
