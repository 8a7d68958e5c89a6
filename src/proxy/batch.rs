//! Input batches on the host: real images drawn from a pool by seed, or Gaussian noise.
//! The caller (app or CLI) builds the pool from the bundled images; proxies never load data.

use crate::proxy::error::ProxyError;
use crate::proxy::protocol::{InputKind, Protocol};
use crate::rng::Rng;

/// Normalised images `[count, 3, res, res]` with labels, from which batches are drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct ImagePool {
    /// Normalised pixels, sample-major.
    pub pixels: Vec<f32>,
    /// Class of each image.
    pub labels: Vec<usize>,
    /// Side in pixels.
    pub resolution: usize,
}

impl ImagePool {
    /// Number of images.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// True when the pool holds no image.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }
}

/// One batch on the host, ready to become a tensor on any device.
#[derive(Clone, Debug, PartialEq)]
pub struct InputBatch {
    /// `[n, 3, res, res]`, sample-major.
    pub pixels: Vec<f32>,
    /// One label per sample (class index).
    pub labels: Vec<usize>,
    /// Side in pixels.
    pub resolution: usize,
}

impl InputBatch {
    /// Number of samples.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// True for an empty batch.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Standard Gaussian noise with labels drawn uniformly.
    pub fn gaussian(n: usize, resolution: usize, classes: usize, rng: &mut Rng) -> InputBatch {
        let pixels = (0..n * 3 * resolution * resolution).map(|_| rng.normal() as f32).collect();
        let labels = (0..n).map(|_| rng.below(classes as u64) as usize).collect();
        InputBatch { pixels, labels, resolution }
    }

    /// The batch restricted to sample `i` (per-sample passes).
    pub fn sample(&self, i: usize) -> InputBatch {
        let per = 3 * self.resolution * self.resolution;
        InputBatch {
            pixels: self.pixels[i * per..(i + 1) * per].to_vec(),
            labels: vec![self.labels[i]],
            resolution: self.resolution,
        }
    }
}

/// The protocol's batches for `seed`: `protocol.batches` disjoint draws of `batch_size` images
/// (a seeded shuffle of the pool), or Gaussian noise. Real input needs a pool of the dataset's
/// resolution holding enough images.
pub fn draw_batches(protocol: &Protocol, seed: u64, pool: Option<&ImagePool>) -> Result<Vec<InputBatch>, ProxyError> {
    protocol.validate()?;
    let (n, k) = (protocol.batch_size, protocol.batches);
    let res = protocol.dataset.resolution();
    let mut rng = Rng::derive(seed, "batch");
    match protocol.input {
        InputKind::Gaussian => {
            Ok((0..k).map(|_| InputBatch::gaussian(n, res, protocol.dataset.classes(), &mut rng)).collect())
        }
        InputKind::Real => {
            let pool = pool.ok_or_else(|| ProxyError::Protocol("real input needs the dataset's images".into()))?;
            if pool.resolution != res {
                return Err(ProxyError::Protocol(format!(
                    "images are {0}×{0}, the dataset needs {res}×{res}",
                    pool.resolution
                )));
            }
            // Draw without replacement while the pool lasts; a batch never repeats an image.
            let mut order: Vec<usize> = (0..pool.len()).collect();
            rng.shuffle(&mut order);
            if n > pool.len() {
                return Err(ProxyError::Protocol(format!("batch size {n} exceeds the {} bundled images", pool.len())));
            }
            let per = 3 * res * res;
            Ok((0..k)
                .map(|b| {
                    let start = (b * n) % pool.len();
                    let idx: Vec<usize> = (0..n).map(|i| order[(start + i) % pool.len()]).collect();
                    InputBatch {
                        pixels: idx.iter().flat_map(|&i| pool.pixels[i * per..(i + 1) * per].iter().copied()).collect(),
                        labels: idx.iter().map(|&i| pool.labels[i]).collect(),
                        resolution: res,
                    }
                })
                .collect())
        }
    }
}
