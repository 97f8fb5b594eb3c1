//! Checking feed documents: `kabar check FILE...`, and the last step before `publish`.
//!
//! [`check`] reads the bytes of an RSS 2.0, Atom 1.0 or JSON Feed 1.1 document back, the way a
//! strict reader would, and lists every [`Problem`] it finds, each with its line where the
//! document gives one. It is pure and never panics: the bytes may be anything a user points the
//! command at. It checks what the W3C feed validator and the readers in
//! `../shared/validators` reject, so that a feed kabar publishes never fails there.
//!
//! | layer    | what is checked                                                              |
//! |----------|------------------------------------------------------------------------------|
//! | bytes    | UTF-8, or the encoding the XML declaration names (`UTF-16` with a byte order mark, `ISO-8859-1`, `US-ASCII`, `windows-1252`); JSON is always UTF-8 |
//! | chars    | none that XML 1.0 forbids (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF), raw or as a character reference, and none in a JSON string either: one U+000B makes a feed unreadable once a reader turns it into XML |
//! | syntax   | well-formed XML 1.0 (namespaces included: every prefix used is declared); strict JSON, without duplicate keys |
//! | RSS 2.0  | `rss version="2.0"` with one `channel`; channel `title`, absolute `link`, `description`; RFC 2822 dates with the right weekday; `atom:link rel="self"` (a warning when missing); items with a title or a description, absolute links, unique non-empty guids, permalink guids that are URLs; `enclosure` and `source` attributes; `ttl`, `image`, `language` |
//! | Atom 1.0 | feed and entry `id` (absolute IRI, unique; `urn:uuid:` and `tag:` ids in their own syntax), `title`, `updated` (RFC 3339); an author on the feed or on every entry; `link rel="self"` (a warning when missing); absolute `href`s; `type` of text constructs and `content`; an alternate link or content in every entry; a summary next to `src` or binary content |
//! | JSON Feed 1.1 | `version`, `title`, `items`; item ids (non-empty strings, unique), content, RFC 3339 dates, absolute `http(s)` URLs, attachments, authors; no unknown keys, extensions (`_` and a letter) are objects |
//!
//! Refused although some readers take them, and why:
//!
//! | refused                                        | why                                                  |
//! |------------------------------------------------|------------------------------------------------------|
//! | `UTC`, `WIB`, `+07:00` in RSS dates            | not RFC 2822; the W3C validator rejects them          |
//! | RSS dates without a zone, military zones but `Z` | readers guess the zone, or read the sign each their own way (RFC 1123) |
//! | leap seconds, year 0                           | legal in the RFCs, refused by feedparser, JavaScript's `Date`, `xsd:dateTime` |
//! | Atom dates with a lowercase `t` or `z`, offsets beyond ±14:00 | allowed by RFC 3339, not by `xsd:dateTime` (the RFC 4287 schema) |
//! | non-ASCII letters in RSS and JSON Feed URLs    | the W3C validator wants URLs there, JSON Schema's `uri` too (Atom takes IRIs) |
//! | `%` without two hex digits, a second `#`, `[` `]`, hosts a browser refuses (`256.1.1.1`) | not RFC 3986, or not openable |
//! | relative Atom `href`s, even with `xml:base`    | kabar never writes `xml:base`, and many readers ignore it |
//! | Atom alternate and self links outside `http(s)` | readers open and fetch them                          |
//! | language `in` (Indonesian until 1989), `x-…`, two-letter codes outside ISO 639-1 | the W3C validator refuses them; `id` is Indonesian |
//! | other encodings (`Shift_JIS`, …)               | kabar cannot read them back, so it cannot vouch for them |
//!
//! Warnings, not errors (the feed is valid, readers lose something): a missing self link (RSS
//! `atom:link`, Atom `link rel="self"`, JSON `feed_url`) or JSON `home_page_url`, an RSS item
//! without a `guid`, the deprecated JSON `author`, a byte order mark before JSON, an empty RSS
//! channel description, repeated single elements in RSS, several enclosures, an empty Atom
//! title, Atom `content` typed `text/html`, an `http(s)` Atom id not in canonical form, and in
//! RSS dates two-digit years, names in another case (`dec`) and runs of spaces.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::fmt;

use chrono::{NaiveDate, Weekday};
use roxmltree::{Document, Node, ParsingOptions};
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use url::Url;

/// The Atom namespace, for Atom documents and for `atom:link` in RSS.
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
/// The XHTML namespace, for Atom `type="xhtml"` constructs.
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
/// The one JSON Feed version kabar writes and accepts.
const JSON_FEED_VERSION: &str = "https://jsonfeed.org/version/1.1";

/// Prefixes whose namespace every reader knows by heart: bound to another URI, the elements
/// under them mean nothing to anyone (a mistyped `xmlns:atom` hides the self link).
const KNOWN_PREFIXES: [(&str, &str); 5] = [
    ("atom", ATOM_NS),
    ("content", "http://purl.org/rss/1.0/modules/content/"),
    ("dc", "http://purl.org/dc/elements/1.1/"),
    ("media", "http://search.yahoo.com/mrss/"),
    ("itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd"),
];

/// How many lines with forbidden characters are reported one by one before the rest is
/// counted: a file full of them needs one fix, not a thousand messages.
const MAX_CHAR_LINES: usize = 20;

/// One problem found in a feed document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line of the element, item or syntax error, when the document gives one.
    pub line: Option<usize>,
    /// Whether the feed is broken or only weaker than it should be.
    pub severity: Severity,
    /// What is wrong, as data; its `Display` is the reason the command prints.
    pub kind: ProblemKind,
}

impl Problem {
    /// Whether this problem makes the feed invalid (a warning does not).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// The reason alone: the caller adds `PATH:LINE: error: `.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.kind.fmt(f)
    }
}

/// How bad a [`Problem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The validators reject the feed, or readers misread it.
    Error,
    /// Valid, but readers lose something (the self link, a precise date).
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// The feed formats kabar writes and checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RSS 2.0: a root `<rss>`.
    Rss,
    /// Atom 1.0: a root `<feed>` in the Atom namespace.
    Atom,
    /// JSON Feed: a JSON object whose `version` is a jsonfeed.org URL.
    JsonFeed,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Rss => "RSS 2.0",
            Format::Atom => "Atom 1.0",
            Format::JsonFeed => "JSON Feed 1.1",
        })
    }
}

/// Where in a feed a problem is: the feed itself or one of its items, counted from 1 in
/// document order, named as the format names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The RSS `channel`.
    Channel,
    /// The Atom `feed` or the JSON Feed top-level object.
    Feed,
    /// An RSS `item` or a JSON Feed item.
    Item(usize),
    /// An Atom `entry`.
    Entry(usize),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Channel => f.write_str("channel"),
            Place::Feed => f.write_str("feed"),
            Place::Item(n) => write!(f, "item {n}"),
            Place::Entry(n) => write!(f, "entry {n}"),
        }
    }
}

/// An element, attribute or key name as a message shows it: `link`, `enclosure/@length`,
/// `attachments[0].url`.
pub type Name = Cow<'static, str>;

/// What a URL must be where it is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlRule {
    /// A link that readers open: `http` or `https`, with a host.
    Http,
    /// The same, or a `mailto:` address (JSON Feed author URLs).
    HttpOrMailto,
    /// An `http` or `https` IRI, which may hold non-ASCII letters (Atom links).
    HttpIri,
    /// An Atom id or href: any absolute IRI (`urn:uuid:…`, `tag:…`, `https://…`).
    Iri,
}

impl fmt::Display for UrlRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UrlRule::Http => "an absolute `http` or `https` URL",
            UrlRule::HttpOrMailto => "an absolute `http` or `https` URL or a `mailto:` address",
            UrlRule::HttpIri => "an absolute `http` or `https` IRI",
            UrlRule::Iri => "an absolute IRI",
        })
    }
}

/// A JSON value's type, as messages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl JsonType {
    fn of(value: &Value) -> JsonType {
        match value {
            Value::Null => JsonType::Null,
            Value::Bool(_) => JsonType::Bool,
            Value::Number(_) => JsonType::Number,
            Value::String(_) => JsonType::String,
            Value::Array(_) => JsonType::Array,
            Value::Object(_) => JsonType::Object,
        }
    }
}

impl fmt::Display for JsonType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            JsonType::Null => "`null`",
            JsonType::Bool => "a boolean",
            JsonType::Number => "a number",
            JsonType::String => "a string",
            JsonType::Array => "an array",
            JsonType::Object => "an object",
        })
    }
}

/// Why an XML document is not well-formed, in the words of the XML spec rather than the
/// parser's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum XmlError {
    /// `&` followed by something that is not an entity reference.
    #[error("a bare `&`: expected `&amp;`")]
    BareAmpersand,
    /// An entity that XML does not define and no DTD declares, such as `&nbsp;`.
    #[error(
        "unknown entity `&{name};`: XML defines only `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&apos;`"
    )]
    UnknownEntity {
        /// The entity's name.
        name: String,
    },
    /// A closing tag that does not close the open element.
    #[error("closing tag `</{found}>` does not match the open `<{expected}>`")]
    MismatchedTag {
        /// The element that is open.
        expected: String,
        /// The closing tag found.
        found: String,
    },
    /// The document ends inside an element.
    #[error("the document ends before its root element is closed")]
    Unclosed,
    /// The document has no element at all.
    #[error("there is no root element")]
    NoRoot,
    /// An element with the same attribute twice.
    #[error("attribute `{name}` appears twice in one element")]
    DuplicateAttribute {
        /// The attribute's name.
        name: String,
    },
    /// A character reference to no character at all (a surrogate, or past U+10FFFF).
    #[error("character reference `{reference}` names no character")]
    BadCharReference {
        /// The reference as written.
        reference: String,
    },
    /// `<` inside an attribute value.
    #[error("a `<` in an attribute value: expected `&lt;`")]
    LessThanInAttribute,
    /// Anything else, in the parser's words.
    #[error("{message}")]
    Other {
        /// What the parser said, without its position.
        message: String,
    },
}

/// Why a date is not RFC 2822 (RSS), which is RFC 822 with four-digit years.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rfc2822Problem {
    /// Not day, month, year, time and zone in that order.
    #[error("expected a form like `Fri, 09 Dec 2016 14:32:00 +0700`")]
    Shape,
    /// The day name is not one of the English abbreviations.
    #[error("day `{word}` is not one of `Mon` `Tue` `Wed` `Thu` `Fri` `Sat` `Sun`")]
    DayName {
        /// The day name found.
        word: String,
    },
    /// The month name is not one of the English abbreviations.
    #[error("month `{word}` is not one of `Jan` `Feb` `Mar` … `Dec`")]
    MonthName {
        /// The month name found.
        word: String,
    },
    /// The time has no zone after it.
    #[error("the zone is missing: expected an offset such as `+0700`")]
    NoZone,
    /// A zone name RFC 2822 does not know (`UTC`, `WIB`, `CEST`).
    #[error("zone `{zone}` is not one RFC 2822 knows: expected an offset such as `+0700` or `GMT`")]
    ZoneName {
        /// The zone found.
        zone: String,
    },
    /// An ISO 8601 offset (`+07:00`).
    #[error("offset `{zone}` has a colon: expected `{}`", zone.replace(':', ""))]
    ColonOffset {
        /// The offset found.
        zone: String,
    },
    /// The fields are in range one by one but make no instant (30 February, 25:00, `+0790`).
    #[error("there is no such date, time or offset")]
    NoSuchDate,
    /// The day name is not the weekday of the date.
    #[error("{date} is a {}", weekday_name(*.weekday))]
    WrongWeekday {
        /// The date as written.
        date: NaiveDate,
        /// Its real weekday.
        weekday: Weekday,
    },
    /// A two-digit year (legal in RFC 822, obsolete since RFC 2822).
    #[error("the year `{year}` has two digits: expected four")]
    TwoDigitYear {
        /// The year as written.
        year: String,
    },
    /// A day, month or zone name in another case than RFC 2822 writes it.
    #[error("`{found}` is usually written `{expected}`: some readers know only that form")]
    Case {
        /// The name found.
        found: String,
        /// The name as RFC 2822 writes it.
        expected: String,
    },
    /// Fields separated by more than one space, or by tabs or line breaks.
    #[error("fields are separated by more than one space: some readers expect exactly one")]
    Spacing,
    /// A military one-letter zone, whose sign RFC 1123 says was got wrong in RFC 822.
    #[error("military zone `{zone}` is ambiguous: expected an offset such as `+0000`")]
    MilitaryZone {
        /// The letter found.
        zone: String,
    },
}

/// Why a date is not RFC 3339 with a zone (Atom, JSON Feed).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rfc3339Problem {
    /// Not `YYYY-MM-DDTHH:MM:SS` and a zone.
    #[error("expected a form like `2016-12-09T14:32:00+07:00`")]
    Shape,
    /// A date without a time.
    #[error("the time is missing: expected `T` and a time such as `T14:32:00+07:00`")]
    NoTime,
    /// A space or another character between the date and the time.
    #[error("`{found}` separates the date and the time: expected `T`")]
    Separator {
        /// The character found.
        found: char,
    },
    /// `HH:MM` without seconds.
    #[error("the seconds are missing: expected `HH:MM:SS`")]
    NoSeconds,
    /// A time without a zone.
    #[error("the zone is missing: expected `Z` or an offset such as `+07:00`")]
    NoZone,
    /// An RFC 2822 style offset (`+0700`).
    #[error("offset `{zone}` has no colon: expected `{}:{}`", zone.get(..3).unwrap_or(""), zone.get(3..).unwrap_or(""))]
    OffsetWithoutColon {
        /// The offset found.
        zone: String,
    },
    /// A lowercase `t` or `z`, which the Atom schema's `xsd:dateTime` refuses.
    #[error("lowercase `{found}`: expected `{}`", found.to_ascii_uppercase())]
    Lowercase {
        /// The letter found.
        found: char,
    },
    /// An offset beyond the ±14:00 that Atom's schema (`xsd:dateTime`) allows.
    #[error("offset `{zone}` is beyond `+14:00`, the limit of `xsd:dateTime`")]
    OffsetRange {
        /// The offset found.
        zone: String,
    },
    /// In range field by field but no instant (month 13, 24:00, offset `+25:00`).
    #[error("there is no such date, time or offset")]
    NoSuchDate,
}

