//! Photo captions and credits.
//!
//! News pages put the lead photo's caption and credit before the text, and the credit must go to
//! [`crate::model::Article::credits`], not into the summary. A photo block is a caption (the
//! lines before the marker), a marker line, and the credits (after the marker on the same line,
//! or one per bullet line under it). Accepted forms:
//!
//! | form | example | real input it comes from |
//! |---|---|---|
//! | caption, `Sumber :`, bullets | `Seorang pria ….\nSumber :\n  • REUTERS/Hosam Katan` | the user's example (viva.co.id) |
//! | caption, `Source :`, bullets | `A man ….\nSource :\n  • NUSA FOTO/Agus` | gen-corpus English txt |
//! | caption, `Foto: CREDIT` | `Warga mengungsi.\nFoto: ANTARA/Puspa Perwitasari` | gen-corpus txt, antaranews.com |
//! | caption, `Photo: CREDIT` | `Residents flee.\nPhoto: Wire Photo/Ana Silva` | gen-corpus English txt |
//! | `Foto: CREDIT` alone | `Foto: NUSA FOTO/Agus Pratama` | Markdown bodies (the image alt is the caption) |
//! | `*Foto: CREDIT*` (emphasis kept) | `*Photo: KBN FOTO/Budi*` | Markdown source when the caller keeps the markup |
//! | bullets `•`, `-`, `*`, `·`, `▪` | `- Dok. Humas Pemprov Bali` | hand-made dumps |
//! | `Foto :` / `Sumber:` / `Kredit foto:` / `Photo credit:` / `Credit:` / `Image:` / `Gambar:` | `Kredit foto: Istimewa` | Indonesian and English news sites |
//! | `Keterangan foto: CAPTION` then a credit | `Keterangan foto: Presiden …\nFoto: Setpres` | detik.com, kompas.com captions |
//! | caption ending in `(Foto: CREDIT)` or `(ANTARA FOTO/…)` | `Warga antre. (ANTARA FOTO/Budi)` | antaranews.com captions |
//!
//! Refused, so that a paragraph is never mistaken for a photo: a marker that is not at the start
//! of a line or has no colon ("Sumber di kepolisian …", "Foto-foto yang beredar …"); a credit longer
//! than [`MAX_CREDIT_WORDS`] words or [`MAX_CREDIT_CHARS`] characters, or with four or more
//! lowercase words (a sentence, "Sumber: pemerintah mengatakan bahwa …"); a line after the credits
//! that is neither a bullet nor a credit; a `Sumber :`/`Source :` line on its own, with neither
//! caption nor bullets (that is the article's source, not a photo credit); a caption of more than
//! [`MAX_CAPTION_LINES`] lines or [`MAX_CAPTION_CHARS`] characters; a caption that opens with a
//! dateline (that is the lead, with a credit line under it).
//!
//! Inline credits ([`strip_inline`]): `(Foto: X)`, `(Photo: X)`, `[Foto: X]`, `(Sumber foto: X)`,
//! `(Foto/X)` when X opens with a capital (not "(foto/video)"), `(ANTARA FOTO/X)`, and a closing
//! `Foto: X` after the last sentence when X opens with a capital or holds a `/`. Not taken:
//! `(Sumber: X)` and `(Dok. X)`, which cite documents and data more often than photos.

use std::sync::LazyLock;

use regex::Regex;

/// A photo's caption and credits, read from a block of lines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Photo {
    /// The caption lines before the credit marker, joined with spaces.
    pub caption: Option<String>,
    /// The credits, one per bullet line or after the marker.
    pub credits: Vec<String>,
}

/// The longest credit, in words ("Dok. Humas Pemerintah Provinsi Kalimantan Timur" has 6).
pub const MAX_CREDIT_WORDS: usize = 12;
/// The longest credit, in characters.
pub const MAX_CREDIT_CHARS: usize = 120;
/// The most caption lines before a marker.
pub const MAX_CAPTION_LINES: usize = 5;
/// The longest caption, in characters.
pub const MAX_CAPTION_CHARS: usize = 600;

