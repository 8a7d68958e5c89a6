//! zsnas patch: direct 3×3 convolution, stride 1, padding 1, NCHW — the shape of every
//! convolution inside a NAS-Bench-201 cell. Forward, input gradient and weight gradient, without
//! im2col or operand packing: at NB201's 16–32 channels those copies cost more than the multiply
//! (zsnas `docs/SPEED.md`). Used on x86-64 with AVX2 + FMA for rows 16 or 32 wide (heights a
//! multiple of 4), vectorised along the row, in f32 and f64 (synflow's and GraSP's f64 networks;
//! rows 8 wide too in f64); with AVX-512, the f32 forward and input gradient of rows 8 or 4 wide
//! (the last stage) with a multiple of 16 channels, vectorised across output channels. Everything
//! else takes the im2col + gemm path (the f32 weight gradient of 8×8 and 4×4 maps:
//! `conv3x3_gemm.rs`).

use alloc::vec;
use alloc::vec::Vec;
use core::mem::MaybeUninit;

use burn_backend::{
    DType, TensorMetadata,
    ops::{ConvOptions, ConvTransposeOptions},
};

use crate::FlexTensor;

use crate::ops::isa::{Isa, detect};
use crate::ops::zsnas::{for_each_chunk, owned, written};

/// The element types the direct kernels take: f32, and on x86-64 also f64 (synflow's
/// linearised network runs in f64 so that its products, up to 1e60, keep their precision).
trait Real:
    burn_backend::Element
    + bytemuck::Pod
    + Send
    + Sync
    + core::iter::Sum
    + core::ops::Add<Output = Self>
{
    const ZERO: Self;
    /// `self · a + b`, fused (one FMA instruction inside the kernels' `with_isa!`).
    fn fma(self, a: Self, b: Self) -> Self;
    /// The channel-vectorised forward for this type, where there is one (f32 on x86-64, taken
    /// with AVX-512).
    const CHANNELS: Option<ChannelsFn<Self>>;
}

impl Real for f32 {
    const ZERO: Self = 0.0;
    #[inline(always)]
    fn fma(self, a: Self, b: Self) -> Self {
        self.mul_add(a, b)
    }
    #[cfg(target_arch = "x86_64")]
    const CHANNELS: Option<ChannelsFn<Self>> = Some(channels_dispatch);
    #[cfg(not(target_arch = "x86_64"))]
    const CHANNELS: Option<ChannelsFn<Self>> = None;
}

#[cfg(target_arch = "x86_64")]
impl Real for f64 {
    const ZERO: Self = 0.0;
    #[inline(always)]
    fn fma(self, a: Self, b: Self) -> Self {
        self.mul_add(a, b)
    }
    const CHANNELS: Option<ChannelsFn<Self>> = None;
}

/// A forward kernel: `(x, weight [co, ci, 3, 3], dims, co)` → output.
type ChannelsFn<T> = fn(&[T], &[T], Dims, usize) -> Vec<T>;

/// Whether `T` is f64 (the kernels keep as many accumulators in registers for either type, so
/// f64's blocks hold half as many elements).
fn wide<T: Real>() -> bool {
    core::mem::size_of::<T>() == 8
}

/// The instruction set to run a map of this size with the row kernels: rows 16 or 32 wide (8
/// too in f64, a whole AVX-512 register), heights a multiple of 4, on a CPU with the
/// instructions the kernels are compiled for; `None` otherwise.
fn kernel_isa<T: Real>(batch: usize, height: usize, width: usize) -> Option<Isa> {
    let width_fits = matches!(width, 16 | 32) || (width == 8 && wide::<T>());
    let fits = batch > 0 && height > 0 && height % 4 == 0 && width_fits;
    if fits { detect() } else { None }
}

/// Which forward kernel a convolution producing `channels_out` channels takes.
#[derive(Clone, Copy)]
enum Kernel<T> {
    /// Rows 16 or 32 wide, vectorised along the row (`forward_block`).
    Rows(Isa),
    /// Rows 4 or 8 wide (NB201's last stage), vectorised across 16 output channels
    /// (`channels_block`); AVX-512 and f32 only.
    Channels(ChannelsFn<T>),
}

/// The forward kernel for a map of this size, or `None` (the im2col + gemm path).
fn kernel<T: Real>(
    batch: usize,
    height: usize,
    width: usize,
    channels_out: usize,
) -> Option<Kernel<T>> {
    if let Some(isa) = kernel_isa::<T>(batch, height, width) {
        return Some(Kernel::Rows(isa));
    }
    let fits = batch > 0 && height > 0 && matches!(width, 4 | 8);
    if fits && channels_out > 0 && channels_out % 16 == 0 && detect() == Some(Isa::Avx512) {
        return T::CHANNELS.map(Kernel::Channels);
    }
    None
}

