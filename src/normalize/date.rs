//! Dates: date fields and headers ([`parse`]) and the first full date in prose ([`find`]).
//!
//! Indonesian news writes dates in words no date crate knows ("Jumat, 9 Desember 2016 | 14:32
//! WIB"), so this is a small hand-written reader: a tokenizer over `&str` (runs of digits, runs
//! of letters, single punctuation marks; whitespace separates) and the word tables of
//! [`words`](super::words). chrono does the calendar: day counts, weekdays, zone offsets, and the
//! strict RFC 3339 and RFC 2822 readers where they fit.
//!
//! # The result
//!
//! * A text with a zone word or an offset keeps that offset: "14:32 WIB" is `14:32+07:00`,
//!   never converted.
//! * A text without one is local time in the configured zone (`zone`), with that zone's offset
//!   on that day. A local time that happens twice (clocks going back) takes the earlier one and
//!   warns; a local time the clocks skip is an error.
//! * A date without a time of day is the start of that day in its zone (midnight, or the first
//!   minute that exists), with [`Parsed::date_only`] set.
//! * A weekday that contradicts its date is a warning, named in the text's language: "weekday
//!   `Kamis` does not match 2016-12-09, a `Jumat`". The date wins: weekdays are typed by hand.
//!
//! # Accepted shapes
//!
//! Words are looked up without regard to case. `D` is a day of one or two digits (English
//! ordinals "9th" too), `M` a month of one or two digits, `YYYY` a year of four digits, `Mon`
//! a month word of [`words::MONTHS`](super::words::MONTHS), `Wd` a day word of
//! [`words::DAYS`](super::words::DAYS).
//!
//! | shape | example | seen in |
//! |---|---|---|
//! | `[Wd[,]] D Mon[.][,] YYYY` | `Jumat, 9 Desember 2016`, `9 Des 2016`, `9 Dec. 2016` | the issue, gen-corpus |
//! | `[Wd,] Mon[.] D[,] YYYY` | `Friday, December 9, 2016`, `Dec. 9, 2016` | the issue (AP style) |
//! | `[Wd[,]] D/M/YYYY`, also `-` or `.` | `Jumat, 09/12/2016`, `12/01/2017` (12 January) | the issue, gen-corpus |
//! | `Wd (D/M/YYYY)` | `Senin (12/12/2016)` | the issue (Indonesian prose) |
//! | `D-Mon-YYYY` | `09-Dec-2016 14:32` | log-style dates |
//! | `YYYY-MM-DD`, also `/` | `2016-12-09`, `2016/12/09` | ISO 8601, gen-corpus |
//! | date `[sep] time` | `… 2016 \| 14:32`, `… 2016 - 07:45`, `… 2016, 14.32`, `… 2016 pukul 14.32` | the issue, gen-corpus |
//! | ISO date `T` time | `2016-12-09T14:32:00.123` | RFC 3339 |
//!
//! Separators between date and time: `,` `\|` `-` `–` `—` `@` `/`, and the words "pukul",
//! "pkl.", "jam", "at" (and `T` after an ISO date).
//!
//! | time | example | note |
//! |---|---|---|
//! | `H:MM[:SS[.fraction]]` | `14:32`, `07:32:00`, `14:32:00.123456` | fractions to nanoseconds |
//! | `H.MM[.SS]` | `14.32` | Indonesian style; in prose only after "pukul"/"jam" or before a zone word |
//! | 12-hour | `2:32 PM`, `3:04 p.m.`, `11 am` | `0:30 AM` is 00:30; `13:00 PM` is 13:00 with a warning |
//!
//! | zone (after the time, or right after a date without one) | offset |
//! |---|---|
//! | `WIB` `WITA` `WIT` | +07:00 +08:00 +09:00 |
//! | `UTC` `GMT` `UT` `Z` | +00:00 |
//! | `EST` `EDT` `CST` `CDT` `MST` `MDT` `PST` `PDT` | RFC 2822's US zones |
//! | `BST` `CET` `CEST` `SGT` `MYT` `HKT` `PHT` `ICT` `JST` `KST` `AEST` `AEDT` `IST` | see [`words::ZONES`](super::words::ZONES); IST is India |
//! | `+0700`, `+07:00`, `-05:00`; `+07` glued to a time | ISO 8601 / RFC 2822 |
//! | `GMT+7`, `UTC+07:00`, `GMT+0700` | a zone word with an offset |
//! | `(WIB)`; `+0100 (CET)` | a zone in brackets; an RFC 2822 comment after an offset |
//! | one military letter `A`–`I`, `K`–`Y` (fields only) | +00:00, as RFC 2822 4.3 says (`-0000`), with a warning |
//!
//! Fields only ([`parse`]):
//!
//! | shape | example | result |
//! |---|---|---|
//! | RFC 3339 | `2016-12-09T14:32:00+07:00` | chrono's reader, then the checks below |
//! | RFC 2822, obsolete forms too | `Fri, 09 Dec 16 07:32:00 GMT` | chrono's reader when ours does not fit (two-digit years, comments) |
//! | Unix seconds, 9 or 10 digits | `1481268720` | the instant, in the configured zone |
//! | Unix milliseconds, 12 or 13 digits | `1481268720000` | the same |
//! | count, unit, "ago", in one language | `2 jam yang lalu`, `5 menit lalu`, `sejam yang lalu`, `3 hours ago`, `an hour ago` | the retrieval time minus that much; days and longer give a date |
//! | relative day `[sep] [time] [zone]` | `kemarin`, `hari ini`, `kemarin lusa`, `yesterday at 3:04 pm`, `today` | that day, counted in the configured zone |
//! | just now | `baru saja`, `just now` | the retrieval time |
//!
//! A field may also end with one `.`, and any text may have spaces around it.
//!
//! # Refused, and why
//!
//! * Impossible values are errors that quote the text, never wrapped into range: "31 Februari
//!   2017", month 13, "25:00", "14:60", an offset beyond ±14:00 or with 60 minutes or more.
//! * Years outside 1000–9999: five-digit years are typing accidents, and "0001-01-01" is
//!   Go's zero time, a placeholder rather than a date.
//! * Two-digit years ("9 Des 16", "12/12/16") outside RFC 2822: the century is a guess.
//! * Month-first numeric dates ("12/25/2016"): numeric dates are read day first, as Indonesian
//!   outlets write them; guessing per date would read "12/01/2017" two ways in one archive.
//! * `24:00` and leap seconds (`:60`): nothing in news needs them.
//! * Relative dates without a retrieval time: the clock is never a substitute ([`DateError::NeedsRetrieval`]).
//! * A time without a date ("pukul 14.32 WIB"), a date without a year ("9 Desember").
//! * Unix times of other lengths (8 and 11 digits are ambiguous), ISO week and ordinal dates,
//!   basic-format ISO (`20161209T143200Z`), a time written before its date.
//! * Indonesian weekday abbreviations ("Jum"): no input we have seen writes them; one row in
//!   [`words::DAYS`](super::words::DAYS) would add one.
//!
//! In prose ([`find`]) only full dates with a four-digit year count: lone years, "24 jam",
//! "8.500" and "2.934" are not dates, and impossible dates are passed over. There, month words
//! must be capitalized and zone words written in capitals (as both languages write them, and so
//! that English "may" stays a verb); a dotted time needs "pukul"/"jam"/"at" before it or a
//! zone after it ("2016, 8.50 persen" is no time); military letters and Unix numbers are not
//! zones or dates; and a date glued to more text is part of something else: a version
//! ("1.12.2016.3"), a URL path ("/2016/12/09/judul", "/2022/11/4b3c.jpg").

use std::ops::Range;

use chrono::{
    DateTime, Datelike, Days, FixedOffset, LocalResult, Months, NaiveDate, NaiveDateTime,
    NaiveTime, TimeDelta, TimeZone, Timelike,
};
use chrono_tz::Tz;

use super::words::{self, DayWord, Lang, Unit};

/// A date read from text.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The instant, with the offset the text gave (or the zone's offset at that time).
    pub at: DateTime<FixedOffset>,
    /// The text had no time of day: `at` is midnight in the zone.
    pub date_only: bool,
    /// Doubts worth telling the user, such as a weekday that does not match the date.
    pub warnings: Vec<String>,
}

/// Why a date could not be read. Every variant holds the text as given (trimmed).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DateError {
    /// Nothing in it looks like a date.
    #[error("`{0}` is not a date kabar can read")]
    Unrecognized(String),
    /// A date followed by something that is not a time, a zone or a separator.
    #[error("`{text}`: expected the end of the date, found `{rest}`")]
    Trailing {
        /// The whole text.
        text: String,
        /// What is left after the date.
        rest: String,
    },
    /// A day and a month without a year.
    #[error("`{text}`: expected a day, a month and a year, found no year")]
    NoYear {
        /// The whole text.
        text: String,
    },
    /// A time of day without a date.
    #[error("`{text}`: expected a day, a month and a year, found only a time")]
    TimeOnly {
        /// The whole text.
        text: String,
    },
    /// A year outside 1000–9999.
    #[error("`{text}`: expected a year from 1000 to 9999, found {year}")]
    YearOutOfRange {
        /// The whole text.
        text: String,
        /// The year as written (saturated at `u64::MAX`).
        year: u64,
    },
    /// A month number outside 1–12.
    #[error(
        "`{text}`: expected a month from 1 to 12, found {month} (numeric dates are day/month/year)"
    )]
    NoSuchMonth {
        /// The whole text.
        text: String,
        /// The month as written.
        month: u64,
    },
    /// A day the month does not have.
    #[error("`{text}`: expected a day from 1 to {last} in {year}-{month:02}, found {day}")]
    NoSuchDay {
        /// The whole text.
        text: String,
        /// The year.
        year: i32,
        /// The month, 1 to 12.
        month: u32,
        /// The day as written.
        day: u64,
        /// The last day of that month.
        last: u32,
    },
    /// An hour, minute or second out of range.
    #[error("`{text}`: expected a time from 00:00 to 23:59:59, found `{time}`")]
    NoSuchTime {
        /// The whole text.
        text: String,
        /// The time as written.
        time: String,
    },
    /// An hour that cannot go with AM or PM ("13:00 AM").
    #[error("`{text}`: expected an hour from 1 to 12 before `{meridiem}`, found {hour}")]
    HourBeforeMeridiem {
        /// The whole text.
        text: String,
        /// "AM", "p.m." and so on, as written.
        meridiem: String,
        /// The hour as written.
        hour: u64,
    },
    /// An offset beyond ±14:00, or with 60 minutes or more.
    #[error("`{text}`: expected an offset from -14:00 to +14:00, found `{offset}`")]
    NoSuchOffset {
        /// The whole text.
        text: String,
        /// The offset as written.
        offset: String,
    },
    /// A local time without an offset that the configured zone skips (clocks going forward).
    #[error("`{text}`: {local} does not exist in {zone}: the clocks skip it")]
    SkippedLocalTime {
        /// The whole text.
        text: String,
        /// The local date and time.
        local: NaiveDateTime,
        /// The configured zone's name.
        zone: String,
    },
    /// A relative date ("2 jam yang lalu") and no retrieval time to count from.
    #[error("`{text}` is relative: it needs a retrieval time to count from")]
    NeedsRetrieval {
        /// The whole text.
        text: String,
    },
    /// A number that could be a Unix time but has the wrong length.
    #[error(
        "`{text}`: expected a Unix time of 9 or 10 digits (seconds) or 12 or 13 (milliseconds), found {digits} digits"
    )]
    UnixDigits {
        /// The whole text.
        text: String,
        /// How many digits it has.
        digits: usize,
    },
}