/// A marker line: `Sumber :`, `Foto: X`, `Keterangan foto: X` …; group 1 the marker, 2 the rest.
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(keterangan\s+foto|keterangan\s+gambar|caption|sumber\s+foto|sumber\s+gambar|kredit\s+foto|photo\s+credit|image\s+credit|foto\s+oleh|photo\s+by|sumber|source|foto|photo|gambar|image|credit)\s*:\s*(.*)$",
    )
    .expect("the marker pattern is valid")
});

/// An inline credit: `(Foto: X)`, `[Photo: X]`, `(Foto/X)`, `(ANTARA FOTO/X)`.
static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[ \t\u{a0}]*[(\[]\s*(?:(?:foto|photo|sumber\s+foto|sumber\s+gambar|kredit\s+foto|photo\s+credit|image|gambar)\s*(?:(:)|/)\s*([^()\[\]\n]{1,120}?)|((?-i:[A-Z][A-Za-z]*\s+)?(?-i:FOTO|PHOTO)/[^()\[\]\n]{1,120}?))\s*[)\]]",
    )
    .expect("the inline credit pattern is valid")
});

/// A closing `Foto: X` after the last sentence of a paragraph (or as the whole paragraph).
static TRAILING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(^|[.!?\u{201d}\u{22}]\s+)(foto|photo)\s*:\s*([^\n]{1,120})$")
        .expect("the trailing credit pattern is valid")
});

/// What a marker introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    /// `Keterangan foto:`, `Caption:`: the caption.
    Caption,
    /// `Sumber :`, `Source :`: a credit, but only with a caption or bullets.
    Source,
    /// `Foto:`, `Photo:`, `Kredit foto:` …: a credit.
    Credit,
}

fn marker(line: &str) -> Option<(Marker, &str)> {
    let caps = MARKER.captures(line)?;
    let word = caps.get(1)?.as_str().to_lowercase();
    let rest = caps.get(2).map_or("", |m| m.as_str()).trim();
    let kind = if word.starts_with("keterangan") || word == "caption" {
        Marker::Caption
    } else if word == "sumber" || word == "source" {
        Marker::Source
    } else {
        Marker::Credit
    };
    Some((kind, rest))
}

/// The text of a bullet line ("  • REUTERS/Hosam Katan" → "REUTERS/Hosam Katan").
fn bullet(line: &str) -> Option<&str> {
    let mut chars = line.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    match first {
        '•' | '·' | '▪' | '◦' | '‣' | '○' | '●' => Some(rest.trim()),
        '-' | '*' | '–' if rest.starts_with(char::is_whitespace) => Some(rest.trim()),
        _ => None,
    }
    .filter(|t| !t.is_empty())
}

/// A line without surrounding Markdown emphasis and white space ("*Foto: X*" → "Foto: X").
fn unwrap_line(line: &str) -> &str {
    let t = line.trim();
    for mark in ["**", "__", "*", "_"] {
        if let Some(inner) = t.strip_prefix(mark).and_then(|s| s.strip_suffix(mark))
            && !inner.is_empty()
        {
            return inner.trim();
        }
    }
    t
}

/// Whether a text can be a credit: short, and not a sentence.
fn credit_shaped(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let lowercase = words
        .iter()
        .filter(|w| {
            w.chars().next().is_some_and(char::is_lowercase)
                && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        })
        .count();
    !words.is_empty()
        && words.len() <= MAX_CREDIT_WORDS
        && text.chars().count() <= MAX_CREDIT_CHARS
        && lowercase < 4
        && !text.ends_with([':', ',', ';', '?'])
}