/// The element type of these 4-D operands if the kernels take it: f32, or f64 on x86-64.
fn real_dtype(tensors: &[&FlexTensor]) -> Option<DType> {
    let dtype = tensors.first()?.dtype();
    let same = tensors
        .iter()
        .all(|t| t.dtype() == dtype && t.shape().num_dims() == 4);
    let taken = dtype == DType::F32 || (cfg!(target_arch = "x86_64") && dtype == DType::F64);
    (same && taken).then_some(dtype)
}

/// `conv2d` through a direct kernel, or `None` where none applies. Two cases take one:
/// - a 3×3 convolution, stride 1, padding 1: the forward;
/// - the correlation that burn-backend's default `conv2d_weight_backward` builds for such a
///   convolution: input `[ci, n, h, w]` and output gradient `[co, n, h, w]` (both with batch and
///   channels swapped) as the "kernel", padding 1, giving `[ci, co, 3, 3]`: the weight gradient.
pub(crate) fn try_conv2d(
    x: &FlexTensor,
    weight: &FlexTensor,
    bias: Option<&FlexTensor>,
    options: &ConvOptions<2>,
) -> Option<FlexTensor> {
    let unit = options.stride == [1, 1]
        && options.padding == [(1, 1), (1, 1)]
        && options.dilation == [1, 1]
        && options.groups == 1;
    if !unit {
        return None;
    }
    match real_dtype(&[x, weight])? {
        DType::F32 => conv2d_as::<f32>(x, weight, bias),
        #[cfg(target_arch = "x86_64")]
        DType::F64 => conv2d_as::<f64>(x, weight, bias),
        _ => None,
    }
}

/// [`try_conv2d`] once the element type is known.
fn conv2d_as<T: Real>(
    x: &FlexTensor,
    weight: &FlexTensor,
    bias: Option<&FlexTensor>,
) -> Option<FlexTensor> {
    if bias.is_some_and(|b| b.dtype() != x.dtype()) {
        return None;
    }
    let (xs, ws) = (x.shape(), weight.shape());
    if ws[1] != xs[1] || ws[0] == 0 {
        return None;
    }
    if ws[2] == 3 && ws[3] == 3 {
        let kernel = kernel::<T>(xs[0], xs[2], xs[3], ws[0])?;
        let d = Dims {
            batch: xs[0],
            channels: xs[1],
            height: xs[2],
            width: xs[3],
        };
        let co = ws[0];
        let (x, weight) = (x.clone().to_contiguous(), weight.clone().to_contiguous());
        let mut y = forward(kernel, x.storage(), d, weight.storage(), co);
        if let Some(bias) = bias {
            let bias = bias.clone().to_contiguous();
            let b: &[T] = bias.storage();
            for (plane, &bo) in y.chunks_exact_mut(d.plane()).zip(b.iter().cycle()) {
                plane.iter_mut().for_each(|v| *v = *v + bo);
            }
        }
        return Some(owned(y, &[d.batch, co, d.height, d.width]));
    }
    if ws[2] == xs[2] && ws[3] == xs[3] && bias.is_none() {
        let isa = kernel_isa::<T>(xs[0], xs[2], xs[3])?;
        // Undo the swaps (free when the originals were contiguous), run the weight-gradient
        // kernel, and hand back its [co, ci, 3, 3] swapped, as the caller swaps it again.
        let (ci, n, co) = (xs[0], xs[1], ws[0]);
        let d = Dims {
            batch: n,
            channels: ci,
            height: xs[2],
            width: xs[3],
        };
        let x = x.transpose(0, 1).to_contiguous();
        let dy = weight.transpose(0, 1).to_contiguous();
        let dw = weight_grad::<T>(isa, x.storage(), d, dy.storage(), co);
        return Some(owned(dw, &[co, ci, 3, 3]).transpose(0, 1));
    }
    None
}

