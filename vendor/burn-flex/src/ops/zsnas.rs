//! zsnas patch: the switch for the kernels zsnas adds to burn-flex (`conv3x3.rs`, `conv1x1.rs`,
//! `batch_norm.rs`, `avg_pool3x3.rs`), and the two helpers they share. The environment variable
//! `ZSNAS_FLEX_KERNELS`, read once per process: `0` turns them all off, so every op takes burn-flex's own path and gives its results bit for
//! bit (A/B timing, resuming older sweeps); `avx2` holds the direct convolutions to their AVX2
//! path (to test it on an AVX-512 machine); anything else, or unset, turns them on.

/// The value of `ZSNAS_FLEX_KERNELS` (empty when unset or without `std`).
pub(crate) fn setting() -> &'static str {
    #[cfg(feature = "std")]
    {
        static SETTING: std::sync::OnceLock<alloc::string::String> = std::sync::OnceLock::new();
        SETTING
            .get_or_init(|| std::env::var("ZSNAS_FLEX_KERNELS").unwrap_or_default())
            .as_str()
    }
    #[cfg(not(feature = "std"))]
    {
        ""
    }
}

/// Whether the zsnas kernels are on.
pub(crate) fn enabled() -> bool {
    setting() != "0"
}

/// Runs `f(i, chunk)` on each `len`-long chunk of `out` (the last may be shorter), on rayon's
/// pool when the `rayon` feature is on: the one parallel loop of the zsnas kernels.
pub(crate) fn for_each_chunk<T: Send>(
    out: &mut [T],
    len: usize,
    f: impl Fn(usize, &mut [T]) + Send + Sync,
) {
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        out.par_chunks_mut(len)
            .enumerate()
            .for_each(|(i, o)| f(i, o));
    }
    #[cfg(not(feature = "rayon"))]
    out.chunks_mut(len).enumerate().for_each(|(i, o)| f(i, o));
}

/// A contiguous tensor of `shape` owning `data`: how every zsnas kernel hands back its result.
pub(crate) fn owned<T: burn_backend::Element + bytemuck::Pod>(
    data: alloc::vec::Vec<T>,
    shape: &[usize],
) -> crate::FlexTensor {
    crate::FlexTensor::new(
        burn_std::Bytes::from_elems(data),
        crate::Layout::contiguous(burn_std::Shape::from(shape.to_vec())),
        T::dtype(),
    )
}
