//! The guard in front of html5ever: its own tokenizer and tree builder, watched token by token.
//!
//! html5ever (behind `scraper` and `ammonia`) checks scopes by walking its stack of open
//! elements, so its time grows with depth × tokens: 10,000 nested `<div>`s take seconds, 100,000
//! minutes. And it reopens every unclosed formatting element (`<b>`, `<font>`, `<a>` …) in each
//! later run of text, so 400 distinct unclosed `<b id=…>` and 2,000 paragraphs make 800,000
//! elements from 68 KB. So every HTML text kabar will parse goes through [`parse_document`] or
//! [`check_fragment`] first: html5ever's tokenizer feeds html5ever's tree builder through a
//! watcher that, after every token, counts what the tree builder holds (its open elements and
//! its active formatting elements, through `TreeBuilder::trace_handles`) and the elements made
//! so far. Once a limit is passed it forwards no more tokens, so the rest of the text costs only
//! tokenizing, and the text is refused with the line of the token that passed it.
//!
//! What is measured is the parser itself, not a model of it: a model of the tree builder's
//! rules (an earlier version of this guard) was a thousand lines that fuzzing kept proving
//! wrong in one more corner of the standard (foreign content, templates, `<optgroup>`, …).
//!
//! The limits, which no article page comes near:
//!
//! | limit | what it bounds |
//! |---|---|
//! | [`MAX_DEPTH`] | what the tree builder holds beyond the document, `<html>`, `<head>` and `<body>`: its open elements, plus its unclosed formatting elements once more (it keeps them in a second list, which it walks too). Real pages stay under about 60 |
//! | [`MAX_TAGS`] | the elements made, plus for every token one more for each [`DEPTH_PER_EXTRA_TAG`] things the tree builder held while taking it: the parser's work, depth × tokens, stays under 8 million, and the tree under 250,000 elements. A heavy saved news page makes some 30,000 elements, mostly less than 30 deep |
//!
//! A text with fewer than [`QUICK_TAGS`] `<` cannot pass either limit and is not parsed here:
//! each tag makes at most one element, implies at most three (`<html>`, `<head>`, `<body>`
//! once; a `<tbody>` and a `<tr>` for a cell), misnested formatting end tags copy at most 32,
//! and every run of text reopens at most one element per formatting tag. That keeps the guard
//! off the hot path of Markdown and JSON bodies, which rarely hold more than a few dozen tags.

use std::borrow::Cow;
use std::cell::{Cell, Ref};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer};
use html5ever::tree_builder::{
    ElementFlags, NodeOrText, QuirksMode, Tracer, TreeBuilder, TreeBuilderOpts, TreeSink,
};
use html5ever::{Attribute, QualName, local_name, ns};
use scraper::{Html, HtmlTreeSink};

use super::Error;

/// Most things the tree builder may hold beyond the document's own four: see the module docs.
pub const MAX_DEPTH: usize = 512;

/// Most elements, deeply nested tokens counting for more: see the module docs.
pub const MAX_TAGS: usize = 250_000;

/// A token counts one element more for every this many things the tree builder holds.
pub const DEPTH_PER_EXTRA_TAG: usize = 32;

/// Texts with fewer `<` than this are not parsed by the guard: they cannot pass its limits.
pub const QUICK_TAGS: usize = 64;

/// Held by every parse of a page, not counted against the depth: the document, `<html>`,
/// `<head>` (which the tree builder keeps a pointer to) and `<body>`.
const HELD_BY_A_PAGE: usize = 4;

/// Held by every parse of a fragment: the fragment, its `<html>` and its context `<body>`.
const HELD_BY_A_FRAGMENT: usize = 3;

/// Why the guard refused a text, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Refusal {
    /// Too deep, else too large.
    deep: bool,
    /// 1-based line of the token that passed the limit.
    pub(super) line: usize,
}

impl Refusal {
    /// The error, on a line counted from the text's first.
    pub(super) fn error(self, line: usize) -> Error {
        match self.deep {
            true => Error::TooDeep { markup: "HTML", max: MAX_DEPTH, line },
            false => Error::TooManyTags { max: MAX_TAGS, line },
        }
    }
}

impl From<Refusal> for Error {
    fn from(refusal: Refusal) -> Error {
        refusal.error(refusal.line)
    }
}

