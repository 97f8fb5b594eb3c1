//! Choosing and ordering the items of a feed.
//!
//! Newest first by publication date, ties broken by id, so the order never depends on the file
//! system or on thread timing; then at most `max_items`.

use std::cmp::Ordering;

use chrono::{DateTime, FixedOffset};

use crate::model::Article;

/// What selection needs of an item: its date and its id.
pub trait Ranked {
    /// The date it sorts by; `None` sorts last.
    fn date(&self) -> Option<DateTime<FixedOffset>>;
    /// Its id, which breaks ties.
    fn id(&self) -> &str;
}

impl Ranked for Article {
    fn date(&self) -> Option<DateTime<FixedOffset>> {
        self.published.or(self.updated)
    }
    fn id(&self) -> &str {
        &self.id
    }
}

/// The order of items in a feed: newest first (as instants, whatever their offsets), then by id.
/// Items without any date come last.
pub fn feed_order<T: Ranked>(a: &T, b: &T) -> Ordering {
    match (a.date(), b.date()) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| a.id().cmp(b.id()))
}

/// The newest `max_items` items, in feed order, without sorting the rest.
pub fn newest<T: Ranked>(mut items: Vec<T>, max_items: usize) -> Vec<T> {
    if items.len() > max_items {
        items.select_nth_unstable_by(max_items, feed_order);
        items.truncate(max_items);
    }
    items.sort_by(feed_order);
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn article(id: &str, date: Option<&str>) -> Article {
        Article {
            id: id.into(),
            title: id.into(),
            link: None,
            published: date.map(|d| DateTime::parse_from_rfc3339(d).unwrap()),
            published_from: None,
            published_date_only: false,
            updated: None,
            language: None,
            authors: vec![],
            source: None,
            credits: vec![],
            citations: vec![],
            summary: String::new(),
            content_html: String::new(),
            categories: vec![],
            image: None,
            path: id.into(),
            warnings: vec![],
        }
    }

    fn ids(articles: &[Article]) -> Vec<&str> {
        articles.iter().map(|a| a.id.as_str()).collect()
    }

    #[test]
    fn newest_first_ties_by_id_undated_last() {
        let input = vec![
            article("c", Some("2016-12-09T14:32:00+07:00")),
            article("undated", None),
            article("b", Some("2016-12-09T07:32:00Z")), // the same instant as c
            article("new", Some("2017-01-01T00:00:00-05:00")),
            article("old", Some("2015-01-01T00:00:00Z")),
        ];
        assert_eq!(ids(&newest(input.clone(), 10)), ["new", "b", "c", "old", "undated"]);
        assert_eq!(ids(&newest(input.clone(), 2)), ["new", "b"]);
        let mut reversed = input;
        reversed.reverse();
        assert_eq!(ids(&newest(reversed, 3)), ["new", "b", "c"]);
    }
}