/// What is wrong in a feed document. Values quoted from the document are shortened to one
/// line of at most 80 characters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProblemKind {
    /// Nothing but whitespace.
    #[error("the document is empty: expected an RSS, Atom or JSON feed")]
    EmptyDocument,
    /// Neither `<` nor `{` opens the document.
    #[error("the document is neither XML nor JSON: it starts with `{start}`")]
    NotXmlOrJson {
        /// The first characters.
        start: String,
    },
    /// An XML document whose root is not a feed (`html`, `rdf:RDF`).
    #[error("root element `{name}` is not a feed: expected `rss` or an Atom `feed`")]
    UnknownRoot {
        /// The root's qualified name.
        name: String,
    },
    /// A root `feed` outside the Atom namespace.
    #[error("root element `feed` is in {}: expected the Atom namespace `{ATOM_NS}`", namespace_name(.namespace.as_deref()))]
    NotAtomNamespace {
        /// Its namespace, if any.
        namespace: Option<String>,
    },
    /// Bytes that are not text in the document's encoding.
    #[error("byte `0x{byte:02X}` is not valid `{encoding}`")]
    InvalidEncoding {
        /// The encoding the bytes were read as.
        encoding: &'static str,
        /// The first byte that is not.
        byte: u8,
    },
    /// An encoding `kabar check` cannot read.
    #[error(
        "encoding `{name}` is not supported: expected `UTF-8`, `UTF-16`, `ISO-8859-1`, `US-ASCII` or `windows-1252`"
    )]
    UnsupportedEncoding {
        /// The name in the XML declaration.
        name: String,
    },
    /// A character XML 1.0 forbids, raw or as a character reference.
    #[error("character U+{:04X} is not allowed in XML 1.0", u32::from(*.ch))]
    ForbiddenChar {
        /// The character.
        ch: char,
    },
    /// More lines with forbidden characters than are reported one by one.
    #[error("{lines} more lines hold characters XML 1.0 forbids")]
    MoreForbiddenChars {
        /// How many lines were not reported.
        lines: usize,
    },
    /// A JSON string holding a character XML 1.0 forbids: readers that turn the feed into XML
    /// (most of them) fail on it.
    #[error("{place}: `{name}` holds U+{:04X}, a character XML 1.0 forbids", u32::from(*.ch))]
    ForbiddenCharInString {
        /// The feed or the item.
        place: Place,
        /// The key, or its path inside the item.
        name: Name,
        /// The character.
        ch: char,
    },
    /// Not well-formed XML.
    #[error("not well-formed XML: {error}")]
    Xml {
        /// Why.
        error: XmlError,
    },
    /// An element or attribute prefix without an `xmlns:` declaration.
    #[error(
        "namespace prefix `{prefix}` is used but not declared: expected `xmlns:{prefix}=\"…\"`"
    )]
    UndeclaredPrefix {
        /// The prefix.
        prefix: String,
    },
    /// A well-known prefix bound to another namespace.
    #[error("prefix `{prefix}` is bound to `{found}`: expected `{expected}`")]
    WrongNamespace {
        /// The prefix.
        prefix: &'static str,
        /// The URI it is bound to.
        found: String,
        /// The URI every reader expects.
        expected: &'static str,
    },
    /// Not strict JSON.
    #[error("not valid JSON: {message} (column {column})")]
    Json {
        /// What serde_json said, without its position.
        message: String,
        /// 1-based column.
        column: usize,
    },
    /// A key twice in one JSON object: readers keep one of the two, each its own.
    #[error("{place}: key `{name}` appears twice in the same object")]
    DuplicateKey {
        /// The feed or the item.
        place: Place,
        /// The key, with its path inside the item.
        name: Name,
    },
    /// A byte order mark before JSON, which RFC 8259 says not to add.
    #[error("the JSON starts with a byte order mark: expected none")]
    ByteOrderMark,
    /// `rss` without `version="2.0"`.
    #[error("{}", rss_version(.found.as_deref()))]
    RssVersion {
        /// The version found, if any.
        found: Option<String>,
    },
    /// `rss` without exactly one `channel`.
    #[error("`rss` holds {count} `channel` elements: expected exactly one")]
    ChannelCount {
        /// How many it holds.
        count: usize,
    },
    /// A JSON Feed `version` other than 1.1.
    #[error("`version` `{found}` is not `{JSON_FEED_VERSION}`")]
    JsonFeedVersion {
        /// The version found.
        found: String,
    },
    /// The JSON document or an item is not an object.
    #[error("{place} is {found}: expected an object")]
    NotAnObject {
        /// The feed or the item.
        place: Place,
        /// What it is.
        found: JsonType,
    },
    /// A required element, attribute or key is absent.
    #[error("{place}: `{name}` is missing")]
    Missing {
        /// Where it should be.
        place: Place,
        /// What.
        name: Name,
    },
    /// An element without a required attribute.
    #[error("{place}: `{element}` has no `{attribute}` attribute")]
    MissingAttribute {
        /// Where the element is.
        place: Place,
        /// The element.
        element: &'static str,
        /// The attribute.
        attribute: &'static str,
    },
    /// Neither of two alternatives is present (and not empty).
    #[error("{place}: neither `{first}` nor `{second}` is present")]
    MissingEither {
        /// Where.
        place: Place,
        /// One alternative.
        first: Name,
        /// The other.
        second: Name,
    },
    /// An Atom entry without an author in a feed without one.
    #[error(
        "{place}: no `author`, and the feed has none: expected one on the feed or on every entry"
    )]
    MissingAuthor {
        /// The entry.
        place: Place,
    },
    /// A required value that is empty or only whitespace.
    #[error("{place}: `{name}` is empty")]
    EmptyValue {
        /// Where.
        place: Place,
        /// What.
        name: Name,
    },
    /// An element that may appear once appears more often.
    #[error("{place}: `{name}` appears {count} times: expected one")]
    Repeated {
        /// Where.
        place: Place,
        /// The element.
        name: Name,
        /// How many times.
        count: usize,
    },
    /// A JSON key that JSON Feed 1.1 does not define and that does not start with `_`.
    #[error(
        "{place}: unknown key `{name}`: expected a JSON Feed 1.1 key or an extension named `_` and a letter"
    )]
    UnknownKey {
        /// Where.
        place: Place,
        /// The key, with its path inside the item.
        name: Name,
    },
    /// A deprecated JSON Feed key.
    #[error("{place}: `{name}` is deprecated since JSON Feed 1.1: expected `{instead}`")]
    Deprecated {
        /// Where.
        place: Place,
        /// The key.
        name: Name,
        /// Its replacement.
        instead: &'static str,
    },
    /// A JSON value of the wrong type.
    #[error("{place}: `{name}` is {found}: expected {expected}")]
    WrongType {
        /// Where.
        place: Place,
        /// The key, with its path inside the item.
        name: Name,
        /// What it should be ("a string").
        expected: &'static str,
        /// What it is.
        found: JsonType,
    },
    /// A URL or IRI that is not absolute.
    #[error("{place}: `{name}` `{value}` is not {expected}")]
    NotAbsolute {
        /// Where.
        place: Place,
        /// The element, attribute or key.
        name: Name,
        /// The value found.
        value: String,
        /// What it must be.
        expected: UrlRule,
    },
    /// An RSS date that is not RFC 2822.
    #[error("{place}: `{name}` `{value}` is not a valid RFC 2822 date: {problem}")]
    Rfc2822 {
        /// Where.
        place: Place,
        /// The element.
        name: Name,
        /// The date as written.
        value: String,
        /// Why.
        problem: Rfc2822Problem,
    },
    /// An Atom or JSON Feed date that is not RFC 3339 with a zone.
    #[error("{place}: `{name}` `{value}` is not a valid RFC 3339 date: {problem}")]
    Rfc3339 {
        /// Where.
        place: Place,
        /// The element or key.
        name: Name,
        /// The date as written.
        value: String,
        /// Why.
        problem: Rfc3339Problem,
    },
    /// A value outside its allowed set or form.
    #[error("{place}: `{name}` `{value}` is not {expected}")]
    BadValue {
        /// Where.
        place: Place,
        /// The element, attribute or key.
        name: Name,
        /// The value found.
        value: String,
        /// What it must be ("a MIME type such as `image/jpeg`").
        expected: &'static str,
    },
    /// A permalink guid (explicitly, or by default) that readers cannot open.
    #[error(
        "{place}: `guid` `{value}` is not an absolute `http` or `https` URL, yet it is a permalink{}: expected `isPermaLink=\"false\"`",
        if *.explicit { "" } else { " (`isPermaLink` defaults to `true`)" }
    )]
    GuidNotUrl {
        /// The item.
        place: Place,
        /// The guid.
        value: String,
        /// Whether `isPermaLink="true"` is written out.
        explicit: bool,
    },
    /// An id that another item already has: readers merge or drop the two.
    #[error("{place}: `{name}` `{value}` repeats {first}")]
    DuplicateId {
        /// The later item.
        place: Place,
        /// `guid`, `id`.
        name: Name,
        /// The id.
        value: String,
        /// The item that has it first.
        first: Place,
    },
    /// Atom `content` of a binary type whose text is not base64.
    #[error(
        "{place}: `content` of type `{mime}` is not base64: expected the bytes in base64 or a `src` attribute"
    )]
    NotBase64 {
        /// The entry.
        place: Place,
        /// The content's type.
        mime: String,
    },
    /// Atom `content` that readers cannot show, without the `summary` they show instead.
    #[error("{place}: `content` {} needs a `summary` next to it", needs_summary(.mime.as_deref()))]
    NeedsSummary {
        /// The entry.
        place: Place,
        /// The content's binary type, or `None` for content with `src`.
        mime: Option<String>,
    },
    /// A language code withdrawn from ISO 639 (`in` for Indonesian became `id` in 1989).
    #[error("{place}: `{name}` `{found}` is a withdrawn language code: expected `{current}`")]
    WithdrawnLanguage {
        /// Where.
        place: Place,
        /// The element or key.
        name: Name,
        /// The code found.
        found: String,
        /// The code that replaced it.
        current: &'static str,
    },
    /// An Atom id in `http(s)` that is not written the way it compares: readers that compare
    /// ids as strings see two entries where there is one.
    #[error("{place}: `id` `{value}` is not in canonical form: expected `{canonical}`")]
    NonCanonicalId {
        /// Where.
        place: Place,
        /// The id as written.
        value: String,
        /// The same id in canonical form.
        canonical: String,
    },
    /// An Atom `type="xhtml"` construct without its XHTML `div`.
    #[error("{place}: `{name}` has `type=\"xhtml\"` but no XHTML `div` as its only child")]
    XhtmlWithoutDiv {
        /// Where.
        place: Place,
        /// The element.
        name: Name,
    },
}

fn namespace_name(namespace: Option<&str>) -> String {
    match namespace {
        Some(ns) => format!("namespace `{ns}`"),
        None => "no namespace".to_string(),
    }
}

fn needs_summary(mime: Option<&str>) -> String {
    match mime {
        Some(mime) => format!("of type `{mime}`"),
        None => "with `src`".to_string(),
    }
}

fn rss_version(found: Option<&str>) -> String {
    match found {
        Some(v) => format!("`rss` `version` `{v}` is not `2.0`"),
        None => "`rss` has no `version` attribute: expected `version=\"2.0\"`".to_string(),
    }
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// Detects the format from the bytes: a JSON object with a jsonfeed.org `version` is a JSON
/// Feed, an XML root `<rss>` is RSS, a root `<feed>` in the Atom namespace is Atom; `None`
/// when it is none of them. Only the start of the document and the top-level keys of JSON are
/// read, so a document that is broken further on is still recognised.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    match sniff(bytes) {
        Sniff::Json(body) => {
            let text = utf8_prefix(body);
            let version = Outline::of(text).string_value(text, "version")?;
            let known = ["https://jsonfeed.org/version/", "http://jsonfeed.org/version/"];
            known.iter().any(|prefix| version.starts_with(prefix)).then_some(Format::JsonFeed)
        }
        Sniff::Xml(body) => root_format(body),
        Sniff::Utf16(text) => root_format(text.as_bytes()),
        Sniff::Empty | Sniff::Other(_) | Sniff::BadUtf16 => None,
    }
}

/// All problems of a document, in line order; empty when it is a valid feed. Never
/// panics, whatever the bytes.
pub fn check(bytes: &[u8]) -> Vec<Problem> {
    match sniff(bytes) {
        Sniff::Empty => vec![problem(None, Severity::Error, ProblemKind::EmptyDocument)],
        Sniff::Other(start) => vec![problem(
            Some(1),
            Severity::Error,
            ProblemKind::NotXmlOrJson { start: shown(&start, 20) },
        )],
        Sniff::BadUtf16 => vec![problem(
            None,
            Severity::Error,
            ProblemKind::InvalidEncoding {
                encoding: "UTF-16",
                byte: bytes.last().copied().unwrap_or(0),
            },
        )],
        Sniff::Json(body) => {
            let bom = body.len() < bytes.len();
            let mut problems = check_json(body);
            if bom {
                problems.insert(0, problem(Some(1), Severity::Warning, ProblemKind::ByteOrderMark));
            }
            problems
        }
        Sniff::Xml(body) => match decode_xml(body) {
            Ok(text) => check_xml(&text),
            Err(found) => vec![*found],
        },
        Sniff::Utf16(text) => check_xml(&text),
    }
}

fn problem(line: Option<usize>, severity: Severity, kind: ProblemKind) -> Problem {
    Problem { line, severity, kind }
}

// ---------------------------------------------------------------------------------------------
// Bytes: what the document is and how it is encoded
// ---------------------------------------------------------------------------------------------

/// A first look at the bytes: enough to pick a parser, and to tell JSON from XML.
enum Sniff<'b> {
    Empty,
    /// The bytes after a UTF-8 byte order mark, if any.
    Json(&'b [u8]),
    /// The bytes after a UTF-8 byte order mark, if any.
    Xml(&'b [u8]),
    /// A document with a UTF-16 byte order mark, decoded.
    Utf16(String),
    /// A UTF-16 byte order mark before bytes that are not UTF-16.
    BadUtf16,
    /// The first characters of something else.
    Other(String),
}

fn sniff(bytes: &[u8]) -> Sniff<'_> {
    if let Some(utf16) = utf16(bytes) {
        return match utf16 {
            Some(text) if text.trim_start().starts_with('<') => Sniff::Utf16(text),
            Some(text) if text.trim().is_empty() => Sniff::Empty,
            Some(text) => Sniff::Other(text.trim_start().chars().take(40).collect()),
            None => Sniff::BadUtf16,
        };
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        None => Sniff::Empty,
        Some(b'{' | b'[') => Sniff::Json(body),
        Some(b'<') => Sniff::Xml(body),
        Some(_) => {
            let start = body.trim_ascii_start();
            let start = start.get(..start.len().min(40)).unwrap_or(start);
            Sniff::Other(String::from_utf8_lossy(start).chars().take(40).collect())
        }
    }
}

/// `Some(decoded)` when the bytes open with a UTF-16 byte order mark (`Some(None)` when what
/// follows is not UTF-16), `None` without one.
fn utf16(bytes: &[u8]) -> Option<Option<String>> {
    let (rest, big_endian) = match bytes {
        [0xFE, 0xFF, rest @ ..] => (rest, true),
        [0xFF, 0xFE, rest @ ..] => (rest, false),
        _ => return None,
    };
    if rest.len() % 2 != 0 {
        return Some(None);
    }
    let units = rest.chunks_exact(2).map(|pair| match pair {
        [a, b] if big_endian => u16::from_be_bytes([*a, *b]),
        [a, b] => u16::from_le_bytes([*a, *b]),
        _ => 0,
    });
    Some(char::decode_utf16(units).collect::<Result<String, _>>().ok())
}

/// The longest prefix of the bytes that is UTF-8, for looking at a document that may be
/// broken further on.
fn utf8_prefix(bytes: &[u8]) -> &str {
    match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => bytes
            .get(..e.valid_up_to())
            .and_then(|valid| std::str::from_utf8(valid).ok())
            .unwrap_or(""),
    }
}

/// The value of `encoding="…"` in an XML declaration at the very start.
fn declared_encoding(bytes: &[u8]) -> Option<&[u8]> {
    let decl = bytes.strip_prefix(b"<?xml")?;
    let end = decl.windows(2).position(|w| w == b"?>")?;
    let decl = decl.get(..end)?;
    let at = decl.windows(8).position(|w| w == b"encoding")?;
    let rest = decl.get(at + 8..)?.trim_ascii_start().strip_prefix(b"=")?;
    let rest = rest.trim_ascii_start();
    let quote = *rest.first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let value = rest.get(1..)?;
    let close = value.iter().position(|&b| b == quote)?;
    value.get(..close)
}

/// Windows-1252 bytes 0x80–0x9F; `None` for the five that the code page leaves undefined.
const WINDOWS_1252: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// Reads XML bytes as text in the encoding the declaration names (UTF-8 without one). The
/// encodings are the ones feeds are found in; each single-byte one keeps the line count.
fn decode_xml(bytes: &[u8]) -> Result<Cow<'_, str>, Box<Problem>> {
    let name = declared_encoding(bytes).map(|name| String::from_utf8_lossy(name).to_string());
    let key = name.as_deref().map(str::to_ascii_lowercase);
    let invalid = |encoding: &'static str, at: usize| {
        let line = 1 + bytes.get(..at).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
        Box::new(problem(
            Some(line),
            Severity::Error,
            ProblemKind::InvalidEncoding { encoding, byte: bytes.get(at).copied().unwrap_or(0) },
        ))
    };
    match key.as_deref() {
        None | Some("utf-8" | "utf8") => match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Cow::Borrowed(text)),
            Err(e) => Err(invalid("UTF-8", e.valid_up_to())),
        },
        Some("us-ascii" | "ascii") => match bytes.iter().position(|b| !b.is_ascii()) {
            None => Ok(Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect())),
            Some(at) => Err(invalid("US-ASCII", at)),
        },
        Some("iso-8859-1" | "iso_8859-1" | "latin1" | "latin-1" | "l1") => {
            Ok(Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()))
        }
        Some("windows-1252" | "cp1252") => {
            let mut text = String::with_capacity(bytes.len());
            for (at, &b) in bytes.iter().enumerate() {
                let c = match b {
                    0x80..=0x9F => WINDOWS_1252.get(usize::from(b - 0x80)).copied().flatten(),
                    _ => Some(char::from(b)),
                };
                match c {
                    Some(c) => text.push(c),
                    None => return Err(invalid("windows-1252", at)),
                }
            }
            Ok(Cow::Owned(text))
        }
        Some(_) => Err(Box::new(problem(
            Some(1),
            Severity::Error,
            ProblemKind::UnsupportedEncoding { name: shown(name.as_deref().unwrap_or(""), 40) },
        ))),
    }
}

/// Whether XML 1.0 forbids this character: C0 controls but tab, LF and CR; U+FFFE and U+FFFF
/// (surrogates cannot occur in a Rust string).
fn forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Line starts, computed once and only when a problem needs a line.
struct Lines<'t> {
    text: &'t str,
    starts: OnceCell<Vec<usize>>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines { text, starts: OnceCell::new() }
    }

    fn starts(&self) -> &[usize] {
        self.starts.get_or_init(|| {
            let newlines = self.text.bytes().enumerate().filter(|(_, b)| *b == b'\n');
            std::iter::once(0).chain(newlines.map(|(at, _)| at + 1)).collect()
        })
    }

    /// The 1-based line of a byte offset.
    fn line(&self, offset: usize) -> usize {
        self.starts().partition_point(|&start| start <= offset)
    }

    /// The byte offset where a 1-based line starts.
    fn start(&self, line: usize) -> Option<usize> {
        self.starts().get(line.checked_sub(1)?).copied()
    }
}

/// Collects problems, turning byte offsets into lines.
struct Sink<'t> {
    lines: Lines<'t>,
    problems: Vec<Problem>,
}

impl<'t> Sink<'t> {
    fn new(text: &'t str) -> Self {
        Sink { lines: Lines::new(text), problems: Vec::new() }
    }

    fn push(&mut self, severity: Severity, offset: Option<usize>, kind: ProblemKind) {
        let line = offset.map(|at| self.lines.line(at));
        self.problems.push(problem(line, severity, kind));
    }

    fn error(&mut self, offset: Option<usize>, kind: ProblemKind) {
        self.push(Severity::Error, offset, kind);
    }

    fn warning(&mut self, offset: Option<usize>, kind: ProblemKind) {
        self.push(Severity::Warning, offset, kind);
    }
}

/// A value as a message quotes it: whitespace and controls collapsed to single spaces, at most
/// `max` characters.
fn shown(value: &str, max: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    for word in value.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
            count += 1;
        }
        for c in word.chars() {
            if count >= max {
                out.push('…');
                return out;
            }
            out.push(c);
            count += 1;
        }
    }
    out
}

fn quoted(value: &str) -> String {
    shown(value, 80)
}

// ---------------------------------------------------------------------------------------------
// XML: well-formedness, then the format's rules
// ---------------------------------------------------------------------------------------------

/// The format of an XML document from its root start tag, read without parsing the rest.
fn root_format(bytes: &[u8]) -> Option<Format> {
    let tag = root_tag(bytes)?;
    let (prefix, local) = match tag.name.iter().position(|&b| b == b':') {
        Some(at) => (tag.name.get(..at), tag.name.get(at + 1..)?),
        None => (None, tag.name),
    };
    match (prefix, local) {
        (None, b"rss") => Some(Format::Rss),
        (_, b"feed") => {
            let xmlns: Cow<'_, [u8]> = match prefix {
                Some(p) => Cow::Owned([b"xmlns:", p].concat()),
                None => Cow::Borrowed(b"xmlns"),
            };
            let ns = tag.attributes.iter().find(|(name, _)| *name == xmlns.as_ref())?;
            (ns.1 == ATOM_NS.as_bytes()).then_some(Format::Atom)
        }
        _ => None,
    }
}

/// A root start tag, as bytes.
struct RootTag<'b> {
    name: &'b [u8],
    attributes: Vec<(&'b [u8], &'b [u8])>,
}

/// The root start tag after the prolog (declaration, comments, processing instructions, a
/// doctype with or without an internal subset).
fn root_tag(bytes: &[u8]) -> Option<RootTag<'_>> {
    let mut rest = bytes;
    loop {
        rest = rest.trim_ascii_start();
        if let Some(after) = rest.strip_prefix(b"<?") {
            rest = after.get(after.windows(2).position(|w| w == b"?>")? + 2..)?;
        } else if let Some(after) = rest.strip_prefix(b"<!--") {
            rest = after.get(after.windows(3).position(|w| w == b"-->")? + 3..)?;
        } else if let Some(after) = rest.strip_prefix(b"<!") {
            let mut depth = 0usize;
            let end = after.iter().position(|&b| match b {
                b'[' => {
                    depth += 1;
                    false
                }
                b']' => {
                    depth = depth.saturating_sub(1);
                    false
                }
                b'>' => depth == 0,
                _ => false,
            })?;
            rest = after.get(end + 1..)?;
        } else {
            break;
        }
    }
    let rest = rest.strip_prefix(b"<")?;
    let is_name = |b: &u8| !b.is_ascii_whitespace() && !matches!(b, b'>' | b'/' | b'=');
    let name_end = rest.iter().position(|b| !is_name(b)).unwrap_or(rest.len());
    let name = rest.get(..name_end)?;
    let mut rest = rest.get(name_end..)?;
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_ascii_start();
        match rest.first() {
            None | Some(b'>' | b'/') => break,
            Some(_) => {}
        }
        let end = rest.iter().position(|b| !is_name(b)).unwrap_or(rest.len());
        let attribute = rest.get(..end)?;
        rest = rest.get(end..)?.trim_ascii_start().strip_prefix(b"=")?.trim_ascii_start();
        let quote = *rest.first()?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let value = rest.get(1..)?;
        let close = value.iter().position(|&b| b == quote)?;
        attributes.push((attribute, value.get(..close)?));
        rest = value.get(close + 1..)?;
    }
    (!name.is_empty()).then_some(RootTag { name, attributes })
}

