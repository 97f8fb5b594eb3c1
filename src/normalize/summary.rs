//! Summaries: the lead, whole when it fits, else cut where a reader would cut it.
//!
//! White space is collapsed to single spaces first. A text of at most `max_chars` characters (not
//! bytes) is returned whole, without "…". A longer one is cut and ends with "…", which counts
//! toward `max_chars`:
//!
//! | cut | result | why |
//! |---|---|---|
//! | at the last sentence end that fits, if it keeps at least [`SENTENCE_SHARE`] of the room | `Kalimat satu. Kalimat dua. …` | a whole sentence reads best; the space keeps "." and "…" apart |
//! | else at the last word end that fits | `Kalimat satu yang panjang…` | never mid-word; a comma, colon or dash left before the cut is dropped |
//! | else (the first word alone is too long) | `…` | nothing whole fits |
//!
//! A sentence ends after `.`, `!`, `?` or `…` (and any closing quote or bracket: `."`, `.”`,
//! `.)`) when the next word does not open in lowercase. Not sentence ends:
//!
//! | case | example | why |
//! |---|---|---|
//! | numbers | `8.500`, `2,5`, `Rp 1.000.000` | the period is inside a word, and only spaces are cut points |
//! | abbreviations of [`ABBREVIATIONS`] | `Jl. Sudirman`, `dr. Budi`, `No. 5`, `dll. dan`, `Mr. Smith`, `St. Louis` | the next word may be capitalized |
//! | initials and dotted abbreviations | `J. Smith`, `U.S. Army`, `a.n. Budi` | one letter before each period |
//! | a lowercase next word | `… 3 km. dari …` | Indonesian sentences open with a capital |

/// Least share of the room a sentence cut must keep, else the cut is at a word end: a 30-character
/// first sentence should not become the whole summary when 280 characters are allowed.
pub const SENTENCE_SHARE: f64 = 0.5;

/// Words that end with a period without ending a sentence, lowercase, without the period.
#[rustfmt::skip]
pub const ABBREVIATIONS: &[&str] = &[
    // Indonesian.
    "jl", "jln", "dr", "drs", "dra", "ir", "prof", "no", "dll", "dsb", "dst", "dkk", "tn", "ny",
    "nn", "sdr", "bpk", "yth", "h", "hj", "kh", "kec", "kel", "kab", "prov", "rp", "hlm", "tbk",
    "pt", "cv", "gg", "rt", "rw", "st", "sh", "mh", "se", "mm", "msi", "skm", "spd", "ket",
    // English.
    "mr", "mrs", "ms", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "etc", "gen", "col", "lt",
    "sgt", "capt", "rep", "sen", "gov", "rev", "fig", "approx", "dept", "est", "mt", "ft", "ave",
    // Months written short in datelines and dates.
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "agu", "sep", "sept", "oct", "okt", "nov",
    "dec", "des",
];

/// A plain-text summary of at most `max_chars` characters.
pub fn summarize(text: &str, max_chars: usize) -> String {
    let text = collapse(text);
    let total = text.chars().count();
    if total <= max_chars {
        return text;
    }
    if max_chars == 0 {
        return String::new();
    }
    // (byte offset of a space, characters before it, whether a sentence ends there)
    let mut cuts: Vec<(usize, usize, bool)> = Vec::new();
    for (chars_before, (i, c)) in text.char_indices().enumerate() {
        if chars_before > max_chars {
            break;
        }
        if c == ' ' {
            let before = text.get(..i).unwrap_or("");
            let after = text.get(i + 1..).unwrap_or("");
            cuts.push((i, chars_before, sentence_end(before, after)));
        }
    }
    // A sentence cut: "text" + " …".
    let room = max_chars.saturating_sub(2);
    let floor = (room as f64 * SENTENCE_SHARE) as usize;
    if let Some(&(at, _, _)) = cuts.iter().rev().find(|&&(_, n, s)| s && n <= room && n >= floor) {
        let mut out = text.get(..at).unwrap_or("").to_string();
        out.push_str(" …");
        return out;
    }
    // A word cut: "text" + "…".
    let room = max_chars - 1;
    for &(at, n, _) in cuts.iter().rev() {
        let prefix = text.get(..at).unwrap_or("");
        let kept = prefix
            .trim_end_matches([',', ';', ':', '-', '–', '—', '(', '[', '"', '“', '\'', '‘', '/'])
            .trim_end();
        // Dropping a trailing comma can make a longer prefix fit.
        let kept_chars = n - prefix.get(kept.len()..).map_or(0, |d| d.chars().count());
        if kept.is_empty() || kept_chars > room {
            continue;
        }
        let mut out = kept.to_string();
        out.push('…');
        return out;
    }
    "…".to_string()
}

