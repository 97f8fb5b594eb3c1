//! Citations: the outlets and agencies an article quotes ("seperti dilaporkan oleh Sputnik",
//! "told Reuters").
//!
//! A citation is a name right after an attribution phrase (or right before a reporting verb),
//! resolved to its canonical name through the registry ([`Outlets`]), deduplicated, in order of
//! first mention. How sure the phrase makes us that an outlet follows decides what name it may
//! take:
//!
//! | tier | phrases (both languages) | accepted name | real input |
//! |---|---|---|---|
//! | general | `menurut`, `kepada`, `mengatakan kepada`, `situs`, `laman`, `according to`, `told`, `in a statement to`, `said in an interview with`, `speaking to`, `citing`, `via`, `quoted by` | known to the registry, or a domain | "menurut Reuters", "told Reuters", "dilansir dari laman Warta7.com"; not "according to John Smith", "menurut Menteri Pertahanan", "laman resmi BMKG" |
//! | report | `seperti dilaporkan (oleh)`, `dilaporkan oleh`, `seperti dilansir (dari)`, `dilansir (dari)`, `melansir`, `(seperti) dikutip (dari)`, `mengutip`, `menurut laporan`, `laporan`, `seperti diberitakan`, `media`, `reported by`, `as reported by`, `a report by` | also a name shaped like an outlet ([`outlet_shaped`]: "Lintas24", "Harian Bangsa", "The Hill") | the user's example: "Seperti dilaporkan oleh Sputnik", "menurut laporan Al Jazeera" |
//! | descriptor | `kantor berita`, `kepada kantor berita`, `harian`, `surat kabar`, `koran`, `majalah`, `situs berita`, `stasiun televisi`, `news agency`, `newspaper`, `broadcaster`, `the daily`, `magazine` | also any capitalized name, after skipping places, nationalities and words such as "resmi", "state-run" | the user's example: "mengatakan kepada kantor berita Reuters"; "kantor berita Rusia, TASS", "surat kabar Harian Bangsa" |
//! | reporting verb after the name, in lowercase | `<name> melaporkan`, `memberitakan`, `mewartakan`, `menulis`, `reported`, `reports`, `wrote`, `said` | known to the registry, or a domain | "Reuters melaporkan", "The Guardian reported" |
//!
//! Names are read word by word after the phrase (at most the registry's longest name), the
//! longest known name first; a possessive ("Reuters'", "AP's") and the punctuation around are
//! dropped, and a clause ends the name (a comma, a period, a line break). A name that opens in
//! lowercase is taken only when the registry writes it so ("kumparan", "detikcom", "dpa").
//! Spellings the registry marks ambiguous ("RT", the neighbourhood unit) are taken only after a
//! descriptor ("kantor berita RT"). A capitalized descriptor is part of the name ("Harian
//! Bangsa", "Kantor Berita Antara").
//!
//! Not citations: people and titles ("according to John Smith", "menurut Menteri Pertahanan"),
//! institutions ("menurut Kementerian Luar Negeri", "laporan Human Rights Watch"), places and
//! nationalities ("media Rusia"), generic words ("according to officials", "kepada wartawan"),
//! numbers, weekdays and "Rp" ("biaya harian Rp 50.000"), and names in a Title Case line (a
//! heading such as "Media Bencana Gempa Angka", where every word is capitalized) unless the
//! registry knows them.
//!
//! The phrase patterns are ASCII and case-insensitive without Unicode word boundaries, which
//! keeps them on the regex crate's fast engines even when the text holds no-break spaces.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::dateline::{CONNECTORS, is_date_word, is_place, is_stopword, name_shaped};
use super::outlets::{Outlets, looks_like_domain, outlet_shaped};

/// How much an attribution phrase promises an outlet after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tier {
    /// "menurut", "according to": a person as often as an outlet.
    General,
    /// "dilaporkan oleh", "reported by": a publisher.
    Report,
    /// "kantor berita", "news agency": the next name is an outlet.
    Descriptor,
}

