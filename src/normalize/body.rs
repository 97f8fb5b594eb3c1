//! Splitting a body into top-level blocks, each with its plain text and its HTML.
//!
//! The rules that find captions, credits, datelines and leads work on plain text, block by block,
//! whatever markup the body was written in; the HTML of the blocks they keep becomes the content.
//! This is the one place that knows about markup: plain text (paragraphs separated by blank lines),
//! CommonMark (pulldown-cmark's top-level blocks) and HTML fragments (scraper's top-level nodes).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use scraper::{Html, Node};

use crate::ingest::Body;

/// One top-level block of a body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Block {
    /// The text a reader sees, lines separated by `\n`, without the text of an image.
    pub text: String,
    /// The block as HTML (not yet sanitized).
    pub html: String,
    /// The first image in the block: its URL and its alternative text.
    pub image: Option<(String, String)>,
}

/// The blocks of a body, in order; blocks without text or image are dropped. Without `html`,
/// only their text is made (all that finding dates and datelines needs), and `Block::html` is empty.
pub fn blocks(body: &Body, html: bool) -> Vec<Block> {
    let mut blocks = match body {
        Body::Text(text) => text_blocks(text, html),
        Body::Markdown(text) => markdown_blocks(text, html),
        Body::Html(source) => html_blocks(source, html),
    };
    blocks.retain(|b| !b.text.trim().is_empty() || b.image.is_some());
    blocks
}

fn text_blocks(text: &str, want_html: bool) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        if !line.trim().is_empty() {
            lines.push(line);
            continue;
        }
        if lines.is_empty() {
            continue;
        }
        let html = if want_html {
            let joined = lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
            format!("<p>{}</p>", html_escape::encode_text(&joined))
        } else {
            String::new()
        };
        blocks.push(Block { text: lines.join("\n"), html, image: None });
        lines.clear();
    }
    blocks
}

fn markdown_blocks(text: &str, want_html: bool) -> Vec<Block> {
    // No smart punctuation: it would turn a dateline's "--" into a dash and change quotes the
    // author chose.
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut blocks = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    let mut depth = 0usize;
    let mut block = Block::default();
    let mut in_image: Option<(String, String)> = None;
    for event in Parser::new_ext(text, options) {
        match &event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                in_image = Some((dest_url.to_string(), String::new()));
            }
            Event::End(TagEnd::Image) => {
                if let Some(image) = in_image.take() {
                    block.image.get_or_insert(image);
                }
            }
            Event::Text(t) | Event::Code(t) => match &mut in_image {
                Some((_, alt)) => alt.push_str(t),
                None => block.text.push_str(t),
            },
            Event::SoftBreak | Event::HardBreak if in_image.is_none() && !block.text.is_empty() => {
                block.text.push('\n');
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) if !block.text.ends_with('\n') && !block.text.is_empty() => {
                block.text.push('\n');
            }
            _ => {}
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if want_html {
            events.push(event);
        }
        if depth == 0 {
            if want_html {
                pulldown_cmark::html::push_html(&mut block.html, events.drain(..));
            }
            block.text = block.text.trim_end().to_string();
            blocks.push(std::mem::take(&mut block));
        }
    }
    blocks
}

fn html_blocks(html: &str, want_html: bool) -> Vec<Block> {
    let fragment = Html::parse_fragment(html);
    let root = fragment.root_element();
    let mut blocks = Vec::new();
    for child in root.children() {
        match child.value() {
            Node::Text(text) if !text.trim().is_empty() => {
                let html = if want_html {
                    format!("<p>{}</p>", html_escape::encode_text(text.trim()))
                } else {
                    String::new()
                };
                blocks.push(Block { text: text.trim().to_string(), html, image: None });
            }
            Node::Element(_) => {
                let Some(element) = scraper::ElementRef::wrap(child) else { continue };
                let image = std::iter::once(element)
                    .chain(element.descendants().filter_map(scraper::ElementRef::wrap))
                    .find(|e| e.value().name() == "img")
                    .and_then(|img| {
                        let src = img.value().attr("src")?;
                        Some((src.to_string(), img.value().attr("alt").unwrap_or("").to_string()))
                    });
                let text = element.text().collect::<Vec<_>>().join("");
                let html = if want_html { element.html() } else { String::new() };
                blocks.push(Block { text: text.trim().to_string(), html, image });
            }
            _ => {}
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<&str> {
        blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn plain_text_paragraphs() {
        let body = Body::Text(
            "Caption.\nSumber :\n  • X/Y\n\n\nLead <b> & more\nsame para.\n\nNext.".into(),
        );
        let blocks = blocks(&body, true);
        assert_eq!(
            texts(&blocks),
            ["Caption.\nSumber :\n  • X/Y", "Lead <b> & more\nsame para.", "Next."]
        );
        assert_eq!(blocks[1].html, "<p>Lead &lt;b&gt; &amp; more same para.</p>");
    }

    #[test]
    fn markdown_image_with_credit_is_one_block() {
        let body = Body::Markdown(
            "![Warga mengungsi.](/images/a.jpg)\n*Foto: NUSA FOTO/Agus*\n\nSolo, Lintas24 -- Lead **bold**.\n\n## Sub\n\n- a\n- b\n".into(),
        );
        let blocks = blocks(&body, true);
        assert_eq!(
            texts(&blocks),
            ["Foto: NUSA FOTO/Agus", "Solo, Lintas24 -- Lead bold.", "Sub", "a\nb"]
        );
        assert_eq!(blocks[0].image, Some(("/images/a.jpg".into(), "Warga mengungsi.".into())));
        assert_eq!(blocks[1].html, "<p>Solo, Lintas24 -- Lead <strong>bold</strong>.</p>\n");
        assert!(blocks[3].html.starts_with("<ul>"));
    }

    #[test]
    fn html_top_level_nodes() {
        let body = Body::Html(
            "<figure><img src=\"a.jpg\" alt=\"Cap\"></figure><p>One <i>two</i></p> loose text "
                .into(),
        );
        let blocks = blocks(&body, true);
        assert_eq!(texts(&blocks), ["", "One two", "loose text"]);
        assert_eq!(blocks[0].image, Some(("a.jpg".into(), "Cap".into())));
        assert_eq!(blocks[2].html, "<p>loose text</p>");
    }
}

#[cfg(test)]
mod text_only {
    use super::*;

    #[test]
    fn without_html_the_text_is_the_same() {
        let bodies = [
            Body::Text("Cap.\nSumber :\n  • X\n\nLead & <b>.".into()),
            Body::Markdown("![a](b.jpg)\n*Foto: X*\n\nLead **b**.\n\n- a\n- b\n".into()),
            Body::Html("<p>One <i>two</i></p> three".into()),
        ];
        for body in bodies {
            let full = blocks(&body, true);
            let text = blocks(&body, false);
            assert_eq!(full.len(), text.len(), "{body:?}");
            for (f, t) in full.iter().zip(&text) {
                assert_eq!((&f.text, &f.image), (&t.text, &t.image));
                assert!(t.html.is_empty() && !f.html.is_empty());
            }
        }
    }
}
