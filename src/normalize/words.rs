//! The words dates are written with, per language: month, day, zone and relative words.
//!
//! Each table is one row per accepted spelling, with the real input it comes from. A word means
//! only what its own row says, in its own language: "Mar" is March in both Indonesian and English
//! (two rows, same month), "Mei" exists only as Indonesian May and "May" only as English May.
//! Nothing here rewrites one language's words into another's (a global replacer once turned
//! French "mar," into March); the date parser looks a token up and gets the row or nothing.
//!
//! Lookups ignore ASCII case and treat the apostrophes `'`, `’` and `ʼ` as the same
//! character ("Jum’at" is "Jum'at"). Every table is small and scanned linearly: the parser only
//! looks words up next to numbers, so a faster structure would not pay for itself.

use chrono::Weekday;

/// The language a word belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Indonesian.
    Id,
    /// English.
    En,
}

/// A month name or abbreviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthWord {
    /// The spelling, lowercase.
    pub word: &'static str,
    /// The language it belongs to.
    pub lang: Lang,
    /// 1 to 12.
    pub month: u32,
}

const fn mw(word: &'static str, lang: Lang, month: u32) -> MonthWord {
    MonthWord { word, lang, month }
}

/// Month words. A word shared by both languages has a row in each.
pub const MONTHS: &[MonthWord] = &[
    // Indonesian, full names: "Jumat, 9 Desember 2016 | 14:32 WIB" (the issue, gen-corpus).
    mw("januari", Lang::Id, 1), // "Rabu, 4 Januari 2017 - 07:45" (the issue)
    mw("februari", Lang::Id, 2), // "31 Februari 2017" (the issue, as an impossible date)
    mw("pebruari", Lang::Id, 2), // the pre-1972 spelling, still in older archives
    mw("maret", Lang::Id, 3),   // gen-corpus BULAN
    mw("april", Lang::Id, 4),   // gen-corpus BULAN
    mw("mei", Lang::Id, 5),     // gen-corpus BULAN; Indonesian only ("May" is English)
    mw("juni", Lang::Id, 6),    // gen-corpus BULAN
    mw("juli", Lang::Id, 7),    // gen-corpus BULAN
    mw("agustus", Lang::Id, 8), // gen-corpus BULAN
    mw("september", Lang::Id, 9), // gen-corpus BULAN
    mw("oktober", Lang::Id, 10), // gen-corpus BULAN
    mw("november", Lang::Id, 11), // gen-corpus BULAN
    mw("nopember", Lang::Id, 11), // the older spelling, as in "10 Nopember" (Hari Pahlawan)
    mw("desember", Lang::Id, 12), // "Jumat, 9 Desember 2016" (the user's example article)
    // Indonesian short forms: "Selasa, 03 Jan 2017 10:15 WIB", "9 Des 2016, 08:00 WITA" (the
    // issue) and gen-corpus BLN ("Jumat, 09 Des 2016 14:32 WITA").
    mw("jan", Lang::Id, 1),  // "Selasa, 03 Jan 2017 10:15 WIB" (the issue)
    mw("feb", Lang::Id, 2),  // gen-corpus BLN
    mw("peb", Lang::Id, 2),  // short form of the old spelling "Pebruari" (the list)
    mw("mar", Lang::Id, 3),  // gen-corpus BLN
    mw("apr", Lang::Id, 4),  // gen-corpus BLN
    mw("jun", Lang::Id, 6),  // gen-corpus BLN
    mw("jul", Lang::Id, 7),  // gen-corpus BLN
    mw("agu", Lang::Id, 8),  // gen-corpus BLN
    mw("agt", Lang::Id, 8),  // the list of short forms
    mw("ags", Lang::Id, 8),  // the list of short forms
    mw("sep", Lang::Id, 9),  // gen-corpus BLN
    mw("sept", Lang::Id, 9), // the list of short forms
    mw("okt", Lang::Id, 10), // gen-corpus BLN
    mw("nov", Lang::Id, 11), // gen-corpus BLN
    mw("nop", Lang::Id, 11), // short form of "Nopember" (the list)
    mw("des", Lang::Id, 12), // "9 Des 2016, 08:00 WITA" (the issue)
    // English, full names: "Friday, December 9, 2016" (the issue), gen-corpus MONTH.
    mw("january", Lang::En, 1),
    mw("february", Lang::En, 2),
    mw("march", Lang::En, 3),
    mw("april", Lang::En, 4),
    mw("may", Lang::En, 5), // English only ("Mei" is Indonesian)
    mw("june", Lang::En, 6),
    mw("july", Lang::En, 7),
    mw("august", Lang::En, 8),
    mw("september", Lang::En, 9),
    mw("october", Lang::En, 10),
    mw("november", Lang::En, 11),
    mw("december", Lang::En, 12), // "9 December 2016 14:32 GMT" (the issue)
    // English short forms: RFC 2822 month names ("Fri, 09 Dec 2016 07:32:00 GMT") and AP style
    // with a period ("Dec. 9, 2016 3:04 p.m. EST", the issue; the period is punctuation).
    mw("jan", Lang::En, 1),
    mw("feb", Lang::En, 2),
    mw("mar", Lang::En, 3),
    mw("apr", Lang::En, 4),
    mw("jun", Lang::En, 6),
    mw("jul", Lang::En, 7),
    mw("aug", Lang::En, 8),
    mw("sep", Lang::En, 9),
    mw("sept", Lang::En, 9), // AP style "Sept. 9, 2016"
    mw("oct", Lang::En, 10),
    mw("nov", Lang::En, 11),
    mw("dec", Lang::En, 12), // "Dec 9, 2016, 14:32 WIB" (gen-corpus)
];