impl DateError {
    /// Whether the text is a readable relative date that only lacks a retrieval time: the
    /// caller may turn this error into a warning.
    pub fn needs_retrieval(&self) -> bool {
        matches!(self, DateError::NeedsRetrieval { .. })
    }
}

/// Reads a date field or header: the whole text is one date.
///
/// `zone` is the zone of texts that carry none; `retrieved` is what relative dates count from.
pub fn parse(
    text: &str,
    zone: Tz,
    retrieved: Option<DateTime<FixedOffset>>,
) -> Result<Parsed, DateError> {
    let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if let Some(parsed) = rfc3339(text) {
        return Ok(parsed);
    }
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return unix(text, zone);
    }
    let mut toks = Vec::with_capacity(16);
    tokenize(text, &mut toks);
    let scan = Scan { text, toks: &toks, mode: Mode::Field };
    if let Some(result) = scan.relative(zone, retrieved) {
        return result;
    }
    match scan.field(zone) {
        Err(
            e
            @ (DateError::Unrecognized(_) | DateError::Trailing { .. } | DateError::NoYear { .. }),
        ) => rfc2822(text).ok_or(e),
        other => other,
    }
}

/// Finds the first full date (day, month and year) in running prose, with its byte range.
///
/// The range covers a weekday before the date and a time and zone after it when they are
/// there ("Jumat, 9 Desember 2016", "9 Des 2016 pukul 08.30 WITA"). Impossible dates are
/// skipped, not errors: prose is not a field the user asked to be read.
pub fn find(text: &str, zone: Tz) -> Option<(Parsed, Range<usize>)> {
    // Every full date has a four-digit year: most paragraphs have none and cost one pass.
    if !has_four_digits(text) {
        return None;
    }
    let mut toks = Vec::with_capacity(text.len() / 5);
    tokenize(text, &mut toks);
    let scan = Scan { text, toks: &toks, mode: Mode::Prose };
    (0..toks.len()).find_map(|i| scan.core_at(i).and_then(|core| scan.prose(core, zone)))
}

fn has_four_digits(text: &str) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        if b.is_ascii_digit() {
            run += 1;
            if run == 4 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

// ---------------------------------------------------------------- machine forms

/// The RFC 3339 fast path: the most common shape of md and JSON fields. Anything chrono
/// accepts but our rules refuse (a leap second, year 0001, offset beyond ±14:00) falls
/// through to the general reader, which says why.
fn rfc3339(text: &str) -> Option<Parsed> {
    let b = text.as_bytes();
    let shaped = b.len() >= 20
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && matches!(b.get(10), Some(b'T' | b't'));
    if !shaped {
        return None;
    }
    let at = DateTime::parse_from_rfc3339(text).ok()?;
    sane(&at).then(|| Parsed { at, date_only: false, warnings: Vec::new() })
}

/// chrono's RFC 2822 reader, for what ours does not take: two- and three-digit years and
/// comments in odd places.
fn rfc2822(text: &str) -> Option<Parsed> {
    let at = DateTime::parse_from_rfc2822(text).ok()?;
    sane(&at).then(|| Parsed { at, date_only: false, warnings: Vec::new() })
}

fn sane(at: &DateTime<FixedOffset>) -> bool {
    (1000..=9999).contains(&at.year())
        && at.nanosecond() < 1_000_000_000
        && at.offset().local_minus_utc().abs() <= MAX_OFFSET
}

const MAX_OFFSET: i32 = 14 * 3600;

fn unix(text: &str, zone: Tz) -> Result<Parsed, DateError> {
    let value = digits_value(text);
    let at = match text.len() {
        9 | 10 => i64::try_from(value).ok().and_then(|s| DateTime::from_timestamp(s, 0)),
        12 | 13 => i64::try_from(value).ok().and_then(DateTime::from_timestamp_millis),
        n if n <= 8 => None,
        digits => {
            return Err(DateError::UnixDigits { text: text.to_string(), digits });
        }
    };
    match at {
        Some(at) => Ok(Parsed {
            at: at.with_timezone(&zone).fixed_offset(),
            date_only: false,
            warnings: Vec::new(),
        }),
        None => Err(DateError::Unrecognized(text.to_string())),
    }
}

// ---------------------------------------------------------------- tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A run of ASCII digits.
    Num,
    /// A run of letters, with apostrophes inside ("Jum'at").
    Word,
    /// Any other character that is not whitespace, alone.
    Punct,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
}

/// Splits text into tokens. Byte-wise for ASCII, which is nearly all of it.
fn tokenize(text: &str, out: &mut Vec<Tok>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_digit() {
            let mut end = i + 1;
            while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
            out.push(Tok { kind: Kind::Num, start: i, end });
            i = end;
        } else if b.is_ascii_alphabetic() {
            let end = word_end(text, i);
            out.push(Tok { kind: Kind::Word, start: i, end });
            i = end;
        } else if b.is_ascii() {
            if !b.is_ascii_whitespace() {
                out.push(Tok { kind: Kind::Punct, start: i, end: i + 1 });
            }
            i += 1;
        } else {
            let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
                break;
            };
            if c.is_alphabetic() {
                let end = word_end(text, i);
                out.push(Tok { kind: Kind::Word, start: i, end });
                i = end;
                continue;
            }
            let end = i + c.len_utf8();
            if !(c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}')) {
                out.push(Tok { kind: Kind::Punct, start: i, end });
            }
            i = end;
        }
    }
}

/// The end of the word starting at `start`: letters, and apostrophes between letters.
fn word_end(text: &str, start: usize) -> usize {
    let rest = text.get(start..).unwrap_or("");
    let mut end = start;
    let mut chars = rest.char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        if c.is_alphabetic() {
            end = start + off + c.len_utf8();
        } else if matches!(c, '\'' | '’') && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic())
        {
            continue;
        } else {
            break;
        }
    }
    end
}

fn digits_value(s: &str) -> u64 {
    s.bytes()
        .fold(0u64, |acc, b| acc.saturating_mul(10).saturating_add(u64::from(b.wrapping_sub(b'0'))))
}

/// The first nine digits of a fraction as nanoseconds.
fn nanos(digits: &str) -> u32 {
    let mut value = 0u32;
    let mut n = 0;
    for b in digits.bytes().take(9) {
        value = value * 10 + u32::from(b.wrapping_sub(b'0') % 10);
        n += 1;
    }
    for _ in n..9 {
        value *= 10;
    }
    value
}

// ---------------------------------------------------------------- the reader

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A whole field: everything must be read, values out of range are errors.
    Field,
    /// Running prose: stricter shapes, and anything doubtful is simply not a date.
    Prose,
}

#[derive(Debug, Clone, Copy)]
struct Num {
    value: u64,
    digits: usize,
}

/// A calendar date as written, not yet checked.
#[derive(Debug, Clone, Copy)]
struct Core {
    /// First token of the date proper (after any weekday).
    start: usize,
    /// Token after the date.
    next: usize,
    year: Num,
    month: u64,
    day: u64,
    /// `YYYY-MM-DD`: a `T` may follow.
    iso: bool,
}

/// A time of day as written, not yet checked.
#[derive(Debug, Clone)]
struct Clock {
    hour: u64,
    minute: u64,
    second: u64,
    nanos: u32,
    /// PM or not, and the word as written.
    meridiem: Option<(bool, Range<usize>)>,
    /// Bytes of the time, meridiem included.
    span: Range<usize>,
}

/// A zone or offset as written.
#[derive(Debug, Clone)]
struct Zone {
    /// Seconds east of UTC.
    offset: i64,
    /// The minutes field of a numeric offset (must be below 60).
    minutes: u64,
    /// An RFC 2822 military letter, read as `-0000`.
    military: bool,
    span: Range<usize>,
}

impl Zone {
    fn valid(&self) -> bool {
        self.minutes < 60 && self.offset.abs() <= i64::from(MAX_OFFSET)
    }
}

#[derive(Debug, Clone, Default)]
struct Tail {
    clock: Option<Clock>,
    zone: Option<Zone>,
    /// Token after the last one read.
    next: usize,
}

struct Scan<'a> {
    text: &'a str,
    toks: &'a [Tok],
    mode: Mode,
}

const SEPARATORS: &[char] = &[',', '|', '-', '–', '—', '@', '/'];