/// Checks decoded XML: forbidden characters first (then blanked, so that the structure can
/// still be checked), well-formedness, then the rules of the root's format.
fn check_xml(text: &str) -> Vec<Problem> {
    let mut sink = Sink::new(text);
    let cleaned = blank_forbidden(text, &mut sink);
    let text = cleaned.as_deref().unwrap_or(text);
    let options = ParsingOptions { allow_dtd: true, ..ParsingOptions::default() };
    let doc = match Document::parse_with_options(text, options) {
        Ok(doc) => doc,
        Err(e) => {
            let line = usize::try_from(e.pos().row).ok();
            let kind = xml_error(&e, text, &sink.lines);
            // A forbidden character is already reported with its line.
            if !matches!(kind, ProblemKind::ForbiddenChar { .. }) || sink.problems.is_empty() {
                sink.problems.push(problem(line, Severity::Error, kind));
            }
            return sink.problems;
        }
    };
    let root = doc.root_element();
    known_namespaces(root, &mut sink);
    let name = root.tag_name();
    match (name.namespace(), name.name()) {
        (None, "rss") => rss::check(root, &mut sink),
        (Some(ATOM_NS), "feed") => atom::check(root, &mut sink),
        (namespace, "feed") => sink.error(
            Some(root.range().start),
            ProblemKind::NotAtomNamespace { namespace: namespace.map(quoted) },
        ),
        (_, local) => {
            let name = match root.lookup_prefix(name.namespace().unwrap_or("")) {
                Some(prefix) if name.namespace().is_some() => format!("{prefix}:{local}"),
                _ => local.to_string(),
            };
            sink.error(Some(root.range().start), ProblemKind::UnknownRoot { name: quoted(&name) });
        }
    }
    in_line_order(sink.problems)
}

/// Reports each line holding characters XML 1.0 forbids and returns a copy with them blanked
/// (same byte length, so lines and offsets stay), or `None` when there are none.
fn blank_forbidden(text: &str, sink: &mut Sink<'_>) -> Option<String> {
    let bytes = text.as_bytes();
    // A byte scan: C0 controls are single bytes; U+FFFE and U+FFFF are EF BF BE and EF BF BF.
    let hit = |at: usize, b: u8| match b {
        0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F => true,
        0xEF => matches!(bytes.get(at + 1..at + 3), Some([0xBF, 0xBE | 0xBF])),
        _ => false,
    };
    bytes.iter().enumerate().position(|(at, &b)| hit(at, b))?;
    let mut cleaned = bytes.to_vec();
    let mut last_line = 0;
    let mut lines = 0;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if !hit(at, b) {
            at += 1;
            continue;
        }
        let (ch, width) = match b {
            0xEF => (text.get(at..at + 3).and_then(|s| s.chars().next()), 3),
            _ => (Some(char::from(b)), 1),
        };
        let line = sink.lines.line(at);
        if line != last_line {
            last_line = line;
            lines += 1;
            if lines <= MAX_CHAR_LINES {
                let ch = ch.unwrap_or('\u{FFFF}');
                sink.problems.push(problem(
                    Some(line),
                    Severity::Error,
                    ProblemKind::ForbiddenChar { ch },
                ));
            }
        }
        match width {
            3 => {
                if let Some(slot) = cleaned.get_mut(at..at + 3) {
                    slot.copy_from_slice("\u{FFFD}".as_bytes());
                }
            }
            _ => {
                if let Some(slot) = cleaned.get_mut(at) {
                    *slot = b' ';
                }
            }
        }
        at += width;
    }
    if lines > MAX_CHAR_LINES {
        sink.problems.push(problem(
            None,
            Severity::Error,
            ProblemKind::MoreForbiddenChars { lines: lines - MAX_CHAR_LINES },
        ));
    }
    String::from_utf8(cleaned).ok()
}

/// The parser's error as a problem: the common cases in XML's own words, the rest as the
/// parser says them, without the position (the line is the problem's).
fn xml_error(e: &roxmltree::Error, text: &str, lines: &Lines<'_>) -> ProblemKind {
    use roxmltree::Error as E;
    let xml = |error| ProblemKind::Xml { error };
    match e {
        E::NonXmlChar(ch, _) => ProblemKind::ForbiddenChar { ch: *ch },
        E::MalformedEntityReference(pos) => match char_reference(text, lines, *pos) {
            Some((_, Some(ch))) => ProblemKind::ForbiddenChar { ch },
            Some((reference, None)) => {
                xml(XmlError::BadCharReference { reference: quoted(reference) })
            }
            None => xml(XmlError::BareAmpersand),
        },
        E::UnknownNamespace(prefix, _) => ProblemKind::UndeclaredPrefix { prefix: quoted(prefix) },
        E::UnknownEntityReference(name, _) => xml(XmlError::UnknownEntity { name: quoted(name) }),
        E::UnexpectedCloseTag(expected, found, _) => {
            xml(XmlError::MismatchedTag { expected: quoted(expected), found: quoted(found) })
        }
        E::UnclosedRootNode | E::UnexpectedEndOfStream => xml(XmlError::Unclosed),
        E::NoRootNode => xml(XmlError::NoRoot),
        E::DuplicatedAttribute(name, _) => xml(XmlError::DuplicateAttribute { name: quoted(name) }),
        E::InvalidAttributeValue(_) => xml(XmlError::LessThanInAttribute),
        other => {
            let message = other.to_string();
            let at = format!(" at {}", other.pos());
            let message = message.strip_suffix(&at).unwrap_or(&message).replace(&at, "");
            xml(XmlError::Other { message: quoted(&message) })
        }
    }
}

/// The character reference (`&#1;`, `&#xFFFE;`) at a parser position, with the character it
/// names if it names one: the parser calls a reference to a forbidden character malformed.
fn char_reference<'t>(
    text: &'t str,
    lines: &Lines<'_>,
    pos: roxmltree::TextPos,
) -> Option<(&'t str, Option<char>)> {
    let row = usize::try_from(pos.row).ok()?;
    let col = usize::try_from(pos.col).ok()?;
    let line_start = lines.start(row)?;
    let rest = text.get(line_start..)?;
    let offset = rest.char_indices().nth(col.checked_sub(1)?).map(|(at, _)| at)?;
    let rest = rest.get(offset..)?;
    let body = rest.strip_prefix("&#")?;
    let end = body.find(';')?;
    let number = body.get(..end)?;
    let code = match number.strip_prefix('x') {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => number.parse().ok()?,
    };
    Some((rest.get(..end + 3)?, char::from_u32(code)))
}

/// Well-known prefixes declared on the root must name their usual namespace.
fn known_namespaces(root: Node<'_, '_>, sink: &mut Sink<'_>) {
    for ns in root.namespaces() {
        let Some(prefix) = ns.name() else { continue };
        let Some((prefix, expected)) = KNOWN_PREFIXES.iter().find(|(p, _)| *p == prefix) else {
            continue;
        };
        if ns.uri() != *expected {
            sink.error(
                Some(root.range().start),
                ProblemKind::WrongNamespace { prefix, found: quoted(ns.uri()), expected },
            );
        }
    }
}

/// The element children of `node` with this namespace and local name.
fn kids<'a, 'i: 'a>(
    node: Node<'a, 'i>,
    ns: Option<&'static str>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(move |c| {
        c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == ns
    })
}

/// An element's text (its first text child, so that a comment before it does not hide it),
/// trimmed.
fn text<'a>(node: Node<'a, '_>) -> &'a str {
    node.children().find(|c| c.is_text()).and_then(|c| c.text()).unwrap_or("").trim()
}

/// Whether an element holds any text or child element.
fn has_content(node: Node<'_, '_>) -> bool {
    node.children()
        .any(|c| c.is_element() || (c.is_text() && c.text().is_some_and(|t| !t.trim().is_empty())))
}

fn at(node: Node<'_, '_>) -> Option<usize> {
    Some(node.range().start)
}

/// The one element `name` under `node`: reports it when missing (an error) and when repeated
/// (with the given severity), and returns the first.
fn single<'a, 'i: 'a>(
    node: Node<'a, 'i>,
    ns: Option<&'static str>,
    name: &'static str,
    place: Place,
    repeated: Severity,
    sink: &mut Sink<'_>,
) -> Option<Node<'a, 'i>> {
    let mut found = kids(node, ns, name);
    let first = found.next();
    let more = found.count();
    match first {
        None => sink.error(at(node), ProblemKind::Missing { place, name: name.into() }),
        Some(first) if more > 0 => sink.push(
            repeated,
            at(first),
            ProblemKind::Repeated { place, name: name.into(), count: more + 1 },
        ),
        Some(_) => {}
    }
    first
}

fn url_problem(
    place: Place,
    name: impl Into<Name>,
    value: &str,
    rule: UrlRule,
) -> Option<ProblemKind> {
    if rule == UrlRule::Iri
        && let Some(expected) = id_syntax(value)
    {
        let name = name.into();
        return Some(ProblemKind::BadValue { place, name, value: quoted(value), expected });
    }
    (!url_ok(value, rule)).then(|| ProblemKind::NotAbsolute {
        place,
        name: name.into(),
        value: quoted(value),
        expected: rule,
    })
}

fn date_2822(place: Place, name: &'static str, node: Node<'_, '_>, sink: &mut Sink<'_>) {
    let value = text(node);
    if let Err(problem) = rfc2822(value) {
        let severity = match problem {
            Rfc2822Problem::TwoDigitYear { .. }
            | Rfc2822Problem::Case { .. }
            | Rfc2822Problem::Spacing => Severity::Warning,
            _ => Severity::Error,
        };
        let kind = ProblemKind::Rfc2822 { place, name: name.into(), value: quoted(value), problem };
        sink.push(severity, at(node), kind);
    }
}

mod rss {
    //! RSS 2.0 as the RSS Advisory Board's spec and the W3C validator read it.

    use super::*;

    pub(super) fn check(root: Node<'_, '_>, sink: &mut Sink<'_>) {
        match root.attribute("version") {
            Some("2.0") => {}
            found => sink.error(at(root), ProblemKind::RssVersion { found: found.map(quoted) }),
        }
        let mut channels = kids(root, None, "channel");
        let Some(channel) = channels.next() else {
            sink.error(at(root), ProblemKind::ChannelCount { count: 0 });
            return;
        };
        let more = channels.count();
        if more > 0 {
            sink.error(at(root), ProblemKind::ChannelCount { count: more + 1 });
        }
        check_channel(channel, sink);
        let mut guids = HashMap::new();
        for (i, item) in kids(channel, None, "item").enumerate() {
            check_item(item, Place::Item(i + 1), &mut guids, sink);
        }
    }

    fn check_channel(channel: Node<'_, '_>, sink: &mut Sink<'_>) {
        let place = Place::Channel;
        for name in ["title", "link", "description"] {
            let Some(node) = single(channel, None, name, place, Severity::Warning, sink) else {
                continue;
            };
            if text(node).is_empty() && !has_content(node) {
                // An empty description is legal enough for readers; a title or link is not.
                let severity =
                    if name == "description" { Severity::Warning } else { Severity::Error };
                let kind = ProblemKind::EmptyValue { place, name: name.into() };
                sink.push(severity, at(node), kind);
            } else if name == "link"
                && let Some(kind) = url_problem(place, name, text(node), UrlRule::Http)
            {
                sink.error(at(node), kind);
            }
        }
        for name in ["pubDate", "lastBuildDate"] {
            for node in kids(channel, None, name) {
                date_2822(place, name, node, sink);
            }
        }
        for node in kids(channel, None, "language") {
            if let Some(kind) = language_problem(place, text(node)) {
                sink.error(at(node), kind);
            }
        }
        for node in kids(channel, None, "ttl") {
            if !digits(text(node)) {
                let kind = bad_value(place, "ttl", text(node), "a whole number of minutes");
                sink.error(at(node), kind);
            }
        }
        for image in kids(channel, None, "image") {
            for (name, full) in
                [("url", "image/url"), ("title", "image/title"), ("link", "image/link")]
            {
                match kids(image, None, name).next() {
                    None => {
                        sink.error(at(image), ProblemKind::Missing { place, name: full.into() })
                    }
                    Some(node) if name != "title" => {
                        if let Some(kind) = url_problem(place, full, text(node), UrlRule::Http) {
                            sink.error(at(node), kind);
                        }
                    }
                    Some(_) => {}
                }
            }
        }
        self_link(channel, sink);
    }

    /// `atom:link rel="self"`: readers and the W3C validator want to know where the feed
    /// lives; without it they still read it, hence a warning.
    fn self_link(channel: Node<'_, '_>, sink: &mut Sink<'_>) {
        let place = Place::Channel;
        let mut found = false;
        for link in kids(channel, Some(ATOM_NS), "link") {
            let rel = link.attribute("rel").unwrap_or("alternate");
            match link.attribute("href") {
                None => sink.error(
                    at(link),
                    ProblemKind::MissingAttribute {
                        place,
                        element: "atom:link",
                        attribute: "href",
                    },
                ),
                Some(href) => {
                    if let Some(kind) = url_problem(place, "atom:link/@href", href, UrlRule::Http) {
                        sink.error(at(link), kind);
                    }
                }
            }
            found |= rel == "self";
        }
        if !found {
            sink.warning(
                at(channel),
                ProblemKind::Missing { place, name: "atom:link rel=\"self\"".into() },
            );
        }
    }

    fn check_item<'a>(
        item: Node<'a, '_>,
        place: Place,
        guids: &mut HashMap<&'a str, usize>,
        sink: &mut Sink<'_>,
    ) {
        let title = kids(item, None, "title").next();
        let description = kids(item, None, "description").next();
        if !title.is_some_and(has_content) && !description.is_some_and(has_content) {
            sink.error(
                at(item),
                ProblemKind::MissingEither {
                    place,
                    first: "title".into(),
                    second: "description".into(),
                },
            );
        }
        for name in ["title", "link", "description", "pubDate", "author", "comments", "source"] {
            let mut found = kids(item, None, name);
            if let (Some(second), more) = (found.nth(1), found.count()) {
                let kind = ProblemKind::Repeated { place, name: name.into(), count: more + 2 };
                sink.warning(at(second), kind);
            }
        }
        for name in ["link", "comments"] {
            for node in kids(item, None, name) {
                if let Some(kind) = url_problem(place, name, text(node), UrlRule::Http) {
                    sink.error(at(node), kind);
                }
            }
        }
        for node in kids(item, None, "pubDate") {
            date_2822(place, "pubDate", node, sink);
        }
        check_guids(item, place, guids, sink);
        // Several enclosures are legal, but most readers show only the first.
        let enclosures = kids(item, None, "enclosure").count();
        for (n, enclosure) in kids(item, None, "enclosure").enumerate() {
            if n == 1 {
                let kind =
                    ProblemKind::Repeated { place, name: "enclosure".into(), count: enclosures };
                sink.warning(at(enclosure), kind);
            }
            check_enclosure(enclosure, place, sink);
        }
        for source in kids(item, None, "source") {
            match source.attribute("url") {
                None => sink.error(
                    at(source),
                    ProblemKind::MissingAttribute { place, element: "source", attribute: "url" },
                ),
                Some(url) => {
                    if let Some(kind) = url_problem(place, "source/@url", url, UrlRule::Http) {
                        sink.error(at(source), kind);
                    }
                }
            }
        }
    }

    fn check_guids<'a>(
        item: Node<'a, '_>,
        place: Place,
        guids: &mut HashMap<&'a str, usize>,
        sink: &mut Sink<'_>,
    ) {
        let Place::Item(index) = place else { return };
        let mut all = kids(item, None, "guid");
        let Some(guid) = all.next() else {
            // Legal RSS, but readers then make up an identity from the link or the title, and
            // show the item again when either changes; the W3C validator warns too.
            let kind = ProblemKind::Missing { place, name: "guid".into() };
            sink.warning(at(item), kind);
            return;
        };
        let more = all.count();
        if more > 0 {
            let kind = ProblemKind::Repeated { place, name: "guid".into(), count: more + 1 };
            sink.error(at(guid), kind);
        }
        let value = text(guid);
        if value.is_empty() {
            let kind = ProblemKind::EmptyValue { place, name: "guid".into() };
            sink.error(at(guid), kind);
            return;
        }
        let permalink = guid.attribute("isPermaLink");
        if let Some(flag) = permalink.filter(|flag| !matches!(*flag, "true" | "false")) {
            let kind = bad_value(place, "guid/@isPermaLink", flag, "`true` or `false`");
            sink.error(at(guid), kind);
        }
        if permalink != Some("false") && !url_ok(value, UrlRule::Http) {
            let kind = ProblemKind::GuidNotUrl {
                place,
                value: quoted(value),
                explicit: permalink.is_some(),
            };
            sink.error(at(guid), kind);
        }
        match guids.get(value) {
            Some(&first) => {
                let kind = ProblemKind::DuplicateId {
                    place,
                    name: "guid".into(),
                    value: quoted(value),
                    first: Place::Item(first),
                };
                sink.error(at(guid), kind);
            }
            None => {
                guids.insert(value, index);
            }
        }
    }

    fn check_enclosure(enclosure: Node<'_, '_>, place: Place, sink: &mut Sink<'_>) {
        for attribute in ["url", "length", "type"] {
            let Some(value) = enclosure.attribute(attribute) else {
                sink.error(
                    at(enclosure),
                    ProblemKind::MissingAttribute { place, element: "enclosure", attribute },
                );
                continue;
            };
            let kind = match attribute {
                "url" => url_problem(place, "enclosure/@url", value, UrlRule::Http),
                "length" => (!digits(value))
                    .then(|| bad_value(place, "enclosure/@length", value, "a length in bytes")),
                _ => (!mime_type(value)).then(|| {
                    bad_value(place, "enclosure/@type", value, "a MIME type such as `image/jpeg`")
                }),
            };
            if let Some(kind) = kind {
                sink.error(at(enclosure), kind);
            }
        }
    }
}

mod atom {
    //! Atom 1.0 as RFC 4287 (with its schema's Schematron rules) and the W3C validator read it.

    use super::*;

    const NS: Option<&str> = Some(ATOM_NS);

    pub(super) fn check(feed: Node<'_, '_>, sink: &mut Sink<'_>) {
        let place = Place::Feed;
        let feed_id = required(feed, place, sink);
        let feed_authors = authors(feed, place, sink);
        let mut has_self = false;
        for link in kids(feed, NS, "link") {
            has_self |= check_link(link, place, sink) == "self";
        }
        if !has_self {
            sink.warning(
                at(feed),
                ProblemKind::Missing { place, name: "link rel=\"self\"".into() },
            );
        }
        for (name, attribute) in [("subtitle", "subtitle/@type"), ("rights", "rights/@type")] {
            for node in kids(feed, NS, name) {
                text_type(node, attribute, place, sink);
            }
        }
        let mut ids: HashMap<String, usize> = HashMap::new();
        if let Some(id) = feed_id {
            ids.insert(id, 0);
        }
        for (i, entry) in kids(feed, NS, "entry").enumerate() {
            check_entry(entry, i + 1, feed_authors, &mut ids, sink);
        }
    }

