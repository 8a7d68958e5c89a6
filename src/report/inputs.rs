//! Proxy inputs from the bundled data: the image pool batches are drawn from.

use crate::bench::ImageBatch;
use crate::proxy::batch::ImagePool;

/// All bundled images of a dataset, normalised with its mean/std, as a pool for `draw_batches`.
pub fn image_pool(images: &ImageBatch) -> Option<ImagePool> {
    let all: Vec<usize> = (0..images.len()).collect();
    let pixels = images.normalized(&all)?;
    let labels = images.labels.iter().map(|&l| usize::from(l)).collect();
    Some(ImagePool { pixels, labels, resolution: images.dataset.resolution() })
}
