//! Choosing and ordering the items of a feed.
//!
//! Newest first by publication date, ties broken by id, so the order never depends on the file
//! system or on thread timing; then at most `max_items`.

use std::borrow::Cow;
use std::cmp::Ordering;

use chrono::{DateTime, FixedOffset};

use crate::config::FilteredFeed;
use crate::model::Article;
use crate::normalize::{Extras, Head};

/// What selection needs of an item: its date and its id.
pub trait Ranked {
    /// The date it sorts by; `None` sorts last.
    fn date(&self) -> Option<DateTime<FixedOffset>>;
    /// Its id, which breaks ties: made only then, for an id the index does not keep.
    fn id(&self) -> Cow<'_, str>;
}

impl Ranked for Article {
    fn date(&self) -> Option<DateTime<FixedOffset>> {
        self.published.or(self.updated)
    }
    fn id(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.id)
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
    .then_with(|| a.id().cmp(&b.id()))
}

/// The newest `max_items` items, in feed order, without sorting the rest.
pub fn newest<T: Ranked>(items: impl IntoIterator<Item = T>, max_items: usize) -> Vec<T> {
    let mut newest = Newest::new(max_items);
    items.into_iter().for_each(|item| newest.offer(item));
    newest.into_vec()
}

/// The newest `max` of items offered one at a time, holding no more than `max` of them: the
/// items of a feed chosen from an archive of any size in the memory of the feed.
#[derive(Debug)]
pub struct Newest<T> {
    max: usize,
    /// The items kept, the oldest on top: the one a newer item replaces.
    kept: std::collections::BinaryHeap<InFeedOrder<T>>,
}

impl<T: Ranked> Newest<T> {
    /// Nothing kept yet.
    pub fn new(max: usize) -> Newest<T> {
        Newest { max, kept: std::collections::BinaryHeap::new() }
    }

    /// Keeps `item` if it is among the newest `max` offered so far.
    pub fn offer(&mut self, item: T) {
        if self.kept.len() < self.max {
            self.kept.push(InFeedOrder(item));
        } else if let Some(mut oldest) = self.kept.peek_mut()
            && feed_order(&item, &oldest.0).is_lt()
        {
            oldest.0 = item;
        }
    }

    /// The items kept, in feed order.
    pub fn into_vec(self) -> Vec<T> {
        self.kept.into_sorted_vec().into_iter().map(|item| item.0).collect()
    }
}

/// An item ordered as in a feed: the newest least.
#[derive(Debug)]
struct InFeedOrder<T>(T);

impl<T: Ranked> Ord for InFeedOrder<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        feed_order(&self.0, &other.0)
    }
}

impl<T: Ranked> PartialOrd for InFeedOrder<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<T: Ranked> PartialEq for InFeedOrder<T> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl<T: Ranked> Eq for InFeedOrder<T> {}

/// The `[[feeds]]` filters of a run, made ready to test an article's head against: which of them
/// hold the article, as a bit per feed in the order of the tables.
///
/// Within a key any value matches, across keys all must, and a key left out does not filter:
/// - `categories` and `authors` match a name whatever its case (an author by name or e-mail);
/// - `sources` match the outlet's canonical name, so an alias the registry knows works too;
/// - `languages` match as BCP 47 ranges do (RFC 4647 basic filtering): `en` holds `en` and
///   `en-GB`, `en-GB` only `en-GB`;
/// - `keywords` match whole words in the title or the summary, whatever their case: `banjir`
///   matches "Banjir merendam…" but not "kebanjiran", and a phrase its words in a row.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    feeds: Vec<Compiled>,
}

#[derive(Debug, Clone)]
struct Compiled {
    categories: Vec<String>,
    sources: Vec<String>,
    languages: Vec<String>,
    authors: Vec<String>,
    keywords: Vec<Vec<String>>,
}

impl Matcher {
    /// Compiles the filters; `outlet` gives an outlet name's canonical spelling.
    pub fn new(feeds: &[FilteredFeed], outlet: impl Fn(&str) -> String) -> Matcher {
        let lower = |values: &[String]| values.iter().map(|v| v.to_lowercase()).collect();
        let feeds = feeds
            .iter()
            .take(crate::config::MAX_FEEDS)
            .map(|feed| {
                let filter = &feed.filter;
                Compiled {
                    categories: lower(&filter.categories),
                    sources: filter.sources.iter().map(|s| outlet(s).to_lowercase()).collect(),
                    languages: lower(&filter.languages),
                    authors: lower(&filter.authors),
                    keywords: filter.keywords.iter().map(|k| words(k)).collect(),
                }
            })
            .collect();
        Matcher { feeds }
    }