impl<'a> Scan<'a> {
    // ---- token access

    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    fn str(&self, i: usize) -> &'a str {
        self.toks.get(i).and_then(|t| self.text.get(t.start..t.end)).unwrap_or("")
    }

    fn num(&self, i: usize) -> Option<Num> {
        (self.kind(i)? == Kind::Num).then(|| {
            let s = self.str(i);
            Num { value: digits_value(s), digits: s.len() }
        })
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        (self.kind(i)? == Kind::Word).then(|| self.str(i))
    }

    fn punct(&self, i: usize) -> Option<char> {
        if self.kind(i)? == Kind::Punct { self.str(i).chars().next() } else { None }
    }

    fn is(&self, i: usize, c: char) -> bool {
        self.punct(i) == Some(c)
    }

    /// Tokens `i` and `i + 1` touch (no space between them).
    fn glued(&self, i: usize) -> bool {
        let next = i.checked_add(1).and_then(|n| self.toks.get(n));
        match (self.toks.get(i), next) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    fn bytes(&self, from: usize, to: usize) -> Range<usize> {
        let start = self.toks.get(from).map_or(self.text.len(), |t| t.start);
        let end = to.checked_sub(1).and_then(|i| self.toks.get(i)).map_or(start, |t| t.end);
        start..end.max(start)
    }

    fn slice(&self, range: Range<usize>) -> &'a str {
        self.text.get(range).unwrap_or("")
    }

    fn month(&self, i: usize) -> Option<u32> {
        let w = self.word(i)?;
        if self.mode == Mode::Prose && !w.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        words::month(w).map(|m| m.month)
    }

    fn day_word(&self, i: usize) -> Option<(&'static DayWord, &'a str)> {
        let w = self.word(i)?;
        words::day(w).map(|d| (d, w))
    }

    fn ordinal(&self, i: usize) -> bool {
        self.word(i)
            .is_some_and(|w| ["st", "nd", "rd", "th"].iter().any(|o| w.eq_ignore_ascii_case(o)))
    }

    /// A space-separated word sequence from a table, starting at `i`: the token after it.
    fn phrase(&self, i: usize, phrase: &str) -> Option<usize> {
        let mut k = i;
        for part in phrase.split(' ') {
            if !self.word(k).is_some_and(|w| words::same_word(w, part)) {
                return None;
            }
            k += 1;
        }
        Some(k)
    }

    fn year(&self, i: usize) -> Option<Num> {
        let n = self.num(i)?;
        match self.mode {
            Mode::Field => (n.digits >= 4).then_some(n),
            Mode::Prose => (n.digits == 4).then_some(n),
        }
    }

    // ---- the date proper

    /// A date starting at token `i`.
    fn core_at(&self, i: usize) -> Option<Core> {
        match self.kind(i)? {
            Kind::Num => {
                let first = self.num(i)?;
                if first.digits <= 2 {
                    self.day_first(i, first)
                } else if first.digits >= 4 {
                    self.year_first(i, first)
                } else {
                    None
                }
            }
            Kind::Word => self.month_first(i),
            Kind::Punct => None,
        }
    }

    /// `D Mon YYYY`, `D/M/YYYY` (also `-` and `.`), `D-Mon-YYYY`.
    fn day_first(&self, i: usize, day: Num) -> Option<Core> {
        let sep = self.punct(i + 1).filter(|c| matches!(c, '/' | '-' | '.'));
        if let Some(sep) = sep.filter(|_| self.glued(i)) {
            let glued = self.glued(i + 1) && self.glued(i + 2) && self.glued(i + 3);
            if !glued || !self.is(i + 3, sep) {
                return None;
            }
            let year = self.year(i + 4)?;
            let month = match (self.num(i + 2), self.month(i + 2)) {
                (Some(m), _) if m.digits <= 2 => m.value,
                (None, Some(m)) if sep == '-' => u64::from(m),
                _ => return None,
            };
            return Some(Core { start: i, next: i + 5, year, month, day: day.value, iso: false });
        }
        let mut j = i + 1;
        if self.glued(i) && self.ordinal(j) {
            j += 1;
        }
        let month = self.month(j)?;
        j += 1;
        if self.is(j, '.') && self.glued(j - 1) {
            j += 1;
        }
        if self.is(j, ',') {
            j += 1;
        }
        let year = self.year(j)?;
        Some(Core {
            start: i,
            next: j + 1,
            year,
            month: u64::from(month),
            day: day.value,
            iso: false,
        })
    }

    /// `YYYY-MM-DD`, `YYYY/MM/DD`.
    fn year_first(&self, i: usize, year: Num) -> Option<Core> {
        if self.mode == Mode::Prose && year.digits != 4 {
            return None;
        }
        let sep = self.punct(i + 1).filter(|c| matches!(c, '-' | '/'))?;
        let glued = self.glued(i) && self.glued(i + 1) && self.glued(i + 2) && self.glued(i + 3);
        let month = self.num(i + 2).filter(|n| n.digits <= 2)?;
        let day = self.num(i + 4).filter(|n| n.digits <= 2)?;
        (glued && self.is(i + 3, sep)).then_some(Core {
            start: i,
            next: i + 5,
            year,
            month: month.value,
            day: day.value,
            iso: sep == '-',
        })
    }

    /// `Mon[.] D[,] YYYY`.
    fn month_first(&self, i: usize) -> Option<Core> {
        // Cheap refusal first: prose is mostly words that are not followed by a number.
        let mut j = i + 1;
        if self.is(j, '.') && self.glued(i) {
            j += 1;
        }
        let day = self.num(j).filter(|n| n.digits <= 2)?;
        let month = self.month(i)?;
        j += 1;
        if self.glued(j - 1) && self.ordinal(j) {
            j += 1;
        }
        if self.is(j, ',') {
            j += 1;
        }
        let year = self.year(j)?;
        Some(Core {
            start: i,
            next: j + 1,
            year,
            month: u64::from(month),
            day: day.value,
            iso: false,
        })
    }

    // ---- time and zone

    /// What follows a date: separators, a time, a zone.
    fn tail(&self, j: usize, iso: bool) -> Tail {
        let mut k = j;
        let mut intro = false;
        for _ in 0..3 {
            let separator = self.punct(k).is_some_and(|c| SEPARATORS.contains(&c));
            // ISO's `T`, glued on both sides: "2016-12-09T14:32".
            let iso_t = iso
                && self.glued(k - 1)
                && self.glued(k)
                && self.word(k).is_some_and(|w| w.eq_ignore_ascii_case("t"));
            if separator || iso_t {
                k += 1;
            } else if self.word(k).is_some_and(words::is_time_intro) {
                intro = true;
                k += 1;
                if self.is(k, '.') && self.glued(k - 1) {
                    k += 1;
                }
            } else {
                break;
            }
        }
        if let Some((clock, after)) = self.clock(k, intro) {
            let (zone, next) = match self.zone(after, true) {
                Some((zone, next)) => (Some(zone), next),
                None => (None, after),
            };
            return Tail { clock: Some(clock), zone, next };
        }
        match self.zone(j, false) {
            Some((zone, next)) => Tail { clock: None, zone: Some(zone), next },
            None => Tail { clock: None, zone: None, next: j },
        }
    }

    /// `H:MM[:SS[.f]]`, `H.MM[.SS]`, `H[:MM] am/pm`, at token `k`.
    fn clock(&self, k: usize, intro: bool) -> Option<(Clock, usize)> {
        let hour = self.num(k).filter(|n| n.digits <= 2)?;
        let two = |i: usize| self.num(i).filter(|n| n.digits == 2 && self.glued(i - 1));
        let mut clock =
            Clock { hour: hour.value, minute: 0, second: 0, nanos: 0, meridiem: None, span: 0..0 };
        let mut e = k + 1;
        let mut dotted = false;
        let sep = self.punct(k + 1).filter(|_| self.glued(k));
        match (sep, two(k + 2)) {
            (Some(':'), Some(minute)) => {
                clock.minute = minute.value;
                e = k + 3;
                if self.is(e, ':')
                    && self.glued(e - 1)
                    && let Some(second) = two(e + 1)
                {
                    clock.second = second.value;
                    e += 2;
                    let frac = self.num(e + 1).filter(|_| self.glued(e) && self.glued(e - 1));
                    if let (Some('.' | ','), Some(_)) = (self.punct(e), frac) {
                        clock.nanos = nanos(self.str(e + 1));
                        e += 2;
                    }
                }
            }
            (Some('.'), Some(minute)) => {
                clock.minute = minute.value;
                dotted = true;
                e = k + 3;
                if self.is(e, '.')
                    && self.glued(e - 1)
                    && let Some(second) = two(e + 1)
                {
                    clock.second = second.value;
                    e += 2;
                }
            }
            _ => {}
        }
        let minutes_given = e > k + 1;
        if let Some((pm, next)) = self.meridiem(e) {
            clock.meridiem = Some((pm, self.bytes(e, next)));
            e = next;
        } else if !minutes_given {
            return None;
        }
        if self.mode == Mode::Prose {
            let zone_follows = || self.zone(e, true).is_some();
            if dotted && !intro && clock.meridiem.is_none() && !zone_follows() {
                return None;
            }
            if clock_time(&clock, "", &mut Vec::new()).is_err() {
                return None;
            }
        }
        clock.span = self.bytes(k, e);
        Some((clock, e))
    }

    /// `am`, `pm`, `a.m.`, `p.m.` at token `e`: PM or not, and the token after.
    fn meridiem(&self, e: usize) -> Option<(bool, usize)> {
        let w = self.word(e)?;
        if w.eq_ignore_ascii_case("am") || w.eq_ignore_ascii_case("pm") {
            return Some((w.eq_ignore_ascii_case("pm"), e + 1));
        }
        let pm = match w {
            "a" | "A" => false,
            "p" | "P" => true,
            _ => return None,
        };
        let dotted = self.is(e + 1, '.')
            && self.glued(e)
            && self.glued(e + 1)
            && self.word(e + 2).is_some_and(|m| m.eq_ignore_ascii_case("m"));
        if !dotted {
            return None;
        }
        let mut next = e + 3;
        if self.is(next, '.') && self.glued(next - 1) {
            next += 1;
        }
        Some((pm, next))
    }

    /// A zone word, an offset, or both ("GMT+7"), at token `k`.
    fn zone(&self, k: usize, after_time: bool) -> Option<(Zone, usize)> {
        let found = match self.kind(k)? {
            Kind::Punct if self.is(k, '(') => {
                let (zone, next) = self.zone_word(k + 1, after_time)?;
                self.is(next, ')').then(|| (zone, next + 1))
            }
            Kind::Punct => {
                let (zone, next) = self.offset(k, self.glued(k.wrapping_sub(1)) && after_time)?;
                // An RFC 2822 comment after the offset: "+0100 (CET)".
                let comment = self.mode == Mode::Field
                    && self.is(next, '(')
                    && self.word(next + 1).is_some()
                    && self.is(next + 2, ')');
                Some((zone, if comment { next + 3 } else { next }))
            }
            Kind::Word => self.zone_word(k, after_time),
            Kind::Num => None,
        }?;
        (found.0.valid() || self.mode == Mode::Field).then_some(found)
    }

    fn zone_word(&self, k: usize, after_time: bool) -> Option<(Zone, usize)> {
        let w = self.word(k)?;
        // Prose writes zones in capitals: "ut" or "est" there are words of some other kind.
        if self.mode == Mode::Prose && w.bytes().any(|b| b.is_ascii_lowercase()) {
            return None;
        }
        let span = self.bytes(k, k + 1);
        if let Some(z) = words::zone(w) {
            let universal = ["gmt", "utc", "ut"].iter().any(|u| w.eq_ignore_ascii_case(u));
            if universal
                && self.glued(k)
                && let Some((mut zone, next)) = self.offset(k + 1, true)
            {
                zone.span = span.start..zone.span.end;
                return Some((zone, next));
            }
            let zone = Zone { offset: i64::from(z.offset), minutes: 0, military: false, span };
            return Some((zone, k + 1));
        }
        let military = self.mode == Mode::Field
            && after_time
            && w.len() == 1
            && w.bytes().all(|b| b.is_ascii_alphabetic() && !b.eq_ignore_ascii_case(&b'j'));
        military.then_some((Zone { offset: 0, minutes: 0, military: true, span }, k + 1))
    }

    /// `+0700`, `+07:00`, and `+07` / `+7` when `short` allows it (glued to a time, or after
    /// "GMT").
    fn offset(&self, k: usize, short: bool) -> Option<(Zone, usize)> {
        let sign: i64 = match self.punct(k)? {
            '+' => 1,
            '-' | '−' => -1,
            _ => return None,
        };
        if !self.glued(k) {
            return None;
        }
        let first = self.num(k + 1)?;
        let (hours, minutes, next) = match first.digits {
            4 => (first.value / 100, first.value % 100, k + 2),
            1 | 2 => {
                let minutes = self
                    .num(k + 3)
                    .filter(|n| n.digits == 2 && self.is(k + 2, ':'))
                    .filter(|_| self.glued(k + 1) && self.glued(k + 2));
                match minutes {
                    Some(m) if first.digits == 2 => (first.value, m.value, k + 4),
                    _ if short => (first.value, 0, k + 2),
                    _ => return None,
                }
            }
            _ => return None,
        };
        let offset = sign * i64::try_from(hours * 3600 + minutes * 60).unwrap_or(i64::MAX);
        Some((Zone { offset, minutes, military: false, span: self.bytes(k, next) }, next))
    }

    // ---- whole fields

    /// A whole field: `[Wd[,|(]] date [)] [tail] [.]`.
    fn field(&self, zone: Tz) -> Result<Parsed, DateError> {
        let mut k = 0;
        let mut weekday = None;
        let mut paren = false;
        if let Some(found) = self.day_word(0) {
            weekday = Some(found);
            k = 1;
            if self.is(k, '.') && self.glued(0) {
                k += 1;
            }
            if self.is(k, '(') {
                paren = true;
                k += 1;
            } else if self.punct(k).is_some_and(|c| SEPARATORS.contains(&c)) {
                k += 1;
            }
        } else if self.is(0, '(') {
            paren = true;
            k = 1;
        }
        let Some(core) = self.core_at(k) else {
            return Err(self.why_not());
        };
        let mut next = core.next;
        if paren {
            if !self.is(next, ')') {
                return Err(DateError::Unrecognized(self.text.to_string()));
            }
            next += 1;
        }
        let tail = self.tail(next, core.iso);
        let mut end = tail.next;
        if self.is(end, '.') && end + 1 == self.toks.len() {
            end += 1;
        }
        if end < self.toks.len() {
            let rest = self.slice(self.bytes(end, self.toks.len()));
            return Err(DateError::Trailing {
                text: self.text.to_string(),
                rest: rest.to_string(),
            });
        }
        build(&core, &tail, weekday, zone, self.text)
    }

    /// The most useful error for a field in which no date starts where it should.
    fn why_not(&self) -> DateError {
        let text = self.text.to_string();
        let mut k = 0;
        if self.word(0).is_some_and(words::is_time_intro) {
            k = 1;
            if self.is(1, '.') {
                k = 2;
            }
        }
        if let Some((clock, after)) = self.clock(k, true) {
            let end = self.zone(after, true).map_or(after, |(_, next)| next);
            if end >= self.toks.len() {
                return match clock_time(&clock, self.text, &mut Vec::new()) {
                    Err(e) => e,
                    Ok(_) => DateError::TimeOnly { text },
                };
            }
        }
        let has_month = (0..self.toks.len()).any(|i| self.month(i).is_some());
        let has_year = (0..self.toks.len()).any(|i| self.num(i).is_some_and(|n| n.digits >= 3));
        if has_month && !has_year {
            return DateError::NoYear { text };
        }
        DateError::Unrecognized(text)
    }

    /// Relative dates, fields only: `None` when the text is not one.
    fn relative(
        &self,
        zone: Tz,
        retrieved: Option<DateTime<FixedOffset>>,
    ) -> Option<Result<Parsed, DateError>> {
        let text = self.text;
        let (kind, next) = self.relative_shape()?;
        let mut end = next;
        if self.is(end, '.') && end + 1 == self.toks.len() {
            end += 1;
        }
        if end != self.toks.len() {
            return None;
        }
        let Some(retrieved) = retrieved else {
            return Some(Err(DateError::NeedsRetrieval { text: text.to_string() }));
        };
        let result = resolve(&kind, retrieved, zone, text).map(|mut parsed| {
            parsed.warnings.push(format!(
                "relative date `{text}` counted from the retrieval time {}",
                retrieved.to_rfc3339()
            ));
            parsed
        });
        Some(result)
    }

    fn relative_shape(&self) -> Option<(Relative, usize)> {
        for just in words::JUST_NOW {
            if let Some(next) = self.phrase(0, just.0) {
                return Some((Relative::JustNow, next));
            }
        }
        for day in words::RELATIVE_DAYS {
            if let Some(next) = self.phrase(0, day.words) {
                let tail = self.tail(next, false);
                return Some((Relative::Day(day.days_back, tail.clone()), tail.next));
            }
        }
        // count, unit, "ago", all in one language ("2 jam lalu", "2 hours ago")
        let (count, unit, next) = if let Some(n) = self.num(0).filter(|n| n.digits <= 4) {
            let unit = words::unit(self.word(1)?).filter(|u| u.count.is_none())?;
            (n.value, unit, 2)
        } else if let Some(unit) = self.word(0).and_then(words::unit) {
            (u64::from(unit.count?), unit, 1)
        } else {
            let one = self.word(0)?;
            if !words::ONE.iter().any(|w| words::same_word(one, w)) {
                return None;
            }
            let unit = words::unit(self.word(1)?).filter(|u| u.lang == Lang::En)?;
            (1, unit, 2)
        };
        let next = words::AGO
            .iter()
            .filter(|(_, lang)| *lang == unit.lang)
            .find_map(|(phrase, _)| self.phrase(next, phrase))?;
        let unit = unit.unit;
        Some((Relative::Ago(count, unit), next))
    }

    // ---- prose

    /// A date found in prose: widen it to its weekday, time and zone, and check it.
    fn prose(&self, core: Core, zone: Tz) -> Option<(Parsed, Range<usize>)> {
        let c = core.start;
        if !self.clear_before(c) {
            return None;
        }
        let before = |back: usize| c.checked_sub(back);
        let mut start = c;
        let mut weekday = None;
        let mut paren = false;
        if let Some(found) = before(1).and_then(|i| self.day_word(i)) {
            start = c - 1;
            weekday = Some(found);
        } else if let Some(i) = before(2).filter(|&i| self.is(i + 1, ',') || self.is(i + 1, '('))
            && let Some(found) = self.day_word(i)
        {
            paren = self.is(i + 1, '(');
            start = i;
            weekday = Some(found);
        }
        if weekday.is_none() {
            // "Fri., Dec. 9, 2016"
            if let Some(i) = before(3).filter(|&i| self.is(i + 1, '.') && self.is(i + 2, ','))
                && let Some(found) = self.day_word(i)
            {
                start = i;
                weekday = Some(found);
            }
        }
        let mut next = core.next;
        if paren {
            if self.is(next, ')') {
                next += 1;
            } else {
                start = c;
                weekday = None;
            }
        }
        let mut tail = self.tail(next, core.iso);
        if !self.clear_after(tail.next) {
            return None;
        }
        let parsed = match build(&core, &tail, weekday, zone, self.text) {
            Ok(parsed) => parsed,
            Err(_) if tail.clock.is_some() || tail.zone.is_some() => {
                // A time the zone skips: the date alone is still a date.
                tail = Tail { next, ..Tail::default() };
                build(&core, &tail, weekday, zone, self.text).ok()?
            }
            Err(_) => return None,
        };
        Some((parsed, self.bytes(start, tail.next)))
    }

    /// Nothing glued before a date found in prose: "1.12.2016" is a date, but "3.1.12.2016"
    /// (a version), "a9 Desember 2016" and "example/2016/12/09" (a URL path) are not.
    fn clear_before(&self, c: usize) -> bool {
        let Some(p) = c.checked_sub(1) else {
            return true;
        };
        if !self.glued(p) {
            return true;
        }
        match self.kind(p) {
            Some(Kind::Num | Kind::Word) => false,
            Some(Kind::Punct) => {
                let joiner = self.punct(p).is_some_and(is_joiner);
                let glued_text = p.checked_sub(1).is_some_and(|q| {
                    self.glued(q) && matches!(self.kind(q), Some(Kind::Num | Kind::Word))
                });
                !(joiner && glued_text)
            }
            None => true,
        }
    }

    /// Nothing glued after: "9 Desember 2016.5", "2022/11/4b3c.jpg" and "2016-12-09-judul" (a
    /// URL slug) are not dates.
    fn clear_after(&self, next: usize) -> bool {
        let Some(last) = next.checked_sub(1) else {
            return true;
        };
        if !self.glued(last) {
            return true;
        }
        match self.kind(next) {
            Some(Kind::Num | Kind::Word) => false,
            Some(Kind::Punct) => {
                let joiner = self.punct(next).is_some_and(is_joiner);
                let glued_text =
                    self.glued(next) && matches!(self.kind(next + 1), Some(Kind::Num | Kind::Word));
                !(joiner && glued_text)
            }
            None => true,
        }
    }
}

