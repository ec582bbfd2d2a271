//! Boilerplate removal and whitespace normalisation: paragraphs in, final article text out.

use regex::Regex;
use std::sync::LazyLock;
use storyline_model::{Boilerplate, BoilerplateKind};

/// Longest paragraph that may be dropped whole as a promo or social line.
const MAX_PROMO_LEN: usize = 200;
/// Longest paragraph that may be dropped whole as a photo caption.
const MAX_CAPTION_LEN: usize = 400;

/// News agencies whose name may close a paragraph as a sign-off.
pub(crate) const AGENCIES: &str = r"ANI|PTI|IANS|UNI|AFP|AP|Reuters|Reuter|REUTER|REUTERS|Xinhua|TASS|Sputnik|dpa|DPA|EFE|ANSA|Kyodo|Yonhap|Bernama|UPI|AAP|Anadolu|AA|WAM|SPA|IRNA|Interfax|Ukrinform|KUNA|APP|NNA|BSS|PA|CNA|RIA Novosti";

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

/// Whole paragraphs that are boilerplate, by kind.
static WHOLE: LazyLock<Vec<(BoilerplateKind, Regex)>> = LazyLock::new(|| {
    vec![
        (
            BoilerplateKind::RelativeStamp,
            re(
                r"(?i)^(?:(?:updated|posted|published)\s*:?\s*)?(?:(?:\d+|an?|one|a few)\s*(?:sec(?:ond)?|min(?:ute)?|hr|hour|day|week|month|year|h|m|d)s?\s+ago|just now|yesterday|today)\.?$",
            ),
        ),
        (
            BoilerplateKind::PhotoCaption,
            re(
                r"(?i)^(?:(?:photo|image|picture|video)\s*(?:author|caption|source|credit)s?\b|(?:file\s+)?(?:photo|image|picture|pic)s?\s*:|(?:photo|image|picture)s?\s+(?:by|courtesy|credit)\b)",
            ),
        ),
        (BoilerplateKind::SocialHandle, re(r"^\(?@\w{1,30}\)?$")),
        (
            BoilerplateKind::SocialHandle,
            re(
                r"(?i)^(?:follow\s+(?:us|@?\w+)\s+on\s+(?:twitter|x|facebook|instagram|telegram|linkedin|tiktok|youtube|threads|mastodon)\b|follow\s+@\w+\.?$|(?:twitter|x|instagram|telegram|threads)\s*:\s*@\w+$)",
            ),
        ),
        (
            BoilerplateKind::Promo,
            re(
                r"(?i)^(?:share\s+(?:this|on|via)\b|subscribe\b|sign\s+up\b|read\s+more\b|also\s+read\b|read\s+also\b|click\s+here\b|download\s+(?:the|our)\s+app\b|advertisement$|related\s*:|recommended\s*:|join\s+our\b|continue\s+reading\b)",
            ),
        ),
        (
            BoilerplateKind::Promo,
            re(
                r"(?i)^(?:share|tweet|e-?mail|print|whatsapp|facebook|twitter|linkedin|reddit|pinterest|telegram|copy link)(?:[\s|•·,/]+(?:share|tweet|e-?mail|print|whatsapp|facebook|twitter|linkedin|reddit|pinterest|telegram|copy link))*$",
            ),
        ),
        (
            BoilerplateKind::AgencySignoff,
            re(&format!(r"^\(?(?:{AGENCIES})\)?$")),
        ),
    ]
});

/// Boilerplate inside a paragraph, by kind; the match is cut out.
static INLINE: LazyLock<Vec<(BoilerplateKind, Regex)>> = LazyLock::new(|| {
    vec![
        (
            BoilerplateKind::PhotoCaption,
            re(
                r"(?i)\((?:photo|image|picture)s?\s+(?:by|courtesy(?:\s+of)?|credit)\b[^)]{0,120}\)",
            ),
        ),
        (BoilerplateKind::SocialHandle, re(r"\(@\w{1,30}\)")),
    ]
});

/// A trailing agency name after the last sentence of a paragraph.
static SIGNOFF: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r#"[.!?"”’)]\s*((?:[-–—]+\s*)?\(?(?:{AGENCIES})\)?)$"#
    ))
});

/// Text after cleaning, with what was removed.
#[derive(Debug, Default)]
pub(crate) struct Cleaned {
    /// Paragraphs joined by blank lines.
    pub text: String,
    /// Removed boilerplate, in text order.
    pub boilerplate: Vec<Boilerplate>,
}

