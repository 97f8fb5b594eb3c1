//! The article's language: its own field, else detected from its text with `whatlang`.

use whatlang::Lang;

/// The BCP 47 tag of the language the text is written in, when `whatlang` is confident.
///
/// whatlang knows no Malay, so Malay text comes out as Indonesian, which is what most of the
/// archives kabar reads are written in anyway.
pub fn detect(text: &str) -> Option<&'static str> {
    let info = whatlang::detect(text)?;
    if !info.is_reliable() {
        return None;
    }
    Some(tag(info.lang()))
}

/// ISO 639-1 where the language has one (what feeds and readers expect), else ISO 639-3.
fn tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Ind => "id",
        Lang::Eng => "en",
        Lang::Jav => "jv",
        Lang::Tgl => "tl",
        Lang::Vie => "vi",
        Lang::Tha => "th",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ita => "it",
        Lang::Nld => "nl",
        Lang::Rus => "ru",
        Lang::Tur => "tr",
        Lang::Pol => "pl",
        Lang::Swe => "sv",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_common_languages() {
        let cases = [
            (
                "Sekitar 8.500 warga sipil di Aleppo, termasuk di antaranya 2.900 anak-anak, diperbolehkan meninggalkan daerah yang dikendalikan militan.",
                Some("id"),
            ),
            (
                "About 8,500 civilians in Aleppo, including 2,900 children, were allowed to leave the area held by the militants on Friday.",
                Some("en"),
            ),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(detect(text), expected, "{text}");
        }
    }
}
