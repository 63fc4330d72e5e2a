//! Text from the inputs made inert for a terminal or a Markdown file: control
//! characters (ESC sequences, BEL, C1 controls such as U+009B), bidirectional overrides
//! (U+202E) and zero-width characters are written as visible escapes (`\e`, `\u{202e}`),
//! never passed through. Every human renderer and every line on standard error goes
//! through [`inert`]; JSON escapes on its own and HTML writes entities.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` must not reach a terminal as it is.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            // Bidirectional embeddings, overrides and isolates, and the marks.
            '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
            // Zero-width spaces, joiners and the byte-order mark inside text.
            | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}'
            // Line and paragraph separators.
            | '\u{2028}' | '\u{2029}')
}

/// `text` with every unsafe character escaped; borrowed when there is none (the usual
/// case, checked without copying).
pub fn inert(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            // White space inside a name (a quoted cell's line break) reads as a space.
            '\n' | '\r' | '\t' => out.push(' '),
            '\u{1b}' => out.push_str("\\e"),
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`inert`] for text of several lines: each line on its own, the line breaks kept.
pub fn inert_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(inert).collect();
    Cow::Owned(lines.join("\n"))
}

/// At most `max` characters of `text`, the cut marked with `…`: a table cell never
/// holds a megabyte of name (laying it out would take seconds).
pub fn cut(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((at, _)) => {
            let kept = text
                .get(..at)
                .and_then(|kept| kept.char_indices().last().map(|(last, _)| &kept[..last]))
                .unwrap_or_default();
            Cow::Owned(format!("{kept}…"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_overrides_become_visible() {
        assert_eq!(inert("Acme"), "Acme");
        assert!(matches!(inert("Café Lumière"), Cow::Borrowed(_)));
        assert_eq!(
            inert("\u{1b}[2J\u{1b}]0;owned\u{7}"),
            "\\e[2J\\e]0;owned\\u{7}"
        );
        assert_eq!(inert("a\u{9b}31mb"), "a\\u{9b}31mb");
        assert_eq!(inert("evil\u{202e}gpj.exe"), "evil\\u{202e}gpj.exe");
        assert_eq!(inert("zero\u{200b}width"), "zero\\u{200b}width");
        assert_eq!(
            inert("\u{1b}]8;;http://x\u{1b}\\link"),
            "\\e]8;;http://x\\e\\link"
        );
        assert_eq!(inert("two\nlines\ttab"), "two lines tab");
        assert_eq!(inert("del\u{7f}"), "del\\u{7f}");
        assert_eq!(inert_lines("a\u{1b}[2J\nb\n"), "a\\e[2J\nb\n");
        assert!(matches!(inert_lines("a\nb\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn long_text_is_cut_on_a_character() {
        assert_eq!(cut("Acme", 10), "Acme");
        assert_eq!(cut("abcdefghij", 10), "abcdefghij");
        assert_eq!(cut("abcdefghijk", 10), "abcdefghi…");
        assert_eq!(cut("ééééééé", 4), "ééé…");
        assert_eq!(cut("", 0), "");
    }
}