/// `conv_transpose2d` through the direct kernel, or `None`: with a 3×3 kernel, stride 1 and
/// padding 1 it is the input gradient of a 3×3 convolution (burn-backend's default
/// `conv2d_x_backward`), a convolution with the kernel flipped and transposed.
pub(crate) fn try_conv_transpose2d(
    dy: &FlexTensor,
    weight: &FlexTensor,
    bias: Option<&FlexTensor>,
    options: &ConvTransposeOptions<2>,
) -> Option<FlexTensor> {
    let unit = options.stride == [1, 1]
        && options.padding == [1, 1]
        && options.padding_out == [0, 0]
        && options.dilation == [1, 1]
        && options.groups == 1;
    if !unit || bias.is_some() {
        return None;
    }
    match real_dtype(&[dy, weight])? {
        DType::F32 => conv_transpose2d_as::<f32>(dy, weight),
        #[cfg(target_arch = "x86_64")]
        DType::F64 => conv_transpose2d_as::<f64>(dy, weight),
        _ => None,
    }
}

/// [`try_conv_transpose2d`] once the element type is known.
fn conv_transpose2d_as<T: Real>(dy: &FlexTensor, weight: &FlexTensor) -> Option<FlexTensor> {
    let (ys, ws) = (dy.shape(), weight.shape());
    if ws[0] != ys[1] || ws[1] == 0 || ws[2] != 3 || ws[3] != 3 {
        return None;
    }
    let (co, ci) = (ws[0], ws[1]);
    let kernel = kernel::<T>(ys[0], ys[2], ys[3], ci)?;
    let d_in = Dims {
        batch: ys[0],
        channels: ci,
        height: ys[2],
        width: ys[3],
    };
    let (dy, weight) = (dy.clone().to_contiguous(), weight.clone().to_contiguous());
    let dx = input_grad(kernel, dy.storage(), d_in, weight.storage(), co);
    Some(owned(dx, &[d_in.batch, ci, d_in.height, d_in.width]))
}

/// Shape of an NCHW feature map.
#[derive(Clone, Copy, Debug)]
struct Dims {
    batch: usize,
    channels: usize,
    height: usize,
    width: usize,
}

impl Dims {
    fn plane(&self) -> usize {
        self.height * self.width
    }
    fn padded_plane(&self) -> usize {
        (self.height + 2) * (self.width + 2)
    }
}

/// Zero-padded copy of one sample `x` (`[channels, height, W]`) into `dst` (`[channels,
/// height + 2, W + 2]`), every element written. Rows are copied as fixed-size arrays, a few
/// vector moves each: one `memcpy` call per row made padding 8 % of snip's profile, 6 % this way.
fn pad_sample<T: Real, const W: usize>(x: &[T], d: Dims, dst: &mut [T]) {
    let wp = W + 2;
    for (s, plane) in x
        .chunks_exact(d.plane())
        .zip(dst.chunks_exact_mut(d.padded_plane()))
    {
        let (top, rest) = plane.split_at_mut(wp);
        top.fill(T::ZERO);
        let (rows, bottom) = rest.split_at_mut(d.height * wp);
        for (row, out) in s.chunks_exact(W).zip(rows.chunks_exact_mut(wp)) {
            let row: &[T; W] = row.try_into().unwrap();
            out[0] = T::ZERO;
            let inner: &mut [T; W] = (&mut out[1..=W]).try_into().unwrap();
            *inner = *row;
            out[W + 1] = T::ZERO;
        }
        bottom.fill(T::ZERO);
    }
}

/// A fresh key for one kernel call's padded samples (0 is never handed out: an empty scratch).
fn pad_key() -> u64 {
    static CALLS: core::sync::atomic::AtomicU64 = core::sync::atomic::AtomicU64::new(1);
    CALLS.fetch_add(1, core::sync::atomic::Ordering::Relaxed)
}

std::thread_local! {
    /// This thread's padded sample: the key of the call and the sample it holds, and its
    /// elements (f64 storage, cast to the kernel's type).
    static PADDED: core::cell::RefCell<(u64, usize, Vec<f64>)> =
        const { core::cell::RefCell::new((0, 0, Vec::new())) };
}

/// Runs `f` on sample `n` of `x` (`[batch, channels, height, W]`) zero-padded to `[channels,
/// height + 2, W + 2]`, in this thread's scratch. A thread's consecutive tasks on one sample
/// of one call (`key`, from [`pad_key`]) pad it once. Padding inside the task, where the padded
/// sample stays in cache for the kernel, replaces a padded copy of the whole tensor: a pass
/// that wrote it to memory and one that read it back, per convolution product.
fn with_padded_sample<T: Real, const W: usize, R>(
    key: u64,
    n: usize,
    x: &[T],
    d: Dims,
    f: impl FnOnce(&[T]) -> R,
) -> R {
    debug_assert_eq!(d.width, W, "the dispatch picks W = the width");
    let len = d.channels * d.padded_plane();
    PADDED.with(|cell| {
        let mut scratch = cell.borrow_mut();
        let (held_key, held_n, data) = &mut *scratch;
        let words = (len * core::mem::size_of::<T>()).div_ceil(8);
        if data.len() < words {
            data.resize(words, 0.0);
        }
        let padded: &mut [T] = &mut bytemuck::cast_slice_mut::<f64, T>(data)[..len];
        if (*held_key, *held_n) != (key, n) {
            let sample = d.channels * d.plane();
            pad_sample::<T, W>(&x[n * sample..][..sample], d, padded);
            (*held_key, *held_n) = (key, n);
        }
        f(padded)
    })
}