/// Normalises whitespace and removes boilerplate from paragraphs, joining them with `\n\n`.
pub(crate) fn clean(paragraphs: &[String]) -> Cleaned {
    let mut out = Cleaned::default();
    let mut kept: Vec<String> = Vec::new();
    for raw in paragraphs {
        let mut para = squash(raw);
        if para.is_empty() {
            continue;
        }
        if let Some(kind) = whole_kind(&para) {
            out.boilerplate.push(Boilerplate { kind, text: para });
            continue;
        }
        for (kind, pattern) in INLINE.iter() {
            if pattern.is_match(&para) {
                for m in pattern.find_iter(&para) {
                    out.boilerplate.push(Boilerplate {
                        kind: *kind,
                        text: m.as_str().to_string(),
                    });
                }
                para = squash(&pattern.replace_all(&para, " "));
            }
        }
        if let Some(sign) = SIGNOFF.captures(&para).and_then(|c| c.get(1)) {
            out.boilerplate.push(Boilerplate {
                kind: BoilerplateKind::AgencySignoff,
                text: sign.as_str().to_string(),
            });
            para = para[..sign.start()].trim_end().to_string();
        }
        if !para.is_empty() {
            kept.push(para);
        }
    }
    out.text = kept.join("\n\n");
    out
}

/// The kind of boilerplate a whole paragraph is, if it is one.
fn whole_kind(para: &str) -> Option<BoilerplateKind> {
    WHOLE
        .iter()
        .find(|(kind, pattern)| {
            let short_enough = match kind {
                BoilerplateKind::Promo | BoilerplateKind::SocialHandle => {
                    para.len() <= MAX_PROMO_LEN
                }
                BoilerplateKind::PhotoCaption => para.len() <= MAX_CAPTION_LEN,
                _ => true,
            };
            short_enough && pattern.is_match(para)
        })
        .map(|(kind, _)| *kind)
}

/// Collapses whitespace runs to one space, drops invisible and control characters, trims.
fn squash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else if !(c.is_control() || matches!(c, '\u{200b}' | '\u{feff}' | '\u{00ad}')) {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    fn kinds(c: &Cleaned) -> Vec<BoilerplateKind> {
        c.boilerplate.iter().map(|b| b.kind).collect()
    }

    #[test]
    fn whole_paragraph_boilerplate() {
        let c = clean(&paras(&[
            "5 hours ago",
            "Image source, Valley Gazette Image caption, The mayor cut the ribbon",
            "(@valleyreporter)",
            "Follow us on Telegram for more",
            "Share this article",
            "The bridge opened on Monday.",
            "Getting there",
            "Drivers welcomed the shorter route.",
        ]));
        assert_eq!(
            c.text,
            "The bridge opened on Monday.\n\nGetting there\n\nDrivers welcomed the shorter route."
        );
        use BoilerplateKind::*;
        assert_eq!(
            kinds(&c),
            vec![
                RelativeStamp,
                PhotoCaption,
                SocialHandle,
                SocialHandle,
                Promo
            ]
        );
    }

    #[test]
    fn stamp_and_handle_variants() {
        let c = clean(&paras(&[
            "Updated: 3h ago",
            "Follow @valleyreporter",
            "Twitter: @valley",
            "12 minutes ago",
            "Rain.",
        ]));
        use BoilerplateKind::*;
        assert_eq!(
            kinds(&c),
            vec![RelativeStamp, SocialHandle, SocialHandle, RelativeStamp]
        );
        assert!(clean(&paras(&["Follow the money, he said."]))
            .boilerplate
            .is_empty());
    }

    #[test]
    fn agency_signoff_keeps_the_sentence() {
        let c = clean(&paras(&[
            "The port reopened after the storm. ANI",
            "ANI reported the same.",
            "Trade resumed. (Reuters)",
        ]));
        assert_eq!(
            c.text,
            "The port reopened after the storm.\n\nANI reported the same.\n\nTrade resumed."
        );
        assert_eq!(c.boilerplate.len(), 2);
        assert_eq!(c.boilerplate[0].text, "ANI");
    }

    #[test]
    fn inline_credits_and_whitespace() {
        let c = clean(&paras(&[
            "  The  mayor\u{a0}spoke (Photo by Ana Ruiz/Valley Gazette) to\tcrowds\u{200b}.  ",
        ]));
        assert_eq!(c.text, "The mayor spoke to crowds.");
        assert_eq!(kinds(&c), vec![BoilerplateKind::PhotoCaption]);
    }

    #[test]
    fn long_paragraph_starting_like_promo_is_kept() {
        let long = format!(
            "Subscribe rates rose sharply, the board said, {}",
            "and more detail follows. ".repeat(10)
        );
        assert!(clean(&[long]).boilerplate.is_empty());
    }
}
