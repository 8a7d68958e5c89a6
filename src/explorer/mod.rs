//! The explorer's logic that needs no browser: the shareable view state and its URL form, and
//! the populations and tables the Compare view shows. The Leptos page (`app`) only wires these
//! to the DOM, so everything here is tested natively.

pub mod compare;
pub mod markdown;
pub mod population;
pub mod query;
pub mod view_state;
