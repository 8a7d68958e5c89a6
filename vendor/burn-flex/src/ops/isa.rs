//! zsnas patch: the instruction set zsnas's kernels are compiled for, found once per process,
//! and the trampolines that enter it. burn-flex is built for baseline x86-64, so without them
//! its loops use 128-bit SSE on CPUs with AVX-512 (zsnas `docs/SPEED.md`, "Eleventh round").

/// The instruction set the kernels are compiled for (never built off x86-64, wasm included).
#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
pub(crate) enum Isa {
    Avx512,
    Avx2,
}

/// AVX-512 or AVX2, each with FMA; `None` elsewhere (other CPUs, wasm, no `std`) or when
/// `ZSNAS_FLEX_KERNELS` is `0` (`zsnas.rs`), where the caller falls back; with `avx2` it stays
/// on AVX2. Decided once per process.
pub(crate) fn detect() -> Option<Isa> {
    #[cfg(all(feature = "std", target_arch = "x86_64"))]
    {
        static ISA: std::sync::OnceLock<Option<Isa>> = std::sync::OnceLock::new();
        *ISA.get_or_init(|| {
            if !crate::ops::zsnas::enabled() {
                return None;
            }
            let wanted = crate::ops::zsnas::setting();
            let fma = std::is_x86_feature_detected!("fma");
            if wanted != "avx2" && fma && std::is_x86_feature_detected!("avx512f") {
                return Some(Isa::Avx512);
            }
            if fma && std::is_x86_feature_detected!("avx2") {
                return Some(Isa::Avx2);
            }
            None
        })
    }
    #[cfg(not(all(feature = "std", target_arch = "x86_64")))]
    None
}

/// The instruction set the kernels use in this process: `"avx512"`, `"avx2"`, or `None` (the
/// general path), so tests can tell which path they checked.
pub fn name() -> Option<&'static str> {
    detect().map(|i| match i {
        Isa::Avx512 => "avx512",
        Isa::Avx2 => "avx2",
    })
}

/// Runs `$body` compiled for `$isa` and gives its value: a closure or a non-inlined function
/// does not inherit `#[target_feature]`, so each rayon task enters its own feature-enabled
/// function, and what `$body` calls must be inlined into it (`#[inline(always)]` kernels,
/// closures). Without this the FMAs become calls to a software `fmaf`.
macro_rules! with_isa {
    ($isa:expr, $body:expr) => {{
        #[cfg(target_arch = "x86_64")]
        match $isa {
            $crate::ops::isa::Isa::Avx512 => {
                #[target_feature(enable = "avx512f,avx2,fma")]
                unsafe fn run<R>(f: impl FnOnce() -> R) -> R {
                    f()
                }
                // SAFETY: `detect` found these features on this CPU.
                unsafe { run(#[inline(always)] || $body) }
            }
            $crate::ops::isa::Isa::Avx2 => {
                #[target_feature(enable = "avx2,fma")]
                unsafe fn run<R>(f: impl FnOnce() -> R) -> R {
                    f()
                }
                // SAFETY: `detect` found these features on this CPU.
                unsafe { run(#[inline(always)] || $body) }
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = $isa;
            $body
        }
    }};
}

/// `f()` compiled for the widest instruction set found (as is where none is): how a parallel
/// task of an element-wise or batch-norm loop enters AVX-512. Element-wise results are the same
/// bit for bit at any vector width (Rust never fuses a multiply and an add on its own).
#[inline(always)]
pub(crate) fn widest<R>(f: impl FnOnce() -> R) -> R {
    #[cfg(target_arch = "x86_64")]
    if let Some(isa) = detect() {
        return with_isa!(isa, f());
    }
    f()
}