/// `out` (one sample, one block of CB output channels: `[CB, height, W]`) = Σ over input
/// channels and the 3×3 window of `w[co, ci, kh, kw] · xp[ci, r + kh, x + kw]`, RB rows at a
/// time, with the block's weights `wb` laid out `[ci, 9, CB]` ([`block_weights`]). The
/// CB × RB × W accumulators stay in registers across the whole reduction; each weight is loaded
/// once for RB rows and each input row once for CB channels.
#[inline(always)]
fn forward_block<T: Real, const W: usize, const CB: usize, const RB: usize>(
    xp: &[T],
    wb: &[T],
    channels_in: usize,
    height: usize,
    out: &mut [MaybeUninit<T>],
) {
    let wp = W + 2;
    let plane = (height + 2) * wp;
    for r0 in (0..height).step_by(RB) {
        let mut acc = [[[T::ZERO; W]; RB]; CB];
        for c in 0..channels_in {
            // One bounds check per input channel: the 9 × CB weights at fixed offsets, each
            // broadcast straight from memory (indexing `[co, ci, 9]` checked all 9 × CB of
            // them, scalar work on the FMA ports).
            let wc: &[T] = &wb[c * 9 * CB..][..9 * CB];
            let xc = &xp[c * plane + r0 * wp..][..(RB + 2) * wp];
            for kh in 0..3 {
                for kw in 0..3 {
                    let wv: [T; CB] = wc[(kh * 3 + kw) * CB..][..CB].try_into().unwrap();
                    for j in 0..RB {
                        // One load of the input row for all CB channels (copied, so the
                        // compiler does not fold a fresh, line-splitting load into every FMA).
                        let s: [T; W] = xc[(j + kh) * wp + kw..][..W].try_into().unwrap();
                        for (acc_b, &wb) in acc.iter_mut().zip(&wv) {
                            for x in 0..W {
                                acc_b[j][x] = wb.fma(s[x], acc_b[j][x]);
                            }
                        }
                    }
                }
            }
        }
        for (b, acc_b) in acc.iter().enumerate() {
            for (j, acc_r) in acc_b.iter().enumerate() {
                out[b * height * W + (r0 + j) * W..][..W].write_copy_of_slice(acc_r);
            }
        }
    }
}

/// The instruction set the kernels use in this process: `"avx512"`, `"avx2"`, or `None` (the
/// general path), so tests can tell which path they checked.
pub fn isa() -> Option<&'static str> {
    crate::ops::isa::name()
}

/// The weights `[co, ci, 3, 3]` rearranged per block of `block` output channels as `[co /
/// block, ci, 9, block]`: what one input channel of one block needs, contiguous, at offsets the
/// kernels know at compile time (`forward_block`, `channels_block`).
fn block_weights<T: Real>(
    wt: &[T],
    channels_in: usize,
    channels_out: usize,
    block: usize,
) -> Vec<T> {
    let mut wb = vec![T::ZERO; wt.len()];
    for o in 0..channels_out {
        let (blk, b) = (o / block, o % block);
        for c in 0..channels_in {
            for k in 0..9 {
                wb[((blk * channels_in + c) * 9 + k) * block + b] =
                    wt[(o * channels_in + c) * 9 + k];
            }
        }
    }
    wb
}

/// The whole output, `[batch, channels_out, height, W]`, one task per sample and block of CB
/// output channels.
fn forward_all<T: Real, const W: usize, const CB: usize, const RB: usize>(
    isa: Isa,
    x: &[T],
    wt: &[T],
    d: Dims,
    channels_out: usize,
) -> Vec<T> {
    let blocks = channels_out / CB;
    let wb = block_weights(wt, d.channels, channels_out, CB);
    let per_block = d.channels * 9 * CB;
    let key = pad_key();
    let block = |i: usize, o: &mut [MaybeUninit<T>]| {
        let (n, blk) = (i / blocks, i % blocks);
        let wb = &wb[blk * per_block..][..per_block];
        with_padded_sample::<T, W, _>(key, n, x, d, |xs| {
            with_isa!(
                isa,
                forward_block::<T, W, CB, RB>(xs, wb, d.channels, d.height, o)
            )
        })
    };
    // SAFETY: `forward_block` writes all CB × height × W elements of its chunk:
    // `forward_dispatch` passes W = the width, CB dividing `channels_out` and RB dividing the
    // height (a multiple of 4, `kernel_isa`).
    unsafe { written(d.batch * channels_out * d.plane(), CB * d.plane(), block) }
}