    fn check_entry(
        entry: Node<'_, '_>,
        index: usize,
        feed_authors: bool,
        ids: &mut HashMap<String, usize>,
        sink: &mut Sink<'_>,
    ) {
        let place = Place::Entry(index);
        if let Some(id) = required(entry, place, sink) {
            if let Some(&first) = ids.get(&id) {
                let first = if first == 0 { Place::Feed } else { Place::Entry(first) };
                let kind = ProblemKind::DuplicateId {
                    place,
                    name: "id".into(),
                    value: quoted(&id),
                    first,
                };
                let line = kids(entry, NS, "id").next().and_then(at);
                sink.error(line, kind);
            } else {
                ids.insert(id, index);
            }
        }
        if !authors(entry, place, sink) && !feed_authors {
            sink.error(at(entry), ProblemKind::MissingAuthor { place });
        }
        let mut alternate = false;
        for link in kids(entry, NS, "link") {
            alternate |= check_link(link, place, sink) == "alternate";
        }
        for node in kids(entry, NS, "published") {
            date_3339(node, "published", place, sink);
        }
        let mut found = kids(entry, NS, "summary");
        if let Some(summary) = found.next() {
            text_type(summary, "summary/@type", place, sink);
        }
        if let Some(second) = found.next() {
            let kind =
                ProblemKind::Repeated { place, name: "summary".into(), count: 2 + found.count() };
            sink.error(at(second), kind);
        }
        let mut found = kids(entry, NS, "content");
        let content = found.next();
        if let Some(content) = content {
            text_type(content, "content/@type", place, sink);
            let summary = kids(entry, NS, "summary").next().is_some();
            content_form(content, summary, place, sink);
        }
        if let Some(second) = found.next() {
            let kind =
                ProblemKind::Repeated { place, name: "content".into(), count: 2 + found.count() };
            sink.error(at(second), kind);
        }
        if !alternate && content.is_none() {
            sink.error(
                at(entry),
                ProblemKind::MissingEither {
                    place,
                    first: "link rel=\"alternate\"".into(),
                    second: "content".into(),
                },
            );
        }
    }

    /// `id`, `title` and `updated`, each exactly once; returns the id.
    fn required(node: Node<'_, '_>, place: Place, sink: &mut Sink<'_>) -> Option<String> {
        let id = single(node, NS, "id", place, Severity::Error, sink).and_then(|id| {
            let value = text(id);
            if value.is_empty() {
                let kind = ProblemKind::EmptyValue { place, name: "id".into() };
                sink.error(at(id), kind);
                return None;
            }
            if let Some(kind) = url_problem(place, "id", value, UrlRule::Iri) {
                sink.error(at(id), kind);
            } else if let Some(canonical) = non_canonical_http(value) {
                let kind = ProblemKind::NonCanonicalId { place, value: quoted(value), canonical };
                sink.warning(at(id), kind);
            }
            Some(value.to_string())
        });
        if let Some(title) = single(node, NS, "title", place, Severity::Error, sink) {
            text_type(title, "title/@type", place, sink);
            if !has_content(title) {
                let kind = ProblemKind::EmptyValue { place, name: "title".into() };
                sink.warning(at(title), kind);
            }
        }
        if let Some(updated) = single(node, NS, "updated", place, Severity::Error, sink) {
            date_3339(updated, "updated", place, sink);
        }
        id
    }

    /// Checks each `author`; returns whether there is one.
    fn authors(node: Node<'_, '_>, place: Place, sink: &mut Sink<'_>) -> bool {
        let mut any = false;
        for author in kids(node, NS, "author") {
            any = true;
            match kids(author, NS, "name").next() {
                Some(name) if !text(name).is_empty() => {}
                Some(name) => sink
                    .error(at(name), ProblemKind::EmptyValue { place, name: "author/name".into() }),
                None => sink
                    .error(at(author), ProblemKind::Missing { place, name: "author/name".into() }),
            }
            for uri in kids(author, NS, "uri") {
                if let Some(kind) = url_problem(place, "author/uri", text(uri), UrlRule::Iri) {
                    sink.error(at(uri), kind);
                }
            }
        }
        any
    }

    /// Checks a `link`; returns its relation (`alternate` when unsaid).
    fn check_link<'a>(link: Node<'a, '_>, place: Place, sink: &mut Sink<'_>) -> &'a str {
        let rel = link.attribute("rel").unwrap_or("alternate").trim();
        // Readers open the alternate link and fetch the self link: those must be web URLs.
        let rule = match rel {
            "alternate" | "self" => UrlRule::HttpIri,
            _ => UrlRule::Iri,
        };
        match link.attribute("href") {
            None => sink.error(
                at(link),
                ProblemKind::MissingAttribute { place, element: "link", attribute: "href" },
            ),
            Some(href) => {
                if let Some(kind) = url_problem(place, "link/@href", href, rule) {
                    sink.error(at(link), kind);
                }
            }
        }
        if let Some(kind) = link.attribute("type").filter(|kind| !mime_type(kind)) {
            let problem = bad_value(place, "link/@type", kind, "a MIME type such as `text/html`");
            sink.error(at(link), problem);
        }
        rel
    }

    /// The `type` of a text construct (`text`, `html`, `xhtml`) or of `content` (also a MIME
    /// type), and the `div` that `xhtml` needs.
    fn text_type(node: Node<'_, '_>, attribute: &'static str, place: Place, sink: &mut Sink<'_>) {
        let content = attribute == "content/@type";
        match node.attribute("type").unwrap_or("text") {
            "text" | "html" => {}
            "xhtml" => {
                let mut elements = node.children().filter(|c| c.is_element());
                let div = elements.next().filter(|div| div.has_tag_name((XHTML_NS, "div")));
                if div.is_none() || elements.next().is_some() {
                    let problem = ProblemKind::XhtmlWithoutDiv {
                        place,
                        name: node.tag_name().name().to_string().into(),
                    };
                    sink.error(at(node), problem);
                }
            }
            other if content && mime_type(other) => {}
            other => {
                let expected = if content {
                    "`text`, `html`, `xhtml` or a MIME type"
                } else {
                    "`text`, `html` or `xhtml`"
                };
                sink.error(at(node), bad_value(place, attribute, other, expected));
            }
        }
    }

    /// The canonical form of an `http(s)` id written otherwise: an uppercase scheme or host, the
    /// default port, an empty path (RFC 4287 4.2.6.1 asks for ids in canonical form, since
    /// readers compare them character by character).
    fn non_canonical_http(id: &str) -> Option<String> {
        let (scheme, rest) = id.split_once("://")?;
        let default_port = match scheme.to_ascii_lowercase().as_str() {
            "http" => ":80",
            "https" => ":443",
            _ => return None,
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, path) = rest.split_at(end);
        let host = authority.rsplit('@').next().unwrap_or(authority);
        let written_otherwise = scheme.bytes().any(|b| b.is_ascii_uppercase())
            || host.bytes().any(|b| b.is_ascii_uppercase())
            || host.ends_with(default_port)
            || !path.starts_with('/');
        written_otherwise.then(|| Url::parse(id).ok()).flatten().map(|url| quoted(url.as_str()))
    }

    /// RFC 4287 4.1.3: `content` with `src` is described by a `summary`; so is content of a
    /// binary type, which is base64. `text/html` is a whole document, not the fragment that
    /// `html` means (the W3C validator warns).
    fn content_form(content: Node<'_, '_>, summary: bool, place: Place, sink: &mut Sink<'_>) {
        let kind = content.attribute("type").unwrap_or("text").trim();
        let lower = kind.to_ascii_lowercase();
        if lower == "text/html" {
            let expected = "`html` (`text/html` is for whole documents)";
            sink.warning(at(content), bad_value(place, "content/@type", kind, expected));
        }
        let textual = matches!(kind, "text" | "html" | "xhtml")
            || lower.starts_with("text/")
            || lower.ends_with("+xml")
            || lower.ends_with("/xml");
        let src = content.attribute("src");
        if let Some(src) = src {
            if let Some(problem) = url_problem(place, "content/@src", src, UrlRule::Iri) {
                sink.error(at(content), problem);
            }
        } else if !textual && mime_type(kind) {
            let base64 =
                content.children().filter(|c| c.is_text()).filter_map(|c| c.text()).all(|t| {
                    t.bytes().all(|b| {
                        b.is_ascii_alphanumeric() || b"+/=".contains(&b) || b.is_ascii_whitespace()
                    })
                });
            if !base64 {
                sink.error(at(content), ProblemKind::NotBase64 { place, mime: quoted(kind) });
            }
        }
        if !summary && (src.is_some() || (!textual && mime_type(kind))) {
            let mime = src.is_none().then(|| quoted(kind));
            sink.error(at(content), ProblemKind::NeedsSummary { place, mime });
        }
    }

    fn date_3339(node: Node<'_, '_>, name: &'static str, place: Place, sink: &mut Sink<'_>) {
        let value = text(node);
        if let Err(problem) = rfc3339(value, true) {
            let kind =
                ProblemKind::Rfc3339 { place, name: name.into(), value: quoted(value), problem };
            sink.error(at(node), kind);
        }
    }
}

fn bad_value(place: Place, name: &'static str, value: &str, expected: &'static str) -> ProblemKind {
    ProblemKind::BadValue { place, name: name.into(), value: quoted(value), expected }
}

// ---------------------------------------------------------------------------------------------
// JSON Feed
// ---------------------------------------------------------------------------------------------

/// Where the top-level keys and the items are in the text: a byte scan that needs no valid
/// JSON, for line numbers and for [`detect`].
#[derive(Default)]
struct Outline {
    /// Each top-level key as written (escapes kept), with the offsets of the key and its value.
    keys: Vec<(String, usize, usize)>,
    /// The offset where each element of the top-level `items` array starts.
    items: Vec<usize>,
}

impl Outline {
    fn of(text: &str) -> Outline {
        let bytes = text.as_bytes();
        let mut out = Outline::default();
        let mut depth = 0usize;
        let mut expect_key = false;
        let mut key_is_items = false;
        let mut pending_value: Option<usize> = None; // index in `keys` awaiting its value
        let mut in_items = false;
        let mut expect_element = false;
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            if b.is_ascii_whitespace() || b == b':' {
                at += 1;
                continue;
            }
            if depth == 1
                && b != b'"'
                && let Some(key) = pending_value.take().and_then(|k| out.keys.get_mut(k))
            {
                key.2 = at;
            }
            if expect_element && b != b']' {
                out.items.push(at);
                expect_element = false;
            }
            match b {
                b'"' => {
                    let start = at;
                    at += 1;
                    while let Some(&c) = bytes.get(at) {
                        match c {
                            b'\\' => at += 2,
                            b'"' => break,
                            _ => at += 1,
                        }
                    }
                    if depth == 1 && expect_key {
                        let key = text.get(start + 1..at.min(bytes.len())).unwrap_or("");
                        key_is_items = key == "items";
                        out.keys.push((key.to_string(), start, start));
                        pending_value = Some(out.keys.len() - 1);
                        expect_key = false;
                    } else if depth == 1
                        && let Some(key) = pending_value.take().and_then(|k| out.keys.get_mut(k))
                    {
                        key.2 = start;
                    }
                }
                b'{' | b'[' => {
                    if depth == 1 && b == b'[' && key_is_items {
                        in_items = true;
                        expect_element = true;
                    }
                    depth += 1;
                    expect_key = depth == 1 && b == b'{';
                }
                b'}' | b']' => {
                    if depth == 2 && in_items {
                        in_items = false;
                        expect_element = false;
                    }
                    depth = depth.saturating_sub(1);
                }
                b',' => {
                    expect_key = depth == 1;
                    expect_element = depth == 2 && in_items;
                    if depth == 1 {
                        key_is_items = false;
                    }
                }
                _ => {}
            }
            at += 1;
        }
        out
    }

    fn key(&self, name: &str) -> Option<usize> {
        self.keys.iter().find(|(key, _, _)| key == name).map(|k| k.1)
    }

    /// A top-level string value, unescaped (PHP writes `https:\/\/jsonfeed.org…`).
    fn string_value(&self, text: &str, name: &str) -> Option<String> {
        let (_, _, start) = self.keys.iter().find(|(key, _, _)| key == name)?;
        let rest = text.get(*start..)?;
        let bytes = rest.as_bytes();
        if bytes.first() != Some(&b'"') {
            return None;
        }
        let mut at = 1;
        while let Some(&c) = bytes.get(at) {
            match c {
                b'\\' => at += 2,
                b'"' => return serde_json::from_str(rest.get(..=at)?).ok(),
                _ => at += 1,
            }
        }
        None
    }
}

/// A step of a path into a JSON value.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// Splits a path into the place it is in (the feed, or item n for `items[n-1]...`) and the
/// rest as a message shows it (`attachments[0].url`).
fn json_place(path: &[Step], key: Option<&str>) -> (Place, Name) {
    let (place, rest) = match path {
        [Step::Key(items), Step::Index(i), rest @ ..] if items == "items" => {
            (Place::Item(i + 1), rest)
        }
        _ => (Place::Feed, path),
    };
    let mut name = String::new();
    for step in rest.iter().map(Some).chain(std::iter::once(None)) {
        let key = match step {
            Some(Step::Index(i)) => {
                name.push_str(&format!("[{i}]"));
                continue;
            }
            Some(Step::Key(k)) => k.as_str(),
            None => match key {
                Some(k) => k,
                None => break,
            },
        };
        if !name.is_empty() {
            name.push('.');
        }
        name.push_str(&shown(key, 40));
    }
    (place, name.into())
}

/// A `serde_json::Value` deserializer that also records duplicate keys, which serde_json
/// itself silently resolves (the last one wins) while other readers keep the first.
struct Strict<'p> {
    path: &'p mut Vec<Step>,
    duplicates: &'p mut Vec<(Vec<Step>, String)>,
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        loop {
            self.path.push(Step::Index(out.len()));
            let next = seq.next_element_seed(Strict {
                path: &mut *self.path,
                duplicates: &mut *self.duplicates,
            });
            self.path.pop();
            match next? {
                Some(value) => out.push(value),
                None => return Ok(Value::Array(out)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            self.path.push(Step::Key(key));
            let value = map.next_value_seed(Strict {
                path: &mut *self.path,
                duplicates: &mut *self.duplicates,
            });
            let popped = self.path.pop();
            let value = value?;
            let Some(Step::Key(key)) = popped else { continue };
            if out.contains_key(&key) {
                self.duplicates.push((self.path.clone(), key));
            } else {
                out.insert(key, value);
            }
        }
        Ok(Value::Object(out))
    }
}

fn check_json(bytes: &[u8]) -> Vec<Problem> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let before = bytes.get(..e.valid_up_to()).unwrap_or(&[]);
            let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
            let kind = ProblemKind::InvalidEncoding {
                encoding: "UTF-8",
                byte: bytes.get(e.valid_up_to()).copied().unwrap_or(0),
            };
            return vec![problem(Some(line), Severity::Error, kind)];
        }
    };
    let mut path = Vec::new();
    let mut duplicates = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let parsed = Strict { path: &mut path, duplicates: &mut duplicates }
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value));
    let value = match parsed {
        Ok(value) => value,
        Err(e) => {
            let message = e.to_string();
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            let message = message.strip_suffix(&suffix).unwrap_or(&message);
            let kind = ProblemKind::Json { message: quoted(message), column: e.column() };
            return vec![problem(Some(e.line().max(1)), Severity::Error, kind)];
        }
    };
    let mut feed = JsonFeed { sink: Sink::new(text), text, outline: OnceCell::new() };
    for (path, key) in &duplicates {
        let (place, name) = json_place(path, Some(key));
        let offset = feed.offset(place, key);
        feed.sink.error(offset, ProblemKind::DuplicateKey { place, name });
    }
    let mut path = Vec::new();
    feed.forbidden_chars(&value, &mut path);
    feed.check(&value);
    in_line_order(feed.sink.problems)
}

/// Sorts problems by line, those without one last; stable, so the problems of one line keep
/// the order of the rules.
fn in_line_order(mut problems: Vec<Problem>) -> Vec<Problem> {
    problems.sort_by_key(|p| (p.line.is_none(), p.line));
    problems
}

/// The checks of a parsed JSON Feed.
struct JsonFeed<'t> {
    sink: Sink<'t>,
    text: &'t str,
    outline: OnceCell<Outline>,
}

/// Top-level keys of JSON Feed 1.1 (`author` is handled as deprecated).
const FEED_KEYS: [&str; 15] = [
    "version",
    "title",
    "home_page_url",
    "feed_url",
    "description",
    "user_comment",
    "next_url",
    "icon",
    "favicon",
    "authors",
    "author",
    "language",
    "expired",
    "hubs",
    "items",
];

/// Item keys of JSON Feed 1.1.
const ITEM_KEYS: [&str; 16] = [
    "id",
    "url",
    "external_url",
    "title",
    "content_html",
    "content_text",
    "summary",
    "image",
    "banner_image",
    "date_published",
    "date_modified",
    "authors",
    "author",
    "tags",
    "language",
    "attachments",
];

const ATTACHMENT_KEYS: [&str; 5] =
    ["url", "mime_type", "title", "size_in_bytes", "duration_in_seconds"];
const AUTHOR_KEYS: [&str; 3] = ["name", "url", "avatar"];
const HUB_KEYS: [&str; 2] = ["type", "url"];

