//! Runs the whole command as one of rayon's worker threads: the calling thread itself.
//!
//! burn-flex splits every large op across rayon's threads. Called from a thread outside the pool,
//! each split op injects its job, wakes a worker and puts the caller to sleep until the job is
//! done: two thread switches per op, and a snip gradient makes about 800 ops. From a worker
//! thread, the caller takes one half itself and the other worker steals the rest, as PyTorch's
//! OpenMP threads do (`docs/SPEED.md`, "Tenth round").
//!
//! The calling thread joins the pool as its worker 0 rather than handing the command to a new
//! thread, so its allocations stay in glibc's main heap, which `malloc.rs` keeps: a new thread's
//! arena unmaps its 64 MiB heaps whenever the top one empties, about 31 K page faults per snip
//! network, every network (`docs/SPEED.md`, "Eleventh round"). Scores are the same bit for bit.

use std::cell::OnceCell;

/// Stack of each other worker: the command's, as the main thread's default on Linux (rayon's
/// workers get Rust's 2 MiB otherwise).
const STACK_BYTES: usize = 8 << 20;

thread_local! {
    /// This thread's pool, built on first use with this thread as its worker 0 and kept for the
    /// thread's life (a thread can be a worker of one pool only); `None` if it could not start.
    static POOL: OnceCell<Option<rayon::ThreadPool>> = const { OnceCell::new() };
}

/// `f()` on this thread as worker 0 of a rayon pool sized as rayon's global one would be
/// (`RAYON_NUM_THREADS`, else one thread per core); outside any pool if none can start.
pub fn on_worker<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    POOL.with(|cell| {
        let pool = cell
            .get_or_init(|| rayon::ThreadPoolBuilder::new().stack_size(STACK_BYTES).use_current_thread().build().ok());
        match pool {
            Some(pool) => pool.install(f),
            None => f(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::on_worker;

    #[test]
    fn runs_on_this_thread_as_a_worker_every_time() {
        let here = std::thread::current().id();
        for _ in 0..3 {
            let (id, index) = on_worker(|| (std::thread::current().id(), rayon::current_thread_index()));
            assert_eq!(id, here);
            assert_eq!(index, Some(0));
        }
        // A split op's other half can run on another worker of the pool.
        let (a, b) = on_worker(|| rayon::join(|| 1 + 1, || 2 + 2));
        assert_eq!((a, b), (2, 4));
    }
}