/// Picks the channel and row blocks for a row width: the CB × RB × W accumulators fill half the
/// vector registers (32 × 512 bits with AVX-512, 16 × 256 bits with AVX2) in f32; in f64 they
/// take as many registers with half the channels (or rows). Widths other than 32 and 16 are 8,
/// which only f64 takes (`kernel_isa`).
fn forward_dispatch<T: Real>(isa: Isa, x: &[T], wt: &[T], d: Dims, co: usize) -> Vec<T> {
    match (wide::<T>(), d.width, co % 4 == 0, isa) {
        (false, 32, true, Isa::Avx512) => forward_all::<T, 32, 4, 2>(isa, x, wt, d, co),
        (false, 32, true, Isa::Avx2) => forward_all::<T, 32, 2, 1>(isa, x, wt, d, co),
        (false, 32, false, _) => forward_all::<T, 32, 1, 2>(isa, x, wt, d, co),
        (false, _, true, Isa::Avx512) => forward_all::<T, 16, 4, 4>(isa, x, wt, d, co),
        (false, _, true, Isa::Avx2) => forward_all::<T, 16, 2, 2>(isa, x, wt, d, co),
        (false, _, false, _) => forward_all::<T, 16, 1, 4>(isa, x, wt, d, co),
        (true, 32, true, Isa::Avx512) => forward_all::<T, 32, 2, 2>(isa, x, wt, d, co),
        (true, 32, _, _) => forward_all::<T, 32, 1, 1>(isa, x, wt, d, co),
        (true, 16, true, Isa::Avx512) => forward_all::<T, 16, 4, 2>(isa, x, wt, d, co),
        (true, 16, true, Isa::Avx2) => forward_all::<T, 16, 2, 1>(isa, x, wt, d, co),
        (true, 16, false, _) => forward_all::<T, 16, 1, 2>(isa, x, wt, d, co),
        (true, _, true, Isa::Avx512) => forward_all::<T, 8, 4, 4>(isa, x, wt, d, co),
        (true, _, true, Isa::Avx2) => forward_all::<T, 8, 2, 2>(isa, x, wt, d, co),
        (true, _, false, _) => forward_all::<T, 8, 1, 4>(isa, x, wt, d, co),
    }
}

/// 3×3 convolution, stride 1, padding 1: `x` `[batch, ci, h, w]`, `weight` `[co, ci, 3, 3]` →
/// `[batch, co, h, w]`.
fn forward<T: Real>(
    kernel: Kernel<T>,
    x: &[T],
    d: Dims,
    weight: &[T],
    channels_out: usize,
) -> Vec<T> {
    match kernel {
        Kernel::Rows(isa) => forward_dispatch(isa, x, weight, d, channels_out),
        Kernel::Channels(channels) => channels(x, weight, d, channels_out),
    }
}

/// Gradient of [`forward`] with respect to its input: the same convolution of the output
/// gradient `dy` (`[batch, co, h, w]`) with the weight flipped in space and transposed in
/// channels.
fn input_grad<T: Real>(
    kernel: Kernel<T>,
    dy: &[T],
    d_in: Dims,
    weight: &[T],
    channels_out: usize,
) -> Vec<T> {
    let ci = d_in.channels;
    let mut flipped = vec![T::ZERO; weight.len()];
    for o in 0..channels_out {
        for c in 0..ci {
            for k in 0..9 {
                flipped[(c * channels_out + o) * 9 + (8 - k)] = weight[(o * ci + c) * 9 + k];
            }
        }
    }
    let d_out = Dims {
        channels: channels_out,
        ..d_in
    };
    forward(kernel, dy, d_out, &flipped, ci)
}

