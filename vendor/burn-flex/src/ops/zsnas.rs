//! zsnas patch: the switch for the kernels zsnas adds to burn-flex (`conv3x3.rs`,
//! `batch_norm.rs`). The environment variable `ZSNAS_FLEX_KERNELS`, read once per process:
//! `0` turns them all off, so every op takes burn-flex's own path and gives its results bit for
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
