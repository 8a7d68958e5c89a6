//! Real image batches for data-dependent proxies: u8 N×3×H×W (RGB, 0..255) plus labels.
//!
//! CIFAR-10 and CIFAR-100: 256 images each, a deterministic class-balanced choice from the raw
//! 960 (round robin over classes in label order, each class giving its earliest unused image
//! in file order), so every prefix of the batch is as balanced as possible. ImageNet16-120: all
//! 106. The CIFAR images carry training-time augmentation (crop with padding, flip).

use super::bundle::{AssetError, Bundle};
use super::dataset::BenchDataset;

/// A batch of images of one dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageBatch {
    /// The dataset.
    pub dataset: BenchDataset,
    /// Pixels, N×3×H×W, C order, 0..255, not normalised.
    pub pixels: Vec<u8>,
    /// Class label of each image.
    pub labels: Vec<u16>,
    /// Row of each image in the raw `.npy` file (provenance).
    pub source_row: Vec<u16>,
}

impl ImageBatch {
    /// Build from a decoded `images_*` bundle: `images` u8 [N, 3, R, R], `labels` u16 [N],
    /// `source_row` u16 [N], metadata `dataset`.
    pub fn from_bundle(b: &Bundle) -> Result<ImageBatch, AssetError> {
        let name = b.meta_str("dataset")?;
        let dataset = BenchDataset::from_name(name).ok_or_else(|| b.invalid(format!("unknown dataset '{name}'")))?;
        let n = b.u16("labels")?.len();
        let r = dataset.resolution();
        b.check_shape("images", &[n, 3, r, r])?;
        b.check_shape("labels", &[n])?;
        b.check_shape("source_row", &[n])?;
        let labels = b.u16("labels")?.to_vec();
        if let Some(bad) = labels.iter().find(|&&l| usize::from(l) >= dataset.classes()) {
            return Err(b.invalid(format!("label {bad} out of range for {name}")));
        }
        Ok(ImageBatch { dataset, pixels: b.u8("images")?.to_vec(), labels, source_row: b.u16("source_row")?.to_vec() })
    }

    /// Decode and build from the bytes of an `images_*.zsa` file.
    pub fn from_bytes(bytes: &[u8]) -> Result<ImageBatch, AssetError> {
        ImageBatch::from_bundle(&Bundle::decode(bytes)?)
    }

    /// Number of images.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// True when the batch holds no images.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Values per image (3·H·W).
    pub fn image_len(&self) -> usize {
        let r = self.dataset.resolution();
        3 * r * r
    }

    /// Raw pixels of image `i` (3×H×W).
    pub fn image(&self, i: usize) -> Option<&[u8]> {
        let l = self.image_len();
        self.pixels.get(i.checked_mul(l)?..i.checked_add(1)?.checked_mul(l)?)
    }

    /// Images `indices`, normalised with the dataset's mean/std, as f32 k×3×H×W (C order),
    /// ready to feed a network. `None` when an index is out of range.
    pub fn normalized(&self, indices: &[usize]) -> Option<Vec<f32>> {
        let plane = self.image_len() / 3;
        let (mean, std) = (self.dataset.mean(), self.dataset.std());
        let mut out = Vec::with_capacity(indices.len() * self.image_len());
        for &i in indices {
            let img = self.image(i)?;
            for (c, ch) in img.chunks_exact(plane).enumerate() {
                let (m, s) = (mean[c], std[c]);
                out.extend(ch.iter().map(|&p| (f32::from(p) / 255.0 - m) / s));
            }
        }
        Some(out)
    }

    /// Labels of images `indices`; `None` when an index is out of range.
    pub fn labels_of(&self, indices: &[usize]) -> Option<Vec<u16>> {
        indices.iter().map(|&i| self.labels.get(i).copied()).collect()
    }
}