/// `out` (one sample, one block of NV · 16 output channels: `[NV · 16, height, W]`) = Σ over
/// input channels and the 3×3 window of `w[co, c, kh, kw] · xp[c, y + kh, x + kw]`, with the
/// block's weights `wb` laid out `[c, 9, NV · 16]` ([`block_weights`]), one output row at a
/// time: W × NV vectors of 16 output channels stay in registers across the whole reduction,
/// each input pixel is broadcast once for NV vectors and each weight vector loaded once for the
/// row's W pixels. Rows of 4 or 8 fill a quarter or half of an AVX-512 register where
/// `forward_block` vectorises along the row; 16 output channels fill it whole. The additions
/// come in the same order as in `forward_block` (channel, then kh, then kw).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2,fma")]
fn channels_block<const W: usize, const NV: usize>(
    xp: &[f32],
    wb: &[f32],
    channels_in: usize,
    height: usize,
    out: &mut [MaybeUninit<f32>],
) {
    use core::arch::x86_64::{__m512, _mm512_fmadd_ps, _mm512_set1_ps, _mm512_setzero_ps};
    let wp = W + 2;
    let plane = (height + 2) * wp;
    for y in 0..height {
        let mut acc = [[_mm512_setzero_ps(); NV]; W];
        for c in 0..channels_in {
            let xc = &xp[c * plane + y * wp..][..3 * wp];
            let wc = &wb[c * 9 * NV * 16..][..9 * NV * 16];
            for (kh, xr) in xc.chunks_exact(wp).enumerate() {
                let xr: &[f32] = &xr[..W + 2];
                for kw in 0..3 {
                    let wk = &wc[(kh * 3 + kw) * NV * 16..][..NV * 16];
                    let wv: [__m512; NV] = core::array::from_fn(|v| load16(&wk[v * 16..]));
                    for (x, acc_x) in acc.iter_mut().enumerate() {
                        let s = _mm512_set1_ps(xr[x + kw]);
                        for (a, &w) in acc_x.iter_mut().zip(&wv) {
                            *a = _mm512_fmadd_ps(w, s, *a);
                        }
                    }
                }
            }
        }
        for (x, acc_x) in acc.iter().enumerate() {
            for (v, &a) in acc_x.iter().enumerate() {
                for (l, t) in store16(a).into_iter().enumerate() {
                    out[(v * 16 + l) * height * W + y * W + x].write(t);
                }
            }
        }
    }
}

/// Sixteen floats from the front of `s` into a register.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
fn load16(s: &[f32]) -> core::arch::x86_64::__m512 {
    let s: &[f32; 16] = s[..16].try_into().unwrap();
    // SAFETY: `s` holds 16 readable floats; unaligned loads are allowed.
    unsafe { core::arch::x86_64::_mm512_loadu_ps(s.as_ptr()) }
}

/// A register's sixteen floats.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
fn store16(v: core::arch::x86_64::__m512) -> [f32; 16] {
    let mut out = [0f32; 16];
    // SAFETY: `out` holds 16 writable floats; unaligned stores are allowed.
    unsafe { core::arch::x86_64::_mm512_storeu_ps(out.as_mut_ptr(), v) };
    out
}

/// The whole output of the channel-vectorised kernel, one task per sample and block of NV · 16
/// output channels (two vectors where the channel count allows: W × 2 accumulators fill half
/// of AVX-512's 32 registers at W = 8).
#[cfg(target_arch = "x86_64")]
fn channels_dispatch(x: &[f32], weight: &[f32], d: Dims, channels_out: usize) -> Vec<f32> {
    match (d.width, channels_out % 32 == 0) {
        (8, true) => channels_all::<8, 2>(x, weight, d, channels_out),
        (8, false) => channels_all::<8, 1>(x, weight, d, channels_out),
        (_, true) => channels_all::<4, 2>(x, weight, d, channels_out),
        (_, false) => channels_all::<4, 1>(x, weight, d, channels_out),
    }
}

#[cfg(target_arch = "x86_64")]
fn channels_all<const W: usize, const NV: usize>(
    x: &[f32],
    weight: &[f32],
    d: Dims,
    channels_out: usize,
) -> Vec<f32> {
    let block = NV * 16;
    let blocks = channels_out / block;
    // [co, ci, 9] → [co / block, ci, 9, block]: a vector of 16 output channels per weight tap.
    let wb = block_weights(weight, d.channels, channels_out, block);
    let per_block = d.channels * 9 * block;
    let key = pad_key();
    let task = |i: usize, o: &mut [MaybeUninit<f32>]| {
        let (n, blk) = (i / blocks, i % blocks);
        let wb = &wb[blk * per_block..][..per_block];
        with_padded_sample::<f32, W, _>(key, n, x, d, |xs| {
            // SAFETY: `kernel` picks this path only where `detect` found AVX-512F and FMA.
            unsafe { channels_block::<W, NV>(xs, wb, d.channels, d.height, o) }
        })
    };
    // SAFETY: `channels_block` writes all NV · 16 × height × W elements of its chunk (every
    // row y, pixel x, vector v and lane l); `channels_dispatch` passes W = the width and NV · 16
    // dividing `channels_out` (a multiple of 16, `kernel`).
    unsafe { written(d.batch * channels_out * d.plane(), block * d.plane(), task) }
}

