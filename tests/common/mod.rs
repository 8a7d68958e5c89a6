//! What the integration tests share: reading the committed assets and running the built `zsnas`
//! against them. Each test binary compiles this module and uses only part of it.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

/// The committed `assets/` folder of the checkout under test. Read at run time (`cargo test`
/// sets `CARGO_MANIFEST_DIR` for the test process): the compile-time value is the checkout the
/// binary was built in, and a shared target dir can run a binary built in another checkout.
pub fn assets_dir() -> PathBuf {
    let root =
        std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    root.join("assets")
}

/// The bytes of the committed asset `name` (a file name under `assets/`).
pub fn read_asset(name: &str) -> Vec<u8> {
    let path = assets_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Runs `zsnas args…`; returns (success, stdout, stderr).
pub fn zsnas(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_zsnas"))
        .args(args)
        .env("ZSNAS_ASSETS", assets_dir())
        .output()
        .expect("zsnas runs");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

/// A fresh folder for one test's output files (named after `tag` and this process) and the
/// path of `scores.csv` in it; remove the folder when done.
pub fn scratch(tag: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("zsnas-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out = dir.join("scores.csv");
    (dir, out)
}

/// A 4-D tensor's values as f64.
pub fn read_f64_4d(t: burn::tensor::Tensor<4>) -> Vec<f64> {
    t.cast(burn::tensor::DType::F64).into_data().try_to_vec::<f64>().expect("f64 data")
}

/// max |a − b| / max |b|.
pub fn max_rel(a: &[f64], b: &[f64]) -> f64 {
    let scale = b.iter().fold(0f64, |m, x| m.max(x.abs()));
    a.iter().zip(b).fold(0f64, |m, (x, y)| m.max((x - y).abs())) / scale
}

/// `v` (laid out `shape`, `[a, b, h, w]`) as a tensor of that shape: when `swapped`, a strided
/// view (stored `[b, a, h, w]` and swapped back), not a contiguous copy.
pub fn tensor_4d(
    v: &[f64],
    shape: [usize; 4],
    swapped: bool,
    dtype: burn::tensor::DType,
    device: &burn::tensor::Device,
) -> burn::tensor::Tensor<4> {
    use burn::tensor::{Tensor, TensorData};
    if !swapped {
        return Tensor::<4>::from_data(TensorData::new(v.to_vec(), shape), (device, dtype));
    }
    let [a, b, h, w] = shape;
    let p = h * w;
    let mut t = vec![0.0; v.len()];
    for i in 0..a {
        for j in 0..b {
            t[(j * a + i) * p..][..p].copy_from_slice(&v[(i * b + j) * p..][..p]);
        }
    }
    Tensor::<4>::from_data(TensorData::new(t, [b, a, h, w]), (device, dtype)).swap_dims(0, 1)
}

/// (output, input gradient, weight gradient) of Σ g ⊙ conv2d(x, w) by plain loops over every
/// product in f64: `shapes` are x, w and the output `[n, c, h, w]`; one group, no dilation.
pub fn conv2d_reference(
    x: &[f64],
    w: &[f64],
    g: &[f64],
    shapes: [[usize; 4]; 3],
    stride: usize,
    pad: usize,
) -> [Vec<f64>; 3] {
    let ([n, ci, h, wd], [co, _, k, _], [_, _, ho, wo]) = (shapes[0], shapes[1], shapes[2]);
    let (mut y, mut dx, mut dw) = (vec![0.0; g.len()], vec![0.0; x.len()], vec![0.0; w.len()]);
    for b in 0..n {
        for o in 0..co {
            for (r, c) in (0..ho).flat_map(|r| (0..wo).map(move |c| (r, c))) {
                let yi = ((b * co + o) * ho + r) * wo + c;
                for i in 0..ci {
                    for (kh, kw) in (0..k).flat_map(|kh| (0..k).map(move |kw| (kh, kw))) {
                        let (row, col) =
                            ((r * stride + kh) as isize - pad as isize, (c * stride + kw) as isize - pad as isize);
                        if row < 0 || col < 0 || row >= h as isize || col >= wd as isize {
                            continue;
                        }
                        let xi = ((b * ci + i) * h + row as usize) * wd + col as usize;
                        let wi = ((o * ci + i) * k + kh) * k + kw;
                        y[yi] += w[wi] * x[xi];
                        dx[xi] += w[wi] * g[yi];
                        dw[wi] += x[xi] * g[yi];
                    }
                }
            }
        }
    }
    [y, dx, dw]
}
