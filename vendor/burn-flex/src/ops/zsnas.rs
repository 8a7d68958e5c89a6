//! zsnas patch: the switch for the kernels zsnas adds to burn-flex (`conv3x3.rs`,
//! `conv3x3_gemm.rs`, `conv1x1.rs`, `batch_norm.rs`, `avg_pool3x3.rs`, and large element-wise
//! ops split across threads), and the helpers they share. The environment variable
//! `ZSNAS_FLEX_KERNELS`, read once per process: `0` turns them all off, so every op takes
//! burn-flex's own path and gives its results bit for bit (A/B timing, resuming older sweeps);
//! `avx2` holds the direct convolutions and the loops widened by `isa::widest` to AVX2 (to test
//! that path on an AVX-512 machine); anything else, or unset, turns them on.

use burn_backend::{DType, Element, TensorMetadata};

use crate::FlexTensor;

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
/// pool when the `rayon` feature is on: the one parallel loop of the zsnas kernels. Each call is
/// compiled for the widest instruction set found (`isa::widest`).
pub(crate) fn for_each_chunk<T: Send>(
    out: &mut [T],
    len: usize,
    f: impl Fn(usize, &mut [T]) + Send + Sync,
) {
    use crate::ops::isa::widest;
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        out.par_chunks_mut(len)
            .enumerate()
            .for_each(|(i, o)| widest(#[inline(always)] || f(i, o)));
    }
    #[cfg(not(feature = "rayon"))]
    out.chunks_mut(len)
        .enumerate()
        .for_each(|(i, o)| widest(#[inline(always)] || f(i, o)));
}

/// A `len`-element vector filled by `f(i, chunk)` over its `chunk`-long chunks (as
/// `for_each_chunk`), without zeroing it first: with freed memory reused, that zeroing is a
/// whole extra pass over every output (zsnas `docs/SPEED.md`).
///
/// # Safety
/// `f` must write every element of each chunk it is given.
pub(crate) unsafe fn written<T: Send>(
    len: usize,
    chunk: usize,
    f: impl Fn(usize, &mut [core::mem::MaybeUninit<T>]) + Send + Sync,
) -> alloc::vec::Vec<T> {
    let mut out = alloc::vec::Vec::with_capacity(len);
    if len == 0 {
        return out;
    }
    for_each_chunk(&mut out.spare_capacity_mut()[..len], chunk, f);
    // SAFETY: `f` wrote all `len` elements (the caller's promise).
    unsafe { out.set_len(len) };
    out
}

/// Element-wise ops over at least this many elements are split across rayon's threads.
/// burn-flex's own threshold (`simd/portable.rs`, 4 M elements) is above every NB201 feature map
/// (1 M elements at batch 64), and its scalar closures never split, so every element-wise pass
/// ran on one thread while the other waited (zsnas `docs/SPEED.md`, "Sixth round").
pub(crate) const SPLIT_MIN: usize = 1 << 17;

/// Elements per task of a split element-wise op (64 KiB of f32).
const SPLIT_CHUNK: usize = 1 << 14;

/// Whether an element-wise op over `n` elements is split across threads. Element-wise results
/// do not depend on the split, so they are the same bit for bit either way.
pub(crate) fn split(n: usize) -> bool {
    cfg!(feature = "rayon") && n >= SPLIT_MIN && enabled()
}

/// `f(element)` for every element of `data`, in place; the chunks on rayon's threads when
/// [`split`] says so, else one loop on this thread.
pub(crate) fn for_each_split<T: Send>(data: &mut [T], f: impl Fn(&mut T) + Send + Sync) {
    if split(data.len()) {
        for_each_chunk(
            data,
            SPLIT_CHUNK,
            #[inline(always)]
            |_, chunk| chunk.iter_mut().for_each(&f),
        );
    } else {
        data.iter_mut().for_each(f);
    }
}

/// `f(chunk of out, the matching chunk of other)` over `out` and the equally long `other`; the
/// chunks on rayon's threads when [`split`] says so, else `f(out, other)` on this thread.
pub(crate) fn zip_split<T: Send, S: Sync>(
    out: &mut [T],
    other: &[S],
    f: impl Fn(&mut [T], &[S]) + Send + Sync,
) {
    debug_assert_eq!(out.len(), other.len());
    if split(out.len()) {
        for_each_chunk(
            out,
            SPLIT_CHUNK,
            #[inline(always)]
            |i, o| f(o, &other[i * SPLIT_CHUNK..][..o.len()]),
        );
    } else {
        f(out, other);
    }
}

/// `f(a[i], b[i])` for every `i` of the equally long `a` and `b`, into a new vector; the chunks
/// on rayon's threads when [`split`] says so.
pub(crate) fn zip_map_split<A: Copy + Sync, B: Copy + Sync, T: Send>(
    a: &[A],
    b: &[B],
    f: impl Fn(A, B) -> T + Send + Sync,
) -> alloc::vec::Vec<T> {
    debug_assert_eq!(a.len(), b.len());
    if !split(a.len()) {
        return a.iter().zip(b).map(|(&x, &y)| f(x, y)).collect();
    }
    // SAFETY: chunk `i` covers elements `i * SPLIT_CHUNK ..` and is at most as long as what is
    // left of `a` and `b` from there, so the zip writes every element of it.
    unsafe {
        written(
            a.len(),
            SPLIT_CHUNK,
            #[inline(always)]
            |i, o| {
                let at = i * SPLIT_CHUNK;
                for ((o, &x), &y) in o.iter_mut().zip(&a[at..]).zip(&b[at..]) {
                    o.write(f(x, y));
                }
            },
        )
    }
}

/// `f(a[i])` for every element of `a`, into a new vector; the chunks on rayon's threads when
/// [`split`] says so.
pub(crate) fn map_split<A: Copy + Sync, T: Send>(
    a: &[A],
    f: impl Fn(A) -> T + Send + Sync,
) -> alloc::vec::Vec<T> {
    if !split(a.len()) {
        return a.iter().map(|&x| f(x)).collect();
    }
    // SAFETY: as in `zip_map_split`, every element of each chunk is written from `a`.
    unsafe {
        written(
            a.len(),
            SPLIT_CHUNK,
            #[inline(always)]
            |i, o| {
                for (o, &x) in o.iter_mut().zip(&a[i * SPLIT_CHUNK..]) {
                    o.write(f(x));
                }
            },
        )
    }
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

/// A 4-D tensor read in place, `[a, c, plane]`: its buffer, the offset of its first element and
/// the strides of its first two dimensions, in elements. Its last two dimensions must be one
/// contiguous plane; the first two may be swapped or otherwise strided.
pub(crate) struct Planes<'a, T> {
    data: &'a [T],
    offset: usize,
    pub(crate) strides: [usize; 2],
}

impl<'a, T: Element + bytemuck::Pod> Planes<'a, T> {
    /// `t` read in place; `t` must pass `in_place` (`readable` makes sure of it).
    pub(crate) fn of(t: &'a FlexTensor) -> Self {
        debug_assert!(in_place(t));
        let layout = t.layout();
        let s = layout.strides();
        Self {
            data: t.storage(),
            offset: layout.start_offset(),
            strides: [s[0] as usize, s[1] as usize],
        }
    }

    /// The plane `[a, c]`, `len` elements.
    pub(crate) fn plane(&self, a: usize, c: usize, len: usize) -> &'a [T] {
        &self.data[self.offset + a * self.strides[0] + c * self.strides[1]..][..len]
    }

    /// Pointer to the plane `[a, c]`.
    pub(crate) fn at(&self, a: usize, c: usize) -> *const T {
        self.data[self.offset + a * self.strides[0] + c * self.strides[1]..].as_ptr()
    }
}

/// Whether `t`'s last two dimensions form one contiguous plane and its first two have
/// non-negative strides, so `Planes` can read it in place.
pub(crate) fn in_place(t: &FlexTensor) -> bool {
    let (s, shape) = (t.layout().strides(), t.shape());
    (s[3] == 1 || shape[3] == 1)
        && (s[2] == shape[3] as isize || shape[2] == 1)
        && s[0] >= 0
        && s[1] >= 0
}

/// `t` itself when `Planes` can read it in place, else a contiguous copy.
pub(crate) fn readable(t: &FlexTensor) -> FlexTensor {
    if in_place(t) {
        t.clone()
    } else {
        t.to_contiguous()
    }
}

/// The dtype shared by `tensors` when it is f32 or f64 and all are 4-D; `None` otherwise.
pub(crate) fn float_4d(tensors: &[&FlexTensor]) -> Option<DType> {
    let dtype = tensors[0].dtype();
    let ok = matches!(dtype, DType::F32 | DType::F64)
        && tensors
            .iter()
            .all(|t| t.dtype() == dtype && t.shape().num_dims() == 4);
    ok.then_some(dtype)
}

/// How many tasks to split a reduction into: rayon's threads, or one.
pub(crate) fn threads() -> usize {
    #[cfg(feature = "rayon")]
    return rayon::current_num_threads();
    #[cfg(not(feature = "rayon"))]
    1
}
