//! A one-line progress report on stderr: done/total, rate and ETA.

use std::io::Write;
use std::time::Instant;

/// Progress over a known number of items.
pub struct Progress {
    total: usize,
    done: usize,
    unit: &'static str,
    started: Instant,
}

impl Progress {
    /// Starts counting.
    pub fn new(total: usize, unit: &'static str) -> Self {
        Self { total, done: 0, unit, started: Instant::now() }
    }

    /// One more item finished.
    pub fn tick(&mut self) {
        self.done += 1;
        let secs = self.started.elapsed().as_secs_f64();
        let rate = self.done as f64 / secs.max(1e-9);
        let eta = (self.total - self.done.min(self.total)) as f64 / rate.max(1e-9);
        eprint!(
            "\r[{}/{}] {:5.1}%  {:.2} {}/s  ETA {}   ",
            self.done,
            self.total,
            100.0 * self.done as f64 / self.total.max(1) as f64,
            rate,
            self.unit,
            clock(eta)
        );
        let _ = std::io::stderr().flush();
    }

    /// Ends the line.
    pub fn finish(&self) {
        eprintln!("\rdone: {} {} in {}", self.done, self.unit, clock(self.started.elapsed().as_secs_f64()));
    }
}

fn clock(secs: f64) -> String {
    let s = secs.round() as u64;
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}
