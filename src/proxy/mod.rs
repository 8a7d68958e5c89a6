//! Zero-shot proxies (PROXIES.md §3): one file per proxy, a registry ([`kind::ProxyKind`]), the
//! protocol, and the machinery they share.

pub mod batch;
pub mod bench;
pub mod error;
pub mod explain;
pub mod info;
pub mod internals;
pub mod kind;
pub mod protocol;
pub mod run;
pub mod score;
pub mod session;
pub mod shared;

pub mod az_nas;
pub mod epe_nas;
pub mod fisher;
pub mod flops;
pub mod grad_norm;
pub mod gradsign;
pub mod grasp;
pub mod jacob_cov;
pub mod knas;
pub mod l2_norm;
pub mod linear_regions;
pub mod logsynflow;
pub mod meco;
pub mod meco_all;
pub mod nasi;
pub mod nn_degree;
pub mod nn_mass;
pub mod ntk_cond;
pub mod nwot;
pub mod params;
pub mod plain;
pub mod snip;
pub mod swap;
pub mod synflow;
pub mod te_nas;
pub mod zen;
pub mod zico;

pub use error::ProxyError;
pub use info::{Needs, Orientation, ProxyInfo};
pub use kind::ProxyKind;
pub use protocol::{InputKind, Protocol};
pub use score::Score;
pub use session::Session;

/// What every proxy file imports.
pub mod prelude {
    pub use crate::proxy::error::ProxyError;
    pub use crate::proxy::info::{Needs, Orientation, ProxyInfo};
    pub use crate::proxy::score::Score;
    pub use crate::proxy::session::Session;
}