/// Reads a block (lines separated by `\n`) that holds a photo caption and credit, if it is one.
pub fn photo_block(block: &str) -> Option<Photo> {
    let lines: Vec<&str> = block.split('\n').map(unwrap_line).filter(|l| !l.is_empty()).collect();
    let Some(first_marker) = lines.iter().position(|l| marker(l).is_some()) else {
        return inline_caption(&lines);
    };
    let (caption_lines, rest) = lines.split_at(first_marker);
    if caption_lines.len() > MAX_CAPTION_LINES || caption_lines.iter().any(|l| bullet(l).is_some())
    {
        return None;
    }
    let mut caption = join(caption_lines);
    let mut credits: Vec<String> = Vec::new();
    let mut bullets = 0;
    let mut saw_source = false;
    let mut expecting = false; // a marker with nothing after it: credits follow on their own lines
    for line in rest {
        if let Some((kind, value)) = marker(line) {
            match kind {
                Marker::Caption => {
                    let (text, inline) = strip_inline(value);
                    if !text.is_empty() {
                        caption = Some(text);
                    }
                    credits.extend(inline);
                    expecting = false;
                }
                Marker::Source | Marker::Credit => {
                    saw_source |= kind == Marker::Source;
                    if value.is_empty() {
                        expecting = true;
                    } else {
                        let value = value.trim_matches(|c| c == '(' || c == ')').trim();
                        if !credit_shaped(value) {
                            return None;
                        }
                        credits.push(value.to_string());
                        expecting = false;
                    }
                }
            }
        } else if let Some(text) = bullet(line) {
            if !credit_shaped(text) {
                return None;
            }
            credits.push(text.to_string());
            bullets += 1;
            expecting = false;
        } else if expecting && credit_shaped(line) {
            credits.push((*line).to_string());
            expecting = false;
        } else {
            return None;
        }
    }
    if caption.as_ref().is_some_and(|c| {
        c.chars().count() > MAX_CAPTION_CHARS || super::dateline::parse(c).is_some()
    }) {
        return None;
    }
    if saw_source && caption.is_none() && bullets == 0 {
        return None;
    }
    if credits.is_empty() && caption.is_none() {
        return None;
    }
    Some(Photo { caption, credits })
}

/// A one-paragraph caption that ends with its inline credit: "Warga antre. (ANTARA FOTO/Budi)".
fn inline_caption(lines: &[&str]) -> Option<Photo> {
    let text = join(lines)?;
    if text.chars().count() > MAX_CAPTION_CHARS || super::dateline::parse(&text).is_some() {
        return None;
    }
    let m = INLINE.find_iter(&text).last()?;
    if !text.get(m.end()..)?.trim().is_empty() {
        return None;
    }
    let (caption, credits) = strip_inline(&text);
    if credits.is_empty() {
        return None;
    }
    Some(Photo { caption: Some(caption).filter(|c| !c.is_empty()), credits })
}