impl JsonFeed<'_> {
    fn outline(&self) -> &Outline {
        self.outline.get_or_init(|| Outline::of(self.text))
    }

    /// The offset a problem is reported at: the item's start, or the top-level key's.
    fn offset(&self, place: Place, key: &str) -> Option<usize> {
        match place {
            Place::Item(n) => self.outline().items.get(n.checked_sub(1)?).copied(),
            // A feed-level problem without a key of its own is on the line the object opens.
            _ => self.outline().key(key).or_else(|| self.text.find('{')),
        }
    }

    fn error(&mut self, place: Place, key: &str, kind: ProblemKind) {
        let offset = self.offset(place, key);
        self.sink.error(offset, kind);
    }

    fn warning(&mut self, place: Place, key: &str, kind: ProblemKind) {
        let offset = self.offset(place, key);
        self.sink.warning(offset, kind);
    }

    fn forbidden_chars(&mut self, value: &Value, path: &mut Vec<Step>) {
        match value {
            Value::String(s) => {
                if let Some(ch) = s.chars().find(|&c| forbidden(c)) {
                    let (place, name) = json_place(path, None);
                    let top = top_key(path);
                    self.error(place, &top, ProblemKind::ForbiddenCharInString { place, name, ch });
                }
            }
            Value::Array(values) => {
                for (i, value) in values.iter().enumerate() {
                    path.push(Step::Index(i));
                    self.forbidden_chars(value, path);
                    path.pop();
                }
            }
            Value::Object(map) => {
                for (key, value) in map {
                    if let Some(ch) = key.chars().find(|&c| forbidden(c)) {
                        let (place, name) = json_place(path, Some(key));
                        let top = top_key(path);
                        self.error(
                            place,
                            &top,
                            ProblemKind::ForbiddenCharInString { place, name, ch },
                        );
                    }
                    path.push(Step::Key(key.clone()));
                    self.forbidden_chars(value, path);
                    path.pop();
                }
            }
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }

    fn check(&mut self, value: &Value) {
        let place = Place::Feed;
        let Value::Object(feed) = value else {
            let kind = ProblemKind::NotAnObject { place, found: JsonType::of(value) };
            self.sink.error(Some(0), kind);
            return;
        };
        self.unknown_keys(feed, place, "", &FEED_KEYS);
        match feed.get("version") {
            None => self.error(place, "", missing(place, "version")),
            Some(Value::String(v)) if v == JSON_FEED_VERSION => {}
            Some(Value::String(v)) => {
                let kind = ProblemKind::JsonFeedVersion { found: quoted(v) };
                self.error(place, "version", kind);
            }
            Some(other) => self.wrong_type(place, "version", "a string", other),
        }
        self.string(feed, place, "title", true);
        for key in ["description", "user_comment"] {
            self.string(feed, place, key, false);
        }
        for key in ["home_page_url", "feed_url"] {
            if !feed.contains_key(key) {
                // Readers still read the feed; they cannot link to the site or follow a move.
                self.warning(place, "", missing(place, key));
            }
        }
        for key in ["home_page_url", "feed_url", "next_url", "icon", "favicon"] {
            self.url(feed, place, key, key, UrlRule::Http);
        }
        self.language(feed, place);
        if let Some(expired) = feed.get("expired").filter(|e| !e.is_boolean()) {
            self.wrong_type(place, "expired", "a boolean", expired);
        }
        self.authors(feed, place);
        if let Some(hubs) = feed.get("hubs") {
            self.hubs(hubs);
        }
        match feed.get("items") {
            None => self.error(place, "", missing(place, "items")),
            Some(Value::Array(items)) => {
                let mut ids: HashMap<&str, usize> = HashMap::new();
                for (i, item) in items.iter().enumerate() {
                    self.item(item, i + 1, &mut ids);
                }
            }
            Some(other) => self.wrong_type(place, "items", "an array", other),
        }
    }

    fn item<'v>(&mut self, item: &'v Value, index: usize, ids: &mut HashMap<&'v str, usize>) {
        let place = Place::Item(index);
        let Value::Object(item) = item else {
            let kind = ProblemKind::NotAnObject { place, found: JsonType::of(item) };
            self.error(place, "", kind);
            return;
        };
        self.unknown_keys(item, place, "", &ITEM_KEYS);
        match item.get("id") {
            None => self.error(place, "", missing(place, "id")),
            Some(Value::String(id)) if id.trim().is_empty() => {
                let kind = ProblemKind::EmptyValue { place, name: "id".into() };
                self.error(place, "", kind);
            }
            Some(Value::String(id)) => match ids.get(id.as_str()) {
                Some(&first) => {
                    let kind = ProblemKind::DuplicateId {
                        place,
                        name: "id".into(),
                        value: quoted(id),
                        first: Place::Item(first),
                    };
                    self.error(place, "", kind);
                }
                None => {
                    ids.insert(id, index);
                }
            },
            Some(other) => self.wrong_type(place, "id", "a string", other),
        }
        if !item.contains_key("content_html") && !item.contains_key("content_text") {
            let kind = ProblemKind::MissingEither {
                place,
                first: "content_html".into(),
                second: "content_text".into(),
            };
            self.error(place, "", kind);
        }
        for key in ["content_html", "content_text", "summary", "title"] {
            self.string(item, place, key, false);
        }
        for key in ["url", "external_url", "image", "banner_image"] {
            self.url(item, place, key, key, UrlRule::Http);
        }
        for key in ["date_published", "date_modified"] {
            match item.get(key) {
                None => {}
                Some(Value::String(date)) => {
                    if let Err(problem) = rfc3339(date, false) {
                        let kind = ProblemKind::Rfc3339 {
                            place,
                            name: key.into(),
                            value: quoted(date),
                            problem,
                        };
                        self.error(place, "", kind);
                    }
                }
                Some(other) => self.wrong_type(place, key, "a string", other),
            }
        }
        if let Some(tags) = item.get("tags") {
            let strings = tags.as_array().is_some_and(|tags| tags.iter().all(Value::is_string));
            if !strings {
                let found = match tags {
                    Value::Array(tags) => {
                        tags.iter().find(|t| !t.is_string()).map_or(JsonType::Array, JsonType::of)
                    }
                    other => JsonType::of(other),
                };
                let kind = ProblemKind::WrongType {
                    place,
                    name: "tags".into(),
                    expected: "an array of strings",
                    found,
                };
                self.error(place, "", kind);
            }
        }
        self.language(item, place);
        self.authors(item, place);
        match item.get("attachments") {
            None => {}
            Some(Value::Array(attachments)) => {
                for (i, attachment) in attachments.iter().enumerate() {
                    self.attachment(attachment, place, i);
                }
            }
            Some(other) => self.wrong_type(place, "attachments", "an array", other),
        }
    }

    fn attachment(&mut self, attachment: &Value, place: Place, i: usize) {
        let name = |key: &str| -> Name { format!("attachments[{i}].{key}").into() };
        let Value::Object(attachment) = attachment else {
            let kind = ProblemKind::WrongType {
                place,
                name: format!("attachments[{i}]").into(),
                expected: "an object",
                found: JsonType::of(attachment),
            };
            self.error(place, "attachments", kind);
            return;
        };
        self.unknown_keys(attachment, place, &format!("attachments[{i}]."), &ATTACHMENT_KEYS);
        for key in ["url", "mime_type"] {
            if !attachment.contains_key(key) {
                let kind = ProblemKind::Missing { place, name: name(key) };
                self.error(place, "attachments", kind);
            }
        }
        self.url(attachment, place, "url", &name("url"), UrlRule::Http);
        match attachment.get("mime_type") {
            Some(Value::String(mime)) if !mime_type(mime) => {
                let kind = ProblemKind::BadValue {
                    place,
                    name: name("mime_type"),
                    value: quoted(mime),
                    expected: "a MIME type such as `image/jpeg`",
                };
                self.error(place, "attachments", kind);
            }
            Some(Value::String(_)) | None => {}
            Some(other) => {
                let kind = ProblemKind::WrongType {
                    place,
                    name: name("mime_type"),
                    expected: "a string",
                    found: JsonType::of(other),
                };
                self.error(place, "attachments", kind);
            }
        }
        if let Some(other) = attachment.get("title").filter(|title| !title.is_string()) {
            let kind = ProblemKind::WrongType {
                place,
                name: name("title"),
                expected: "a string",
                found: JsonType::of(other),
            };
            self.error(place, "attachments", kind);
        }
        for key in ["size_in_bytes", "duration_in_seconds"] {
            match attachment.get(key) {
                None => {}
                Some(Value::Number(n)) if n.as_f64().is_some_and(|n| n >= 0.0) => {}
                Some(Value::Number(n)) => {
                    let kind = ProblemKind::BadValue {
                        place,
                        name: name(key),
                        value: n.to_string(),
                        expected: "a number zero or above",
                    };
                    self.error(place, "attachments", kind);
                }
                Some(other) => {
                    let kind = ProblemKind::WrongType {
                        place,
                        name: name(key),
                        expected: "a number",
                        found: JsonType::of(other),
                    };
                    self.error(place, "attachments", kind);
                }
            }
        }
    }

    /// `authors` (an array of objects with a name, URL or avatar) and the deprecated `author`.
    fn authors(&mut self, object: &Map<String, Value>, place: Place) {
        if object.contains_key("author") {
            let kind = ProblemKind::Deprecated { place, name: "author".into(), instead: "authors" };
            self.warning(place, "author", kind);
        }
        let Some(authors) = object.get("authors") else { return };
        let Value::Array(authors) = authors else {
            self.wrong_type(place, "authors", "an array", authors);
            return;
        };
        for (i, author) in authors.iter().enumerate() {
            let prefix = format!("authors[{i}]");
            let Value::Object(author) = author else {
                let kind = ProblemKind::WrongType {
                    place,
                    name: prefix.into(),
                    expected: "an object",
                    found: JsonType::of(author),
                };
                self.error(place, "authors", kind);
                continue;
            };
            self.unknown_keys(author, place, &format!("{prefix}."), &AUTHOR_KEYS);
            if !AUTHOR_KEYS.iter().any(|k| author.contains_key(*k)) {
                let kind = ProblemKind::Missing { place, name: format!("{prefix}.name").into() };
                self.error(place, "authors", kind);
            }
            if let Some(name) = author.get("name").filter(|name| !name.is_string()) {
                let kind = ProblemKind::WrongType {
                    place,
                    name: format!("{prefix}.name").into(),
                    expected: "a string",
                    found: JsonType::of(name),
                };
                self.error(place, "authors", kind);
            }
            self.url(author, place, "url", &format!("{prefix}.url"), UrlRule::HttpOrMailto);
            self.url(author, place, "avatar", &format!("{prefix}.avatar"), UrlRule::Http);
        }
    }

    fn hubs(&mut self, hubs: &Value) {
        let place = Place::Feed;
        let Value::Array(hubs) = hubs else {
            self.wrong_type(place, "hubs", "an array", hubs);
            return;
        };
        for (i, hub) in hubs.iter().enumerate() {
            let Value::Object(hub) = hub else {
                let kind = ProblemKind::WrongType {
                    place,
                    name: format!("hubs[{i}]").into(),
                    expected: "an object",
                    found: JsonType::of(hub),
                };
                self.error(place, "hubs", kind);
                continue;
            };
            self.unknown_keys(hub, place, &format!("hubs[{i}]."), &HUB_KEYS);
            for key in HUB_KEYS {
                if !hub.get(key).is_some_and(Value::is_string) {
                    let kind =
                        ProblemKind::Missing { place, name: format!("hubs[{i}].{key}").into() };
                    self.error(place, "hubs", kind);
                }
            }
        }
    }

    fn unknown_keys(
        &mut self,
        object: &Map<String, Value>,
        place: Place,
        prefix: &str,
        known: &[&str],
    ) {
        for (key, value) in object {
            let name = || -> Name { format!("{prefix}{}", shown(key, 40)).into() };
            let mut chars = key.chars();
            let extension =
                chars.next() == Some('_') && chars.next().is_some_and(|c| c.is_ascii_alphabetic());
            if extension && !value.is_object() {
                // The spec's extensions are "custom objects"; JSON Schema refuses anything else.
                let found = JsonType::of(value);
                let kind =
                    ProblemKind::WrongType { place, name: name(), expected: "an object", found };
                self.error(place, key, kind);
            } else if !extension && !known.contains(&key.as_str()) {
                let kind = ProblemKind::UnknownKey { place, name: name() };
                self.error(place, key, kind);
            }
        }
    }

    /// A string value; `required` ones must be present and not blank.
    fn string(
        &mut self,
        object: &Map<String, Value>,
        place: Place,
        key: &'static str,
        required: bool,
    ) {
        match object.get(key) {
            None if required => self.error(place, "", missing(place, key)),
            None => {}
            Some(Value::String(s)) if required && s.trim().is_empty() => {
                let kind = ProblemKind::EmptyValue { place, name: key.into() };
                self.error(place, key, kind);
            }
            Some(Value::String(_)) => {}
            Some(other) => self.wrong_type(place, key, "a string", other),
        }
    }

    fn url(
        &mut self,
        object: &Map<String, Value>,
        place: Place,
        key: &str,
        name: &str,
        rule: UrlRule,
    ) {
        let top =
            if place == Place::Feed { name.split(['.', '[']).next().unwrap_or(key) } else { key };
        match object.get(key) {
            None => {}
            Some(Value::String(url)) => {
                if let Some(kind) = url_problem(place, name.to_string(), url, rule) {
                    self.error(place, top, kind);
                }
            }
            Some(other) => {
                let kind = ProblemKind::WrongType {
                    place,
                    name: name.to_string().into(),
                    expected: "a string",
                    found: JsonType::of(other),
                };
                self.error(place, top, kind);
            }
        }
    }

    fn language(&mut self, object: &Map<String, Value>, place: Place) {
        match object.get("language") {
            None => {}
            Some(Value::String(tag)) => {
                if let Some(kind) = language_problem(place, tag) {
                    self.error(place, "language", kind);
                }
            }
            Some(other) => self.wrong_type(place, "language", "a string", other),
        }
    }

    fn wrong_type(
        &mut self,
        place: Place,
        key: &'static str,
        expected: &'static str,
        found: &Value,
    ) {
        let kind = ProblemKind::WrongType {
            place,
            name: key.into(),
            expected,
            found: JsonType::of(found),
        };
        self.error(place, key, kind);
    }
}

fn missing(place: Place, name: &'static str) -> ProblemKind {
    ProblemKind::Missing { place, name: name.into() }
}

/// The top-level key a path starts with, for the line of a feed-level problem.
fn top_key(path: &[Step]) -> String {
    match path.first() {
        Some(Step::Key(key)) => key.clone(),
        _ => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/// Whether a value is a URL of the kind the rule asks for.
///
/// The characters are RFC 3986's (letters, digits, `-._~:/?#@!$&'()*+,;=`, `%` and two hex
/// digits), with one `#` at most and without `[` `]` (the W3C validator refuses IPv6 hosts);
/// IRIs (Atom) may hold non-ASCII letters as well, URLs (RSS, JSON Feed) may not, as the W3C
/// validator and JSON Schema's `uri` format want. `http(s)` needs `//` and a host that `url`
/// (that is, a browser) accepts.
/// Whether a link is one every checker accepts: an absolute `http`/`https` URL written with only
/// the characters a URI may hold. The normalizer keeps only such links, so that no article can
/// make a feed fail its own check.
pub fn is_http_url(value: &str) -> bool {
    url_ok(value, UrlRule::Http)
}

/// Whether an id can stand as an Atom id as it is (an absolute IRI of a well-formed scheme).
/// The Atom writer makes a `urn:uuid:` of any other id.
pub fn is_iri(value: &str) -> bool {
    url_problem(Place::Feed, "id", value, UrlRule::Iri).is_none()
}

/// Whether a language tag is one the checkers accept (a known ISO 639-1 code or a three-letter
/// code, then well-formed subtags).
pub fn is_language_tag(value: &str) -> bool {
    language_problem(Place::Feed, value).is_none()
}

fn url_ok(value: &str, rule: UrlRule) -> bool {
    if !uri_chars(value, matches!(rule, UrlRule::Iri | UrlRule::HttpIri)) {
        return false;
    }
    let lower = value.get(..8).unwrap_or(value).to_ascii_lowercase();
    let http = (lower.starts_with("http://") || lower.starts_with("https://"))
        && value
            .split_once("://")
            .is_some_and(|(_, rest)| !rest.starts_with('/') && !rest.is_empty())
        && Url::parse(value).is_ok_and(|u| u.host().is_some());
    match rule {
        UrlRule::Http | UrlRule::HttpIri => http,
        UrlRule::HttpOrMailto if lower.starts_with("mailto:") => value.len() > "mailto:".len(),
        UrlRule::HttpOrMailto => http,
        UrlRule::Iri => {
            let scheme_ok = value.split_once(':').is_some_and(|(scheme, rest)| {
                !rest.is_empty()
                    && scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                    && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            });
            let is_http = lower.starts_with("http:") || lower.starts_with("https:");
            scheme_ok && (http || !is_http)
        }
    }
}

/// RFC 3986 (or, with `iri`, RFC 3987) characters only, valid `%` escapes, one `#` at most.
fn uri_chars(value: &str, iri: bool) -> bool {
    let bytes = value.as_bytes();
    let mut hashes = 0;
    for (at, c) in value.char_indices() {
        let ok = match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' => true,
            '-' | '.' | '_' | '~' | ':' | '/' | '?' | '@' | '!' | '$' | '&' | '\'' | '(' | ')'
            | '*' | '+' | ',' | ';' | '=' => true,
            '#' => {
                hashes += 1;
                hashes == 1
            }
            '%' => bytes.get(at + 1..at + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)),
            c => iri && !c.is_ascii() && !c.is_whitespace() && !c.is_control() && !forbidden(c),
        };
        if !ok {
            return false;
        }
    }
    !value.is_empty()
}

/// For ids in a scheme with a syntax of its own (`urn:`, `urn:uuid:`, `tag:`), what the value
/// should look like when it does not; `None` for other schemes and for good values.
fn id_syntax(value: &str) -> Option<&'static str> {
    let (scheme, rest) = value.split_once(':')?;
    if scheme.eq_ignore_ascii_case("urn") {
        let (nid, nss) = rest.split_once(':')?;
        if nid.eq_ignore_ascii_case("uuid") {
            let groups: Vec<&str> = nss.split('-').collect();
            let uuid = groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
                && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()));
            return (!uuid)
                .then_some("a UUID URN such as `urn:uuid:2fb2c7cd-e0ab-505a-ac4f-c863305975aa`");
        }
        let nid_ok = (2..=32).contains(&nid.len())
            && nid.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
            && nid.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        return (!nid_ok || nss.is_empty()).then_some(
            "a URN: `urn:`, a namespace of 2 to 32 letters, digits or `-`, `:` and a name",
        );
    }
    if scheme == "tag" {
        // RFC 4151: tag:ENTITY,DATE:SPECIFIC, the entity a lowercase domain or e-mail address.
        let tag_ok = rest.split_once(',').is_some_and(|(entity, rest)| {
            let domain = entity.rsplit('@').next().unwrap_or("");
            let date_and_specific = rest.split_once(':');
            !domain.is_empty()
                && entity
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-._@".contains(&b))
                && date_and_specific.is_some_and(|(date, _)| {
                    let parts: Vec<&str> = date.split('-').collect();
                    let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
                    matches!(lens.as_slice(), [4] | [4, 2] | [4, 2, 2])
                        && parts.iter().all(|p| digits(p))
                })
        });
        return (!tag_ok).then_some("a tag URI such as `tag:kabar.example.id,2016:banjir`");
    }
    None
}

/// `type/subtype` with RFC 6838 token characters, parameters allowed.
fn mime_type(value: &str) -> bool {
    let essence = value.split(';').next().unwrap_or("").trim_end();
    let token = |t: &str| {
        t.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
            && t.chars().all(|c| c.is_ascii_alphanumeric() || "!#$&^_.+-".contains(c))
    };
    essence.split_once('/').is_some_and(|(kind, sub)| token(kind) && token(sub))
}

/// ISO 639-1, the two-letter language codes, as one string: `aa`, `ab`, … `zu`.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce \
ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he \
hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw \
ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj \
om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta \
te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// Two-letter codes withdrawn from ISO 639-1 and what replaced them. `in` is the one that
/// matters here: old Indonesian sites still write it, and the W3C validator refuses it.
const WITHDRAWN_639_1: [(&str, &str); 5] =
    [("in", "id"), ("iw", "he"), ("ji", "yi"), ("jw", "jv"), ("mo", "ro")];

/// The problem with a language tag, if any. Accepted: BCP 47 in its common shape, a language
/// subtag (two letters from ISO 639-1, or three letters) and subtags of 1 to 8 letters or
/// digits. Private (`x-…`) and grandfathered (`i-…`) tags mean nothing to readers.
fn language_problem(place: Place, value: &str) -> Option<ProblemKind> {
    let mut parts = value.split('-');
    let language = parts.next().unwrap_or("").to_ascii_lowercase();
    if let Some((_, current)) = WITHDRAWN_639_1.iter().find(|(old, _)| *old == language) {
        let found = quoted(value);
        return Some(ProblemKind::WithdrawnLanguage {
            place,
            name: "language".into(),
            found,
            current,
        });
    }
    let known = match language.len() {
        2 => ISO_639_1.split_ascii_whitespace().any(|code| code == language),
        3 => language.bytes().all(|b| b.is_ascii_lowercase()),
        _ => false,
    };
    let subtags =
        parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    (!known || !subtags)
        .then(|| bad_value(place, "language", value, "a language tag such as `id` or `en-US`"))
}