/// A day-of-week name or abbreviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayWord {
    /// The spelling, lowercase.
    pub word: &'static str,
    /// The language it belongs to.
    pub lang: Lang,
    /// The day it names.
    pub day: Weekday,
}

const fn dw(word: &'static str, lang: Lang, day: Weekday) -> DayWord {
    DayWord { word, lang, day }
}

/// Day words. Indonesian has no usual short forms in datelines, so none are accepted.
pub const DAYS: &[DayWord] = &[
    dw("senin", Lang::Id, Weekday::Mon), // "Senin (12/12/2016)" (the issue)
    dw("selasa", Lang::Id, Weekday::Tue), // "Selasa, 03 Jan 2017 10:15 WIB" (the issue)
    dw("rabu", Lang::Id, Weekday::Wed),  // "Rabu, 4 Januari 2017 - 07:45" (the issue)
    dw("kamis", Lang::Id, Weekday::Thu), // gen-corpus HARI
    dw("jumat", Lang::Id, Weekday::Fri), // "Jumat, 9 Desember 2016 | 14:32 WIB" (the issue)
    dw("jum'at", Lang::Id, Weekday::Fri), // the spelling with the Arabic 'ain, in the list
    dw("sabtu", Lang::Id, Weekday::Sat), // gen-corpus HARI
    dw("minggu", Lang::Id, Weekday::Sun), // gen-corpus HARI ("minggu" is also "week": see UNITS)
    dw("ahad", Lang::Id, Weekday::Sun),  // the Arabic-derived name for Sunday, in the list
    dw("monday", Lang::En, Weekday::Mon), // gen-corpus DAY
    dw("tuesday", Lang::En, Weekday::Tue),
    dw("wednesday", Lang::En, Weekday::Wed),
    dw("thursday", Lang::En, Weekday::Thu),
    dw("friday", Lang::En, Weekday::Fri), // "Friday, December 9, 2016" (the issue)
    dw("saturday", Lang::En, Weekday::Sat),
    dw("sunday", Lang::En, Weekday::Sun),
    dw("mon", Lang::En, Weekday::Mon), // RFC 2822 day-name; gen-corpus DY
    dw("tue", Lang::En, Weekday::Tue),
    dw("tues", Lang::En, Weekday::Tue), // AP style "Tues., Dec. 6"
    dw("wed", Lang::En, Weekday::Wed),
    dw("thu", Lang::En, Weekday::Thu),
    dw("thur", Lang::En, Weekday::Thu),  // AP style
    dw("thurs", Lang::En, Weekday::Thu), // AP style "Thurs., Dec. 8"
    dw("fri", Lang::En, Weekday::Fri),   // "Fri, 09 Dec 2016 07:32:00 GMT" (gen-corpus)
    dw("sat", Lang::En, Weekday::Sat),
    dw("sun", Lang::En, Weekday::Sun),
];

/// The name a warning uses for a weekday, in the language of the text that named it.
pub fn day_name(day: Weekday, lang: Lang) -> &'static str {
    const ID: [&str; 7] = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"];
    const EN: [&str; 7] =
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    let names = match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    };
    names.get(day.num_days_from_monday() as usize).copied().unwrap_or("?")
}