/// Parses a whole page, unless it passes the limits.
pub(super) fn parse_document(text: &str) -> Result<Html, Refusal> {
    let sink = Counted::new(Html::new_document());
    let builder = TreeBuilder::new(sink, TreeBuilderOpts::default());
    let tokenizer = Tokenizer::new(Watcher::new(builder, HELD_BY_A_PAGE), Default::default());
    run(tokenizer, text)
}

/// Checks an HTML body that the normalizer will parse as a fragment of a `<body>`, as it will
/// parse it; the tree is dropped.
pub(super) fn check_fragment(text: &str) -> Result<(), Refusal> {
    if quick(text) {
        return Ok(());
    }
    let sink = Counted::new(Html::new_fragment());
    let body = QualName::new(None, ns!(html), local_name!("body"));
    let context = html5ever::tree_builder::create_element(&sink, body, Vec::new());
    let builder = TreeBuilder::new_for_fragment(sink, context, None, TreeBuilderOpts::default());
    let opts = html5ever::tokenizer::TokenizerOpts {
        initial_state: Some(builder.tokenizer_state_for_context_elem(false)),
        ..Default::default()
    };
    let tokenizer = Tokenizer::new(Watcher::new(builder, HELD_BY_A_FRAGMENT), opts);
    run(tokenizer, text).map(drop)
}

/// Whether a text has too few tags to pass any limit (the module docs say why).
fn quick(text: &str) -> bool {
    text.bytes().filter(|&b| b == b'<').take(QUICK_TAGS).count() < QUICK_TAGS
}

/// Feeds the whole text, then takes the tree, or the refusal.
fn run(tokenizer: Tokenizer<Watcher>, text: &str) -> Result<Html, Refusal> {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    // The tokenizer pauses after each `</script>` (for a browser to run it); go on.
    while !matches!(tokenizer.feed(&input), html5ever::TokenizerResult::Done) {}
    tokenizer.end();
    let watcher = tokenizer.sink;
    if let Some(refusal) = watcher.refusal.get() {
        return Err(refusal);
    }
    let doc = watcher.builder.sink.inner.finish();
    // The tree can be deeper than the parser's stack ever was: scraper keeps a `<template>`'s
    // content in a node of its own, below the element.
    let levels = deepest(&doc).saturating_sub(watcher.fixed - 1);
    if levels > MAX_DEPTH {
        return Err(Refusal { deep: true, line: watcher.deepest.get().1 });
    }
    Ok(doc)
}

/// The most ancestors an element of the tree has, walking it once.
fn deepest(doc: &Html) -> usize {
    let (mut depth, mut most) = (0usize, 0usize);
    for edge in doc.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                if node.value().is_element() {
                    most = most.max(depth);
                }
                depth += 1;
            }
            ego_tree::iter::Edge::Close(_) => depth -= 1,
        }
    }
    most
}

/// Stands between the tokenizer and the tree builder, measuring the builder after each token.
struct Watcher {
    builder: TreeBuilder<ego_tree::NodeId, Counted>,
    /// What every parse of this kind holds ([`HELD_BY_A_PAGE`], [`HELD_BY_A_FRAGMENT`]).
    fixed: usize,
    /// What the tokens so far cost: their count and what the builder held for each.
    work: Cell<usize>,
    /// The most the builder held, and the line of the token where it first did.
    deepest: Cell<(usize, usize)>,
    refusal: Cell<Option<Refusal>>,
}

impl Watcher {
    fn new(builder: TreeBuilder<ego_tree::NodeId, Counted>, fixed: usize) -> Watcher {
        let (work, deepest, refusal) = (Cell::new(0), Cell::new((0, 1)), Cell::new(None));
        Watcher { builder, fixed, work, deepest, refusal }
    }

    /// How many things the tree builder holds: its open elements, its active formatting
    /// elements, and its pointers to the document, `<head>`, the form and the context.
    fn held(&self) -> usize {
        let count = Count::default();
        self.builder.trace_handles(&count);
        count.0.get()
    }
}

impl TokenSink for Watcher {
    type Handle = ego_tree::NodeId;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<Self::Handle> {
        if self.refusal.get().is_some() {
            return TokenSinkResult::Continue;
        }
        let result = self.builder.process_token(token, line);
        let held = self.held();
        self.work.set(self.work.get() + 1 + held);
        let cost = self.builder.sink.elements.get() + self.work.get() / DEPTH_PER_EXTRA_TAG;
        let line = usize::try_from(line).unwrap_or(usize::MAX);
        if held > self.deepest.get().0 {
            self.deepest.set((held, line));
        }
        if held.saturating_sub(self.fixed) > MAX_DEPTH {
            self.refusal.set(Some(Refusal { deep: true, line }));
        } else if cost > MAX_TAGS {
            self.refusal.set(Some(Refusal { deep: false, line }));
        }
        result
    }

