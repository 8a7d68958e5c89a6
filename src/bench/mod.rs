//! Benchmark ground truth bundled with the app: the container format ([`bundle`]) and typed
//! views over each asset. Compiles for wasm32 (no file system here: callers pass bytes).

pub mod bundle;
pub mod dataset;
pub mod fbnet;
pub mod hw_vectors;
pub mod images;
pub mod nb201_accuracy;
pub mod nb201_archs;
pub mod nb201_latency;
pub mod nb201_ours;
pub mod nb201_reference;

pub use bundle::{Array, ArrayData, AssetError, Bundle, Dtype};
pub use dataset::BenchDataset;
pub use fbnet::{FBNET_LUT_METRICS, FbnetLut, FbnetSampled};
pub use hw_vectors::{FbnetVector, HwTestVectors, Nb201Vector};
pub use images::ImageBatch;
pub use nb201_accuracy::{GroundTruth, Nb201Accuracy};
pub use nb201_archs::{ArchTable, NB201_CELLS};
pub use nb201_latency::{LatencyColumn, LatencySource, NB201_OP_NAMES, Nb201Latency, OpLatencyDevice, OpLatencyModel};
pub use nb201_ours::{OURS_CELLS, OURS_PROXIES, OURS_SEED, ours_command, ours_file_name};
pub use nb201_reference::{FREEREA_SCORES, FreeReaReference, NASLIB_PROXIES, NaslibReference, NaslibSet};

/// Every bundled asset; its file in `assets/` is [`AssetName::file_name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AssetName {
    /// NATS index ↔ cell code ([`ArchTable`]).
    Nb201Archs,
    /// Ground-truth accuracies ([`Nb201Accuracy`]).
    Nb201Accuracy,
    /// Per-architecture latency tables ([`Nb201Latency`]).
    Nb201Latency,
    /// Per-op latency model ([`OpLatencyModel`]).
    Nb201OpLatency,
    /// FreeREA reference scores ([`FreeReaReference`]).
    Nb201ReferenceFreerea,
    /// NASLib reference scores ([`NaslibReference`]).
    Nb201ReferenceNaslib,
    /// CIFAR-10 image batch ([`ImageBatch`]).
    ImagesCifar10,
    /// CIFAR-100 image batch ([`ImageBatch`]).
    ImagesCifar100,
    /// ImageNet16-120 image batch ([`ImageBatch`]).
    ImagesImagenet16_120,
    /// HW-NAS-Bench test vectors ([`HwTestVectors`]).
    HwnasbenchTestVectors,
    /// FBNet per-op lookup table, 8 hardware metrics ([`FbnetLut`]).
    FbnetLut,
    /// FBNet sampled architectures and their latencies ([`FbnetSampled`]).
    FbnetSampledLatency,
}

impl AssetName {
    /// All assets.
    pub const ALL: [AssetName; 12] = [
        AssetName::Nb201Archs,
        AssetName::Nb201Accuracy,
        AssetName::Nb201Latency,
        AssetName::Nb201OpLatency,
        AssetName::Nb201ReferenceFreerea,
        AssetName::Nb201ReferenceNaslib,
        AssetName::ImagesCifar10,
        AssetName::ImagesCifar100,
        AssetName::ImagesImagenet16_120,
        AssetName::HwnasbenchTestVectors,
        AssetName::FbnetLut,
        AssetName::FbnetSampledLatency,
    ];

    /// Asset name, as stored in the bundle's `asset` metadata and used in error messages.
    pub fn name(self) -> &'static str {
        match self {
            AssetName::Nb201Archs => "nb201_archs",
            AssetName::Nb201Accuracy => "nb201_accuracy",
            AssetName::Nb201Latency => "nb201_latency",
            AssetName::Nb201OpLatency => "nb201_op_latency",
            AssetName::Nb201ReferenceFreerea => "nb201_reference_freerea",
            AssetName::Nb201ReferenceNaslib => "nb201_reference_naslib",
            AssetName::ImagesCifar10 => "images_cifar10",
            AssetName::ImagesCifar100 => "images_cifar100",
            AssetName::ImagesImagenet16_120 => "images_imagenet16_120",
            AssetName::HwnasbenchTestVectors => "hwnasbench_test_vectors",
            AssetName::FbnetLut => "fbnet_lut",
            AssetName::FbnetSampledLatency => "fbnet_sampled_latency",
        }
    }

    /// File name in `assets/` (`<name>.zsa`).
    pub fn file_name(self) -> String {
        format!("{}.zsa", self.name())
    }

    /// The image asset of `dataset`.
    pub fn images(dataset: BenchDataset) -> AssetName {
        match dataset {
            BenchDataset::Cifar10 => AssetName::ImagesCifar10,
            BenchDataset::Cifar100 => AssetName::ImagesCifar100,
            BenchDataset::ImageNet16_120 => AssetName::ImagesImagenet16_120,
        }
    }
}