/// A zone abbreviation with a fixed offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZoneWord {
    /// The spelling, lowercase.
    pub word: &'static str,
    /// Seconds east of UTC.
    pub offset: i32,
}

const H: i32 = 3600;

const fn zw(word: &'static str, offset: i32) -> ZoneWord {
    ZoneWord { word, offset }
}

/// Zone words. An abbreviation that means several zones takes the meaning news text gives it
/// (IST is India, CST is US Central, BST is British Summer Time). RFC 2822's single-letter
/// military zones are not here: the parser treats them as `-0000`, as RFC 2822 4.3 says.
pub const ZONES: &[ZoneWord] = &[
    zw("wib", 7 * H), // Waktu Indonesia Barat: "Jumat, 9 Desember 2016 | 14:32 WIB" (the issue)
    zw("wita", 8 * H), // Waktu Indonesia Tengah: "9 Des 2016, 08:00 WITA" (the issue)
    zw("wit", 9 * H), // Waktu Indonesia Timur: "12/01/2017 14:00 WIT" (the issue)
    zw("utc", 0),     // "2016-12-09 07:32 UTC"
    zw("gmt", 0),     // RFC 2822 obs-zone; "Fri, 09 Dec 2016 07:32:00 GMT" (gen-corpus)
    zw("ut", 0),      // RFC 2822 obs-zone
    zw("z", 0),       // RFC 3339 "2016-12-09T07:32:00Z" (gen-corpus)
    zw("est", -5 * H), // RFC 2822 obs-zone; "Dec. 9, 2016 3:04 p.m. EST" (the issue)
    zw("edt", -4 * H), // RFC 2822 obs-zone
    zw("cst", -6 * H), // RFC 2822 obs-zone (US Central, not China)
    zw("cdt", -5 * H), // RFC 2822 obs-zone
    zw("mst", -7 * H), // RFC 2822 obs-zone
    zw("mdt", -6 * H), // RFC 2822 obs-zone
    zw("pst", -8 * H), // RFC 2822 obs-zone
    zw("pdt", -7 * H), // RFC 2822 obs-zone
    zw("bst", H),     // British Summer Time (the list)
    zw("cet", H),     // Central European Time (the list)
    zw("cest", 2 * H), // Central European Summer Time (the list)
    zw("sgt", 8 * H), // Singapore (the list)
    zw("myt", 8 * H), // Malaysia (the list)
    zw("hkt", 8 * H), // Hong Kong (the list)
    zw("pht", 8 * H), // Philippines (the list)
    zw("ict", 7 * H), // Indochina: Bangkok, Hanoi (the list)
    zw("jst", 9 * H), // Japan (the list)
    zw("kst", 9 * H), // Korea (the list)
    zw("aest", 10 * H), // Australian Eastern Standard (the list)
    zw("aedt", 11 * H), // Australian Eastern Daylight (the list)
    zw("ist", 5 * H + 30 * 60), // India, +05:30 (the issue: "IST=India")
];

/// A unit of a relative date ("2 jam yang lalu", "3 hours ago").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Calendar days.
    Day,
    /// Weeks of seven days.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// A unit word, or a word that is "one" and a unit at once ("sejam" is "an hour").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitWord {
    /// The spelling, lowercase.
    pub word: &'static str,
    /// The language it belongs to.
    pub lang: Lang,
    /// The unit it names.
    pub unit: Unit,
    /// `Some(1)` for words that carry their own count ("sejam", "seminggu").
    pub count: Option<u32>,
}

const fn uw(word: &'static str, lang: Lang, unit: Unit, count: Option<u32>) -> UnitWord {
    UnitWord { word, lang, unit, count }
}

