//! The three NAS-Bench-201 datasets, as the bundled assets name them.
//!
//! `bench` must not depend on `crate::space`, so it has its own small enum; the names match
//! `space::dataset::Dataset::name()` (`cifar10`, `cifar100`, `imagenet16_120`).

/// A NAS-Bench-201 dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BenchDataset {
    /// CIFAR-10, 32×32, 10 classes.
    Cifar10,
    /// CIFAR-100, 32×32, 100 classes.
    Cifar100,
    /// ImageNet16-120: 16×16 down-sampled ImageNet, 120 classes.
    ImageNet16_120,
}

impl BenchDataset {
    /// All three, in the benchmark's column order.
    pub const ALL: [BenchDataset; 3] = [BenchDataset::Cifar10, BenchDataset::Cifar100, BenchDataset::ImageNet16_120];

    /// Name used in files, array names and the CLI.
    pub fn name(self) -> &'static str {
        match self {
            BenchDataset::Cifar10 => "cifar10",
            BenchDataset::Cifar100 => "cifar100",
            BenchDataset::ImageNet16_120 => "imagenet16_120",
        }
    }

    /// Name for people.
    pub fn label(self) -> &'static str {
        match self {
            BenchDataset::Cifar10 => "CIFAR-10",
            BenchDataset::Cifar100 => "CIFAR-100",
            BenchDataset::ImageNet16_120 => "ImageNet16-120",
        }
    }

    /// The dataset called `name` (as [`BenchDataset::name`]).
    pub fn from_name(name: &str) -> Option<BenchDataset> {
        BenchDataset::ALL.into_iter().find(|d| d.name() == name)
    }

    /// Number of classes.
    pub fn classes(self) -> usize {
        match self {
            BenchDataset::Cifar10 => 10,
            BenchDataset::Cifar100 => 100,
            BenchDataset::ImageNet16_120 => 120,
        }
    }

    /// Image side in pixels.
    pub fn resolution(self) -> usize {
        match self {
            BenchDataset::Cifar10 | BenchDataset::Cifar100 => 32,
            BenchDataset::ImageNet16_120 => 16,
        }
    }

    /// Per-channel (R, G, B) normalisation mean, on the 0..1 pixel scale (from the data README).
    pub fn mean(self) -> [f32; 3] {
        match self {
            BenchDataset::Cifar10 => [0.4914, 0.4822, 0.4465],
            BenchDataset::Cifar100 => [0.5071, 0.4865, 0.4409],
            BenchDataset::ImageNet16_120 => [0.4810, 0.4575, 0.4078],
        }
    }

    /// Per-channel (R, G, B) normalisation standard deviation, on the 0..1 pixel scale.
    pub fn std(self) -> [f32; 3] {
        match self {
            BenchDataset::Cifar10 => [0.2470, 0.2435, 0.2616],
            BenchDataset::Cifar100 => [0.2673, 0.2564, 0.2762],
            BenchDataset::ImageNet16_120 => [0.2479, 0.2402, 0.2552],
        }
    }
}