fn digits(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit())
}

/// RFC 2822 date-time as RSS 2.0 wants it: `[Day, ]DD Mon YYYY HH:MM[:SS] ZONE`.
///
/// | accepted                      | example                            |
/// |-------------------------------|------------------------------------|
/// | numeric offset                | `Fri, 09 Dec 2016 14:32:00 +0700`  |
/// | one-digit day, no weekday     | `9 Dec 2016 14:32:00 +0700`        |
/// | no seconds (RFC 822)          | `Fri, 09 Dec 2016 14:32 +0700`     |
/// | RFC 822 zone names            | `UT`, `GMT`, `EST` … `PDT`         |
/// | any case for names            | `fri, 09 dec 2016 …`               |
/// | two-digit year, military zone | warnings                           |
fn rfc2822(value: &str) -> Result<(), Rfc2822Problem> {
    let (weekday, rest) = match value.split_once(',') {
        Some((day, rest)) => (Some(day.trim()), rest),
        None => (None, value),
    };
    let tokens: Vec<&str> = rest.split_ascii_whitespace().collect();
    let (day, month, year, time, zone) = match tokens.as_slice() {
        [day, month, year, time, zone] => (*day, *month, *year, *time, Some(*zone)),
        [day, month, year, time] if time.contains(':') => (*day, *month, *year, *time, None),
        _ => return Err(Rfc2822Problem::Shape),
    };
    if !(1..=2).contains(&day.len())
        || !digits(day)
        || !digits(year)
        || !matches!(year.len(), 2 | 4)
    {
        return Err(Rfc2822Problem::Shape);
    }
    const MONTHS: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let month_number = MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(month))
        .ok_or_else(|| Rfc2822Problem::MonthName { word: quoted(month) })?;
    let mut hms = time.split(':');
    let mut field = |required: bool| -> Result<Option<u32>, Rfc2822Problem> {
        match hms.next() {
            Some(f) if f.len() == 2 && digits(f) => Ok(f.parse().ok()),
            None if !required => Ok(None),
            _ => Err(Rfc2822Problem::Shape),
        }
    };
    let (hour, minute, second) = (field(true)?, field(true)?, field(false)?);
    if hms.next().is_some() {
        return Err(Rfc2822Problem::Shape);
    }
    let Some(zone) = zone else {
        return Err(Rfc2822Problem::NoZone);
    };
    check_zone(zone)?;
    let numbers = (day.parse::<u32>().ok(), year.parse::<i32>().ok(), hour, minute);
    let (Some(day), Some(year_number), Some(hour), Some(minute)) = numbers else {
        return Err(Rfc2822Problem::Shape);
    };
    let full_year = match year.len() {
        2 if year_number >= 50 => 1900 + year_number,
        2 => 2000 + year_number,
        _ => year_number,
    };
    let date =
        NaiveDate::from_ymd_opt(full_year, u32::try_from(month_number + 1).unwrap_or(0), day)
            .ok_or(Rfc2822Problem::NoSuchDate)?;
    // A leap second is RFC 2822, but readers (feedparser, JavaScript's `Date`) refuse it.
    if hour > 23 || minute > 59 || second.unwrap_or(0) > 59 {
        return Err(Rfc2822Problem::NoSuchDate);
    }
    if let Some(word) = weekday {
        const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        let named = DAYS
            .iter()
            .position(|d| d.eq_ignore_ascii_case(word))
            .ok_or_else(|| Rfc2822Problem::DayName { word: quoted(word) })?;
        let actual = chrono::Datelike::weekday(&date);
        if usize::try_from(actual.num_days_from_monday()).ok() != Some(named) {
            return Err(Rfc2822Problem::WrongWeekday { date, weekday: actual });
        }
    }
    if year.len() == 2 {
        return Err(Rfc2822Problem::TwoDigitYear { year: year.to_string() });
    }
    // Names as RFC 2822 writes them: some readers match them case-sensitively, and the W3C
    // validator warns about any other form.
    for word in weekday.into_iter().chain([month]) {
        let expected = title_case(word);
        if word != expected {
            return Err(Rfc2822Problem::Case { found: quoted(word), expected });
        }
    }
    if zone.bytes().any(|b| b.is_ascii_lowercase()) {
        return Err(Rfc2822Problem::Case {
            found: quoted(zone),
            expected: zone.to_ascii_uppercase(),
        });
    }
    if value.contains("  ") || value.contains(['\t', '\n', '\r']) {
        return Err(Rfc2822Problem::Spacing);
    }
    Ok(())
}