    fn end(&self) {
        if self.refusal.get().is_none() {
            self.builder.end();
        }
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder.adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Counts the handles it is shown.
#[derive(Default)]
struct Count(Cell<usize>);

impl Tracer for Count {
    type Handle = ego_tree::NodeId;

    fn trace_handle(&self, _: &Self::Handle) {
        self.0.set(self.0.get() + 1);
    }
}

/// scraper's tree, counting the elements made.
struct Counted {
    inner: HtmlTreeSink,
    elements: Cell<usize>,
}

impl Counted {
    fn new(html: Html) -> Counted {
        Counted { inner: HtmlTreeSink::new(html), elements: Cell::new(0) }
    }
}

/// Everything but `create_element` is scraper's own.
impl TreeSink for Counted {
    type Output = Html;
    type Handle = ego_tree::NodeId;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Html {
        self.inner.finish()
    }

    fn parse_error(&self, message: Cow<'static, str>) {
        self.inner.parse_error(message);
    }

    fn get_document(&self) -> Self::Handle {
        self.inner.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a Self::Handle) -> Self::ElemName<'a> {
        self.inner.elem_name(target)
    }

    fn create_element(
        &self,
        name: QualName,
        attrs: Vec<Attribute>,
        flags: ElementFlags,
    ) -> Self::Handle {
        self.elements.set(self.elements.get() + 1);
        self.inner.create_element(name, attrs, flags)
    }

    fn create_comment(&self, text: StrTendril) -> Self::Handle {
        self.inner.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Self::Handle {
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &Self::Handle, child: NodeOrText<Self::Handle>) {
        self.inner.append(parent, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &Self::Handle,
        prev_element: &Self::Handle,
        child: NodeOrText<Self::Handle>,
    ) {
        self.inner.append_based_on_parent_node(element, prev_element, child);
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner.append_doctype_to_document(name, public_id, system_id);
    }

    fn mark_script_already_started(&self, node: &Self::Handle) {
        self.inner.mark_script_already_started(node);
    }

    fn pop(&self, node: &Self::Handle) {
        self.inner.pop(node);
    }

    fn get_template_contents(&self, target: &Self::Handle) -> Self::Handle {
        self.inner.get_template_contents(target)
    }

    fn same_node(&self, x: &Self::Handle, y: &Self::Handle) -> bool {
        self.inner.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }

    fn append_before_sibling(&self, sibling: &Self::Handle, new_node: NodeOrText<Self::Handle>) {
        self.inner.append_before_sibling(sibling, new_node);
    }

    fn add_attrs_if_missing(&self, target: &Self::Handle, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs);
    }

    fn associate_with_form(
        &self,
        target: &Self::Handle,
        form: &Self::Handle,
        nodes: (&Self::Handle, Option<&Self::Handle>),
    ) {
        self.inner.associate_with_form(target, form, nodes);
    }

    fn remove_from_parent(&self, target: &Self::Handle) {
        self.inner.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &Self::Handle, new_parent: &Self::Handle) {
        self.inner.reparent_children(node, new_parent);
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Self::Handle) -> bool {
        self.inner.is_mathml_annotation_xml_integration_point(handle)
    }

    fn set_current_line(&self, line: u64) {
        self.inner.set_current_line(line);
    }

    fn allow_declarative_shadow_roots(&self, intended_parent: &Self::Handle) -> bool {
        self.inner.allow_declarative_shadow_roots(intended_parent)
    }

    fn attach_declarative_shadow(
        &self,
        location: &Self::Handle,
        template: &Self::Handle,
        attributes: &[Attribute],
    ) -> bool {
        self.inner.attach_declarative_shadow(location, template, attributes)
    }

    fn maybe_clone_an_option_into_selectedcontent(&self, option: &Self::Handle) {
        self.inner.maybe_clone_an_option_into_selectedcontent(option);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Option<(usize, String)> {
        let refused = parse_document(text).err();
        refused.map(|r| (r.line, Error::from(r).to_string()))
    }

    #[test]
    fn pages_too_deep_or_too_large_are_refused() {
        let deep = "the HTML is nested more than 512 levels deep: no article needs that";
        let many = "the HTML has more than 250000 tags: no article needs that many";
        let r = |text: &str, n: usize| text.repeat(n);
        // (markup, None when it passes, else the error's line and message)
        let cases: Vec<(String, Option<(usize, &str)>)> = vec![
            (r("<div>", 512), None),
            (r("<div>", 513), Some((1, deep))),
            (format!("<title>t</title>\n\n{}", r("<div>\n", 600)), Some((515, deep))),
            (r("<div></div>", 10_000), None),
            // Elements that the parser closes without an end tag do not add up.
            (format!("<table><tr>{}</table>", r("<td><font>x</td>", 2_000)), None),
            (format!("<table>{}</table>", r("<tr><td>a<td>b", 2_000)), None),
            (r("<p>x", 2_000), None),
            (r("<p>a<div>b</div>", 2_000), None),
            (format!("<ul>{}</ul>", r("<li>x", 2_000)), None),
            (format!("<select>{}</select>", r("<option>a<option>b", 2_000)), None),
            (r("<br><img src=x><hr><meta charset=utf-8>", 2_000), None),
            // Inside SVG every tag nests, until one that breaks out into HTML.
            (format!("<svg>{}", r("<tr>", 600)), Some((1, deep))),
            (format!("<math>{}", r("<li>", 600)), None),
            // A template's content nests like any other, and a level below its element: the
            // tree is deeper than the parser's stack ever was.
            (r("<template><div>", 300), Some((1, deep))),
            (format!("{}<div><select>", r("<template>", 256)), Some((1, deep))),
            (format!("{}<div><select>", r("<template>", 200)), None),
            // Unclosed formatting elements: held twice, and reopened in every paragraph.
            (r("<b>x", 600), Some((1, deep))),
            // … at most three alike (the "Noah's Ark" clause).
            (r("<p><b>x", 2_000), None),
            (
                format!(
                    "<p>{}</p>{}",
                    (0..300).map(|i| format!("<b id=x{i}>")).collect::<String>(),
                    "<p>x</p>"
                ),
                Some((1, deep)),
            ),
            (
                format!(
                    "<p>{}</p>{}",
                    (0..100).map(|i| format!("<b id=x{i}>")).collect::<String>(),
                    r("<p>x</p>", 3_000)
                ),
                Some((1, many)),
            ),
            (r("<p><b>a</b><i>b<u>c</u></i><a href=y>d</a></p>", 5_000), None),
            // Too many elements, deeply nested tokens counting for more.
            (r("<i></i>", 150_000), None),
            (r("<i></i>", 200_000), Some((1, many))),
            (format!("{}{}", r("<span>", 500), r("<i></i>", 8_000)), Some((1, many))),
        ];
        for (text, expected) in cases {
            let expected = expected.map(|(line, e)| (line, e.to_string()));
            assert_eq!(page(&text), expected, "{}", text.get(..80).unwrap_or(&text));
        }
    }

    #[test]
    fn a_refused_page_costs_only_tokenizing_after_the_limit() {
        // 200,000 nested <div>s: minutes for html5ever, a moment here.
        let text = "<div>".repeat(200_000);
        let started = std::time::Instant::now();
        assert_eq!(page(&text).map(|(line, _)| line), Some(1));
        // Generous for a debug build on a busy machine; the parse itself would take minutes.
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }

    #[test]
    fn fragments_are_measured_as_the_normalizer_parses_them() {
        let divs = |n| "<div>".repeat(n);
        assert_eq!(check_fragment(&divs(512)), Ok(()));
        assert!(matches!(check_fragment(&divs(513)), Err(Refusal { deep: true, line: 1 })));
        // A table part opening a fragment of a <body> is dropped, as in a page.
        assert_eq!(check_fragment(&"<tr><td>x".repeat(2_000)), Ok(()));
        // Few tags are let through unparsed: they cannot pass a limit.
        assert!(quick(&divs(QUICK_TAGS - 1)));
        assert!(!quick(&divs(QUICK_TAGS)));
    }

    #[test]
    fn a_page_that_passes_is_the_tree_scraper_builds() {
        let text = "<title>T</title><p class=a>x<b>y</p>z";
        let guarded = parse_document(text).map(|doc| doc.html());
        assert_eq!(guarded, Ok(Html::parse_document(text).html()));
    }
}
