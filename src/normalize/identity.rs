//! An article's identity and its fallback link.
//!
//! The id is the article's own `id`, else its link, else its path relative to the input folder
//! (with `#N` for the N-th article of a file that holds several). Never the title or the date:
//! fixing a typo or a wrong date must not show readers a new item.

use crate::ingest::Draft;

/// The stable id of an article.
pub fn id(draft: &Draft, id: Option<&str>, link: Option<&str>) -> String {
    if let Some(id) = id.filter(|s| !s.is_empty()) {
        return id.to_string();
    }
    if let Some(link) = link {
        return link.to_string();
    }
    match draft.part {
        Some(n) => format!("{}#{n}", draft.rel_path),
        None => draft.rel_path.clone(),
    }
}

pub use crate::model::slug;

/// The link an item without one gets from the `[feed] item_link` template: `{slug}` is the slug
/// of its id without a file extension, `{id}` its id percent-encoded.
pub fn item_link(template: &str, id: &str) -> String {
    let stem = match id.rsplit_once('.') {
        Some((stem, ext)) if !ext.contains('/') && ext.len() <= 8 && !ext.contains('#') => stem,
        _ => id,
    };
    let encoded: String = url::form_urlencoded::byte_serialize(id.as_bytes()).collect();
    template.replace("{slug}", &slug(stem)).replace("{id}", &encoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        let draft = Draft { rel_path: "2016/12/a.jsonl".into(), part: Some(3), ..Draft::default() };
        assert_eq!(id(&draft, Some("abc"), Some("https://e.org/x")), "abc");
        assert_eq!(id(&draft, Some(""), Some("https://e.org/x")), "https://e.org/x");
        assert_eq!(id(&draft, None, None), "2016/12/a.jsonl#3");
        let single = Draft { rel_path: "a.txt".into(), ..Draft::default() };
        assert_eq!(id(&single, None, None), "a.txt");
    }

    #[test]
    fn slugs() {
        let cases = [
            ("Ribuan Warga Sipil Aleppo", "ribuan-warga-sipil-aleppo"),
            ("2016/12/000_53a2.txt", "2016-12-000-53a2-txt"),
            ("../../etc/passwd", "etc-passwd"),
            ("Café — Déjà vu!", "cafe-deja-vu"),
            ("nul\0byte", "nul-byte"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(slug(input), expected, "{input:?}");
        }
    }

    #[test]
    fn item_links() {
        let t = "https://example.org/{slug}";
        assert_eq!(item_link(t, "2016/12/aleppo.txt"), "https://example.org/2016-12-aleppo");
        assert_eq!(item_link(t, "export.jsonl#3"), "https://example.org/export-jsonl-3");
        assert_eq!(item_link("https://e.org/?id={id}", "a b/c.md"), "https://e.org/?id=a+b%2Fc.md");
    }
}