/// The attribution phrases, lowercase, single-spaced.
const PHRASES: &[(&str, Tier)] = &[
    // Indonesian.
    ("menurut", Tier::General),
    ("kepada", Tier::General),
    ("mengatakan kepada", Tier::General),
    ("dalam wawancara dengan", Tier::General),
    ("dalam pernyataan kepada", Tier::General),
    ("seperti dilaporkan oleh", Tier::Report),
    ("seperti dilaporkan", Tier::Report),
    ("sebagaimana dilaporkan", Tier::Report),
    ("dilaporkan oleh", Tier::Report),
    ("seperti dilansir dari", Tier::Report),
    ("seperti dilansir", Tier::Report),
    ("dilansir dari", Tier::Report),
    ("dilansir", Tier::Report),
    ("melansir", Tier::Report),
    ("seperti dikutip dari", Tier::Report),
    ("dikutip dari", Tier::Report),
    ("dikutip", Tier::Report),
    ("mengutip dari", Tier::Report),
    ("mengutip", Tier::Report),
    ("menurut laporan", Tier::Report),
    ("berdasarkan laporan", Tier::Report),
    ("laporan", Tier::Report),
    ("seperti diberitakan", Tier::Report),
    ("diberitakan", Tier::Report),
    ("seperti diwartakan", Tier::Report),
    ("diwartakan", Tier::Report),
    ("kepada kantor berita", Tier::Descriptor),
    ("kantor berita", Tier::Descriptor),
    ("harian", Tier::Descriptor),
    ("surat kabar", Tier::Descriptor),
    ("koran", Tier::Descriptor),
    ("majalah", Tier::Descriptor),
    ("media", Tier::Report),
    ("situs berita", Tier::Descriptor),
    ("portal berita", Tier::Descriptor),
    ("situs", Tier::General),
    ("laman", Tier::General),
    ("stasiun televisi", Tier::Descriptor),
    ("stasiun tv", Tier::Descriptor),
    ("televisi", Tier::Descriptor),
    // English.
    ("according to", Tier::General),
    ("told", Tier::General),
    ("in a statement to", Tier::General),
    ("said in an interview with", Tier::General),
    ("in an interview with", Tier::General),
    ("speaking to", Tier::General),
    ("speaking with", Tier::General),
    ("talking to", Tier::General),
    ("citing", Tier::General),
    ("via", Tier::General),
    ("quoted by", Tier::General),
    ("cited by", Tier::General),
    ("as reported by", Tier::Report),
    ("reported by", Tier::Report),
    ("as reported in", Tier::Report),
    ("a report by", Tier::Report),
    ("a report in", Tier::Report),
    ("a report from", Tier::Report),
    ("according to a report by", Tier::Report),
    ("according to a report in", Tier::Report),
    ("news agency", Tier::Descriptor),
    ("the news agency", Tier::Descriptor),
    ("wire service", Tier::Descriptor),
    ("newspaper", Tier::Descriptor),
    ("the daily", Tier::Descriptor),
    ("broadcaster", Tier::Descriptor),
    ("magazine", Tier::Descriptor),
    ("news outlet", Tier::Descriptor),
    ("news website", Tier::Descriptor),
];

/// Verbs that follow the outlet they cite ("Reuters melaporkan", "the BBC reported").
#[rustfmt::skip]
const AFTER_VERBS: &[&str] = &[
    "melaporkan", "memberitakan", "mewartakan", "menulis", "menyebutkan", "reported", "reports",
    "wrote", "writes", "said", "says",
];

/// Words skipped between a descriptor and its name ("kantor berita resmi Rusia, TASS").
#[rustfmt::skip]
const MODIFIERS: &[&str] = &[
    "resmi", "milik", "pemerintah", "negara", "lokal", "setempat", "internasional", "asing",
    "terkemuka", "berbasis", "ternama", "online", "daring", "pemerintahan", "asal", "the", "state",
    "state-run", "state-owned", "state-backed", "official", "local", "leading", "national",
    "independent", "online", "news", "berita",
];