/// Adds one sample's contribution to `acc[b][kh · 3 + kw]` (L-wide lane sums) for CB output
/// channels and one input channel: Σ over rows and columns of `dy[b, r, x] · xp[r + kh, x + kw]`.
/// `xs` is the padded input plane, `ys` the CB output-gradient planes. Walking the padded input
/// rows i once, row i meets output row r = i − kh for each kh: the last three output-gradient
/// rows stay in registers, so each input vector is loaded once for 3 × CB products. Rows are
/// sliced to their known width W first, so the lane loads need no bounds checks.
#[inline(always)]
fn weight_rows<T: Real, const W: usize, const L: usize, const CB: usize>(
    xs: &[T],
    ys: &[T],
    height: usize,
    acc: &mut [[[T; L]; 9]; CB],
) {
    let plane = height * W;
    let (xs, ys) = (&xs[..(height + 2) * (W + 2)], &ys[..CB * plane]);
    for x0 in (0..W).step_by(L) {
        let mut g1 = [[T::ZERO; L]; CB];
        let mut g2 = [[T::ZERO; L]; CB];
        for (i, xrow) in xs.chunks_exact(W + 2).enumerate() {
            let g0: [[T; L]; CB] = if i < height {
                core::array::from_fn(|b| {
                    let yrow: &[T; W] = ys[b * plane + i * W..][..W].try_into().unwrap();
                    yrow[x0..x0 + L].try_into().unwrap()
                })
            } else {
                [[T::ZERO; L]; CB]
            };
            for kw in 0..3 {
                let s: [T; L] = xrow[x0 + kw..x0 + kw + L].try_into().unwrap();
                for b in 0..CB {
                    for (kh, g) in [&g0[b], &g1[b], &g2[b]].into_iter().enumerate() {
                        let a = &mut acc[b][kh * 3 + kw];
                        for l in 0..L {
                            a[l] = g[l].fma(s[l], a[l]);
                        }
                    }
                }
            }
            g2 = g1;
            g1 = g0;
        }
    }
}

/// Adds sample `n`'s contribution to `sums` (for every block of CB output channels from `co0`
/// and every input channel: `[block][c][b]` lane sums), its input padded in `xp` (`[channels,
/// height + 2, W + 2]`).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn weight_sample<T: Real, const W: usize, const L: usize, const CB: usize>(
    xp: &[T],
    dy: &[T],
    d: Dims,
    n: usize,
    channels_out: usize,
    co0: usize,
    sums: &mut [[[T; L]; 9]],
) {
    let (plane, pplane) = (d.plane(), d.padded_plane());
    for (blk, block_sums) in sums.chunks_exact_mut(CB * d.channels).enumerate() {
        let ys = &dy[(n * channels_out + co0 + blk * CB) * plane..][..CB * plane];
        for (c, sum) in block_sums.chunks_exact_mut(CB).enumerate() {
            let xs = &xp[c * pplane..][..pplane];
            let mut acc: [[[T; L]; 9]; CB] = core::array::from_fn(|b| sum[b]);
            weight_rows::<T, W, L, CB>(xs, ys, d.height, &mut acc);
            sum.copy_from_slice(&acc);
        }
    }
}

/// `dw[co0 + b, c, kh, kw]` for every block of CB output channels that `dw` holds, from `co0`,
/// and every input channel c, summed over samples (`weight_sample`). Samples are the outer loop:
/// one sample's input planes, padded once per thread, stay in cache across every block and its
/// CB output-gradient planes in L1 across every input channel; each channel's lane sums wait in
/// `sums` between samples. Every weight's additions come in the same order whatever the blocking
/// (sample, then row), so the result is the same bit for bit.
#[allow(clippy::too_many_arguments)]
fn weight_block<T: Real, const W: usize, const L: usize, const CB: usize>(
    isa: Isa,
    key: u64,
    x: &[T],
    dy: &[T],
    d: Dims,
    channels_out: usize,
    co0: usize,
    dw: &mut [T],
) {
    let per_block = CB * d.channels;
    let blocks = dw.len() / (per_block * 9);
    let mut sums = vec![[[T::ZERO; L]; 9]; blocks * per_block];
    for n in 0..d.batch {
        with_padded_sample::<T, W, _>(key, n, x, d, |xp| {
            with_isa!(
                isa,
                weight_sample::<T, W, L, CB>(xp, dy, d, n, channels_out, co0, &mut sums)
            )
        });
    }
    for (blk, block_sums) in sums.chunks_exact(per_block).enumerate() {
        for (c, sum) in block_sums.chunks_exact(CB).enumerate() {
            for (b, s) in sum.iter().enumerate() {
                for (k, a) in s.iter().enumerate() {
                    dw[((blk * CB + b) * d.channels + c) * 9 + k] = a.iter().copied().sum();
                }
            }
        }
    }
}