    /// What the head must carry for the filters to be tested: the language only when a filter
    /// looks at it, the summary only when one looks for keywords.
    pub fn extras(&self) -> Extras {
        Extras {
            language: self.feeds.iter().any(|f| !f.languages.is_empty()),
            summary: self.feeds.iter().any(|f| !f.keywords.is_empty()),
        }
    }

    /// Whether there are filters at all.
    pub fn is_empty(&self) -> bool {
        self.feeds.is_empty()
    }

    /// The feeds that hold an article: bit `n` for the `n`th table.
    pub fn matches(&self, head: &Head) -> u64 {
        if self.feeds.is_empty() {
            return 0;
        }
        let categories: Vec<String> = head.categories.iter().map(|c| c.to_lowercase()).collect();
        let source = head.source.as_ref().map(|s| s.name.to_lowercase());
        let language = head.language.as_deref().map(str::to_lowercase);
        let authors: Vec<(String, Option<String>)> = head
            .authors
            .iter()
            .map(|a| (a.name.to_lowercase(), a.email.as_deref().map(str::to_lowercase)))
            .collect();
        let needs_words = self.feeds.iter().any(|f| !f.keywords.is_empty());
        let text: Vec<String> = match needs_words {
            true => {
                let mut text = words(&head.title);
                // A break between title and summary, so that no phrase spans the two.
                text.push(String::new());
                text.extend(words(head.summary.as_deref().unwrap_or("")));
                text
            }
            false => Vec::new(),
        };
        let mut bits = 0;
        for (n, feed) in self.feeds.iter().enumerate() {
            let any = |values: &[String], test: &dyn Fn(&str) -> bool| {
                values.is_empty() || values.iter().any(|v| test(v))
            };
            let holds = any(&feed.categories, &|c| categories.iter().any(|own| own == c))
                && any(&feed.sources, &|s| source.as_deref() == Some(s))
                && any(&feed.languages, &|range| {
                    language.as_deref().is_some_and(|tag| {
                        tag == range
                            || tag.strip_prefix(range).is_some_and(|rest| rest.starts_with('-'))
                    })
                })
                && any(&feed.authors, &|wanted| {
                    authors
                        .iter()
                        .any(|(name, email)| name == wanted || email.as_deref() == Some(wanted))
                })
                && (feed.keywords.is_empty()
                    || feed.keywords.iter().any(|phrase| {
                        !phrase.is_empty() && text.windows(phrase.len()).any(|w| w == &phrase[..])
                    }));
            if holds {
                bits |= 1 << n;
            }
        }
        bits
    }
}

/// The words of a text in lowercase: its runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
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

    fn head(title: &str, summary: &str) -> Head {
        Head {
            id: title.into(),
            title: title.into(),
            link: None,
            published: None,
            published_from: None,
            updated: None,
            source: None,
            categories: vec![],
            authors: vec![],
            language: None,
            summary: Some(summary.into()),
            warnings: vec![],
        }
    }

    fn keywords(words: &[&str]) -> Matcher {
        let filter = crate::config::Filter {
            keywords: words.iter().map(|w| w.to_string()).collect(),
            ..Default::default()
        };
        let feed = FilteredFeed {
            name: "k".into(),
            slug: "k".into(),
            title: "k".into(),
            description: "k".into(),
            max_items: 5,
            filter,
        };
        Matcher::new(&[feed], str::to_string)
    }

    #[test]
    fn keywords_are_whole_words_and_phrases_in_a_row() {
        let m = keywords(&["banjir", "tanah longsor", "ÉTÉ"]);
        assert_eq!(m.extras(), Extras { language: false, summary: true });
        let cases = [
            ("Banjir merendam desa", "", true),
            ("Desa", "Air (banjir) naik.", true),
            ("Warga kebanjiran", "Banjirnya surut.", false),
            ("Tanah", "longsor", false), // no phrase across the title and the summary
            ("Jalan putus", "Tanah  longsor, lagi.", true),
            ("Longsor tanah", "", false),
            ("L'été à Jakarta", "", true),
        ];
        for (title, summary, expected) in cases {
            assert_eq!(m.matches(&head(title, summary)) == 1, expected, "{title:?} {summary:?}");
        }
        assert_eq!(Matcher::default().matches(&head("banjir", "")), 0);
    }
}