/// Units of relative dates. "minggu" is a unit only after a count ("2 minggu lalu"); before a
/// date it is Sunday (see [`DAYS`]): the parser asks this table only in that position.
pub const UNITS: &[UnitWord] = &[
    uw("detik", Lang::Id, Unit::Second, None), // "30 detik lalu"
    uw("menit", Lang::Id, Unit::Minute, None), // "5 menit lalu" (the issue)
    uw("jam", Lang::Id, Unit::Hour, None),     // "2 jam yang lalu" (the issue)
    uw("hari", Lang::Id, Unit::Day, None),     // "3 hari lalu"
    uw("minggu", Lang::Id, Unit::Week, None),  // "2 minggu lalu"
    uw("pekan", Lang::Id, Unit::Week, None),   // "sepekan lalu", "2 pekan lalu"
    uw("bulan", Lang::Id, Unit::Month, None),  // "3 bulan lalu"
    uw("tahun", Lang::Id, Unit::Year, None),   // "setahun silam", "2 tahun lalu"
    uw("semenit", Lang::Id, Unit::Minute, Some(1)), // "semenit lalu"
    uw("sejam", Lang::Id, Unit::Hour, Some(1)), // "sejam yang lalu"
    uw("sehari", Lang::Id, Unit::Day, Some(1)), // "sehari lalu"
    uw("seminggu", Lang::Id, Unit::Week, Some(1)), // "seminggu lalu"
    uw("sepekan", Lang::Id, Unit::Week, Some(1)), // "sepekan lalu"
    uw("sebulan", Lang::Id, Unit::Month, Some(1)), // "sebulan lalu"
    uw("setahun", Lang::Id, Unit::Year, Some(1)), // "setahun silam"
    uw("second", Lang::En, Unit::Second, None), // "1 second ago"
    uw("seconds", Lang::En, Unit::Second, None), // "30 seconds ago"
    uw("sec", Lang::En, Unit::Second, None),   // "30 sec ago"
    uw("secs", Lang::En, Unit::Second, None),  // "30 secs ago"
    uw("minute", Lang::En, Unit::Minute, None), // "a minute ago"
    uw("minutes", Lang::En, Unit::Minute, None), // "5 minutes ago"
    uw("min", Lang::En, Unit::Minute, None),   // "5 min ago"
    uw("mins", Lang::En, Unit::Minute, None),  // "5 mins ago"
    uw("hour", Lang::En, Unit::Hour, None),    // "an hour ago"
    uw("hours", Lang::En, Unit::Hour, None),   // "3 hours ago" (the issue)
    uw("hr", Lang::En, Unit::Hour, None),      // "3 hr ago"
    uw("hrs", Lang::En, Unit::Hour, None),     // "3 hrs ago"
    uw("day", Lang::En, Unit::Day, None),      // "a day ago"
    uw("days", Lang::En, Unit::Day, None),     // "2 days ago" (the issue)
    uw("week", Lang::En, Unit::Week, None),    // "a week ago"
    uw("weeks", Lang::En, Unit::Week, None),   // "2 weeks ago"
    uw("month", Lang::En, Unit::Month, None),  // "a month ago"
    uw("months", Lang::En, Unit::Month, None), // "3 months ago"
    uw("year", Lang::En, Unit::Year, None),    // "a year ago"
    uw("years", Lang::En, Unit::Year, None),   // "2 years ago"
];

/// Words that stand for the count 1 before an English unit ("an hour ago").
pub const ONE: &[&str] = &[
    "a",   // "a day ago"
    "an",  // "an hour ago"
    "one", // "one hour ago"
];

/// Words (or word sequences, space-separated) that close a relative date: "... ago".
pub const AGO: &[(&str, Lang)] = &[
    ("yang lalu", Lang::Id), // "2 jam yang lalu" (the issue)
    ("yg lalu", Lang::Id),   // the common abbreviation of "yang" in "2 jam yg lalu"
    ("lalu", Lang::Id),      // "5 menit lalu" (the issue)
    ("silam", Lang::Id),     // "setahun silam"
    ("ago", Lang::En),       // "3 hours ago" (the issue)
];

/// A word (or space-separated word sequence) that names a day relative to the retrieval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelativeDay {
    /// The spelling, lowercase.
    pub words: &'static str,
    /// The language it belongs to.
    pub lang: Lang,
    /// Days before the retrieval date: 0 is the same day.
    pub days_back: u32,
}

const fn rd(words: &'static str, lang: Lang, days_back: u32) -> RelativeDay {
    RelativeDay { words, lang, days_back }
}

/// Relative day words. The longest sequences come first so that "kemarin lusa" is not read
/// as "kemarin" followed by junk.
pub const RELATIVE_DAYS: &[RelativeDay] = &[
    rd("kemarin lusa", Lang::Id, 2), // "the day before yesterday"
    rd("kemarin", Lang::Id, 1),      // "kemarin" (the issue)
    rd("hari ini", Lang::Id, 0),     // "hari ini, 14:32 WIB"
    rd("yesterday", Lang::En, 1),    // "yesterday" (the issue)
    rd("today", Lang::En, 0),        // "today at 3:04 p.m."
];