/// Characters that join a date to more text without a space: numbers, versions, URL paths.
fn is_joiner(c: char) -> bool {
    matches!(c, '.' | ',' | '/' | '-' | ':' | '+' | '_')
}

// ---------------------------------------------------------------- checking

/// Checks a date as written and makes it an instant.
fn build(
    core: &Core,
    tail: &Tail,
    weekday: Option<(&DayWord, &str)>,
    zone: Tz,
    text: &str,
) -> Result<Parsed, DateError> {
    let mut warnings = Vec::new();
    let year = core.year.value;
    let year = match i32::try_from(year) {
        Ok(y) if core.year.digits == 4 && (1000..=9999).contains(&y) => y,
        _ => {
            return Err(DateError::YearOutOfRange { text: text.to_string(), year });
        }
    };
    let month = match u32::try_from(core.month) {
        Ok(m) if (1..=12).contains(&m) => m,
        _ => {
            return Err(DateError::NoSuchMonth { text: text.to_string(), month: core.month });
        }
    };
    let date = u32::try_from(core.day)
        .ok()
        .and_then(|d| NaiveDate::from_ymd_opt(year, month, d))
        .ok_or_else(|| DateError::NoSuchDay {
        text: text.to_string(),
        year,
        month,
        day: core.day,
        last: last_day(year, month),
    })?;
    let time = match &tail.clock {
        Some(clock) => Some(clock_time(clock, text, &mut warnings)?),
        None => None,
    };
    let at = match &tail.zone {
        Some(z) => {
            let offset = z
                .valid()
                .then(|| i32::try_from(z.offset).ok())
                .flatten()
                .and_then(FixedOffset::east_opt)
                .ok_or_else(|| DateError::NoSuchOffset {
                    text: text.to_string(),
                    offset: text.get(z.span.clone()).unwrap_or("").to_string(),
                })?;
            if z.military {
                let letter = text.get(z.span.clone()).unwrap_or("");
                warnings.push(format!(
                    "zone `{letter}` is an RFC 2822 military letter: read as -0000, as RFC 2822 says"
                ));
            }
            let naive = date.and_time(time.unwrap_or(NaiveTime::MIN));
            offset
                .from_local_datetime(&naive)
                .single()
                .ok_or_else(|| DateError::Unrecognized(text.to_string()))?
        }
        None => match time {
            Some(time) => local(zone, date.and_time(time), text, &mut warnings)?,
            None => start_of_day(zone, date).ok_or_else(|| DateError::SkippedLocalTime {
                text: text.to_string(),
                local: date.and_time(NaiveTime::MIN),
                zone: zone.name().to_string(),
            })?,
        },
    };
    if let Some((day, written)) = weekday {
        let actual = date.weekday();
        if day.day != actual {
            warnings.push(format!(
                "weekday `{written}` does not match {date}, a `{}`",
                words::day_name(actual, day.lang)
            ));
        }
    }
    Ok(Parsed { at, date_only: time.is_none(), warnings })
}

