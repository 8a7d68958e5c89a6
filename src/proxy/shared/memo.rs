//! A once-per-session cache for results several proxies share.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use crate::proxy::error::ProxyError;

/// Holds a value computed on first request; later requests get the same `Rc`.
pub struct Memo<T>(RefCell<Option<Rc<T>>>);

impl<T> Default for Memo<T> {
    fn default() -> Self {
        Self(RefCell::new(None))
    }
}

impl<T> Memo<T> {
    /// The cached value, or the result of awaiting `compute` (not run when cached). Errors are
    /// not cached, so a later request tries again.
    pub async fn get_or_try(&self, compute: impl Future<Output = Result<T, ProxyError>>) -> Result<Rc<T>, ProxyError> {
        if let Some(done) = self.0.borrow().clone() {
            return Ok(done);
        }
        let value = Rc::new(compute.await?);
        *self.0.borrow_mut() = Some(value.clone());
        Ok(value)
    }
}
