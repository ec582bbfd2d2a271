//! Main-text extraction: skip page chrome, pick the article container (`<article>`, `<main>`,
//! `articleBody`) or else the densest block of paragraphs, and turn it into paragraphs.

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};
use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::LazyLock;
use storyline_model::{Boilerplate, BoilerplateKind};

/// Elements never part of the main text.
const SKIPPED: [&str; 19] = [
    "head",
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "figure",
    "figcaption",
    "iframe",
    "svg",
    "button",
    "select",
    "input",
    "textarea",
    "dialog",
];
/// Skipped elements whose text is code or controls, never listed as boilerplate.
const INVISIBLE: [&str; 10] = [
    "head", "script", "style", "noscript", "template", "svg", "iframe", "select", "input",
    "textarea",
];
/// Elements that end a paragraph.
const BLOCKS: [&str; 20] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "li",
    "ul",
    "ol",
    "pre",
    "table",
    "tr",
    "dd",
    "dt",
];
/// Class or id words that mark page chrome.
const CHROME_WORDS: [&str; 20] = [
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "subscribe",
    "subscription",
    "comment",
    "comments",
    "promo",
    "advert",
    "ad",
    "ads",
    "breadcrumb",
    "breadcrumbs",
    "cookie",
    "nav",
    "menu",
    "sidebar",
    "caption",
];
/// Paragraph text a container needs to be taken as the article over the densest block.
const MIN_CONTAINER_TEXT: usize = 140;

static CONTAINERS: LazyLock<Selector> = LazyLock::new(|| {
    Selector::parse(r#"article, main, [itemprop="articleBody"], [role="main"]"#)
        .expect("valid selector")
});
static PARAGRAPHS: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("p").expect("valid selector"));

/// Text taken from a page, and the chrome skipped inside the chosen block.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    /// Paragraphs in document order.
    pub paragraphs: Vec<String>,
    /// Captions, share widgets and other chrome found inside the article block.
    pub boilerplate: Vec<Boilerplate>,
}

/// The page's main text (no paragraphs when the page has none).
pub(crate) fn extract(doc: &Html) -> Extracted {
    if let Some(root) = choose_root(doc) {
        return paragraphs(root);
    }
    // A page without `<p>`: its whole text outside chrome, when there is enough of it.
    let whole = paragraphs(doc.root_element());
    let len: usize = whole.paragraphs.iter().map(|p| p.chars().count()).sum();
    if len >= MIN_CONTAINER_TEXT {
        whole
    } else {
        Extracted::default()
    }
}

/// The text of a whole fragment (feed item content).
pub(crate) fn fragment(doc: &Html) -> Extracted {
    paragraphs(doc.root_element())
}

/// The element holding the article: the container with most paragraph text when it has enough,
/// else the parent of the densest group of paragraphs.
fn choose_root(doc: &Html) -> Option<ElementRef<'_>> {
    let container = doc
        .select(&CONTAINERS)
        .filter(|e| !is_skipped(e))
        .map(|e| (paragraph_text_len(e), e))
        .fold(None::<(usize, ElementRef)>, |best, (len, e)| match best {
            Some((b, _)) if b >= len => best,
            _ => Some((len, e)),
        });
    if let Some((len, element)) = container {
        if len >= MIN_CONTAINER_TEXT {
            return Some(element);
        }
    }
    densest(doc).or(container.filter(|(len, _)| *len > 0).map(|(_, e)| e))
}

/// Parent with the most paragraph text (grandparents get half, to join split columns).
fn densest(doc: &Html) -> Option<ElementRef<'_>> {
    // Per ancestor: score, first paragraph seen under it, level (0 parent, 1 grandparent).
    let mut scores: HashMap<ego_tree::NodeId, (usize, usize, usize)> = HashMap::new();
    for (order, p) in doc
        .select(&PARAGRAPHS)
        .filter(|p| !is_skipped(p))
        .enumerate()
    {
        let len = text_len(p);
        let ancestors = p.ancestors().filter_map(ElementRef::wrap);
        for (level, (share, a)) in [len * 2, len].into_iter().zip(ancestors).enumerate() {
            scores.entry(a.id()).or_insert((0, order, level)).0 += share;
        }
    }
    // The key is unique per node, so the choice does not depend on map order.
    let (id, _) = scores
        .into_iter()
        .filter(|(_, (score, _, _))| *score > 0)
        .max_by_key(|(_, (score, order, level))| (*score, Reverse(*order), Reverse(*level)))?;
    doc.tree.get(id).and_then(ElementRef::wrap)
}

/// Text length of the non-skipped paragraphs inside an element.
fn paragraph_text_len(element: ElementRef) -> usize {
    element
        .select(&PARAGRAPHS)
        .filter(|p| !is_skipped(p))
        .map(|p| text_len(p))
        .sum()
}

/// Length of an element's text, whitespace excluded.
fn text_len(element: ElementRef) -> usize {
    element
        .text()
        .map(|t| t.chars().filter(|c| !c.is_whitespace()).count())
        .sum()
}

/// True when the element or an ancestor is chrome.
fn is_skipped(element: &ElementRef) -> bool {
    std::iter::once(**element)
        .chain(element.ancestors())
        .filter_map(ElementRef::wrap)
        .any(|e| is_chrome(&e))
}

