//! Turning a [`Draft`] into an [`Article`]. (Being written.)

pub mod citations;
pub mod credits;
pub mod date;
pub mod dateline;
pub mod outlets;
pub mod summary;