/// Nationalities and regions: "media Rusia" is not an outlet called Rusia.
#[rustfmt::skip]
const NATIONALITIES: &[&str] = &[
    "russian", "american", "chinese", "japanese", "korean", "british", "french", "german", "syrian",
    "iranian", "iraqi", "israeli", "palestinian", "turkish", "egyptian", "saudi", "qatari",
    "indian", "pakistani", "australian", "malaysian", "singaporean", "filipino", "thai",
    "vietnamese", "indonesian", "ukrainian", "italian", "spanish", "dutch", "canadian", "lebanese",
    "afghan", "cuban", "venezuelan", "brazilian", "mexican", "european", "western", "arab", "as",
    "us", "u.s", "u.s.", "uk", "eropa", "europe", "barat", "asia", "timur tengah", "middle east",
    "afrika", "africa", "amerika latin", "latin america", "nasional", "daerah", "luar negeri",
];

static PHRASE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let mut phrases: Vec<&str> = PHRASES.iter().map(|(p, _)| *p).collect();
    phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let alternation: Vec<String> =
        phrases.iter().map(|p| regex::escape(p).replace(' ', r"\s+")).collect();
    Regex::new(&format!(r"(?i-u)\b(?:{})\b", alternation.join("|")))
        .expect("the phrase pattern is valid")
});

static VERB_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?-u)\b(?:{})\b", AFTER_VERBS.join("|")))
        .expect("the verb pattern is valid")
});

static TIERS: LazyLock<HashMap<&'static str, Tier>> =
    LazyLock::new(|| PHRASES.iter().copied().collect());

static SKIP: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| MODIFIERS.iter().chain(NATIONALITIES.iter()).copied().collect());

/// The outlets and agencies a text cites, canonical names, in order of first mention.
pub fn find(text: &str, outlets: &Outlets) -> Vec<String> {
    let mut found: Vec<Hit> = Vec::new();
    // A phrase inside a name already read ("surat kabar Harian Bangsa") starts nothing new.
    let mut covered = 0;
    for m in PHRASE_RE.find_iter(text) {
        if m.start() < covered {
            continue;
        }
        let phrase = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        let Some(&tier) = TIERS.get(phrase.as_str()) else { continue };
        if let Some(hit) = after_phrase(text, m.start(), m.end(), tier, outlets) {
            covered = hit.end;
            found.push(hit);
        }
    }
    for m in VERB_RE.find_iter(text) {
        if let Some(hit) = before_verb(text, m.start(), outlets) {
            found.push(hit);
        }
    }
    found.sort_by_key(|h| h.at);
    let mut seen: HashSet<String> = HashSet::new();
    found.into_iter().filter(|h| seen.insert(h.name.to_lowercase())).map(|h| h.name).collect()
}

/// A cited name: where it is written in the text and its canonical name.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Hit {
    at: usize,
    end: usize,
    name: String,
}

/// A word of the text: its bare form, where that starts, and whether a clause ends after it.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    bare: &'a str,
    at: usize,
    closes: bool,
}

impl Word<'_> {
    fn end(&self) -> usize {
        self.at + self.bare.len()
    }

    fn opens_upper(&self) -> bool {
        self.bare.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    }
}

/// Up to `limit` words from `from`, stopping after a word that closes a clause.
fn words_after(text: &str, from: usize, limit: usize) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let rest = text.get(from..).unwrap_or("");
    let mut offset = from;
    for raw in rest.split_inclusive(char::is_whitespace) {
        let at = offset;
        offset += raw.len();
        let token = raw.trim_end();
        if token.is_empty() {
            if raw.contains('\n') && !out.is_empty() {
                break;
            }
            continue;
        }
        let inner = token.trim_start_matches(['(', '"', '“', '‘', '\'', '[', '*', '_']);
        let lead = token.len() - inner.len();
        let trimmed = inner.trim_end_matches([
            ',', '.', ';', ':', '!', '?', ')', ']', '"', '”', '’', '\'', '*', '_',
        ]);
        let bare = strip_possessive(trimmed);
        let possessive = inner.ends_with("'s") || inner.ends_with("’s");
        let closes = (trimmed.len() != inner.len() && !possessive) || raw.contains('\n');
        if bare.is_empty() {
            break;
        }
        out.push(Word { bare, at: at + lead, closes });
        if closes || out.len() >= limit {
            break;
        }
    }
    out
}