/// True for elements that are never article text.
fn is_chrome(element: &ElementRef) -> bool {
    let e = element.value();
    if SKIPPED.contains(&e.name())
        || e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
    {
        return true;
    }
    if matches!(
        e.attr("role"),
        Some("navigation" | "complementary" | "banner" | "contentinfo")
    ) {
        return true;
    }
    let words = e
        .attr("class")
        .into_iter()
        .chain(e.attr("id"))
        .flat_map(|v| {
            v.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                .map(str::to_ascii_lowercase)
        });
    words
        .into_iter()
        .any(|w| CHROME_WORDS.contains(&w.as_str()))
}

/// Paragraphs under `root`, chrome skipped; `<br>` and block elements break paragraphs.
fn paragraphs(root: ElementRef) -> Extracted {
    let mut out = Extracted::default();
    let mut current = String::new();
    walk(*root, &mut out, &mut current);
    flush(&mut out.paragraphs, &mut current);
    out
}

fn walk(node: NodeRef<Node>, out: &mut Extracted, current: &mut String) {
    match node.value() {
        Node::Text(text) => current.push_str(text),
        Node::Element(element) => {
            if let Some(chrome) = ElementRef::wrap(node).filter(is_chrome) {
                out.boilerplate.extend(chrome_text(&chrome));
                return;
            }
            let name = element.name();
            if name == "br" {
                flush(&mut out.paragraphs, current);
                return;
            }
            let block = BLOCKS.contains(&name);
            if block {
                flush(&mut out.paragraphs, current);
            }
            for child in node.children() {
                walk(child, out, current);
            }
            if block {
                flush(&mut out.paragraphs, current);
            }
        }
        _ => {}
    }
}

/// The visible text of a skipped element, as boilerplate (code and form controls are not listed).
fn chrome_text(element: &ElementRef) -> Option<Boilerplate> {
    let name = element.value().name();
    if INVISIBLE.contains(&name) {
        return None;
    }
    let text = element
        .text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let caption = matches!(name, "figure" | "figcaption")
        || element
            .value()
            .attr("class")
            .is_some_and(|c| c.to_ascii_lowercase().contains("caption"));
    let kind = if caption {
        BoilerplateKind::PhotoCaption
    } else {
        BoilerplateKind::PageChrome
    };
    (!text.is_empty()).then_some(Boilerplate { kind, text })
}

fn flush(out: &mut Vec<String>, current: &mut String) {
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    current.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_container_wins_and_chrome_is_skipped() {
        let html = r#"<html><body><nav><p>Home | World | Sport</p></nav>
            <div class="promo"><p>Buy our calendar, it is lovely and cheap and available now for everyone.</p></div>
            <article><h1>Dam opens</h1><p>The new dam opened on Monday after six years of work on the river.</p>
            <figure><img src="x.jpg"><figcaption>The dam at dawn.</figcaption></figure>
            <div class="share-bar"><p>Share on Facebook</p></div>
            <p>Engineers said the reservoir would fill by autumn, giving the valley water for a decade.</p>
            <script>var x = 1;</script></article><footer><p>Copyright Valley Gazette</p></footer></body></html>"#;
        let doc = Html::parse_document(html);
        let found = extract(&doc);
        let kinds: Vec<BoilerplateKind> = found.boilerplate.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![BoilerplateKind::PhotoCaption, BoilerplateKind::PageChrome]
        );
        assert_eq!(found.boilerplate[0].text, "The dam at dawn.");
        assert_eq!(
            found.paragraphs,
            vec![
                "Dam opens",
                "The new dam opened on Monday after six years of work on the river.",
                "Engineers said the reservoir would fill by autumn, giving the valley water for a decade."
            ]
        );
    }

    #[test]
    fn densest_block_without_container() {
        let html = r#"<div id="top"><p>Short link</p></div><div id="body"><p>First paragraph of the story, long enough.</p>
            <p>Second paragraph<br>with a break.</p></div><div class="sidebar"><p>Most read today, a very long list of other stories and more stories.</p></div>"#;
        let doc = Html::parse_document(html);
        assert_eq!(
            extract(&doc).paragraphs,
            vec![
                "First paragraph of the story, long enough.",
                "Second paragraph",
                "with a break."
            ]
        );
    }

    #[test]
    fn page_without_paragraph_elements() {
        let line =
            "The harbour crane was repaired overnight and the first ships were unloaded at dawn.";
        let html = format!("<html><head><title>Crane</title></head><body><nav>Home</nav><div>{line}<br>{line}</div></body></html>");
        let found = extract(&Html::parse_document(&html));
        assert_eq!(found.paragraphs, vec![line, line]);
        assert!(found.boilerplate.iter().all(|b| b.text != "Crane"));
        let short = extract(&Html::parse_document(
            "<html><body><div>Please log in.</div></body></html>",
        ));
        assert!(short.paragraphs.is_empty());
    }

    #[test]
    fn no_paragraphs_no_text() {
        let doc = Html::parse_document(
            "<html><body><script>alert(1)</script><nav><p>Menu</p></nav></body></html>",
        );
        assert!(extract(&doc).paragraphs.is_empty());
    }
}