/// `dec` and `DEC` as `Dec`.
fn title_case(word: &str) -> String {
    let mut out = word.to_ascii_lowercase();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

/// The zone of an RFC 2822 date.
fn check_zone(zone: &str) -> Result<(), Rfc2822Problem> {
    const NAMES: [&str; 10] = ["UT", "GMT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT"];
    let bytes = zone.as_bytes();
    match bytes {
        [b'+' | b'-', rest @ ..] if rest.len() == 4 && rest.iter().all(u8::is_ascii_digit) => {
            if rest.get(2).is_some_and(|&d| d >= b'6') {
                return Err(Rfc2822Problem::NoSuchDate);
            }
            Ok(())
        }
        [b'+' | b'-', h1, h2, b':', m1, m2]
            if [h1, h2, m1, m2].iter().all(|d| d.is_ascii_digit()) =>
        {
            Err(Rfc2822Problem::ColonOffset { zone: zone.to_string() })
        }
        _ if NAMES.iter().any(|n| n.eq_ignore_ascii_case(zone)) => Ok(()),
        // `Z` is UTC. RFC 1123: RFC 822 got the sign of the other letters wrong, so readers
        // disagree on the instant.
        [b'Z' | b'z'] => Ok(()),
        [letter] if letter.is_ascii_alphabetic() && !letter.eq_ignore_ascii_case(&b'j') => {
            Err(Rfc2822Problem::MilitaryZone { zone: zone.to_string() })
        }
        _ => Err(Rfc2822Problem::ZoneName { zone: quoted(zone) }),
    }
}

/// RFC 3339 date-time with a zone: `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`. `strict_case`
/// (Atom) refuses what its schema's `xsd:dateTime` refuses: a lowercase `t` and `z`, offsets
/// beyond ±14:00.
fn rfc3339(value: &str, strict_case: bool) -> Result<(), Rfc3339Problem> {
    let b = value.as_bytes();
    let digit_run = |from: usize, len: usize| -> Option<u32> {
        let run = b.get(from..from + len)?;
        run.iter()
            .all(u8::is_ascii_digit)
            .then(|| run.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let sep = |at: usize, c: u8| b.get(at) == Some(&c);
    let (Some(year), true, Some(month), true, Some(day)) =
        (digit_run(0, 4), sep(4, b'-'), digit_run(5, 2), sep(7, b'-'), digit_run(8, 2))
    else {
        return Err(Rfc3339Problem::Shape);
    };
    match b.get(10) {
        None => return Err(Rfc3339Problem::NoTime),
        Some(b'T') => {}
        Some(b't') if !strict_case => {}
        Some(b't') => return Err(Rfc3339Problem::Lowercase { found: 't' }),
        Some(_) => {
            let found = value.get(10..).and_then(|s| s.chars().next()).unwrap_or(' ');
            if digit_run(11, 2).is_some() && sep(13, b':') {
                return Err(Rfc3339Problem::Separator { found });
            }
            return Err(Rfc3339Problem::Shape);
        }
    }
    let (Some(hour), true, Some(minute)) = (digit_run(11, 2), sep(13, b':'), digit_run(14, 2))
    else {
        return Err(Rfc3339Problem::Shape);
    };
    if !sep(16, b':') {
        return match b.get(16) {
            None | Some(b'Z' | b'z' | b'+' | b'-') => Err(Rfc3339Problem::NoSeconds),
            Some(_) => Err(Rfc3339Problem::Shape),
        };
    }
    let Some(second) = digit_run(17, 2) else {
        return Err(Rfc3339Problem::Shape);
    };
    let mut at = 19;
    if sep(at, b'.') {
        at += 1;
        let start = at;
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        if at == start {
            return Err(Rfc3339Problem::Shape);
        }
    }
    let zone = value.get(at..).unwrap_or("");
    let offset = match zone.as_bytes() {
        [] => return Err(Rfc3339Problem::NoZone),
        [b'Z'] => None,
        [b'z'] if !strict_case => None,
        [b'z'] => return Err(Rfc3339Problem::Lowercase { found: 'z' }),
        [b'+' | b'-', ..] => {
            match (digit_run(at + 1, 2), sep(at + 3, b':'), digit_run(at + 4, 2)) {
                (Some(h), true, Some(m)) if zone.len() == 6 => Some((h, m)),
                (Some(_), false, _) if zone.len() == 5 && digit_run(at + 1, 4).is_some() => {
                    return Err(Rfc3339Problem::OffsetWithoutColon { zone: zone.to_string() });
                }
                _ => return Err(Rfc3339Problem::Shape),
            }
        }
        _ => return Err(Rfc3339Problem::Shape),
    };
    // Year 0 and leap seconds are RFC 3339, but `xsd:dateTime`, JSON Schema's `date-time` and
    // most readers refuse them.
    let date = i32::try_from(year)
        .ok()
        .filter(|&year| year > 0)
        .and_then(|year| NaiveDate::from_ymd_opt(year, month, day));
    let offset_ok = offset.is_none_or(|(h, m)| h <= 23 && m <= 59);
    if date.is_none() || hour > 23 || minute > 59 || second > 59 || !offset_ok {
        return Err(Rfc3339Problem::NoSuchDate);
    }
    if let Some((h, m)) = offset.filter(|&(h, m)| strict_case && h * 60 + m > 14 * 60) {
        let sign = zone.get(..1).unwrap_or("+");
        return Err(Rfc3339Problem::OffsetRange { zone: format!("{sign}{h:02}:{m:02}") });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid RSS feed with every element kabar writes and a few it does not.
    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Kabar Nusantara — berita “terkini”</title>
    <link>https://kabar.example.id/</link>
    <description>Berita terbaru dari seluruh penjuru Indonesia…</description>
    <language>id</language>
    <lastBuildDate>Fri, 09 Dec 2016 16:05:00 +0700</lastBuildDate>
    <atom:link href="https://kabar.example.id/rss.xml" rel="self" type="application/rss+xml"/>
    <item>
      <title>Banjir rendam tiga kecamatan di Bandung – warga: “air naik cepat”</title>
      <link>https://kabar.example.id/2016/12/09/banjir-bandung</link>
      <description>Banjir merendam tiga kecamatan di Kabupaten Bandung, Jumat pagi.</description>
      <content:encoded><![CDATA[<p>Warga mengungsi ke masjid — “kami tak sempat menyelamatkan barang,” kata Ma’ruf.</p>]]></content:encoded>
      <dc:creator>Dewi Lestari</dc:creator>
      <guid isPermaLink="true">https://kabar.example.id/2016/12/09/banjir-bandung</guid>
      <pubDate>Fri, 09 Dec 2016 14:32:00 +0700</pubDate>
      <enclosure url="https://kabar.example.id/img/banjir.jpg" length="48213" type="image/jpeg"/>
      <source url="https://www.viva.co.id/rss">VIVA.co.id</source>
    </item>
    <item>
      <title>Harga cabai naik 20% menjelang Natal</title>
      <link>https://kabar.example.id/2016/12/08/harga-cabai</link>
      <description>Pedagang di Pasar Kramat Jati: “pasokan dari Garut berkurang.”</description>
      <guid isPermaLink="false">2016/harga-cabai.md</guid>
      <pubDate>Thu, 08 Dec 2016 09:15:00 +0700</pubDate>
    </item>
    <item>
      <title>Timnas menang 2–1 di Stadion Rajamangala</title>
      <link>https://kabar.example.id/2016/12/07/timnas</link>
      <guid>https://kabar.example.id/2016/12/07/timnas</guid>
      <pubDate>Wed, 07 Dec 2016 21:45:00 +0700</pubDate>
    </item>
  </channel>
</rss>
"#;

    /// A valid Atom feed: ids of three kinds, the three text types, an entry author and a
    /// feed author.
    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">
  <id>https://kabar.example.id/</id>
  <title>Kabar Nusantara — berita “terkini”</title>
  <subtitle>Berita terbaru dari seluruh penjuru Indonesia…</subtitle>
  <updated>2016-12-09T16:05:00+07:00</updated>
  <author><name>Redaksi Kabar</name><uri>https://kabar.example.id/redaksi</uri></author>
  <link href="https://kabar.example.id/atom.xml" rel="self" type="application/atom+xml"/>
  <link href="https://kabar.example.id/" rel="alternate" type="text/html"/>
  <entry>
    <id>https://kabar.example.id/2016/12/09/banjir-bandung</id>
    <title>Banjir rendam tiga kecamatan di Bandung – warga: “air naik cepat”</title>
    <updated>2016-12-09T16:05:00+07:00</updated>
    <published>2016-12-09T14:32:00+07:00</published>
    <author><name>Dewi Lestari</name></author>
    <link href="https://kabar.example.id/2016/12/09/banjir-bandung" rel="alternate"/>
    <summary>Banjir merendam tiga kecamatan di Kabupaten Bandung, Jumat pagi.</summary>
    <content type="html">&lt;p&gt;Warga mengungsi ke masjid — “kami tak sempat menyelamatkan barang,” kata Ma’ruf.&lt;/p&gt;</content>
  </entry>
  <entry>
    <id>urn:uuid:2fb2c7cd-e0ab-505a-ac4f-c863305975aa</id>
    <title type="html">Harga cabai naik 20% menjelang Natal</title>
    <updated>2016-12-08T09:15:00+07:00</updated>
    <link href="https://kabar.example.id/2016/12/08/harga-cabai"/>
    <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Pedagang: “pasokan dari <b>Garut</b> berkurang.”</div></summary>
  </entry>
  <entry>
    <id>tag:kabar.example.id,2016:timnas</id>
    <title>Timnas menang 2–1 di Stadion Rajamangala</title>
    <updated>2016-12-07T14:45:00Z</updated>
    <link href="https://kabar.example.id/2016/12/07/timnas"/>
    <content type="text">Skor akhir 2–1; suporter bernyanyi “Garuda di Dadaku”.</content>
  </entry>
</feed>
"#;

    /// A valid JSON Feed 1.1 with an extension key, attachments and both content kinds.
    const JSON: &str = r#"{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Kabar Nusantara — berita “terkini”",
  "home_page_url": "https://kabar.example.id/",
  "feed_url": "https://kabar.example.id/feed.json",
  "description": "Berita terbaru dari seluruh penjuru Indonesia…",
  "language": "id",
  "authors": [{"name": "Redaksi Kabar", "url": "https://kabar.example.id/redaksi"}],
  "_kabar": {"generator": "kabar 0.1.0"},
  "items": [
    {
      "id": "https://kabar.example.id/2016/12/09/banjir-bandung",
      "url": "https://kabar.example.id/2016/12/09/banjir-bandung",
      "title": "Banjir rendam tiga kecamatan di Bandung – warga: “air naik cepat”",
      "content_html": "<p>Warga mengungsi ke masjid — “kami tak sempat menyelamatkan barang,” kata Ma’ruf.</p>",
      "summary": "Banjir merendam tiga kecamatan di Kabupaten Bandung, Jumat pagi.",
      "date_published": "2016-12-09T14:32:00+07:00",
      "date_modified": "2016-12-09T16:05:00+07:00",
      "authors": [{"name": "Dewi Lestari"}],
      "tags": ["Nasional", "Cuaca"],
      "attachments": [{"url": "https://kabar.example.id/img/banjir.jpg", "mime_type": "image/jpeg", "size_in_bytes": 48213}]
    },
    {
      "id": "2016/harga-cabai.md",
      "url": "https://kabar.example.id/2016/12/08/harga-cabai",
      "title": "Harga cabai naik 20% menjelang Natal",
      "content_text": "Pedagang di Pasar Kramat Jati: “pasokan dari Garut berkurang.”",
      "date_published": "2016-12-08T09:15:00+07:00"
    },
    {
      "id": "timnas-2016-12-07",
      "url": "https://kabar.example.id/2016/12/07/timnas",
      "title": "Timnas menang 2–1 di Stadion Rajamangala",
      "content_html": "<p>Skor akhir 2–1.</p>",
      "date_published": "2016-12-07T14:45:00Z",
      "language": "id-ID"
    }
  ]
}
"#;

    /// `LINE: SEVERITY: REASON`, as the command prints it but for the path.
    fn render(problems: &[Problem]) -> Vec<String> {
        problems
            .iter()
            .map(|p| {
                let line = p.line.map_or_else(|| "-".to_string(), |l| l.to_string());
                format!("{line}: {}: {p}", p.severity)
            })
            .collect()
    }

    #[test]
    fn good_documents_have_no_problems() {
        for (doc, format) in [(RSS, Format::Rss), (ATOM, Format::Atom), (JSON, Format::JsonFeed)] {
            assert_eq!(render(&check(doc.as_bytes())), Vec::<String>::new(), "{format}");
            assert_eq!(detect(doc.as_bytes()), Some(format));
        }
    }

    /// Each case injects one defect into a good document (the first occurrence of the text is
    /// replaced) and lists every problem the result must have.
    #[test]
    #[rustfmt::skip]
    fn one_defect_each() {
        let cases: &[(&str, &str, &str, &[&str])] = &[
            // RSS: bytes and syntax
            (RSS, "20% menjelang", "20% & menjelang", &["22: error: not well-formed XML: a bare `&`: expected `&amp;`"]),
            (RSS, "Jumat pagi.", "Jumat&nbsp;pagi.", &["13: error: not well-formed XML: unknown entity `&nbsp;`: XML defines only `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&apos;`"]),
            (RSS, "Rajamangala</title>", "Rajamangala", &["33: error: not well-formed XML: closing tag `</item>` does not match the open `<title>`"]),
            (RSS, "tiga kecamatan di Bandung –", "tiga kecamatan\u{B} di Bandung –", &["11: error: character U+000B is not allowed in XML 1.0"]),
            (RSS, "Natal</title>", "Natal&#x1;</title>", &["22: error: character U+0001 is not allowed in XML 1.0"]),
            (RSS, "Natal</title>", "Natal\u{FFFE}</title>", &["22: error: character U+FFFE is not allowed in XML 1.0"]),
            (RSS, r#" xmlns:dc="http://purl.org/dc/elements/1.1/""#, "", &["15: error: namespace prefix `dc` is used but not declared: expected `xmlns:dc=\"…\"`"]),
            (RSS, r#"xmlns:atom="http://www.w3.org/2005/Atom""#, r#"xmlns:atom="http://www.w3.org/2005/Atom/""#, &["2: error: prefix `atom` is bound to `http://www.w3.org/2005/Atom/`: expected `http://www.w3.org/2005/Atom`", "3: warning: channel: `atom:link rel=\"self\"` is missing"]),
            // RSS: structure
            (RSS, r#"<rss version="2.0""#, r#"<rss version="0.92""#, &["2: error: `rss` `version` `0.92` is not `2.0`"]),
            (RSS, "<description>Berita terbaru dari seluruh penjuru Indonesia…</description>", "", &["3: error: channel: `description` is missing"]),
            (RSS, "<link>https://kabar.example.id/</link>", "<link>kabar.example.id</link>", &["5: error: channel: `link` `kabar.example.id` is not an absolute `http` or `https` URL"]),
            (RSS, "<language>id</language>", "<language>Bahasa Indonesia</language>", &["7: error: channel: `language` `Bahasa Indonesia` is not a language tag such as `id` or `en-US`"]),
            (RSS, "<language>id</language>", "<language>in</language>", &["7: error: channel: `language` `in` is a withdrawn language code: expected `id`"]),
            (RSS, "<language>id</language>", "<ttl>1 jam</ttl>", &["7: error: channel: `ttl` `1 jam` is not a whole number of minutes"]),
            (RSS, r#"<atom:link href="https://kabar.example.id/rss.xml" rel="self" type="application/rss+xml"/>"#, "", &["3: warning: channel: `atom:link rel=\"self\"` is missing"]),
            (RSS, r#"href="https://kabar.example.id/rss.xml""#, r#"href="rss.xml""#, &["9: error: channel: `atom:link/@href` `rss.xml` is not an absolute `http` or `https` URL"]),
            // RSS: dates
            (RSS, "Fri, 09 Dec 2016 14:32", "Fri, 10 Dec 2016 14:32", &["17: error: item 1: `pubDate` `Fri, 10 Dec 2016 14:32:00 +0700` is not a valid RFC 2822 date: 2016-12-10 is a Saturday"]),
            (RSS, "Fri, 09 Dec 2016 16:05:00 +0700", "Fri, 09 Dec 2016 09:05:00 UTC", &["8: error: channel: `lastBuildDate` `Fri, 09 Dec 2016 09:05:00 UTC` is not a valid RFC 2822 date: zone `UTC` is not one RFC 2822 knows: expected an offset such as `+0700` or `GMT`"]),
            (RSS, "09:15:00 +0700", "09:15:00 +07:00", &["26: error: item 2: `pubDate` `Thu, 08 Dec 2016 09:15:00 +07:00` is not a valid RFC 2822 date: offset `+07:00` has a colon: expected `+0700`"]),
            (RSS, "Wed, 07 Dec 2016 21:45:00 +0700", "Rabu, 07 Des 2016 21:45 WIB", &["32: error: item 3: `pubDate` `Rabu, 07 Des 2016 21:45 WIB` is not a valid RFC 2822 date: month `Des` is not one of `Jan` `Feb` `Mar` … `Dec`"]),
            (RSS, "Wed, 07 Dec 2016 21:45:00 +0700", "Wed, 07 Dec 2016 21:45:00", &["32: error: item 3: `pubDate` `Wed, 07 Dec 2016 21:45:00` is not a valid RFC 2822 date: the zone is missing: expected an offset such as `+0700`"]),
            (RSS, "Wed, 07 Dec 2016 21:45:00 +0700", "Wed, 07 Dec 16 21:45:00 +0700", &["32: warning: item 3: `pubDate` `Wed, 07 Dec 16 21:45:00 +0700` is not a valid RFC 2822 date: the year `16` has two digits: expected four"]),
            (RSS, "Wed, 07 Dec 2016 21:45:00 +0700", "Wed, 07 DEC 2016 21:45:00 +0700", &["32: warning: item 3: `pubDate` `Wed, 07 DEC 2016 21:45:00 +0700` is not a valid RFC 2822 date: `DEC` is usually written `Dec`: some readers know only that form"]),
            (RSS, "Wed, 07 Dec 2016 21:45:00 +0700", "Wed, 07 Dec 2016 21:45:00 A", &["32: error: item 3: `pubDate` `Wed, 07 Dec 2016 21:45:00 A` is not a valid RFC 2822 date: military zone `A` is ambiguous: expected an offset such as `+0000`"]),
            (RSS, "Wed, 07 Dec 2016 21:45:00 +0700", "2016-12-07T21:45:00+07:00", &["32: error: item 3: `pubDate` `2016-12-07T21:45:00+07:00` is not a valid RFC 2822 date: expected a form like `Fri, 09 Dec 2016 14:32:00 +0700`"]),
            // RSS: items
            (RSS, "<title>Timnas menang 2–1 di Stadion Rajamangala</title>", "<title> </title>", &["28: error: item 3: neither `title` nor `description` is present"]),
            (RSS, "<link>https://kabar.example.id/2016/12/08/harga-cabai</link>", "<link>/2016/12/08/harga-cabai</link>", &["23: error: item 2: `link` `/2016/12/08/harga-cabai` is not an absolute `http` or `https` URL"]),
            (RSS, "<guid>https://kabar.example.id/2016/12/07/timnas</guid>", "<guid>https://kabar.example.id/2016/12/09/banjir-bandung</guid>", &["31: error: item 3: `guid` `https://kabar.example.id/2016/12/09/banjir-bandung` repeats item 1"]),
            (RSS, "<guid>https://kabar.example.id/2016/12/07/timnas</guid>", "<guid> </guid>", &["31: error: item 3: `guid` is empty"]),
            (RSS, "<guid>https://kabar.example.id/2016/12/07/timnas</guid>", "", &["28: warning: item 3: `guid` is missing"]),
            (RSS, r#"<guid isPermaLink="false">"#, r#"<guid isPermaLink="no">"#, &["25: error: item 2: `guid/@isPermaLink` `no` is not `true` or `false`", "25: error: item 2: `guid` `2016/harga-cabai.md` is not an absolute `http` or `https` URL, yet it is a permalink: expected `isPermaLink=\"false\"`"]),
            (RSS, r#"<guid isPermaLink="false">"#, "<guid>", &["25: error: item 2: `guid` `2016/harga-cabai.md` is not an absolute `http` or `https` URL, yet it is a permalink (`isPermaLink` defaults to `true`): expected `isPermaLink=\"false\"`"]),
            (RSS, r#" length="48213""#, "", &["18: error: item 1: `enclosure` has no `length` attribute"]),
            (RSS, r#"length="48213""#, r#"length="47 KB""#, &["18: error: item 1: `enclosure/@length` `47 KB` is not a length in bytes"]),
            (RSS, r#"type="image/jpeg""#, r#"type="jpeg""#, &["18: error: item 1: `enclosure/@type` `jpeg` is not a MIME type such as `image/jpeg`"]),
            (RSS, r#"<source url="https://www.viva.co.id/rss">"#, "<source>", &["19: error: item 1: `source` has no `url` attribute"]),
            // Atom
            (ATOM, "<author><name>Redaksi Kabar</name><uri>https://kabar.example.id/redaksi</uri></author>", "", &["20: error: entry 2: no `author`, and the feed has none: expected one on the feed or on every entry", "27: error: entry 3: no `author`, and the feed has none: expected one on the feed or on every entry"]),
            (ATOM, "<id>https://kabar.example.id/</id>", "", &["2: error: feed: `id` is missing"]),
            (ATOM, "<id>urn:uuid:2fb2c7cd-e0ab-505a-ac4f-c863305975aa</id>", "<id>2016/harga-cabai.md</id>", &["21: error: entry 2: `id` `2016/harga-cabai.md` is not an absolute IRI"]),
            (ATOM, "<id>tag:kabar.example.id,2016:timnas</id>", "<id>urn:uuid:2fb2c7cd-e0ab-505a-ac4f-c863305975aa</id>", &["28: error: entry 3: `id` `urn:uuid:2fb2c7cd-e0ab-505a-ac4f-c863305975aa` repeats entry 2"]),
            (ATOM, "<updated>2016-12-08T09:15:00+07:00</updated>", "", &["20: error: entry 2: `updated` is missing"]),
            (ATOM, "2016-12-08T09:15:00+07:00", "2016-12-08T09:15:00", &["23: error: entry 2: `updated` `2016-12-08T09:15:00` is not a valid RFC 3339 date: the zone is missing: expected `Z` or an offset such as `+07:00`"]),
            (ATOM, "2016-12-08T09:15:00+07:00", "2016-12-08 09:15:00+07:00", &["23: error: entry 2: `updated` `2016-12-08 09:15:00+07:00` is not a valid RFC 3339 date: ` ` separates the date and the time: expected `T`"]),
            (ATOM, "2016-12-08T09:15:00+07:00", "2016-12-08T09:15+07:00", &["23: error: entry 2: `updated` `2016-12-08T09:15+07:00` is not a valid RFC 3339 date: the seconds are missing: expected `HH:MM:SS`"]),
            (ATOM, "2016-12-09T14:32:00+07:00", "2016-12-09T14:32:00+0700", &["14: error: entry 1: `published` `2016-12-09T14:32:00+0700` is not a valid RFC 3339 date: offset `+0700` has no colon: expected `+07:00`"]),
            (ATOM, "2016-12-07T14:45:00Z", "2016-12-07t14:45:00z", &["30: error: entry 3: `updated` `2016-12-07t14:45:00z` is not a valid RFC 3339 date: lowercase `t`: expected `T`"]),
            (ATOM, r#"<link href="https://kabar.example.id/atom.xml" rel="self" type="application/atom+xml"/>"#, "", &["2: warning: feed: `link rel=\"self\"` is missing"]),
            (ATOM, r#"<link href="https://kabar.example.id/2016/12/08/harga-cabai"/>"#, r#"<link href="/2016/12/08/harga-cabai"/>"#, &["24: error: entry 2: `link/@href` `/2016/12/08/harga-cabai` is not an absolute `http` or `https` IRI"]),
            (ATOM, r#"<link href="https://kabar.example.id/2016/12/08/harga-cabai"/>"#, r#"<link rel="related" href="ftp://kabar.example.id/cabai.csv"/>"#, &["20: error: entry 2: neither `link rel=\"alternate\"` nor `content` is present"]),
            (ATOM, "<id>tag:kabar.example.id,2016:timnas</id>", "<id>urn:uuid:timnas-2016</id>", &["28: error: entry 3: `id` `urn:uuid:timnas-2016` is not a UUID URN such as `urn:uuid:2fb2c7cd-e0ab-505a-ac4f-c863305975aa`"]),
            (ATOM, "<id>tag:kabar.example.id,2016:timnas</id>", "<id>tag:Kabar.example.id:timnas</id>", &["28: error: entry 3: `id` `tag:Kabar.example.id:timnas` is not a tag URI such as `tag:kabar.example.id,2016:banjir`"]),
            (ATOM, "<id>https://kabar.example.id/</id>", "<id>HTTPS://Kabar.Example.ID</id>", &["3: warning: feed: `id` `HTTPS://Kabar.Example.ID` is not in canonical form: expected `https://kabar.example.id/`"]),
            (ATOM, r#"<content type="text">Skor akhir 2–1; suporter bernyanyi “Garuda di Dadaku”.</content>"#, r#"<content type="image/png">Skor akhir 2–1</content>"#, &["32: error: entry 3: `content` of type `image/png` is not base64: expected the bytes in base64 or a `src` attribute", "32: error: entry 3: `content` of type `image/png` needs a `summary` next to it"]),
            (ATOM, r#"<content type="text">Skor akhir 2–1; suporter bernyanyi “Garuda di Dadaku”.</content>"#, r#"<content type="video/mp4" src="https://kabar.example.id/timnas.mp4"/>"#, &["32: error: entry 3: `content` with `src` needs a `summary` next to it"]),
            (ATOM, r#"<content type="text">"#, r#"<content type="text/html">"#, &["32: warning: entry 3: `content/@type` `text/html` is not `html` (`text/html` is for whole documents)"]),
            (ATOM, r#"<link href="https://kabar.example.id/2016/12/08/harga-cabai"/>"#, "", &["20: error: entry 2: neither `link rel=\"alternate\"` nor `content` is present"]),
            (ATOM, r#"<link href="https://kabar.example.id/2016/12/07/timnas"/>"#, "", &[]),
            (ATOM, r#"<content type="text">"#, r#"<content type="markdown">"#, &["32: error: entry 3: `content/@type` `markdown` is not `text`, `html`, `xhtml` or a MIME type"]),
            (ATOM, r#"<content type="text">"#, r#"<content type="text/plain">"#, &[]),
            (ATOM, r#"<summary type="xhtml">"#, r#"<summary type="text/html">"#, &["25: error: entry 2: `summary/@type` `text/html` is not `text`, `html` or `xhtml`"]),
            (ATOM, r#"<div xmlns="http://www.w3.org/1999/xhtml">"#, r#"<div>"#, &["25: error: entry 2: `summary` has `type=\"xhtml\"` but no XHTML `div` as its only child"]),
            (ATOM, r#"<feed xmlns="http://www.w3.org/2005/Atom""#, r#"<feed xmlns="http://purl.org/atom/ns#""#, &["2: error: root element `feed` is in namespace `http://purl.org/atom/ns#`: expected the Atom namespace `http://www.w3.org/2005/Atom`"]),
            // JSON Feed
            (JSON, "https://jsonfeed.org/version/1.1", "https://jsonfeed.org/version/1", &["2: error: `version` `https://jsonfeed.org/version/1` is not `https://jsonfeed.org/version/1.1`"]),
            (JSON, r#""language": "id-ID"
    }"#, r#""language": "id-ID",
    }"#, &["37: error: not valid JSON: trailing comma (column 5)"]),
            (JSON, "Natal\",", "Natal\u{1}\",", &["26: error: not valid JSON: control character (\\u0000-\\u001F) found while parsing a string (column 53)"]),
            (JSON, "Natal\",", "Natal\\u000b\",", &["23: error: item 2: `title` holds U+000B, a character XML 1.0 forbids"]),
            (JSON, r#""summary": "Banjir"#, r#""title": "Banjir"#, &["11: error: item 1: key `title` appears twice in the same object"]),
            (JSON, r#""id": "timnas-2016-12-07""#, r#""id": 20161207"#, &["30: error: item 3: `id` is a number: expected a string"]),
            (JSON, r#""id": "timnas-2016-12-07""#, r#""id": "2016/harga-cabai.md""#, &["30: error: item 3: `id` `2016/harga-cabai.md` repeats item 2"]),
            (JSON, r#""id": "timnas-2016-12-07""#, r#""id": " ""#, &["30: error: item 3: `id` is empty"]),
            (JSON, r#""content_text": "Pedagang di Pasar Kramat Jati: “pasokan dari Garut berkurang.”","#, "", &["23: error: item 2: neither `content_html` nor `content_text` is present"]),
            (JSON, "2016-12-08T09:15:00+07:00", "2016-12-08", &["23: error: item 2: `date_published` `2016-12-08` is not a valid RFC 3339 date: the time is missing: expected `T` and a time such as `T14:32:00+07:00`"]),
            (JSON, r#""url": "https://kabar.example.id/2016/12/07/timnas""#, r#""url": "/2016/12/07/timnas""#, &["30: error: item 3: `url` `/2016/12/07/timnas` is not an absolute `http` or `https` URL"]),
            (JSON, r#""https://kabar.example.id/redaksi""#, r#""kabar.example.id/redaksi""#, &["8: error: feed: `authors[0].url` `kabar.example.id/redaksi` is not an absolute `http` or `https` URL or a `mailto:` address"]),
            (JSON, r#", "mime_type": "image/jpeg""#, "", &["11: error: item 1: `attachments[0].mime_type` is missing"]),
            (JSON, r#""authors": [{"name": "Dewi Lestari"}]"#, r#""author": {"name": "Dewi Lestari"}"#, &["11: warning: item 1: `author` is deprecated since JSON Feed 1.1: expected `authors`"]),
            (JSON, r#""_kabar""#, r#""generator""#, &["9: error: feed: unknown key `generator`: expected a JSON Feed 1.1 key or an extension named `_` and a letter"]),
            (JSON, r#""title": "Kabar Nusantara — berita “terkini”""#, r#""title": """#, &["3: error: feed: `title` is empty"]),
            (JSON, r#""_kabar": {"generator": "kabar 0.1.0"}"#, r#""_kabar": "kabar 0.1.0""#, &["9: error: feed: `_kabar` is a string: expected an object"]),
            (JSON, r#""language": "id","#, r#""language": "in","#, &["7: error: feed: `language` `in` is a withdrawn language code: expected `id`"]),
            (JSON, r#""feed_url": "https://kabar.example.id/feed.json","#, "", &["1: warning: feed: `feed_url` is missing"]),
            (JSON, r#"["Nasional", "Cuaca"]"#, r#"["Nasional", 7]"#, &["11: error: item 1: `tags` is a number: expected an array of strings"]),
            (JSON, r#""size_in_bytes": 48213"#, r#""size_in_bytes": -1"#, &["11: error: item 1: `attachments[0].size_in_bytes` `-1` is not a number zero or above"]),
        ];
        for (doc, from, to, expected) in cases {
            assert!(doc.contains(from), "{from:?} is not in the document");
            let bad = doc.replacen(from, to, 1);
            assert_eq!(render(&check(bad.as_bytes())), *expected, "{from:?} -> {to:?}");
        }
    }

    /// Documents as bytes: encodings, byte order marks, what is not a feed.
    #[test]
    #[rustfmt::skip]
    fn bytes() {
        let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss version=\"2.0\"><channel><title>Caf\xE9</title><link>https://kabar.example.id/</link><description>d</description></channel></rss>";
        let cases: &[(&[u8], Option<Format>, &[&str])] = &[
            (b"", None, &["-: error: the document is empty: expected an RSS, Atom or JSON feed"]),
            (b"Jumat, 9 Desember 2016", None, &["1: error: the document is neither XML nor JSON: it starts with `Jumat, 9 Desember 20…`"]),
            (b"<html><body>Kabar</body></html>", None, &["1: error: root element `html` is not a feed: expected `rss` or an Atom `feed`"]),
            (b"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>", None, &["1: error: root element `rdf:RDF` is not a feed: expected `rss` or an Atom `feed`"]),
            (latin1, Some(Format::Rss), &["2: warning: channel: `atom:link rel=\"self\"` is missing"]),
            (&latin1.replace("ISO-8859-1", "UTF-8"), Some(Format::Rss), &["2: error: byte `0xE9` is not valid `UTF-8`"]),
            (&latin1.replace("ISO-8859-1", "Shift_JIS"), Some(Format::Rss), &["1: error: encoding `Shift_JIS` is not supported: expected `UTF-8`, `UTF-16`, `ISO-8859-1`, `US-ASCII` or `windows-1252`"]),
            (&latin1.replace("ISO-8859-1", "windows-1252").replace("\u{E9}", "\u{81}"), Some(Format::Rss), &["2: error: byte `0x81` is not valid `windows-1252`"]),
            (&utf16le(RSS), Some(Format::Rss), &[]),
            (&[b"\xEF\xBB\xBF", ATOM.as_bytes()].concat(), Some(Format::Atom), &[]),
            (&[b"\xEF\xBB\xBF", JSON.as_bytes()].concat(), Some(Format::JsonFeed), &["1: warning: the JSON starts with a byte order mark: expected none"]),
            (&JSON.replace("https://jsonfeed.org/version/1.1", "https:\\/\\/jsonfeed.org\\/version\\/1.1").into_bytes(), Some(Format::JsonFeed), &[]),
            (b"[1, 2]", None, &["1: error: feed is an array: expected an object"]),
            (b"{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"x\", \"items\": [],}", Some(Format::JsonFeed), &["1: error: not valid JSON: trailing comma (column 75)"]),
        ];
        for (bytes, format, expected) in cases {
            assert_eq!(detect(bytes), *format, "{:?}", String::from_utf8_lossy(bytes));
            assert_eq!(render(&check(bytes)), *expected, "{:?}", String::from_utf8_lossy(bytes));
        }
    }

    trait Replace {
        fn replace(&self, from: &str, to: &str) -> Vec<u8>;
    }

    impl Replace for [u8] {
        fn replace(&self, from: &str, to: &str) -> Vec<u8> {
            let (from, to) = (latin1_bytes(from), latin1_bytes(to));
            match self.windows(from.len()).position(|w| w == from) {
                Some(at) => [&self[..at], &to[..], &self[at + from.len()..]].concat(),
                None => panic!("{from:?} not found"),
            }
        }
    }

    /// `\xE9` written in a test string means the byte 0xE9.
    fn latin1_bytes(text: &str) -> Vec<u8> {
        text.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect()
    }

    fn utf16le(text: &str) -> Vec<u8> {
        let mut out = vec![0xFF, 0xFE];
        for unit in text.replacen("UTF-8", "UTF-16", 1).encode_utf16() {
            out.extend_from_slice(&unit.to_le_bytes());
        }
        out
    }

    #[test]
    #[rustfmt::skip]
    fn rfc2822_dates() {
        let cases: &[(&str, Result<(), Rfc2822Problem>)] = &[
            ("Fri, 09 Dec 2016 14:32:00 +0700", Ok(())),
            ("Fri, 9 Dec 2016 14:32:00 +0700", Ok(())),
            ("9 Dec 2016 14:32 +0700", Ok(())),
            ("fri, 09 dec 2016 14:32:00 gmt", Err(Rfc2822Problem::Case { found: "fri".into(), expected: "Fri".into() })),
            ("Fri, 09 DEC 2016 14:32:00 GMT", Err(Rfc2822Problem::Case { found: "DEC".into(), expected: "Dec".into() })),
            ("Fri, 09 Dec 2016 14:32:00 gmt", Err(Rfc2822Problem::Case { found: "gmt".into(), expected: "GMT".into() })),
            ("Fri,  09 Dec 2016 14:32:00 GMT", Err(Rfc2822Problem::Spacing)),
            ("Fri, 09 Dec 2016 14:32:00 +0700 (WIB)", Err(Rfc2822Problem::Shape)),
            ("Fri,09 Dec 2016 14:32:00 EST", Ok(())),
            ("Fri, 09 Dec 2016 14:32:59 -0000", Ok(())),
            ("Fri, 09 Dec 2016 14:32:60 -0000", Err(Rfc2822Problem::NoSuchDate)),
            ("Friday, 09 Dec 2016 14:32:00 +0700", Err(Rfc2822Problem::DayName { word: "Friday".into() })),
            ("Jumat, 09 Desember 2016 14:32:00 +0700", Err(Rfc2822Problem::MonthName { word: "Desember".into() })),
            ("Fri, 09 Dec 2016 14:32:00 WIB", Err(Rfc2822Problem::ZoneName { zone: "WIB".into() })),
            ("Fri, 09 Dec 2016 14:32:00 Z", Ok(())),
            ("Fri, 09 Dec 2016 14:32:00 N", Err(Rfc2822Problem::MilitaryZone { zone: "N".into() })),
            ("Fri, 09 Dec 2016 14:32:00 J", Err(Rfc2822Problem::ZoneName { zone: "J".into() })),
            ("Fri, 09 Dec 2016 14:32:00 +0790", Err(Rfc2822Problem::NoSuchDate)),
            ("Fri, 31 Feb 2016 14:32:00 +0700", Err(Rfc2822Problem::NoSuchDate)),
            ("Fri, 09 Dec 2016 24:00:00 +0700", Err(Rfc2822Problem::NoSuchDate)),
            ("Fri, 09 Dec 2016 14.32 +0700", Err(Rfc2822Problem::Shape)),
            ("Fri, 09 Dec 216 14:32:00 +0700", Err(Rfc2822Problem::Shape)),
            ("", Err(Rfc2822Problem::Shape)),
        ];
        for (date, expected) in cases {
            assert_eq!(rfc2822(date), *expected, "{date:?}");
        }
    }

    #[test]
    #[rustfmt::skip]
    fn rfc3339_dates() {
        // (date, Atom's strict case, expected)
        let cases: &[(&str, bool, Result<(), Rfc3339Problem>)] = &[
            ("2016-12-09T14:32:00+07:00", true, Ok(())),
            ("2016-12-09T07:32:00.125Z", true, Ok(())),
            ("2016-12-31T23:59:60Z", true, Err(Rfc3339Problem::NoSuchDate)),
            ("0000-12-31T23:59:00Z", false, Err(Rfc3339Problem::NoSuchDate)),
            ("2016-12-09T14:32:00+14:00", true, Ok(())),
            ("2016-12-09T14:32:00-14:01", true, Err(Rfc3339Problem::OffsetRange { zone: "-14:01".into() })),
            ("2016-12-09T14:32:00+23:59", false, Ok(())),
            ("2016-12-09t14:32:00z", false, Ok(())),
            ("2016-12-09T14:32:00z", true, Err(Rfc3339Problem::Lowercase { found: 'z' })),
            ("2016-12-09", true, Err(Rfc3339Problem::NoTime)),
            ("2016-12-09T14:32Z", true, Err(Rfc3339Problem::NoSeconds)),
            ("2016-12-09T14:32:00", true, Err(Rfc3339Problem::NoZone)),
            ("2016-12-09T14:32:00.Z", true, Err(Rfc3339Problem::Shape)),
            ("2016-12-09T14:32:00 +07:00", true, Err(Rfc3339Problem::Shape)),
            ("2016-12-09T14:32:00+07", true, Err(Rfc3339Problem::Shape)),
            ("2016-13-09T14:32:00Z", true, Err(Rfc3339Problem::NoSuchDate)),
            ("2016-12-09T14:32:00+24:00", true, Err(Rfc3339Problem::NoSuchDate)),
            ("09-12-2016T14:32:00Z", true, Err(Rfc3339Problem::Shape)),
            ("Fri, 09 Dec 2016 14:32:00 +0700", true, Err(Rfc3339Problem::Shape)),
        ];
        for (date, strict, expected) in cases {
            assert_eq!(rfc3339(date, *strict), *expected, "{date:?}");
        }
    }

    #[test]
    #[rustfmt::skip]
    fn urls() {
        let cases: &[(&str, UrlRule, bool)] = &[
            ("https://kabar.example.id/2016/12/09/banjir-bandung", UrlRule::Http, true),
            ("https://kabar.example.id/berita/harga-cabai?hal=2#komentar", UrlRule::Http, true),
            ("https://kabar.example.id/kota/bandung-ü", UrlRule::Http, false),
            ("https://kabar.example.id/kota/bandung-ü", UrlRule::Iri, true),
            ("https://kabar.example.id/kota/bandung-ü", UrlRule::HttpIri, true),
            ("urn:uuid:2fb2c7cd-e0ab-505a-ac4f-c863305975aa", UrlRule::HttpIri, false),
            ("https://kabar.example.id/kota/bandung-%C3%BC", UrlRule::Http, true),
            ("https://kabar.example.id/kota/50%", UrlRule::Http, false),
            ("https://kabar.example.id/a#b#c", UrlRule::Http, false),
            ("http://[::1]/kabar", UrlRule::Http, false),
            ("https://kabar.example.id/a|b", UrlRule::Http, false),
            ("https://kabar.example.id/a{b}", UrlRule::Iri, false),
            ("http://256.1.1.1/", UrlRule::Http, false),
            ("HTTP://KABAR.EXAMPLE.ID/", UrlRule::Http, true),
            ("http:kabar.example.id", UrlRule::Http, false),
            ("http:///2016/banjir", UrlRule::Http, false),
            ("//kabar.example.id/2016", UrlRule::Http, false),
            ("https://kabar.example.id/a b", UrlRule::Http, false),
            (" https://kabar.example.id/", UrlRule::Http, false),
            ("ftp://kabar.example.id/", UrlRule::Http, false),
            ("mailto:redaksi@kabar.example.id", UrlRule::Http, false),
            ("mailto:redaksi@kabar.example.id", UrlRule::HttpOrMailto, true),
            ("urn:uuid:2fb2c7cd-e0ab-505a-ac4f-c863305975aa", UrlRule::Iri, true),
            ("tag:kabar.example.id,2016:timnas", UrlRule::Iri, true),
            ("https://kabar.example.id/", UrlRule::Iri, true),
            ("2016/harga-cabai.md", UrlRule::Iri, false),
            ("urn:", UrlRule::Iri, false),
            ("", UrlRule::Iri, false),
        ];
        for (url, rule, ok) in cases {
            assert_eq!(url_ok(url, *rule), *ok, "{url:?} {rule:?}");
        }
    }

    #[test]
    fn json_lines_point_at_items_and_keys() {
        let outline = Outline::of(JSON);
        let lines = Lines::new(JSON);
        let item_lines: Vec<usize> = outline.items.iter().map(|&at| lines.line(at)).collect();
        assert_eq!(item_lines, [11, 23, 30]);
        assert_eq!(outline.key("_kabar").map(|at| lines.line(at)), Some(9));
        assert_eq!(outline.string_value(JSON, "version").as_deref(), Some(JSON_FEED_VERSION));
    }

    #[test]
    fn forbidden_characters_are_reported_once_per_line_up_to_a_limit() {
        let title = "<title>Kabar\u{1}Nusantara\u{1}</title>\n";
        let doc = RSS.replacen("<item>", &format!("<item>\n{}", title.repeat(25)), 1);
        let problems = render(&check(doc.as_bytes()));
        assert_eq!(problems.len(), MAX_CHAR_LINES + 2, "{problems:#?}");
        assert_eq!(problems[0], "11: error: character U+0001 is not allowed in XML 1.0");
        assert!(
            problems
                .contains(&"-: error: 5 more lines hold characters XML 1.0 forbids".to_string())
        );
    }

    /// Deep nesting must not overflow the stack: serde_json stops at depth 128, and roxmltree
    /// and the XML rules do not recurse.
    #[test]
    fn deep_nesting() {
        let json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let problems = render(&check(json.as_bytes()));
        assert_eq!(problems, ["1: error: not valid JSON: recursion limit exceeded (column 128)"]);
        let xml = format!(
            "<rss version=\"2.0\"><channel>{}{}</channel></rss>",
            "<item>".repeat(100_000),
            "</item>".repeat(100_000)
        );
        let problems = check(xml.as_bytes());
        assert!(problems.iter().any(|p| p.to_string().starts_with("channel: `title` is missing")));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_bytes(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            let _ = check(&bytes);
            let _ = detect(&bytes);
        }

        #[test]
        fn never_panics_on_text(text in "\\PC{0,200}") {
            let _ = check(text.as_bytes());
        }

        /// A good document with a slice replaced by arbitrary text: every layer gets reached.
        #[test]
        fn never_panics_on_damaged_feeds(
            which in 0..3usize,
            at in 0..2000usize,
            len in 0..40usize,
            junk in "[<>&\"'{}\\[\\],:#;/\\\\a-z0-9 \u{1}\u{FFFE}—]{0,12}",
        ) {
            let doc = [RSS, ATOM, JSON][which];
            let start = at.min(doc.len());
            let end = (start + len).min(doc.len());
            let mut bytes = doc.as_bytes()[..start].to_vec();
            bytes.extend_from_slice(junk.as_bytes());
            bytes.extend_from_slice(&doc.as_bytes()[end..]);
            let _ = check(&bytes);
            let _ = detect(&bytes);
        }
    }

    fn meta(base_url: Option<&str>, author: Option<&str>) -> crate::config::FeedMeta {
        crate::config::FeedMeta {
            title: "Kabar Nusantara — berita “terkini”".into(),
            link: "https://kabar.example.id/".into(),
            description: "Berita terbaru dari seluruh penjuru Indonesia…".into(),
            language: Some("id".into()),
            max_items: 50,
            base_url: base_url.map(Into::into),
            author: author.map(Into::into),
            rights: None,
            dir: "kategori/nasional/".into(),
            category_dirs: std::sync::Arc::new(
                [
                    ("nasional", "categories/nasional/"),
                    ("cuaca & bencana", "categories/cuaca-bencana/"),
                ]
                .map(|(name, dir)| (name.to_string(), dir.to_string()))
                .into(),
            ),
        }
    }

    /// Two articles as the normalizer makes them: one with everything, one with a relative id,
    /// no link, no author and a title that is markup to a careless writer.
    fn articles() -> Vec<crate::model::Article> {
        use crate::model::{Article, DateFrom, Image, Person, Source};
        let at = |text| chrono::DateTime::parse_from_rfc3339(text).unwrap();
        let link = "https://kabar.example.id/2016/12/09/banjir-bandung";
        let full = Article {
            id: link.into(),
            title: "Banjir rendam tiga kecamatan di Bandung – warga: “air naik cepat”".into(),
            link: Some(link.into()),
            published: Some(at("2016-12-09T14:32:00+07:00")),
            published_from: Some(DateFrom::Text),
            published_date_only: false,
            updated: Some(at("2016-12-09T16:05:00+07:00")),
            language: Some("id".into()),
            authors: vec![Person {
                name: "Dewi Lestari".into(),
                email: Some("dewi@kabar.example.id".into()),
                uri: Some("https://kabar.example.id/penulis/dewi".into()),
            }],
            source: Some(Source {
                name: "VIVA.co.id".into(),
                url: Some("https://www.viva.co.id/".into()),
            }),
            credits: vec!["ANTARA/Raisan Al Farisi".into()],
            citations: vec!["BNPB".into()],
            summary: "Banjir merendam tiga kecamatan di Kabupaten Bandung, Jumat pagi…".into(),
            content_html: "<p>Warga mengungsi ke masjid — “kami tak sempat,” kata Ma’ruf.</p>"
                .into(),
            categories: vec!["Nasional".into(), "Cuaca & Bencana".into()],
            image: Some(Image {
                url: Some("https://kabar.example.id/img/banjir.jpg".into()),
                length: None,
                local: None,
                caption: Some("Banjir di Dayeuhkolot".into()),
                credit: Some("ANTARA/Raisan Al Farisi".into()),
            }),
            path: "2016/12/banjir.md".into(),
            warnings: Vec::new(),
        };
        let bare = Article {
            id: "2016/12/harga-cabai.txt".into(),
            title: "Harga <cabai> & bawang naik ]]> 20%".into(),
            link: None,
            published: Some(at("2016-12-08T09:15:00-05:00")),
            published_from: Some(DateFrom::Metadata),
            published_date_only: false,
            updated: None,
            language: None,
            authors: Vec::new(),
            source: None,
            credits: Vec::new(),
            citations: Vec::new(),
            summary: String::new(),
            content_html: "<p>Pedagang: “pasokan berkurang.”</p>".into(),
            categories: Vec::new(),
            image: None,
            path: "2016/12/harga-cabai.txt".into(),
            warnings: Vec::new(),
        };
        vec![full, bare]
    }

    /// Whatever the writers make of valid articles passes the checker, the gate before publish.
    #[test]
    fn what_the_writers_write_passes() {
        use crate::write::{Kind, samples};
        let feeds = [
            (meta(Some("https://kabar.example.id/feeds/"), Some("Redaksi Kabar")), articles()),
            (meta(Some("https://kabar.example.id/feeds/"), Some("Redaksi Kabar")), Vec::new()),
            (samples::meta(), samples::articles()),
            (samples::meta(), samples::articles_one_without_link()),
            (samples::meta(), vec![samples::undated()]),
        ];
        for (meta, items) in &feeds {
            for kind in Kind::ALL {
                let bytes = kind.render(meta, items).unwrap();
                let expected = match kind {
                    Kind::Rss => Format::Rss,
                    Kind::Atom => Format::Atom,
                    Kind::JsonFeed => Format::JsonFeed,
                };
                assert_eq!(detect(&bytes), Some(expected));
                let problems = render(&check(&bytes));
                assert_eq!(
                    problems,
                    Vec::<String>::new(),
                    "{kind:?}, {} items:\n{}",
                    items.len(),
                    String::from_utf8_lossy(&bytes)
                );
            }
        }
    }

    /// Without `base_url` the writers can write no self link: readers are told, nothing fails.
    #[test]
    fn writers_without_a_base_url_only_warn() {
        use crate::write::Kind;
        let meta = meta(None, Some("Redaksi Kabar"));
        for kind in Kind::ALL {
            let bytes = kind.render(&meta, &articles()).unwrap();
            let problems = check(&bytes);
            assert!(
                !problems.is_empty() && problems.iter().all(|p| !p.is_error()),
                "{kind:?}: {:?}",
                render(&problems)
            );
        }
    }

    /// Prints what `check` finds in every file of a folder, to compare with the external
    /// validators: `KABAR_CHECK_DIR=../shared/validators/testdata/bad cargo test --lib
    /// check::tests::report -- --ignored --nocapture`.
    #[test]
    #[ignore = "reads a folder named by the environment"]
    fn report_on_a_folder() {
        let Some(dir) = std::env::var_os("KABAR_CHECK_DIR") else {
            return;
        };
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        paths.sort();
        for path in paths {
            let bytes = std::fs::read(&path).unwrap();
            let mut took = std::time::Duration::MAX;
            let mut problems = Vec::new();
            for _ in 0..5 {
                let started = std::time::Instant::now();
                problems = check(&bytes);
                took = took.min(started.elapsed());
            }
            println!(
                "# {} ({:?}, {} bytes, {took:?})",
                path.display(),
                detect(&bytes),
                bytes.len()
            );
            for line in render(&problems) {
                println!("{line}");
            }
        }
    }

    /// Writes the good documents and a few bad ones for the external validators:
    /// `KABAR_CHECK_DUMP=/tmp/kabar-check cargo test --lib check::tests::dump -- --ignored`,
    /// then `../shared/validators/validate-feeds /tmp/kabar-check/*`.
    #[test]
    #[ignore = "writes files for the external validators"]
    fn dump_for_the_validators() {
        let Some(dir) = std::env::var_os("KABAR_CHECK_DUMP") else {
            return;
        };
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        let files = [
            ("good-rss.xml", RSS.to_string()),
            ("good-atom.xml", ATOM.to_string()),
            ("good-feed.json", JSON.to_string()),
            ("bad-rss-weekday.xml", RSS.replacen("Fri, 09 Dec 2016 14:32", "Fri, 10 Dec 2016 14:32", 1)),
            ("bad-rss-guid.xml", RSS.replacen(r#"<guid isPermaLink="false">"#, "<guid>", 1)),
            ("bad-atom-no-author.xml", ATOM.replacen("<author><name>Redaksi Kabar</name><uri>https://kabar.example.id/redaksi</uri></author>", "", 1)),
            ("bad-atom-date.xml", ATOM.replacen("2016-12-08T09:15:00+07:00", "2016-12-08T09:15:00", 1)),
            ("bad-json-author.json", JSON.replacen(r#""https://kabar.example.id/redaksi""#, r#""kabar.example.id/redaksi""#, 1)),
            ("bad-json-char.json", JSON.replacen("Natal\",", "Natal\\u000b\",", 1)),
        ];
        for (name, text) in files {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
}