/// Lines joined with single spaces, `None` when empty.
fn join(lines: &[&str]) -> Option<String> {
    let mut out = String::new();
    for word in lines.iter().flat_map(|l| l.split_whitespace()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    (!out.is_empty()).then_some(out)
}

/// Removes inline credits such as "(Foto: Reuters)" from a paragraph, returning them.
pub fn strip_inline(paragraph: &str) -> (String, Vec<String>) {
    let mut credits = Vec::new();
    let mut out = String::with_capacity(paragraph.len());
    let mut last = 0;
    for caps in INLINE.captures_iter(paragraph) {
        let (Some(whole), Some(credit)) = (caps.get(0), caps.get(2).or_else(|| caps.get(3))) else {
            continue;
        };
        let credit = credit.as_str().trim();
        // "(Foto/Istimewa)" is a credit, "(foto/video)" is not.
        let slash_form = caps.get(2).is_some() && caps.get(1).is_none();
        let opens = credit.chars().next().is_some_and(char::is_uppercase);
        if !credit_shaped(credit) || (slash_form && !opens) {
            continue;
        }
        out.push_str(paragraph.get(last..whole.start()).unwrap_or(""));
        credits.push(credit.to_string());
        last = whole.end();
    }
    out.push_str(paragraph.get(last..).unwrap_or(""));
    let mut text = out.trim().to_string();
    if let Some(caps) = TRAILING.captures(&text)
        && let (Some(marker), Some(value)) = (caps.get(2), caps.get(3))
    {
        let value = value.as_str().trim();
        let opens = value.chars().next().is_some_and(char::is_uppercase);
        if credit_shaped(value) && (opens || value.contains('/')) {
            credits.push(value.to_string());
            // Cutting at the marker keeps the sentence's closing punctuation.
            text = text.get(..marker.start()).unwrap_or("").trim_end().to_string();
        }
    }
    (text, credits)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (block, expected (caption, credits) or None).
    type Case = (&'static str, Option<(Option<&'static str>, &'static [&'static str])>);

    #[test]
    fn photo_blocks() {
        #[rustfmt::skip]
        let cases: &[Case] = &[
            // The user's example.
            ("Seorang pria memanggul remaja yang terluka di Aleppo.\nSumber :\n  • REUTERS/Hosam Katan", Some((Some("Seorang pria memanggul remaja yang terluka di Aleppo."), &["REUTERS/Hosam Katan"]))),
            // gen-corpus txt.
            ("Warga mengungsi.\nSumber :\n  • NUSA FOTO/Agus Pratama", Some((Some("Warga mengungsi."), &["NUSA FOTO/Agus Pratama"]))),
            ("Residents flee.\nSource :\n  • Wire Photo/Ana Silva", Some((Some("Residents flee."), &["Wire Photo/Ana Silva"]))),
            ("Warga mengungsi.\nFoto: ANTARA/Puspa Perwitasari", Some((Some("Warga mengungsi."), &["ANTARA/Puspa Perwitasari"]))),
            ("Residents flee.\nPhoto: KBN FOTO/Budi", Some((Some("Residents flee."), &["KBN FOTO/Budi"]))),
            ("Banjir.\nSumber :\n  • Dok. Humas Pemprov Bali", Some((Some("Banjir."), &["Dok. Humas Pemprov Bali"]))),
            ("Banjir.\nSumber :\n  • Istimewa", Some((Some("Banjir."), &["Istimewa"]))),
            ("Warga.\r\nSumber :\r\n  • PIXNUSA/Dewi", Some((Some("Warga."), &["PIXNUSA/Dewi"]))),
            // Markdown credit lines.
            ("Foto: NUSA FOTO/Agus Pratama", Some((None, &["NUSA FOTO/Agus Pratama"]))),
            ("Photo: Wire Photo/Ana Silva", Some((None, &["Wire Photo/Ana Silva"]))),
            ("*Foto: NUSA FOTO/Agus Pratama*", Some((None, &["NUSA FOTO/Agus Pratama"]))),
            // Other markers and bullets.
            ("Foto : Istimewa", Some((None, &["Istimewa"]))),
            ("Kredit foto: dok. pribadi", Some((None, &["dok. pribadi"]))),
            ("Caption line.\nPhoto credit: AFP", Some((Some("Caption line."), &["AFP"]))),
            ("Dua baris\nketerangan.\nSumber:\n- REUTERS/A\n- AP/B", Some((Some("Dua baris keterangan."), &["REUTERS/A", "AP/B"]))),
            ("Warga.\nSumber :\n* ANTARA/Budi", Some((Some("Warga."), &["ANTARA/Budi"]))),
            ("Warga.\nSumber :\nREUTERS/Hosam Katan", Some((Some("Warga."), &["REUTERS/Hosam Katan"]))),
            ("Warga.\nSumber: Reuters", Some((Some("Warga."), &["Reuters"]))),
            ("Keterangan foto: Presiden di Istana.\nFoto: Setpres", Some((Some("Presiden di Istana."), &["Setpres"]))),
            ("Keterangan foto: Warga antre. (Foto: ANTARA/Budi)", Some((Some("Warga antre."), &["ANTARA/Budi"]))),
            ("(Foto: Reuters)", Some((None, &["Reuters"]))),
            ("Warga antre sembako. (ANTARA FOTO/Puspa Perwitasari)", Some((Some("Warga antre sembako."), &["ANTARA FOTO/Puspa Perwitasari"]))),
            // Not photo blocks.
            ("Sumber di kepolisian mengatakan foto itu palsu.", None),
            ("Foto-foto yang beredar di media sosial menunjukkan banjir.", None),
            ("Sumber: pemerintah mengatakan bahwa harga beras akan naik lagi bulan depan.", None),
            ("Sumber: Badan Pusat Statistik mencatat inflasi naik 3 persen, tertinggi sejak 2014 menurut data terbaru BPS.", None),
            ("Sumber : Reuters", None),
            ("Sumber :", None),
            ("Warga.\nSumber :\n  • REUTERS/Hosam\nSekitar 8.500 warga sipil di Aleppo diperbolehkan meninggalkan kota.", None),
            ("Dia berkata: Foto: bukan urusan saya.", None),
            ("  • REUTERS/Hosam Katan", None),
            ("JAKARTA (Reuters) - Harga naik. (Foto: Reuters)", None),
            ("JAKARTA, KOMPAS.com - Presiden datang.\nFoto: Setpres", None),
            ("VIVA.co.id – Sekitar 8.500 warga sipil di Aleppo.", None),
            ("", None),
        ];
        for (block, want) in cases {
            let got = photo_block(block).map(|p| (p.caption, p.credits));
            let want = want.map(|(c, cr)| {
                (c.map(str::to_string), cr.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            });
            assert_eq!(got, want, "{block:?}");
        }
    }

    #[test]
    fn inline_credits() {
        #[rustfmt::skip]
        let cases: &[(&str, &str, &[&str])] = &[
            ("Presiden di Istana (Foto: Setpres).", "Presiden di Istana.", &["Setpres"]),
            ("(Foto: Reuters) Warga mengungsi.", "Warga mengungsi.", &["Reuters"]),
            ("Warga (Foto: ANTARA/Budi) mengungsi.", "Warga mengungsi.", &["ANTARA/Budi"]),
            ("Residents flee [Photo: AP/John Smith].", "Residents flee.", &["AP/John Smith"]),
            ("Warga antre. (ANTARA FOTO/Puspa Perwitasari/aww)", "Warga antre.", &["ANTARA FOTO/Puspa Perwitasari/aww"]),
            ("Warga (Foto/Istimewa) antre.", "Warga antre.", &["Istimewa"]),
            ("Warga mengungsi. Foto: ANTARA/Puspa", "Warga mengungsi.", &["ANTARA/Puspa"]),
            ("Foto: NUSA FOTO/Agus", "", &["NUSA FOTO/Agus"]),
            ("Dua foto (Foto: A) dan (Photo: B).", "Dua foto dan.", &["A", "B"]),
            ("Harga naik (lihat foto).", "Harga naik (lihat foto).", &[]),
            ("Tersedia (foto/video) di laman.", "Tersedia (foto/video) di laman.", &[]),
            ("Dia pulang. Foto: ini adalah bukti.", "Dia pulang. Foto: ini adalah bukti.", &[]),
            ("Sumber di kepolisian (Sumber: Polri) menyebut.", "Sumber di kepolisian (Sumber: Polri) menyebut.", &[]),
            ("Foto-foto beredar luas.", "Foto-foto beredar luas.", &[]),
            ("Dia memotret (foto: yang diambil kemarin oleh warga di sekitar lokasi kejadian saat banjir).", "Dia memotret (foto: yang diambil kemarin oleh warga di sekitar lokasi kejadian saat banjir).", &[]),
            ("", "", &[]),
        ];
        for (input, text, credits) in cases {
            let (got_text, got_credits) = strip_inline(input);
            assert_eq!(
                (got_text.as_str(), got_credits.iter().map(String::as_str).collect::<Vec<_>>()),
                (*text, credits.to_vec()),
                "{input:?}"
            );
        }
    }

    #[test]
    fn the_users_example() {
        let Ok(text) = std::fs::read_to_string("../shared/seeds/000_53a2c289ee57cd07.txt") else {
            return;
        };
        let block = text.split("\n\n").nth(1).unwrap_or("");
        let photo = photo_block(block);
        assert_eq!(
            photo.as_ref().map(|p| p.credits.clone()),
            Some(vec!["REUTERS/Hosam Katan".to_string()])
        );
        assert_eq!(
            photo.and_then(|p| p.caption),
            Some("Seorang pria memanggul remaja yang terluka di Aleppo.".to_string())
        );
        // The lead is not a photo block.
        let lead = text.split("\n\n").nth(2).unwrap_or("");
        assert_eq!(photo_block(lead), None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,200}") {
            let _ = photo_block(&s);
            let _ = strip_inline(&s);
        }

        #[test]
        fn never_panics_on_credit_like_text(s in "[a-zA-Z :•()\\[\\]/.\n-]{0,80}") {
            let _ = photo_block(&s);
            let (text, _) = strip_inline(&s);
            proptest::prop_assert!(text.len() <= s.len());
        }
    }
}
