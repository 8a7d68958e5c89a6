//! The page's side of the scoring worker: one worker per page, started on first use, shared by
//! every view through Leptos context. Requests wait until the worker announces it is ready;
//! answers are routed to the callback of the job they belong to. Cancel terminates the worker
//! (a running proxy cannot be interrupted otherwise); the next request starts a fresh one. If the
//! worker dies (an uncaught error: a lost WebGPU device, a crash), every waiting job hears
//! `Failed` with the reason, so its view can say so and carry on — on the CPU for scoring.

use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{MessageEvent, Worker};

use crate::compute::messages::{FromWorker, ToWorker};

/// The worker script Trunk writes beside the page (`data-bin="worker" data-loader-shim`).
const WORKER_URL: &str = "./worker_loader.js";

type Listener = Rc<dyn Fn(FromWorker)>;

/// Handle to the page's worker (cheap to copy; lives in Leptos context).
#[derive(Clone, Copy)]
pub struct WorkerClient {
    worker: StoredValue<Option<Worker>, LocalStorage>,
    ready: StoredValue<bool, LocalStorage>,
    pending: StoredValue<Vec<String>, LocalStorage>,
    listeners: StoredValue<HashMap<u64, Listener>, LocalStorage>,
    next_job: StoredValue<u64, LocalStorage>,
}

fn job_of(answer: &FromWorker) -> Option<u64> {
    match answer {
        FromWorker::Ready => None,
        FromWorker::Device { job, .. }
        | FromWorker::Scored { job, .. }
        | FromWorker::Measured { job, .. }
        | FromWorker::Internals { job, .. }
        | FromWorker::Done { job }
        | FromWorker::Failed { job, .. } => Some(*job),
    }
}

impl WorkerClient {
    /// A client with no worker yet.
    pub fn new() -> WorkerClient {
        WorkerClient {
            worker: StoredValue::new_local(None),
            ready: StoredValue::new_local(false),
            pending: StoredValue::new_local(Vec::new()),
            listeners: StoredValue::new_local(HashMap::new()),
            next_job: StoredValue::new_local(0),
        }
    }

    fn dispatch(self, answer: FromWorker) {
        if answer == FromWorker::Ready {
            self.ready.set_value(true);
            let queued = self.pending.try_update_value(std::mem::take).unwrap_or_default();
            for text in queued {
                self.post(&text);
            }
            return;
        }
        let Some(job) = job_of(&answer) else { return };
        // A request the worker could not even read carries job 0: every waiting job hears it.
        let targets: Vec<Listener> = self.listeners.with_value(|l| {
            if job == 0 { l.values().cloned().collect() } else { l.get(&job).cloned().into_iter().collect() }
        });
        let finished = matches!(
            answer,
            FromWorker::Done { .. }
                | FromWorker::Measured { .. }
                | FromWorker::Internals { .. }
                | FromWorker::Failed { .. }
        );
        for listener in targets {
            listener(answer.clone());
        }
        if finished {
            self.listeners.update_value(|l| {
                l.remove(&job);
            });
        }
    }

    fn post(self, text: &str) {
        self.worker.with_value(|w| w.as_ref().map(|w| w.post_message(&text.into())));
    }

    fn ensure_worker(self) -> Result<(), String> {
        if self.worker.with_value(Option::is_some) {
            return Ok(());
        }
        let w = Worker::new(WORKER_URL).map_err(|e| format!("cannot start the scoring worker: {e:?}"))?;
        let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            let answer =
                FromWorker::from_json(&text).unwrap_or_else(|e| FromWorker::Failed { job: 0, error: e.to_string() });
            self.dispatch(answer);
        });
        w.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        handler.forget(); // one small closure per worker started
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default(); // handled here: not an uncaught error of the page
            let message = js_sys::Reflect::get(&event, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| "unknown error".into());
            self.crashed(&message);
        });
        w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        self.ready.set_value(false);
        self.worker.set_value(Some(w));
        Ok(())
    }

    /// Sends the request `make(job)` and routes every answer of that job to `on_answer`;
    /// returns the job number.
    pub fn request(
        self,
        make: impl FnOnce(u64) -> ToWorker,
        on_answer: impl Fn(FromWorker) + 'static,
    ) -> Result<u64, String> {
        self.ensure_worker()?;
        let job = self.next_job.try_update_value(|n| {
            *n += 1;
            *n
        });
        let job = job.unwrap_or(1);
        self.listeners.update_value(|l| {
            l.insert(job, Rc::new(on_answer));
        });
        let text = make(job).to_json();
        if self.ready.get_value() {
            self.post(&text);
        } else {
            self.pending.update_value(|p| p.push(text)); // posted when the worker says Ready
        }
        Ok(job)
    }

    /// The worker died: drop it (the next request starts a fresh one) and tell every waiting
    /// job why.
    fn crashed(self, message: &str) {
        self.worker.update_value(|w| {
            if let Some(w) = w.take() {
                w.terminate();
            }
        });
        self.ready.set_value(false);
        self.pending.set_value(Vec::new());
        let waiting = self.listeners.try_update_value(std::mem::take).unwrap_or_default();
        for (job, listener) in waiting {
            listener(FromWorker::Failed { job, error: format!("the worker stopped ({message})") });
        }
    }

    /// Stops every running job by terminating the worker; finished answers were already
    /// delivered. The next request starts a fresh worker.
    pub fn cancel_all(self) {
        self.worker.update_value(|w| {
            if let Some(w) = w.take() {
                w.terminate();
            }
        });
        self.ready.set_value(false);
        self.pending.set_value(Vec::new());
        self.listeners.set_value(HashMap::new());
    }
}

impl Default for WorkerClient {
    fn default() -> Self {
        WorkerClient::new()
    }
}
