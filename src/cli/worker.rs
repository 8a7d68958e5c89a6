//! Runs the whole command on one of rayon's worker threads.
//!
//! burn-flex splits every large op across rayon's threads. Called from a thread outside the pool,
//! each split op injects its job, wakes a worker and puts the caller to sleep until the job is
//! done: two thread switches per op, and a snip gradient makes about 800 ops. From a worker
//! thread, the caller takes one half itself and the other worker steals the rest, as PyTorch's
//! OpenMP threads do. f32 scores are byte-identical; GraSP, whose finite difference amplifies the
//! last bits of its f64 gradients by 1/δ = 1e9, moved by ≤ 1.7e-8 relative (`docs/SPEED.md`,
//! "Tenth round").

/// Stack of each worker: the command's, as the main thread's default on Linux (rayon's workers
/// get Rust's 2 MiB otherwise).
const STACK_BYTES: usize = 8 << 20;

/// `f()` on a worker of a new rayon pool (sized as rayon's global one would be:
/// `RAYON_NUM_THREADS`, else one thread per core); on the calling thread if no pool can start.
pub fn on_worker<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    match rayon::ThreadPoolBuilder::new().stack_size(STACK_BYTES).build() {
        Ok(pool) => pool.install(f),
        Err(_) => f(),
    }
}
