//! The three NB201 datasets: they fix the network's head (classes) and input resolution.

use serde::{Deserialize, Serialize};

/// A dataset the benchmark trained on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Dataset {
    /// CIFAR-10: 10 classes, 32×32.
    #[default]
    #[serde(rename = "cifar10")]
    Cifar10,
    /// CIFAR-100: 100 classes, 32×32.
    #[serde(rename = "cifar100")]
    Cifar100,
    /// ImageNet16-120: 120 classes, 16×16.
    #[serde(rename = "imagenet16_120")]
    ImageNet16_120,
}

impl Dataset {
    /// All three, in the benchmark's column order.
    pub const ALL: [Dataset; 3] = [Dataset::Cifar10, Dataset::Cifar100, Dataset::ImageNet16_120];

    /// Name used in files, URLs and the CLI.
    pub fn name(self) -> &'static str {
        match self {
            Dataset::Cifar10 => "cifar10",
            Dataset::Cifar100 => "cifar100",
            Dataset::ImageNet16_120 => "imagenet16_120",
        }
    }

    /// Name for people.
    pub fn label(self) -> &'static str {
        match self {
            Dataset::Cifar10 => "CIFAR-10",
            Dataset::Cifar100 => "CIFAR-100",
            Dataset::ImageNet16_120 => "ImageNet16-120",
        }
    }

    /// Inverse of [`Dataset::name`].
    pub fn from_name(name: &str) -> Option<Dataset> {
        Self::ALL.into_iter().find(|d| d.name() == name)
    }

    /// Number of classes.
    pub fn classes(self) -> usize {
        match self {
            Dataset::Cifar10 => 10,
            Dataset::Cifar100 => 100,
            Dataset::ImageNet16_120 => 120,
        }
    }

    /// Input height = width in pixels.
    pub fn resolution(self) -> usize {
        match self {
            Dataset::Cifar10 | Dataset::Cifar100 => 32,
            Dataset::ImageNet16_120 => 16,
        }
    }
}