/// The whole weight gradient, one task per group of CB-channel blocks: as few groups as there
/// are threads (fewer passes over the input), each group's lane sums held to 256 KiB.
fn weight_all<T: Real, const W: usize, const L: usize, const CB: usize>(
    isa: Isa,
    x: &[T],
    dy: &[T],
    d: Dims,
    channels_out: usize,
    dw: &mut [T],
) {
    let blocks = channels_out / CB;
    let key = pad_key();
    let sums_bytes = CB * d.channels * 9 * L * core::mem::size_of::<T>();
    let cap = (256 * 1024 / sums_bytes).max(1);
    let group = blocks.div_ceil(crate::ops::zsnas::threads()).clamp(1, cap);
    for_each_chunk(dw, group * CB * d.channels * 9, |g, out| {
        weight_block::<T, W, L, CB>(isa, key, x, dy, d, channels_out, g * group * CB, out)
    });
}

/// Lane width: the vector width (16 f32 or 8 f64 with AVX-512, 8 or 4 with AVX2); two output
/// channels per block where the 32 registers of AVX-512 hold their 18 accumulators.
fn weight_dispatch<T: Real>(isa: Isa, x: &[T], dy: &[T], d: Dims, co: usize, dw: &mut [T]) {
    match (wide::<T>(), d.width, isa, co % 2 == 0) {
        (false, 32, Isa::Avx512, true) => weight_all::<T, 32, 16, 2>(isa, x, dy, d, co, dw),
        (false, 32, Isa::Avx512, false) => weight_all::<T, 32, 16, 1>(isa, x, dy, d, co, dw),
        (false, 32, Isa::Avx2, _) => weight_all::<T, 32, 8, 1>(isa, x, dy, d, co, dw),
        (false, _, Isa::Avx512, true) => weight_all::<T, 16, 16, 2>(isa, x, dy, d, co, dw),
        (false, _, Isa::Avx512, false) => weight_all::<T, 16, 16, 1>(isa, x, dy, d, co, dw),
        (false, _, Isa::Avx2, _) => weight_all::<T, 16, 8, 1>(isa, x, dy, d, co, dw),
        (true, 32, Isa::Avx512, true) => weight_all::<T, 32, 8, 2>(isa, x, dy, d, co, dw),
        (true, 32, Isa::Avx512, false) => weight_all::<T, 32, 8, 1>(isa, x, dy, d, co, dw),
        (true, 32, Isa::Avx2, _) => weight_all::<T, 32, 4, 1>(isa, x, dy, d, co, dw),
        (true, 16, Isa::Avx512, true) => weight_all::<T, 16, 8, 2>(isa, x, dy, d, co, dw),
        (true, 16, Isa::Avx512, false) => weight_all::<T, 16, 8, 1>(isa, x, dy, d, co, dw),
        (true, 16, Isa::Avx2, _) => weight_all::<T, 16, 4, 1>(isa, x, dy, d, co, dw),
        (true, _, Isa::Avx512, true) => weight_all::<T, 8, 8, 2>(isa, x, dy, d, co, dw),
        (true, _, Isa::Avx512, false) => weight_all::<T, 8, 8, 1>(isa, x, dy, d, co, dw),
        (true, _, Isa::Avx2, _) => weight_all::<T, 8, 4, 1>(isa, x, dy, d, co, dw),
    }
}

/// Gradient of [`forward`] with respect to its weight: `[co, ci, 3, 3]`.
fn weight_grad<T: Real>(isa: Isa, x: &[T], d: Dims, dy: &[T], channels_out: usize) -> Vec<T> {
    let mut dw = vec![T::ZERO; channels_out * d.channels * 9];
    weight_dispatch(isa, x, dy, d, channels_out, &mut dw);
    dw
}
