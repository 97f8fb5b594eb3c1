//! jsonfeed writer. (Being written.)
use super::Error;
use crate::config::FeedMeta;
use crate::model::Article;

/// Serializes a feed.
pub fn render(meta: &FeedMeta, items: &[Article]) -> Result<Vec<u8>, Error> {
    let _ = (meta, items);
    Ok(Vec::new())
}
