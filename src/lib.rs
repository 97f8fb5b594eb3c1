//! kabar turns a folder of articles into feeds.
//!
//! ```text
//! articles/ --> ingest --> normalize --> select --> write --> publish --> feeds/
//!              Draft      Article       newest N   RSS 2.0,   atomic
//!                                                  Atom, JSON
//! ```
//!
//! The primary type is [`model::Article`]: one clean feed item, whatever file it came from.
//! [`ingest`] reads files into [`ingest::Draft`]s (fields as found, as strings); [`normalize`]
//! turns a draft into an `Article`; [`select`] picks and orders the items of a feed; [`write`]
//! serializes them; [`publish`] is the only place that writes the output folder (atomic files, the
//! lock, the state file that makes runs incremental). [`run`] ties the stages together; [`check`]
//! checks feed documents before they are published; [`serve`] serves the output folder over HTTP.
//! The command line lives in [`cli`] (clap), [`app`] (carrying a command out) and `main.rs`.

pub mod app;
pub mod check;
pub mod cli;
pub mod config;
pub mod ingest;
pub mod model;
pub mod normalize;
pub mod publish;
pub mod run;
pub mod select;
pub mod serve;
pub mod write;