/// The text with every run of white space made one space, trimmed.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether a sentence ends between `before` and `after` (a space separates them).
fn sentence_end(before: &str, after: &str) -> bool {
    if after.chars().next().is_none_or(char::is_lowercase) {
        return false;
    }
    let word = before.rsplit(' ').next().unwrap_or(before);
    let word = word.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»']);
    if word.ends_with(['!', '?', '…']) || word.ends_with("...") {
        return true;
    }
    let Some(stem) = word.strip_suffix('.') else { return false };
    let stem = stem.trim_start_matches(['"', '“', '‘', '\'', '(', '[', '«']);
    if stem.is_empty() {
        return false;
    }
    // Initials and dotted abbreviations: "J.", "U.S.", "a.n.".
    if stem.split('.').all(|part| part.chars().count() == 1) {
        return false;
    }
    let lower = stem.to_lowercase();
    !ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries() {
        #[rustfmt::skip]
        let cases: &[(&str, usize, &str)] = &[
            // Fits: whole, white space collapsed, no ellipsis.
            ("Kalimat pendek.", 280, "Kalimat pendek."),
            ("  Satu\n dua\t\ttiga\u{a0} empat ", 280, "Satu dua tiga empat"),
            ("Tepat dua puluh kar.", 20, "Tepat dua puluh kar."),
            ("", 10, ""),
            ("   ", 10, ""),
            // Sentence cuts.
            ("Satu dua tiga. Empat lima enam tujuh.", 20, "Satu dua tiga. …"),
            ("One two three. Four five six seven.", 20, "One two three. …"),
            ("Dia datang! Lalu pergi lagi ke sana.", 16, "Dia datang! …"),
            ("Apa kabar? Baik sekali terima kasih.", 14, "Apa kabar? …"),
            ("\"Kami setuju.\" Lalu dia pergi jauh.", 20, "\"Kami setuju.\" …"),
            ("“Kami setuju.” Lalu dia pergi jauh.", 20, "“Kami setuju.” …"),
            ("Sekitar 8.500 warga keluar. Mereka selamat semua.", 32, "Sekitar 8.500 warga keluar. …"),
            ("Naik 2,5 persen. Turun lagi kemudian.", 20, "Naik 2,5 persen. …"),
            // Abbreviations and initials are not sentence ends.
            ("Di Jl. Sudirman ada banjir besar. Warga mengungsi.", 40, "Di Jl. Sudirman ada banjir besar. …"),
            ("Kata dr. Budi hari ini. Lalu pergi.", 30, "Kata dr. Budi hari ini. …"),
            ("Rumah No. 5 terbakar habis. Warga panik.", 32, "Rumah No. 5 terbakar habis. …"),
            ("Beras, gula, dll. Semua naik harga. Warga mengeluh.", 40, "Beras, gula, dll. Semua naik harga. …"),
            ("Mr. Smith went home early. He slept.", 30, "Mr. Smith went home early. …"),
            ("The U.S. Army left the base. Troops returned.", 32, "The U.S. Army left the base. …"),
            ("St. Louis is big and old. Yes.", 28, "St. Louis is big and old. …"),
            ("Dr. Ana spoke at the forum. Then left.", 30, "Dr. Ana spoke at the forum. …"),
            ("J. Smith wrote a long book. It sold.", 30, "J. Smith wrote a long book. …"),
            // Word cuts.
            ("Satu dua tiga empat lima enam tujuh", 16, "Satu dua tiga…"),
            ("Satu, dua, tiga, empat, lima", 16, "Satu, dua, tiga…"),
            ("Pendek. Lalu kalimat kedua yang sangat panjang sekali", 40, "Pendek. Lalu kalimat kedua yang sangat…"),
            ("Kata-kata yang sangat panjang", 12, "Kata-kata…"),
            ("Mengoordinasikan", 10, "…"),
            ("Ribuan warga sipil", 1, "…"),
            ("Ribuan warga sipil", 0, ""),
            ("Warga Aleppo dievakuasi ke barat", 8, "Warga…"),
            ("Ada 3 km. dari kota ke desa itu jauh", 16, "Ada 3 km. dari…"),
            ("Harga naik (lihat tabel) pekan lalu", 20, "Harga naik (lihat…"),
        ];
        for (input, max, want) in cases {
            let got = summarize(input, *max);
            assert_eq!(got, *want, "{input:?} max {max}");
            assert!(got.chars().count() <= *max, "{input:?} too long");
        }
    }

    #[test]
    fn the_users_example() {
        let Ok(text) = std::fs::read_to_string("../shared/seeds/000_53a2c289ee57cd07.txt") else {
            return;
        };
        let lead = text.split("\n\n").nth(2).unwrap_or("");
        let lead =
            super::super::dateline::parse(lead).and_then(|d| lead.get(d.end..)).unwrap_or(lead);
        let summary = summarize(lead, 200);
        assert!(summary.starts_with("Sekitar 8.500 warga sipil"), "{summary}");
        assert!(summary.ends_with("Suriah. …"), "{summary}");
        assert!(summary.chars().count() <= 200);
    }

    /// The summary, without its ellipsis, is a prefix of the collapsed text that ends at a word
    /// end.
    fn check(text: &str, max: usize) -> Result<(), proptest::test_runner::TestCaseError> {
        let summary = summarize(text, max);
        proptest::prop_assert!(summary.chars().count() <= max);
        let collapsed = collapse(text);
        let kept = summary.strip_suffix('…').map(str::trim_end).unwrap_or(&summary);
        proptest::prop_assert!(
            collapsed.starts_with(kept),
            "{kept:?} is not a prefix of {collapsed:?}"
        );
        if kept.len() < collapsed.len() && !kept.is_empty() {
            let last = kept.chars().next_back();
            let next = collapsed.get(kept.len()..).and_then(|r| r.chars().next());
            let mid_word =
                last.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
            proptest::prop_assert!(!mid_word, "{summary:?} ends mid-word in {collapsed:?}");
            proptest::prop_assert!(summary.ends_with('…'));
        }
        if summary == collapsed {
            proptest::prop_assert!(collapsed.chars().count() <= max);
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn short_and_never_mid_word(text in "\\PC{0,300}", max in 0usize..320) {
            check(&text, max)?;
        }

        #[test]
        fn short_and_never_mid_word_on_prose(
            text in "([A-Za-z0-9\\.,\"”é]{1,12}[ \n\u{a0}]{1,2}){0,60}",
            max in 0usize..200,
        ) {
            check(&text, max)?;
        }
    }
}