/// "AP's" → "AP", "Reuters'" → "Reuters".
fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix('\'').filter(|w| w.ends_with('s')))
        .or_else(|| word.strip_suffix('’').filter(|w| w.ends_with('s')))
        .unwrap_or(word)
}

/// The registry name that the words open with, longest first: (canonical name, words used).
fn known<'o>(
    words: &[Word<'_>],
    text: &str,
    outlets: &'o Outlets,
    tier: Tier,
) -> Option<(&'o str, usize)> {
    let first = words.first()?;
    let the = first.bare.eq_ignore_ascii_case("the");
    if !first.opens_upper() && !the && !outlets.opens_lowercase_spelling(first.bare) {
        return None;
    }
    let longest = words.len().min(outlets.max_words().max(1));
    for n in (1..=longest).rev() {
        let (Some(last), Some(inside)) = (words.get(n - 1), words.get(..n - 1)) else { continue };
        if inside.iter().any(|w| w.closes) {
            continue;
        }
        let Some(span) = text.get(first.at..last.end()) else { continue };
        let Some(outlet) = outlets.resolve(span) else { continue };
        if Outlets::ambiguous(span) && tier != Tier::Descriptor {
            continue;
        }
        let lowercase = !first.opens_upper() && !the;
        let written_so = outlet.name == span || outlet.aliases.iter().any(|a| a == span);
        if lowercase && !written_so {
            continue;
        }
        return Some((outlet.name.as_str(), n));
    }
    None
}