fn last_day(year: i32, month: u32) -> u32 {
    (28..=31).rev().find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some()).unwrap_or(28)
}

/// Checks a time of day, applying AM/PM.
fn clock_time(
    clock: &Clock,
    text: &str,
    warnings: &mut Vec<String>,
) -> Result<NaiveTime, DateError> {
    let written = || text.get(clock.span.clone()).unwrap_or("").to_string();
    let mut hour = clock.hour;
    if let Some((pm, span)) = &clock.meridiem {
        let word = text.get(span.clone()).unwrap_or("");
        hour = match (hour, pm) {
            (0, false) => 0,
            (12, false) => 0,
            (1..=11, false) => hour,
            (1..=11, true) => hour + 12,
            (12, true) => 12,
            (13..=23, true) => {
                warnings.push(format!(
                    "`{}` is a 24-hour time with `{word}`: read as {hour}:{:02}",
                    written(),
                    clock.minute
                ));
                hour
            }
            _ => {
                return Err(DateError::HourBeforeMeridiem {
                    text: text.to_string(),
                    meridiem: word.to_string(),
                    hour,
                });
            }
        };
    }
    let fits = hour <= 23 && clock.minute <= 59 && clock.second <= 59;
    let time = fits
        .then(|| {
            NaiveTime::from_hms_nano_opt(
                u32::try_from(hour).ok()?,
                u32::try_from(clock.minute).ok()?,
                u32::try_from(clock.second).ok()?,
                clock.nanos,
            )
        })
        .flatten();
    time.ok_or_else(|| DateError::NoSuchTime { text: text.to_string(), time: written() })
}

/// A local time in the configured zone.
fn local(
    zone: Tz,
    naive: NaiveDateTime,
    text: &str,
    warnings: &mut Vec<String>,
) -> Result<DateTime<FixedOffset>, DateError> {
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(at) => Ok(at.fixed_offset()),
        LocalResult::Ambiguous(first, _) => {
            let first = first.fixed_offset();
            warnings.push(format!(
                "{naive} happens twice in {}: took the earlier, {}",
                zone.name(),
                first.offset()
            ));
            Ok(first)
        }
        LocalResult::None => Err(DateError::SkippedLocalTime {
            text: text.to_string(),
            local: naive,
            zone: zone.name().to_string(),
        }),
    }
}

/// The first minute of a day in a zone: midnight, unless the clocks skip it.
fn start_of_day(zone: Tz, date: NaiveDate) -> Option<DateTime<FixedOffset>> {
    let mut t = date.and_time(NaiveTime::MIN);
    for _ in 0..=24 * 4 {
        if let Some(at) = zone.from_local_datetime(&t).earliest() {
            return Some(at.fixed_offset());
        }
        t = t.checked_add_signed(TimeDelta::minutes(15))?;
    }
    None
}

// ---------------------------------------------------------------- relative dates

#[derive(Debug, Clone)]
enum Relative {
    /// "baru saja", "just now".
    JustNow,
    /// "kemarin", "today", with a time and zone if any.
    Day(u32, Tail),
    /// "2 jam yang lalu", "3 days ago".
    Ago(u64, Unit),
}

