//! `swap`: the number of distinct sample-wise activation patterns. Every ReLU unit (each channel
//! × position of each feature-map ReLU, all ReLUs concatenated) has a binary pattern across the
//! samples — sign(post-ReLU activation), i.e. whether its input is > 0 for each sample; the
//! score counts the distinct patterns, i.e. the unique rows of sign(activations)ᵀ.
//! Peng, Song, Fayek, Ciesielski & Chang, "SWAP-NAS: Sample-Wise Activation Patterns for
//! Ultra-fast NAS", ICLR 2024 (the score is their SWAP-Score).
//!
//! Choices, matching the official code: forward hooks on every `nn.ReLU` whose input is 4-D
//! (so feature maps only), post-ReLU outputs through `torch.sign` (0 or 1 — the same as
//! input > 0), one forward of real images in train mode (BN batch statistics), no
//! regularisation factor (the plain SWAP-Score, not the parameter-penalised variant). The
//! paper uses 16 samples: the score takes the first min(16, B) samples of batch 0 (the whole
//! batch is forwarded, so BN statistics are the protocol's); with B < 16 the count is bounded
//! by 2^B. "Mean over re-inits" is the protocol's `repeats` (mean over seeds, each a fresh init
//! and batch).

use crate::net::forward::Value;
use crate::proxy::prelude::*;
use crate::proxy::shared::relu_codes::unit_patterns;

/// Samples whose patterns are compared (the paper's batch).
pub const SAMPLES: usize = 16;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "swap",
    kind: 'F',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::DATA,
    paper: "Peng et al., SWAP-NAS: Sample-Wise Activation Patterns for Ultra-fast NAS, ICLR 2024",
    summary: "How many distinct on/off patterns the ReLU units show across 16 images: a measure of expressivity.",
};

/// One forward of batch 0 capturing every ReLU input; patterns packed on the device.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    let out = s.forward_with_relu_inputs(s.input(0, &s.device))?;
    Score::new(distinct_patterns(&out.relu_inputs, SAMPLES).await? as f64)
}

/// Distinct unit patterns over the first `samples` samples of the captured ReLU inputs.
pub async fn distinct_patterns(relu_inputs: &[Value], samples: usize) -> Result<usize, ProxyError> {
    let mut patterns = unit_patterns(relu_inputs, samples).await?;
    patterns.sort_unstable();
    patterns.dedup();
    Ok(patterns.len())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use burn::tensor::{Device, Tensor, TensorData};

    use super::*;

    fn map(values: Vec<f32>, dims: [usize; 4]) -> Value {
        Value::Map(Tensor::from_data(TensorData::new(values, dims), &Device::flex()))
    }

    #[test]
    fn counts_distinct_unit_patterns_by_hand() {
        // Three samples; ReLU A has 1 channel × 2 × 1 = 2 units, ReLU B has 2 channels × 1 × 1.
        // Unit patterns across samples (input > 0; 0 counts as off):
        //   A0: (+, +, −) = 110   A1: (−, 0, +) = 001   B0: (+, +, −) = 110   B1: (−, −, −) = 000
        let a = map(vec![1.0, -1.0, 2.0, 0.0, -3.0, 4.0], [3, 1, 2, 1]);
        let b = map(vec![0.5, -2.0, 0.1, -0.1, -1.0, -5.0], [3, 2, 1, 1]);
        let flat = Value::Flat(Tensor::from_data(TensorData::new(vec![1.0f32, -1.0, 1.0], [3, 1]), &Device::flex()));
        let relus = [a, flat, b];
        // 110, 001, 000: three distinct (the flat ReLU is not a feature map: ignored, as SWAP's
        // 4-D hook).
        assert_eq!(pollster::block_on(distinct_patterns(&relus, 16)).unwrap(), 3);
        // First two samples only: A0 = 11, A1 = 00, B0 = 11, B1 = 00 → two.
        assert_eq!(pollster::block_on(distinct_patterns(&relus, 2)).unwrap(), 2);
        // One sample: on or off.
        assert_eq!(pollster::block_on(distinct_patterns(&relus, 1)).unwrap(), 2);
        assert!(pollster::block_on(distinct_patterns(&[], 16)).is_err());
    }
}
