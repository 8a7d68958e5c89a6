//! glibc's allocator, told to keep freed tensors' memory for the next ones.
//!
//! Every op of the CPU backend allocates its output afresh (a feature map at batch 64 is
//! 1–10 MB). By default glibc maps each such block with a fresh `mmap` and unmaps it when freed,
//! so the kernel page-faults and zeroes it again, 4 KiB at a time, op after op. Serving blocks up
//! to 32 MiB from the heap and never trimming it makes them reusable. Measured together with
//! burn-flex's outputs no longer being zeroed first: 2–5 % less time on top of that change
//! (both cores, interleaved; `docs/SPEED.md`, "Fifth round"). Scores are untouched: only where
//! the bytes live changes.
//!
//! The command runs on the main thread, as worker 0 of rayon's pool (`worker.rs`), so its blocks
//! come from the main heap these settings govern. On a new thread they came from that thread's
//! arena, whose 64 MiB heaps glibc unmaps when the top one empties, whatever the trim threshold:
//! about 31 K page faults per snip network on cell 1462 (`docs/SPEED.md`, "Eleventh round").

/// Sets the allocator up; call once, before other threads start. Nothing off glibc.
pub fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        /// glibc's largest accepted mmap threshold on 64-bit targets.
        const MMAP_THRESHOLD_BYTES: i32 = 32 << 20;
        // SAFETY: mallopt only changes allocator parameters, here before other threads exist.
        // A rejected value (return 0) keeps glibc's default, which is as correct, only slower.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES);
            libc::mallopt(libc::M_TRIM_THRESHOLD, i32::MAX);
        }
    }
}
