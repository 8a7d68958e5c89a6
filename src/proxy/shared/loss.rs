//! Cross-entropy, mean over the batch (PROXIES.md §1), and label one-hots.

use burn::tensor::activation::log_softmax;
use burn::tensor::{Device, Tensor, TensorData};

/// `[n, classes]` one-hot rows for `labels`.
pub fn one_hot(labels: &[usize], classes: usize, device: &Device) -> Tensor<2> {
    let mut v = vec![0f32; labels.len() * classes];
    for (row, &label) in labels.iter().enumerate() {
        if label < classes {
            v[row * classes + label] = 1.0;
        }
    }
    Tensor::from_data(TensorData::new(v, [labels.len(), classes]), device)
}

/// Mean cross-entropy of `logits` against one-hot `targets`, as a one-element tensor.
pub fn cross_entropy(logits: Tensor<2>, targets: Tensor<2>) -> Tensor<1> {
    let n = logits.dims()[0].max(1) as f64;
    (log_softmax(logits, 1) * targets).sum().mul_scalar(-1.0 / n)
}
