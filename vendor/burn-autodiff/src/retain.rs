//! zsnas patch: `retain_graph`, a backward that leaves the recorded graph in place, so that
//! several backwards can share one forward (TE-NAS's NTK: one row per sample of one batch).
//! Upstream burn consumes the graph in every backward (`Tensor::backward`'s docs).

#[cfg(feature = "std")]
std::thread_local! {
    static RETAIN: core::cell::Cell<bool> = const { core::cell::Cell::new(false) };
}

/// Runs `backward` (a closure that calls `Tensor::backward` on this thread) so that the graph
/// it walks stays usable: each step runs on a copy (its saved tensors are shared handles, not
/// copies of the data), and nothing is consumed or freed. The gradients are the ones a plain
/// backward would give. The graph is freed as usual by the last plain backward through it, or
/// when its tensors are dropped.
#[cfg(feature = "std")]
pub fn retain_graph<R>(backward: impl FnOnce() -> R) -> R {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            RETAIN.with(|r| r.set(self.0));
        }
    }
    let _reset = Reset(RETAIN.with(|r| r.replace(true)));
    backward()
}

/// Whether a backward started now should leave the graph in place.
pub(crate) fn retaining() -> bool {
    #[cfg(feature = "std")]
    {
        RETAIN.with(|r| r.get())
    }
    #[cfg(not(feature = "std"))]
    {
        false
    }
}
