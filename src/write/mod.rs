//! Serializing articles into feed documents: RSS 2.0, Atom 1.0 and JSON Feed 1.1.
//!
//! Each writer is a pure function `render(&FeedMeta, &[Article]) -> Result<Vec<u8>, Error>`:
//! the items arrive selected and ordered, and the bytes leave for `publish`. The crates own the
//! syntax (`rss`, `atom_syndication`, `serde_json`); this module owns the decisions that are the
//! same in every format, so the three feeds always agree.

pub mod atom;
pub mod jsonfeed;
pub mod rss;

use chrono::{DateTime, FixedOffset};

use crate::config::FeedMeta;
use crate::model::Article;

/// Why a feed could not be serialized.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The XML writer failed.
    #[error("cannot write the {format} feed: {message}")]
    Xml {
        /// `RSS` or `Atom`.
        format: &'static str,
        /// The writer's message.
        message: String,
    },
    /// serde_json failed.
    #[error("cannot write the JSON feed: {0}")]
    Json(#[from] serde_json::Error),
}

/// The output formats and the file each is published as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// RSS 2.0, `rss.xml`.
    Rss,
    /// Atom 1.0, `atom.xml`.
    Atom,
    /// JSON Feed 1.1, `feed.json`.
    JsonFeed,
}

impl Kind {
    /// Every format, in the order they are written.
    pub const ALL: [Kind; 3] = [Kind::Rss, Kind::Atom, Kind::JsonFeed];

    /// The file name in the feed's folder.
    pub fn file_name(self) -> &'static str {
        match self {
            Kind::Rss => "rss.xml",
            Kind::Atom => "atom.xml",
            Kind::JsonFeed => "feed.json",
        }
    }

    /// Serializes a feed in this format.
    pub fn render(self, meta: &FeedMeta, items: &[Article]) -> Result<Vec<u8>, Error> {
        match self {
            Kind::Rss => rss::render(meta, items),
            Kind::Atom => atom::render(meta, items),
            Kind::JsonFeed => jsonfeed::render(meta, items),
        }
    }
}

/// The feed's own date: the newest date among its items, never the clock, so the same
/// articles always give the same bytes. `None` for a feed without items.
pub fn feed_updated(items: &[Article]) -> Option<DateTime<FixedOffset>> {
    items.iter().filter_map(Article::newest_date).max()
}