/// How many words open a capitalized name (connectors allowed inside, at most four): 0 when
/// the first word is lowercase or a title ("Presiden").
fn capitalized(words: &[Word<'_>]) -> usize {
    let mut n = 0;
    for (i, w) in words.iter().enumerate().take(4) {
        let connector = i > 0 && CONNECTORS.contains(&w.bare.to_lowercase().as_str());
        let lettered = w.bare.chars().any(char::is_alphabetic);
        if !(name_shaped(w.bare) && lettered || connector) || (i == 0 && is_stopword(w.bare)) {
            break;
        }
        n = i + 1;
        if w.closes {
            break;
        }
    }
    // A connector cannot end a name ("Times of").
    while n > 0 && words.get(n - 1).is_some_and(|w| !w.opens_upper()) {
        n -= 1;
    }
    n
}

/// How many words at the front are a place, a nationality or a modifier ("Korea Utara",
/// "resmi"), longest first.
fn skippable(words: &[Word<'_>], text: &str) -> usize {
    for n in (1..=words.len().min(3)).rev() {
        let (Some(first), Some(last), Some(inside)) =
            (words.first(), words.get(n - 1), words.get(..n - 1))
        else {
            continue;
        };
        if inside.iter().any(|w| w.closes) {
            continue;
        }
        let Some(span) = text.get(first.at..last.end()) else { continue };
        if is_place(span) || SKIP.contains(span.to_lowercase().as_str()) {
            return n;
        }
    }
    0
}

/// The citation after a phrase that spans `start..end`, if any.
fn after_phrase(
    text: &str,
    start: usize,
    end: usize,
    tier: Tier,
    outlets: &Outlets,
) -> Option<Hit> {
    let reach = outlets.max_words().max(4) + 4;
    let capital_descriptor =
        tier == Tier::Descriptor && text.get(start..end)?.starts_with(char::is_uppercase);
    if capital_descriptor {
        // "Kantor Berita Antara", "Harian Kompas": the descriptor is part of the name.
        let words = words_after(text, start, reach);
        if let Some((name, n)) = known(&words, text, outlets, tier) {
            return Some(Hit { at: start, end: words.get(n - 1)?.end(), name: name.to_string() });
        }
    }
    let mut words = words_after(text, end, reach);
    if tier == Tier::Descriptor {
        // Skip modifiers and places: "kantor berita resmi Korea Utara, KCNA".
        let mut skipped = 0;
        while skipped < 4 {
            let n = skippable(&words, text);
            let Some(last) = words.get(n.max(1) - 1) else { break };
            if n == 0 {
                break;
            }
            skipped += 1;
            if last.closes {
                // "Rusia, TASS": read on past the comma, not past a period.
                if !text.get(last.end()..).is_some_and(|r| r.starts_with(',')) {
                    break;
                }
                words = words_after(text, last.end() + 1, reach);
            } else {
                words.drain(..n);
            }
        }
    }
    let first = *words.first()?;
    if let Some((name, n)) = known(&words, text, outlets, tier) {
        return Some(Hit { at: first.at, end: words.get(n - 1)?.end(), name: name.to_string() });
    }
    if looks_like_domain(first.bare) {
        return Some(Hit { at: first.at, end: first.end(), name: first.bare.to_string() });
    }
    if tier == Tier::General {
        return None;
    }
    // "the newspaper the Sun": a lowercase article is not part of the name; "The Hill" is.
    if first.bare == "the" {
        words.remove(0);
    }
    let n = capitalized(&words);
    let (Some(head), Some(last)) = (words.first(), words.get(n.max(1) - 1)) else { return None };
    if n == 0 || title_like(text, start) {
        return None;
    }
    let name = text.get(head.at..last.end())?;
    // Places, nationalities, weekdays ("harian Senin"), and one- or two-letter words ("Rp").
    let short = n == 1 && name.chars().filter(|c| c.is_alphabetic()).count() <= 2;
    if is_place(name)
        || SKIP.contains(name.to_lowercase().as_str())
        || is_date_word(head.bare)
        || short
    {
        return None;
    }
    match tier {
        Tier::Report if outlet_shaped(name) => {
            Some(Hit { at: head.at, end: last.end(), name: name.to_string() })
        }
        Tier::Descriptor if capital_descriptor => {
            // "Harian Bangsa", "Kantor Berita Nusa": the descriptor opens the name.
            let full = text.get(start..last.end())?;
            Some(Hit {
                at: start,
                end: last.end(),
                name: full.split_whitespace().collect::<Vec<_>>().join(" "),
            })
        }
        Tier::Descriptor => Some(Hit { at: head.at, end: last.end(), name: name.to_string() }),
        _ => None,
    }
}

/// Whether the line around `at` is written in Title Case (a heading, "Media Bencana Gempa
/// Angka"): there every word is capitalized, so capitals say nothing about names.
fn title_like(text: &str, at: usize) -> bool {
    let from = text.get(..at).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
    let to = text.get(at..).and_then(|t| t.find('\n')).map_or(text.len(), |i| at + i);
    let line = text.get(from..to).unwrap_or("");
    let (mut words, mut capitals) = (0usize, 0usize);
    for word in line.split_whitespace().take(40) {
        if let Some(c) = word.chars().find(|c| c.is_alphabetic()) {
            words += 1;
            capitals += usize::from(c.is_uppercase());
        }
    }
    words >= 3 && capitals * 10 >= words * 7
}

/// The registry name (or a domain) that ends right before a reporting verb.
fn before_verb(text: &str, verb_start: usize, outlets: &Outlets) -> Option<Hit> {
    let before = text.get(..verb_start)?;
    let trimmed = before.trim_end();
    if trimmed.len() == before.len()
        || trimmed.ends_with([',', '.', ';', ':', '"', '”', ')', '!', '?'])
        || before.get(trimmed.len()..).is_some_and(|gap| gap.contains('\n'))
    {
        return None;
    }
    // The starts of the last words, within a short window.
    let mut from = trimmed.len().saturating_sub(100);
    while !trimmed.is_char_boundary(from) {
        from -= 1;
    }
    let window = trimmed.get(from..)?;
    let mut starts: Vec<usize> = Vec::new();
    let mut prev_space = from == 0;
    for (i, c) in window.char_indices() {
        if c.is_whitespace() {
            prev_space = true;
        } else if prev_space {
            starts.push(from + i);
            prev_space = false;
        }
    }
    let keep = starts.len().saturating_sub(outlets.max_words().max(1));
    for &s in starts.get(keep..)? {
        let span = trimmed.get(s..)?;
        // A clause inside the span ("Reuters. Polisi") breaks it.
        let inner_words: Vec<&str> = span.split_whitespace().collect();
        let (_, inside) = inner_words.split_last()?;
        if inside.iter().any(|w| w.ends_with([',', '.', ';', ':', '"', '”', ')'])) {
            continue;
        }
        let bare = strip_possessive(span.trim_start_matches(['(', '"', '“', '‘', '\'']));
        let at = trimmed.len() - span.trim_start_matches(['(', '"', '“', '‘', '\'']).len();
        let first_upper =
            bare.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if let Some(o) = outlets.resolve(bare) {
            let the = bare.get(..4).is_some_and(|t| t.eq_ignore_ascii_case("the "));
            let written_so = o.name == bare || o.aliases.iter().any(|a| a == bare);
            if (first_upper || written_so || the) && !Outlets::ambiguous(bare) {
                return Some(Hit { at, end: trimmed.len(), name: o.name.clone() });
            }
        } else if !bare.contains(char::is_whitespace) && looks_like_domain(bare) {
            return Some(Hit { at, end: trimmed.len(), name: bare.to_string() });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations() {
        #[rustfmt::skip]
        let cases: &[(&str, &[&str])] = &[
            // Indonesian attribution phrases.
            ("Seperti dilaporkan oleh Sputnik, warga telah pergi.", &["Sputnik"]),
            ("Sedangkan menurut laporan Al Jazeera, Presiden berkata.", &["Al Jazeera"]),
            ("mengatakan kepada kantor berita Reuters, \"Rusia ingin\"", &["Reuters"]),
            ("Seperti dilansir dari BBC, harga naik.", &["BBC"]),
            ("Dilansir Xinhua, gempa terjadi pagi ini.", &["Xinhua"]),
            ("Dikutip dari Kompas.com, polisi menangkap dua orang.", &["KOMPAS.com"]),
            ("Mengutip Bloomberg, saham turun.", &["Bloomberg"]),
            ("Menurut CNN Indonesia, acara itu batal.", &["CNN Indonesia"]),
            ("Menurut CNN, acara itu batal.", &["CNN"]),
            ("Ia mengatakan kepada Tempo bahwa dia setuju.", &["TEMPO.CO"]),
            ("Seperti diberitakan Warta7.com, banjir melanda.", &["Warta7.com"]),
            ("Dilansir dari Lintas24, warga mengungsi.", &["Lintas24"]),
            ("kata dia seperti dikutip kumparan, Senin.", &["kumparan"]),
            ("kantor berita Rusia, TASS, melaporkan", &["TASS"]),
            ("kantor berita resmi Korea Utara KCNA menyebut", &["KCNA"]),
            ("surat kabar Harian Bangsa menulis", &["Harian Bangsa"]),
            ("menurut Kantor Berita Antara", &["ANTARA"]),
            ("Harian Kompas melaporkan bahwa", &["KOMPAS.com"]),
            ("Reuters melaporkan bahwa dua orang tewas.", &["Reuters"]),
            // English attribution phrases.
            ("\"We will stay,\" he told Reuters on Friday.", &["Reuters"]),
            ("According to the Associated Press, the vote failed.", &["Associated Press"]),
            ("according to AFP and", &["AFP"]),
            ("as reported by The New York Times, officials left.", &["The New York Times"]),
            ("the official said in an interview with the BBC.", &["BBC"]),
            ("He said in a statement to CNN that he resigned.", &["CNN"]),
            ("the Russian news agency TASS reported", &["TASS"]),
            ("state broadcaster NHK said", &["NHK"]),
            ("The Guardian reported that the bill passed.", &["The Guardian"]),
            ("according to Reuters' tally, 20 died.", &["Reuters"]),
            ("citing AP's sources", &["Associated Press"]),
            ("the newspaper Asahi Shimbun wrote", &["Asahi Shimbun"]),
            // Several, deduplicated, in order of first mention.
            ("Menurut Reuters dan dilansir AFP, lalu menurut Reuters lagi.", &["Reuters", "AFP"]),
            ("told Reuters. Later, according to Al Jazeera and as reported by Reuters.", &["Reuters", "Al Jazeera"]),
            ("Dilansir Antara, lalu dikutip dari ANTARA News.", &["ANTARA"]),
            // Not citations: people, titles, institutions, places, generic words.
            ("according to John Smith, the plan failed.", &[]),
            ("Menurut Menteri Pertahanan Rusia, ada 8.461 penduduk.", &[]),
            ("menurut Kementerian Luar Negeri, warga aman.", &[]),
            ("kata dia kepada wartawan di Jakarta.", &[]),
            ("according to officials, the road closed.", &[]),
            ("Media Rusia melaporkan serangan.", &[]),
            ("media sosial ramai membahas.", &[]),
            ("menurut warga setempat, air naik.", &[]),
            ("Ketua RT setempat, kepada RT lain.", &[]),
            ("Laporan: Budi Santoso", &[]),
            ("Reporting by Ana Silva", &[]),
            ("menurut suara warga", &[]),
            ("mengutip Presiden Jokowi, dia berkata", &[]),
            ("told reporters in Jakarta", &[]),
            ("media Jakarta melaporkan", &[]),
            ("Pemerintah melaporkan kenaikan.", &[]),
            ("Sebanyak 2.900 orang menurut media 16.481 warga.", &[]),
            ("biaya harian Rp 50.000 per orang", &[]),
            ("rata-rata harian Senin lalu", &[]),
            ("dilansir dari laman resmi BMKG, gempa terjadi", &[]),
            ("dilansir dari laman Warta7.com, banjir", &["Warta7.com"]),
            ("situs resmi Kementerian Kesehatan", &[]),
            ("menurut data Badan Pusat Statistik", &[]),
            ("laporan keuangan PT Garuda", &[]),
            ("menurut laporan Human Rights Watch", &[]),
            ("media lokal Jawa Pos melaporkan", &["Jawa Pos"]),
            ("Time magazine reported", &["Time"]),
            ("mengutip The Hill, senat menolak", &["The Hill"]),
            ("Media Bencana Gempa Angka", &[]),
            ("Media Reuters Melaporkan Gempa", &["Reuters"]),
            ("", &[]),
        ];
        let outlets = Outlets::builtin();
        for (text, want) in cases {
            assert_eq!(find(text, &outlets), want.to_vec(), "{text:?}");
        }
    }

    #[test]
    fn the_users_example() {
        let Ok(text) = std::fs::read_to_string("../shared/seeds/000_53a2c289ee57cd07.txt") else {
            return;
        };
        let found = find(&text, &Outlets::builtin());
        for want in ["Sputnik", "Al Jazeera", "Reuters"] {
            assert!(found.iter().any(|f| f == want), "{want} missing from {found:?}");
        }
        assert_eq!(found, ["Sputnik", "Al Jazeera", "Reuters"]);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,200}") {
            let _ = find(&s, &Outlets::builtin());
        }

        #[test]
        fn never_panics_near_phrases(
            a in "\\PC{0,20}",
            p in "(menurut|told|kantor berita|dilansir dari|the news agency|reported) ",
            b in "[A-Za-z0-9.,'’ \u{a0}\n]{0,40}",
        ) {
            let text = format!("{a}{p}{b}");
            let _ = find(&text, &Outlets::builtin());
        }
    }
}