/// Words that mean "at the retrieval time itself".
pub const JUST_NOW: &[(&str, Lang)] = &[
    ("baru saja", Lang::Id), // "baru saja" on live blogs
    ("just now", Lang::En),  // "just now"
];

/// Words that may stand between a date and its time ("9 Desember 2016 pukul 14.32 WIB").
pub const TIME_INTRO: &[&str] = &[
    "pukul", // "pukul 14.32 WIB" (the issue)
    "pkl",   // the abbreviation of "pukul": "pkl. 14.32 WIB"
    "jam",   // "jam 14.32"
    "at",    // "December 9, 2016 at 3:04 p.m."
];

/// Compares a token with a lowercase table word: ASCII case ignored, the apostrophes `'`, `’`
/// and `ʼ` equal.
pub fn same_word(token: &str, table: &str) -> bool {
    if token.len() == table.len() && token.is_ascii() {
        return token.eq_ignore_ascii_case(table);
    }
    let mut a = token.chars().map(fold);
    let mut b = table.chars();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => {}
            _ => return false,
        }
    }
}

fn fold(c: char) -> char {
    match c {
        '’' | 'ʼ' | '`' => '\'',
        c => c.to_ascii_lowercase(),
    }
}

/// The month a word names, in either language.
pub fn month(word: &str) -> Option<&'static MonthWord> {
    if word.len() < 3 || word.len() > 9 {
        return None;
    }
    MONTHS.iter().find(|m| same_word(word, m.word))
}

/// The weekday a word names, in either language.
pub fn day(word: &str) -> Option<&'static DayWord> {
    if word.len() < 3 || word.len() > 11 {
        return None;
    }
    DAYS.iter().find(|d| same_word(word, d.word))
}

/// The offset a zone word stands for.
pub fn zone(word: &str) -> Option<&'static ZoneWord> {
    if word.is_empty() || word.len() > 4 {
        return None;
    }
    ZONES.iter().find(|z| same_word(word, z.word))
}

/// The unit a word names.
pub fn unit(word: &str) -> Option<&'static UnitWord> {
    UNITS.iter().find(|u| same_word(word, u.word))
}

/// Whether a word is one of [`TIME_INTRO`].
pub fn is_time_intro(word: &str) -> bool {
    TIME_INTRO.iter().any(|w| same_word(word, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_shared_by_both_languages_names_the_same_month() {
        for a in MONTHS {
            for b in MONTHS {
                if a.word == b.word {
                    assert_eq!(a.month, b.month, "`{}`", a.word);
                }
            }
        }
    }

    #[test]
    fn words_are_lowercase_and_unique_per_language() {
        let mut seen = std::collections::HashSet::new();
        for m in MONTHS {
            assert_eq!(m.word, m.word.to_lowercase());
            assert!(seen.insert((m.word, m.lang)), "`{}` twice", m.word);
        }
        for d in DAYS {
            assert_eq!(d.word, d.word.to_lowercase());
            assert!(month(d.word).is_none(), "`{}` is a day and a month", d.word);
        }
        for z in ZONES {
            assert_eq!(z.word, z.word.to_lowercase());
            assert!(month(z.word).is_none() && day(z.word).is_none());
        }
    }

    #[test]
    fn lookups() {
        let cases: &[(&str, Option<u32>)] = &[
            ("Desember", Some(12)),
            ("DES", Some(12)),
            ("Mei", Some(5)),
            ("May", Some(5)),
            ("mar", Some(3)),
            ("Agt", Some(8)),
            ("Nop", Some(11)),
            ("Mai", None),  // German, not ours
            ("Marz", None), // no fuzzy matching
            ("are", None),  // "15 are" in the user's example
            ("jam", None),  // "24 jam" in the user's example
        ];
        for (word, want) in cases {
            assert_eq!(month(word).map(|m| m.month), *want, "`{word}`");
        }
        assert_eq!(day("Jum’at").map(|d| d.day), Some(Weekday::Fri));
        assert_eq!(day("JUMAT").map(|d| d.lang), Some(Lang::Id));
        assert_eq!(day("Thurs").map(|d| d.day), Some(Weekday::Thu));
        assert_eq!(zone("WITA").map(|z| z.offset), Some(8 * H));
        assert_eq!(zone("IST").map(|z| z.offset), Some(19800));
        assert_eq!(day_name(Weekday::Fri, Lang::Id), "Jumat");
        assert_eq!(day_name(Weekday::Thu, Lang::En), "Thursday");
    }
}
