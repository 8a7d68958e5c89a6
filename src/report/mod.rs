//! Facts about architectures joined from the space, the network and the benchmark tables: the
//! plain-data view models both faces (page and CLI) display.

pub mod accuracy_pick;
pub mod agreement;
pub mod cell;
pub mod correlation;
pub mod inputs;
pub mod percentile;
pub mod published;
pub mod score_columns;
pub mod score_key;
pub mod skeleton;
