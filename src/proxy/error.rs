//! Why a proxy produced no score. A NaN or infinite value is a failure, never a silent 0.

use crate::net::forward::NetError;

/// A proxy's failure on one network.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProxyError {
    /// A protocol knob is out of range, or the input does not fit it.
    #[error("protocol: {0}")]
    Protocol(String),
    /// The network could not run.
    #[error("network: {0}")]
    Net(#[from] NetError),
    /// Reading a tensor back from the device failed.
    #[error("device read failed: {0}")]
    Read(String),
    /// The value is NaN or ±∞.
    #[error("non-finite score ({0})")]
    NonFinite(f64),
    /// The proxy cannot be computed for this network (e.g. a singular matrix).
    #[error("undefined: {0}")]
    Undefined(String),
    /// The proxy is not defined for this search space.
    #[error("not available for this search space: {0}")]
    Unsupported(String),
}