fn resolve(
    kind: &Relative,
    retrieved: DateTime<FixedOffset>,
    zone: Tz,
    text: &str,
) -> Result<Parsed, DateError> {
    let out_of_range = || DateError::YearOutOfRange {
        text: text.to_string(),
        year: u64::try_from(retrieved.year()).unwrap_or(0),
    };
    let exact = |at: DateTime<FixedOffset>| Parsed {
        at: at.with_timezone(&zone).fixed_offset(),
        date_only: false,
        warnings: Vec::new(),
    };
    let today = retrieved.with_timezone(&zone).date_naive();
    let day = |date: Option<NaiveDate>| -> Result<Parsed, DateError> {
        let date = date.ok_or_else(out_of_range)?;
        let at = start_of_day(zone, date).ok_or_else(out_of_range)?;
        Ok(Parsed { at, date_only: true, warnings: Vec::new() })
    };
    let parsed = match kind {
        Relative::JustNow => exact(retrieved),
        Relative::Ago(count, unit) => {
            let seconds = |per: i64| {
                i64::try_from(*count)
                    .ok()
                    .and_then(|c| c.checked_mul(per))
                    .and_then(TimeDelta::try_seconds)
                    .and_then(|d| retrieved.checked_sub_signed(d))
                    .ok_or_else(out_of_range)
            };
            let months = |per: u64| {
                count
                    .checked_mul(per)
                    .and_then(|m| u32::try_from(m).ok())
                    .and_then(|m| today.checked_sub_months(Months::new(m)))
            };
            match unit {
                Unit::Second => exact(seconds(1)?),
                Unit::Minute => exact(seconds(60)?),
                Unit::Hour => exact(seconds(3600)?),
                Unit::Day => day(today.checked_sub_days(Days::new(*count)))?,
                Unit::Week => {
                    day(count.checked_mul(7).and_then(|d| today.checked_sub_days(Days::new(d))))?
                }
                Unit::Month => day(months(1))?,
                Unit::Year => day(months(12))?,
            }
        }
        Relative::Day(back, tail) => {
            if tail.clock.is_none() && tail.zone.is_none() {
                day(today.checked_sub_days(Days::new(u64::from(*back))))?
            } else {
                // Count the day in the zone the text names, if it names one.
                let date = match &tail.zone {
                    Some(z) => i32::try_from(z.offset)
                        .ok()
                        .and_then(FixedOffset::east_opt)
                        .map_or(today, |o| retrieved.with_timezone(&o).date_naive()),
                    None => today,
                };
                let date =
                    date.checked_sub_days(Days::new(u64::from(*back))).ok_or_else(out_of_range)?;
                let core = Core {
                    start: 0,
                    next: 0,
                    year: Num { value: u64::try_from(date.year()).unwrap_or(0), digits: 4 },
                    month: u64::from(date.month()),
                    day: u64::from(date.day()),
                    iso: false,
                };
                build(&core, tail, None, zone, text)?
            }
        }
    };
    if (1000..=9999).contains(&parsed.at.year()) {
        Ok(parsed)
    } else {
        Err(DateError::YearOutOfRange {
            text: text.to_string(),
            year: u64::try_from(parsed.at.year()).unwrap_or(0),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::SecondsFormat;
    use proptest::prelude::*;

    const JKT: Tz = Tz::Asia__Jakarta;
    const UTC: Tz = Tz::UTC;
    const NYC: Tz = Tz::America__New_York;

    /// What relative dates count from in the tests.
    fn retrieved() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2016-12-09T16:00:00+07:00").unwrap()
    }

    fn show(result: Result<Parsed, DateError>) -> String {
        match result {
            Ok(p) if p.date_only => format!("{} (date)", p.at.to_rfc3339()),
            Ok(p) => p.at.to_rfc3339(),
            Err(e) => format!("error: {e}"),
        }
    }

    #[rustfmt::skip]
    const CASES: &[(&str, Tz, &str)] = &[
        // Indonesian, the issue's examples
        ("Jumat, 9 Desember 2016 | 14:32 WIB", JKT, "2016-12-09T14:32:00+07:00"),
        ("Selasa, 03 Jan 2017 10:15 WIB", JKT, "2017-01-03T10:15:00+07:00"),
        ("9 Des 2016, 08:00 WITA", JKT, "2016-12-09T08:00:00+08:00"),
        ("Senin (12/12/2016)", JKT, "2016-12-12T00:00:00+07:00 (date)"),
        ("12/01/2017 14:00 WIT", JKT, "2017-01-12T14:00:00+09:00"),
        ("Rabu, 4 Januari 2017 - 07:45", JKT, "2017-01-04T07:45:00+07:00"),
        ("Rabu, 4 Januari 2017 - 07:45", UTC, "2017-01-04T07:45:00+00:00"),
        ("9 Desember 2016 pukul 14.32 WIB", UTC, "2016-12-09T14:32:00+07:00"),
        // Indonesian, gen-corpus families
        ("Jumat, 09/12/2016 14:32 WIB", JKT, "2016-12-09T14:32:00+07:00"),
        ("9 Desember 2016, 14.32 WIT", JKT, "2016-12-09T14:32:00+09:00"),
        ("Jumat 9 Desember 2016 - 14:32 WIB", JKT, "2016-12-09T14:32:00+07:00"),
        ("Jumat, 09 Des 2016 14:32 WITA", JKT, "2016-12-09T14:32:00+08:00"),
        // Indonesian, other spellings
        ("Jum'at, 9 Desember 2016", JKT, "2016-12-09T00:00:00+07:00 (date)"),
        ("Jum’at 09 Des 2016 14:32 WIB", JKT, "2016-12-09T14:32:00+07:00"),
        ("  JUMAT, 9 DESEMBER 2016  ", JKT, "2016-12-09T00:00:00+07:00 (date)"),
        ("Ahad, 11 Desember 2016", JKT, "2016-12-11T00:00:00+07:00 (date)"),
        ("Minggu, 1 Januari 2017 00:00 WIB", JKT, "2017-01-01T00:00:00+07:00"),
        ("Sabtu, 10 Desember 2016 | 23:59 WIB", JKT, "2016-12-10T23:59:00+07:00"),
        ("Kamis, 1 Juni 2017 09:00 WITA", JKT, "2017-06-01T09:00:00+08:00"),
        ("Jumat, 9 Desember 2016 14:32:05 WIB", JKT, "2016-12-09T14:32:05+07:00"),
        ("9 Desember 2016 jam 14.32", JKT, "2016-12-09T14:32:00+07:00"),
        ("9 Desember 2016 pkl. 14.32 WIB", JKT, "2016-12-09T14:32:00+07:00"),
        ("9 Desember 2016 14:32 (WIB)", JKT, "2016-12-09T14:32:00+07:00"),
        ("9 Desember 2016 WITA", JKT, "2016-12-09T00:00:00+08:00 (date)"),
        ("(12/12/2016)", JKT, "2016-12-12T00:00:00+07:00 (date)"),
        ("9-12-2016", JKT, "2016-12-09T00:00:00+07:00 (date)"),
        ("9.12.2016 14.32", JKT, "2016-12-09T14:32:00+07:00"),
        ("Jumat, 9 Desember 2016.", JKT, "2016-12-09T00:00:00+07:00 (date)"),
        ("29 Februari 2016", JKT, "2016-02-29T00:00:00+07:00 (date)"),
        // every Indonesian month word
        ("5 Januari 2017", JKT, "2017-01-05T00:00:00+07:00 (date)"),
        ("5 Pebruari 2017", JKT, "2017-02-05T00:00:00+07:00 (date)"),
        ("5 Peb 2017", JKT, "2017-02-05T00:00:00+07:00 (date)"),
        ("20 Maret 2017", JKT, "2017-03-20T00:00:00+07:00 (date)"),
        ("20 Mar 2017", JKT, "2017-03-20T00:00:00+07:00 (date)"),
        ("7 Apr 2017", JKT, "2017-04-07T00:00:00+07:00 (date)"),
        ("1 Mei 2017", JKT, "2017-05-01T00:00:00+07:00 (date)"),
        ("30 Juni 2017", JKT, "2017-06-30T00:00:00+07:00 (date)"),
        ("30 Jun 2017", JKT, "2017-06-30T00:00:00+07:00 (date)"),
        ("3 Juli 2017", JKT, "2017-07-03T00:00:00+07:00 (date)"),
        ("17 Agustus 2016", JKT, "2016-08-17T00:00:00+07:00 (date)"),
        ("17 Agu 2016", JKT, "2016-08-17T00:00:00+07:00 (date)"),
        ("17 Agt 2016", JKT, "2016-08-17T00:00:00+07:00 (date)"),
        ("17 Ags 2016", JKT, "2016-08-17T00:00:00+07:00 (date)"),
        ("1 Sept 2017", JKT, "2017-09-01T00:00:00+07:00 (date)"),
        ("28 Okt 2017", JKT, "2017-10-28T00:00:00+07:00 (date)"),
        ("10 Nopember 2017", JKT, "2017-11-10T00:00:00+07:00 (date)"),
        ("10 Nop 2017", JKT, "2017-11-10T00:00:00+07:00 (date)"),
        // English
        ("Dec. 9, 2016 3:04 p.m. EST", JKT, "2016-12-09T15:04:00-05:00"),
        ("9 December 2016 14:32 GMT", JKT, "2016-12-09T14:32:00+00:00"),
        ("Friday, December 9, 2016", JKT, "2016-12-09T00:00:00+07:00 (date)"),
        ("Friday, December 9, 2016 - 14:32 WIB", UTC, "2016-12-09T14:32:00+07:00"),
        ("9 December 2016 2:32 PM WIB", JKT, "2016-12-09T14:32:00+07:00"),
        ("Dec 9, 2016, 14:32 WIB", JKT, "2016-12-09T14:32:00+07:00"),
        ("December 9th, 2016 at 3:04 pm", NYC, "2016-12-09T15:04:00-05:00"),
        ("9th December 2016 11 am BST", UTC, "2016-12-09T11:00:00+01:00"),
        ("Sept. 1, 2016 12:00 a.m. EDT", UTC, "2016-09-01T00:00:00-04:00"),
        ("Fri., Dec. 9, 2016 12:15 PM PST", UTC, "2016-12-09T12:15:00-08:00"),
        ("9 May 2017", UTC, "2017-05-09T00:00:00+00:00 (date)"),
        ("09-Dec-2016 14:32", UTC, "2016-12-09T14:32:00+00:00"),
        // zone words
        ("9 Dec 2016 14:32 CST", UTC, "2016-12-09T14:32:00-06:00"),
        ("9 Dec 2016 14:32 CDT", UTC, "2016-12-09T14:32:00-05:00"),
        ("9 Dec 2016 14:32 MST", UTC, "2016-12-09T14:32:00-07:00"),
        ("9 Dec 2016 14:32 MDT", UTC, "2016-12-09T14:32:00-06:00"),
        ("9 Dec 2016 14:32 PDT", UTC, "2016-12-09T14:32:00-07:00"),
        ("9 Dec 2016 14:32 CET", UTC, "2016-12-09T14:32:00+01:00"),
        ("9 Dec 2016 14:32 CEST", UTC, "2016-12-09T14:32:00+02:00"),
        ("9 Dec 2016 14:32 SGT", UTC, "2016-12-09T14:32:00+08:00"),
        ("9 Dec 2016 14:32 JST", UTC, "2016-12-09T14:32:00+09:00"),
        ("9 Dec 2016 14:32 AEST", UTC, "2016-12-09T14:32:00+10:00"),
        ("9 Dec 2016 14:32 AEDT", UTC, "2016-12-09T14:32:00+11:00"),
        ("9 Dec 2016 14:32 HKT", UTC, "2016-12-09T14:32:00+08:00"),
        ("9 Dec 2016 14:32 MYT", UTC, "2016-12-09T14:32:00+08:00"),
        ("9 Dec 2016 14:32 ICT", UTC, "2016-12-09T14:32:00+07:00"),
        ("9 Dec 2016 14:32 PHT", UTC, "2016-12-09T14:32:00+08:00"),
        ("9 Dec 2016 14:32 KST", UTC, "2016-12-09T14:32:00+09:00"),
        ("9 Dec 2016 14:32 IST", UTC, "2016-12-09T14:32:00+05:30"),
        ("9 Dec 2016 14:32 UTC", JKT, "2016-12-09T14:32:00+00:00"),
        ("9 Dec 2016 14:32 GMT+7", UTC, "2016-12-09T14:32:00+07:00"),
        ("9 Dec 2016 14:32 UTC+07:00", UTC, "2016-12-09T14:32:00+07:00"),
        ("9 Dec 2016 14:32 GMT-0330", UTC, "2016-12-09T14:32:00-03:30"),
        // RFC 2822
        ("Fri, 09 Dec 2016 07:32:00 GMT", JKT, "2016-12-09T07:32:00+00:00"),
        ("Fri, 09 Dec 2016 14:32:00 +0700", UTC, "2016-12-09T14:32:00+07:00"),
        ("Fri, 9 Dec 2016 07:32:00 -0000", JKT, "2016-12-09T07:32:00+00:00"),
        ("Fri, 09 Dec 2016 07:32:00 UT", JKT, "2016-12-09T07:32:00+00:00"),
        ("Fri, 09 Dec 2016 02:32:00 EST", JKT, "2016-12-09T02:32:00-05:00"),
        ("Fri, 09 Dec 2016 07:32:00 A", JKT, "2016-12-09T07:32:00+00:00"),
        ("Fri, 09 Dec 2016 08:32:00 +0100 (CET)", JKT, "2016-12-09T08:32:00+01:00"),
        ("Fri, 09 Dec 16 07:32:00 GMT", JKT, "2016-12-09T07:32:00+00:00"),
        ("Fri, 9 Dec 2016 07:32 Z", JKT, "2016-12-09T07:32:00+00:00"),
        // ISO 8601 / RFC 3339
        ("2016-12-09T14:32:00+07:00", UTC, "2016-12-09T14:32:00+07:00"),
        ("2016-12-09T07:32:00Z", JKT, "2016-12-09T07:32:00+00:00"),
        ("2016-12-09t07:32:00z", JKT, "2016-12-09T07:32:00+00:00"),
        ("2016-12-09T14:32:00.123+07:00", UTC, "2016-12-09T14:32:00.123+07:00"),
        ("2016-12-09T14:32:00,5-03:30", UTC, "2016-12-09T14:32:00.500-03:30"),
        ("2016-12-09T14:32:00+0700", UTC, "2016-12-09T14:32:00+07:00"),
        ("2016-12-09T14:32:00+07", UTC, "2016-12-09T14:32:00+07:00"),
        ("2016-12-09T14:32", JKT, "2016-12-09T14:32:00+07:00"),
        ("2016-12-09 14:32", JKT, "2016-12-09T14:32:00+07:00"),
        ("2016-12-09 14:32", NYC, "2016-12-09T14:32:00-05:00"),
        ("2016-07-09 14:32", NYC, "2016-07-09T14:32:00-04:00"),
        ("2016-12-09 14:32:00 +07:00", UTC, "2016-12-09T14:32:00+07:00"),
        ("2016-12-09", JKT, "2016-12-09T00:00:00+07:00 (date)"),
        ("2016/12/09 14:32", JKT, "2016-12-09T14:32:00+07:00"),
        // Unix
        ("1481268720", JKT, "2016-12-09T14:32:00+07:00"),
        ("1481268720000", UTC, "2016-12-09T07:32:00+00:00"),
        ("1481268720123", UTC, "2016-12-09T07:32:00.123+00:00"),
        ("481268720", JKT, "1985-04-02T12:45:20+07:00"),
        // relative, retrieved 2016-12-09T16:00:00+07:00
        ("2 jam yang lalu", JKT, "2016-12-09T14:00:00+07:00"),
        ("2 jam yg lalu", JKT, "2016-12-09T14:00:00+07:00"),
        ("5 menit lalu", JKT, "2016-12-09T15:55:00+07:00"),
        ("30 detik lalu", JKT, "2016-12-09T15:59:30+07:00"),
        ("sejam yang lalu", JKT, "2016-12-09T15:00:00+07:00"),
        ("kemarin", JKT, "2016-12-08T00:00:00+07:00 (date)"),
        ("kemarin lusa", JKT, "2016-12-07T00:00:00+07:00 (date)"),
        ("hari ini", JKT, "2016-12-09T00:00:00+07:00 (date)"),
        ("kemarin, 14:32 WIB", UTC, "2016-12-08T14:32:00+07:00"),
        ("2 minggu lalu", JKT, "2016-11-25T00:00:00+07:00 (date)"),
        ("3 bulan lalu", JKT, "2016-09-09T00:00:00+07:00 (date)"),
        ("setahun silam", JKT, "2015-12-09T00:00:00+07:00 (date)"),
        ("baru saja", JKT, "2016-12-09T16:00:00+07:00"),
        ("3 hours ago", UTC, "2016-12-09T06:00:00+00:00"),
        ("an hour ago", JKT, "2016-12-09T15:00:00+07:00"),
        ("2 days ago", JKT, "2016-12-07T00:00:00+07:00 (date)"),
        ("yesterday", JKT, "2016-12-08T00:00:00+07:00 (date)"),
        ("yesterday at 3:04 pm", UTC, "2016-12-08T15:04:00+00:00"),
        ("Just now.", UTC, "2016-12-09T09:00:00+00:00"),
        // impossible and refused
        ("31 Februari 2017", JKT, "error: `31 Februari 2017`: expected a day from 1 to 28 in 2017-02, found 31"),
        ("2016-02-30", JKT, "error: `2016-02-30`: expected a day from 1 to 29 in 2016-02, found 30"),
        ("0 Desember 2016", JKT, "error: `0 Desember 2016`: expected a day from 1 to 31 in 2016-12, found 0"),
        ("13/13/2016", JKT, "error: `13/13/2016`: expected a month from 1 to 12, found 13 (numeric dates are day/month/year)"),
        ("12/25/2016", JKT, "error: `12/25/2016`: expected a month from 1 to 12, found 25 (numeric dates are day/month/year)"),
        ("9 Desember 99999", JKT, "error: `9 Desember 99999`: expected a year from 1000 to 9999, found 99999"),
        ("0001-01-01T00:00:00Z", JKT, "error: `0001-01-01T00:00:00Z`: expected a year from 1000 to 9999, found 1"),
        ("9 Desember 2016 25:00", JKT, "error: `9 Desember 2016 25:00`: expected a time from 00:00 to 23:59:59, found `25:00`"),
        ("9 Desember 2016 14:60 WIB", JKT, "error: `9 Desember 2016 14:60 WIB`: expected a time from 00:00 to 23:59:59, found `14:60`"),
        ("25:00", JKT, "error: `25:00`: expected a time from 00:00 to 23:59:59, found `25:00`"),
        ("2016-12-09T24:00:00Z", JKT, "error: `2016-12-09T24:00:00Z`: expected a time from 00:00 to 23:59:59, found `24:00:00`"),
        ("2016-12-09T23:59:60Z", JKT, "error: `2016-12-09T23:59:60Z`: expected a time from 00:00 to 23:59:59, found `23:59:60`"),
        ("9 Dec 2016 13:00 AM", JKT, "error: `9 Dec 2016 13:00 AM`: expected an hour from 1 to 12 before `AM`, found 13"),
        ("2016-12-09T14:32:00+25:00", JKT, "error: `2016-12-09T14:32:00+25:00`: expected an offset from -14:00 to +14:00, found `+25:00`"),
        ("Fri, 09 Dec 2016 14:32:00 +0770", JKT, "error: `Fri, 09 Dec 2016 14:32:00 +0770`: expected an offset from -14:00 to +14:00, found `+0770`"),
        ("2016-03-13 02:30", NYC, "error: `2016-03-13 02:30`: 2016-03-13 02:30:00 does not exist in America/New_York: the clocks skip it"),
        ("pukul 14.32 WIB", JKT, "error: `pukul 14.32 WIB`: expected a day, a month and a year, found only a time"),
        ("9 Desember", JKT, "error: `9 Desember`: expected a day, a month and a year, found no year"),
        ("9 Des 16", JKT, "error: `9 Des 16`: expected a day, a month and a year, found no year"),
        ("Jumat, 9 Desember 2016 14:32 WIB kemarin", JKT, "error: `Jumat, 9 Desember 2016 14:32 WIB kemarin`: expected the end of the date, found `kemarin`"),
        ("12345678901", JKT, "error: `12345678901`: expected a Unix time of 9 or 10 digits (seconds) or 12 or 13 (milliseconds), found 11 digits"),
        ("2016", JKT, "error: `2016` is not a date kabar can read"),
        ("", JKT, "error: `` is not a date kabar can read"),
        ("Desember 2016", JKT, "error: `Desember 2016` is not a date kabar can read"),
        ("9 Mai 2016", JKT, "error: `9 Mai 2016` is not a date kabar can read"),
        ("Jum, 9 Desember 2016", JKT, "error: `Jum, 9 Desember 2016` is not a date kabar can read"),
        ("Senin (12/12/2016", JKT, "error: `Senin (12/12/2016` is not a date kabar can read"),
        ("kemarin dulu", JKT, "error: `kemarin dulu` is not a date kabar can read"),
        ("2 jam ago", JKT, "error: `2 jam ago` is not a date kabar can read"),
    ];

    #[test]
    fn parse_table() {
        let mut failures = Vec::new();
        for &(input, zone, want) in CASES {
            let got = show(parse(input, zone, Some(retrieved())));
            if got != want {
                failures.push(format!("{input:?}\n   want {want}\n    got {got}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} failed:\n{}",
            failures.len(),
            CASES.len(),
            failures.join("\n")
        );
        assert!(CASES.len() >= 80);
    }

    #[rustfmt::skip]
    const WARNINGS: &[(&str, Tz, &[&str])] = &[
        ("Jumat, 9 Desember 2016", JKT, &[]),
        ("Kamis, 9 Desember 2016", JKT, &["weekday `Kamis` does not match 2016-12-09, a `Jumat`"]),
        ("Thu, 09 Dec 2016 07:32:00 GMT", JKT, &["weekday `Thu` does not match 2016-12-09, a `Friday`"]),
        ("Senin (13/12/2016)", JKT, &["weekday `Senin` does not match 2016-12-13, a `Selasa`"]),
        ("Fri, 09 Dec 2016 07:32:00 A", JKT, &["zone `A` is an RFC 2822 military letter: read as -0000, as RFC 2822 says"]),
        ("9 Dec 2016 13:00 PM", JKT, &["`13:00 PM` is a 24-hour time with `PM`: read as 13:00"]),
        ("2016-11-06 01:30", NYC, &["2016-11-06 01:30:00 happens twice in America/New_York: took the earlier, -04:00"]),
        ("2 jam yang lalu", JKT, &["relative date `2 jam yang lalu` counted from the retrieval time 2016-12-09T16:00:00+07:00"]),
    ];

    #[test]
    fn warnings() {
        for &(input, zone, want) in WARNINGS {
            let got = parse(input, zone, Some(retrieved())).map(|p| p.warnings);
            let want: Vec<String> = want.iter().map(|w| w.to_string()).collect();
            assert_eq!(got, Ok(want), "{input:?}");
        }
    }

    #[test]
    fn relative_dates_need_a_retrieval_time() {
        for input in [
            "2 jam yang lalu",
            "kemarin",
            "3 hours ago",
            "yesterday",
            "5 menit lalu",
            "2 days ago",
            "baru saja",
        ] {
            let err = parse(input, JKT, None).unwrap_err();
            assert!(err.needs_retrieval(), "{input:?}: {err}");
            assert_eq!(
                err.to_string(),
                format!("`{input}` is relative: it needs a retrieval time to count from")
            );
        }
    }

    #[test]
    fn a_date_in_a_skipped_hour_starts_when_the_day_does() {
        // Santiago skipped 2016-08-14 00:00-01:00: the day begins at 01:00 (-03:00).
        let got = parse("14 Agustus 2016", Tz::America__Santiago, None).map(|p| p.at.to_rfc3339());
        assert_eq!(got.as_deref(), Ok("2016-08-14T01:00:00-03:00"));
    }

    #[rustfmt::skip]
    const FIND: &[(&str, Option<(&str, &str)>)] = &[
        ("katanya pada Jumat, 9 Desember 2016.", Some(("Jumat, 9 Desember 2016", "2016-12-09T00:00:00+07:00 (date)"))),
        ("The statement was made on Friday, December 9, 2016.", Some(("Friday, December 9, 2016", "2016-12-09T00:00:00+07:00 (date)"))),
        ("Tanggal: Jumat, 9 Desember 2016 | 14:32 WIB", Some(("Jumat, 9 Desember 2016 | 14:32 WIB", "2016-12-09T14:32:00+07:00"))),
        ("Rapat digelar Senin (12/12/2016) di Jakarta.", Some(("Senin (12/12/2016)", "2016-12-12T00:00:00+07:00 (date)"))),
        ("Gempa terjadi 9 Des 2016 pukul 08.30 WITA.", Some(("9 Des 2016 pukul 08.30 WITA", "2016-12-09T08:30:00+08:00"))),
        ("Pada 9 Desember 2016, 8.500 warga mengungsi.", Some(("9 Desember 2016", "2016-12-09T00:00:00+07:00 (date)"))),
        ("On Dec. 9, 2016 at 3:04 p.m. EST, it ended.", Some(("Dec. 9, 2016 at 3:04 p.m. EST", "2016-12-09T15:04:00-05:00"))),
        ("Laporan 2016-12-09T14:32:00+07:00 masuk.", Some(("2016-12-09T14:32:00+07:00", "2016-12-09T14:32:00+07:00"))),
        ("Bukan 31 Februari 2017, tetapi 1 Maret 2017.", Some(("1 Maret 2017", "2017-03-01T00:00:00+07:00 (date)"))),
        ("Harga naik pada 12.12.2016 lalu.", Some(("12.12.2016", "2016-12-12T00:00:00+07:00 (date)"))),
        ("Sekitar 8.500 warga sipil, termasuk 2.900 anak-anak.", None),
        ("dalam kurun waktu kurang dari 24 jam, 8.461 penduduk", None),
        ("termasuk 2.934 anak-anak berhasil dipindahkan", None),
        ("nyaris seluas 15 are tempat tinggal penduduk", None),
        ("Sepanjang tahun 2016 dan 2017 harga naik.", None),
        ("TANGERANG, November 28 (Nusa Wire) - The minister said", None),
        ("Versi 1.12.2016.3 dirilis, juga build 3.9.12.2016.", None),
        ("pada 9 mei 2016 (huruf kecil)", None),
        ("![foto](/images/2022/11/4b3c9a.jpg) dan /berita/2016/12/09/judul", None),
        ("tautan https://x.example/2016-12-09-aleppo-dievakuasi", None),
        ("You may 3, 2016 times", None),
        ("", None),
    ];

    #[test]
    fn find_in_prose() {
        for &(text, want) in FIND {
            let found = find(text, JKT);
            if let Some((p, range)) = &found {
                // What find takes from prose reads the same as a field.
                assert_eq!(parse(&text[range.clone()], JKT, None).as_ref(), Ok(p), "{text:?}");
            }
            let got = found.map(|(p, range)| (&text[range], show(Ok(p))));
            let want = want.map(|(s, at)| (s, at.to_string()));
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn find_warns_about_a_wrong_weekday() {
        let (p, _) = find("digelar Kamis, 9 Desember 2016 di Aleppo", JKT).unwrap();
        assert_eq!(p.warnings, ["weekday `Kamis` does not match 2016-12-09, a `Jumat`"]);
    }

    #[test]
    fn find_in_the_users_example_article() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds/000_53a2c289ee57cd07.txt");
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("skipped: {path} is absent");
            return;
        };
        let (p, range) = find(&text, JKT).expect("a date");
        assert_eq!(p.at.to_rfc3339(), "2016-12-09T00:00:00+07:00");
        assert!(p.date_only);
        assert_eq!(&text[range], "Jumat, 9 Desember 2016");
    }

    proptest! {
        #[test]
        fn nothing_panics(s in ".{0,60}") {
            let _ = parse(&s, JKT, Some(retrieved()));
            let _ = parse(&s, NYC, None);
            let _ = find(&s, JKT);
        }

        #[test]
        fn nothing_date_like_panics(
            parts in prop::collection::vec(
                "Jumat|Dec|Desember|Mei|WIB|GMT|pukul|jam|lalu|ago|kemarin|p|m|T|Z|A|[0-9]{1,5}|[ :./,()|+-]",
                0..14,
            )
        ) {
            let s: String = parts.concat();
            let _ = parse(&s, JKT, Some(retrieved()));
            let _ = parse(&s, NYC, None);
            if let Some((_, range)) = find(&s, JKT) {
                prop_assert!(s.get(range).is_some());
            }
        }

        #[test]
        fn rfc3339_and_rfc2822_round_trip(
            secs in -2_208_988_800i64..4_133_980_799, // 1900-01-01 to 2100-12-31
            nanos in prop_oneof![Just(0u32), 0u32..1_000_000_000],
            minutes in -840i32..=840,
        ) {
            let offset = FixedOffset::east_opt(minutes * 60).unwrap();
            let at = DateTime::from_timestamp(secs, nanos).unwrap().with_timezone(&offset);
            for text in [
                at.to_rfc3339(),
                at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
                at.format("%Y-%m-%d %H:%M:%S%.f%:z").to_string(),
            ] {
                let got = parse(&text, NYC, None).unwrap().at;
                prop_assert_eq!(got, at, "{}", text);
                if !text.ends_with('Z') {
                    prop_assert_eq!(got.offset(), at.offset(), "{}", text);
                }
            }
            let whole = at.with_nanosecond(0).unwrap();
            let text = whole.to_rfc2822();
            let got = parse(&text, NYC, None).unwrap();
            prop_assert_eq!(got.at, whole, "{}", text);
            prop_assert_eq!(got.at.offset(), whole.offset(), "{}", text);
            prop_assert!(got.warnings.is_empty(), "{}: {:?}", text, got.warnings);
        }
    }

    /// Checks every date of a gen-corpus archive against its manifest, and times `parse` and
    /// `find` (run in release for meaningful figures):
    ///
    /// ```text
    /// ../shared/tools/gen-corpus --out /tmp/c3k --count 3000 --manifest /tmp/c3k.truth.jsonl
    /// KABAR_CORPUS=/tmp/c3k cargo test --release --lib normalize::date -- --ignored --nocapture
    /// ```
    ///
    /// The manifest is `KABAR_CORPUS_MANIFEST`, else `$KABAR_CORPUS.truth.jsonl`.
    #[test]
    #[ignore = "needs a generated corpus in KABAR_CORPUS"]
    fn corpus() {
        let Ok(dir) = std::env::var("KABAR_CORPUS") else {
            eprintln!("skipped: KABAR_CORPUS is not set");
            return;
        };
        let manifest =
            std::env::var("KABAR_CORPUS_MANIFEST").unwrap_or(format!("{dir}.truth.jsonl"));
        let manifest = std::fs::read_to_string(&manifest).expect("the manifest");
        let zone_offset = |zone: &str| match zone {
            "WIB" => 7 * 3600,
            "WITA" => 8 * 3600,
            "WIT" => 9 * 3600,
            other => panic!("zone {other}"),
        };
        // The offset the text writes, read without the parser: a zone word, `Z`/`GMT`, a
        // numeric offset at the end, or none (naive: WIB, as gen-corpus documents).
        let written = |raw: &str| -> i32 {
            let last = raw.rsplit(' ').next().unwrap();
            if let Some(z) = ["WIB", "WITA", "WIT"].iter().find(|z| last == **z) {
                return zone_offset(z);
            }
            if raw.ends_with('Z') || last == "GMT" {
                return 0;
            }
            let (sign, digits) = match raw.rfind(['+', '-']) {
                Some(i) if i > 10 => {
                    (if &raw[i..=i] == "-" { -1 } else { 1 }, raw[i + 1..].replace(':', ""))
                }
                _ => return 7 * 3600,
            };
            assert_eq!(digits.len(), 4, "{raw}");
            let n: i32 = digits.parse().unwrap();
            sign * (n / 100 * 3600 + n % 100 * 60)
        };
        let (mut raw_ok, mut raw_n, mut prose_ok, mut prose_n) = (0, 0, 0, 0);
        let mut failures = Vec::new();
        let mut raws = Vec::new();
        let mut bodies = Vec::new();
        let mut file_cache = std::collections::HashMap::new();
        for line in manifest.lines() {
            let truth: serde_json::Value = serde_json::from_str(line).unwrap();
            let utc = DateTime::parse_from_rfc3339(truth["date_utc"].as_str().unwrap()).unwrap();
            let zone = FixedOffset::east_opt(zone_offset(truth["zone"].as_str().unwrap())).unwrap();
            let path = truth["path"].as_str().unwrap();
            let file = file_cache
                .entry(path.to_string())
                .or_insert_with(|| {
                    std::fs::read_to_string(format!("{dir}/{path}")).unwrap().replace("\r\n", "\n")
                })
                .clone();
            let body = match truth["format"].as_str().unwrap() {
                "jsonl" => {
                    let n = truth["line"].as_u64().unwrap() as usize;
                    let v: serde_json::Value =
                        serde_json::from_str(file.lines().nth(n - 1).unwrap()).unwrap();
                    v["content"].as_str().unwrap().to_string()
                }
                "md" => file.splitn(3, "---").nth(2).unwrap_or("").to_string(),
                _ if truth["date_raw"].is_null() => file.clone(),
                _ => file.split_once("\n\n").map_or(file.as_str(), |(_, b)| b).to_string(),
            };
            match truth["date_raw"].as_str() {
                Some(raw) => {
                    // The body of a dated article mentions no full date: anything found is wrong.
                    if let Some((_, range)) = find(&body, JKT) {
                        failures.push(format!(
                            "{path}: found `{}` in a body without dates",
                            &body[range]
                        ));
                    }
                    raw_n += 1;
                    raws.push(raw.to_string());
                    let offset = FixedOffset::east_opt(written(raw)).unwrap();
                    match parse(raw, JKT, None) {
                        Ok(p)
                            if p.at == utc && p.at.offset() == &offset && p.warnings.is_empty() =>
                        {
                            raw_ok += 1
                        }
                        other => failures.push(format!("{raw:?}: {other:?}")),
                    }
                }
                None => {
                    prose_n += 1;
                    let want = utc.with_timezone(&zone).date_naive();
                    match find(&body, JKT) {
                        Some((p, _)) if p.at.date_naive() == want => prose_ok += 1,
                        other => failures.push(format!("{path}: want {want}, found {other:?}")),
                    }
                }
            }
            bodies.push(body);
        }
        eprintln!("date_raw parsed to date_utc with the written offset: {raw_ok}/{raw_n}");
        eprintln!("headerless bodies, find gives the calendar date: {prose_ok}/{prose_n}");

        let rounds = 20;
        let started = std::time::Instant::now();
        for _ in 0..rounds {
            for raw in &raws {
                std::hint::black_box(parse(std::hint::black_box(raw), JKT, None).is_ok());
            }
        }
        let per_parse = started.elapsed().as_secs_f64() * 1e6 / (rounds * raws.len()) as f64;
        let bytes: usize = bodies.iter().map(String::len).sum();
        let started = std::time::Instant::now();
        for _ in 0..rounds {
            for body in &bodies {
                std::hint::black_box(find(std::hint::black_box(body), JKT).is_some());
            }
        }
        let per_find = started.elapsed().as_secs_f64() * 1e6 / (rounds * bodies.len()) as f64;
        eprintln!(
            "parse: {per_parse:.2} µs per date; find: {per_find:.2} µs per body (average {} bytes)",
            bytes / bodies.len().max(1)
        );
        assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    }
}
