//! The record as Markdown (CommonMark): the Council and the meeting as a level-one heading
//! and a paragraph, each piece of business under a level-two heading, votes and a draft's
//! paragraphs as lists, explanations of vote as block quotes.
//!
//! Every text taken from the events is escaped, so a draft's words cannot turn into markup,
//! links or raw HTML when the Markdown is rendered.

use crate::walk::{Block, Output};

/// What the last block was, to know whether the next one continues it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Last {
    #[default]
    Nothing,
    Block,
    Paragraph,
    List(ListKind),
}

/// Lists of different kinds are kept apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKind {
    Agenda,
    Text,
    Votes,
}

/// The Markdown layout.
#[derive(Debug, Default)]
pub struct Markdown {
    out: String,
    last: Last,
    has_title: bool,
}

/// Escapes a text for use inside a Markdown paragraph, heading or list item: every ASCII
/// punctuation mark that can start markup is backslash-escaped, a line break becomes a
/// space, and a leading list or heading marker is neutralised.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for (index, character) in text.chars().enumerate() {
        match character {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '&' => {
                escaped.push('\\');
                escaped.push(character);
            }
            '-' | '+' | '=' if index == 0 => {
                escaped.push('\\');
                escaped.push(character);
            }
            '\n' | '\r' => escaped.push(' '),
            _ => escaped.push(character),
        }
    }
    // "1. Decides" at the start of a paragraph would begin an ordered list.
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(escaped[digits..].chars().next(), Some('.' | ')')) {
        escaped.insert(digits, '\\');
    }
    escaped
}

impl Markdown {
    /// Starts a new block, a blank line after the one before.
    fn block(&mut self, text: &str, last: Last) {
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        self.out.push_str(text);
        self.last = last;
    }

    /// A list item, in the list before it if it is of the same kind.
    fn item(&mut self, text: &str, kind: ListKind) {
        if self.last == Last::List(kind) {
            self.out.push('\n');
            self.out.push_str(text);
        } else {
            self.block(text, Last::List(kind));
        }
    }

    /// A line continuing the paragraph before it, after a hard line break.
    fn continuation(&mut self, text: &str) {
        if self.last == Last::Paragraph {
            self.out.push_str("\\\n");
            self.out.push_str(text);
        } else {
            self.block(text, Last::Paragraph);
        }
    }
}

impl Output for Markdown {
    fn put(&mut self, block: Block) {
        match block {
            Block::Title(text) if !self.has_title => {
                self.has_title = true;
                self.block(&format!("# {}", escape(&text)), Last::Block);
            }
            Block::Title(text) | Block::Line(text) => self.continuation(&escape(&text)),
            Block::Paragraph(text) => self.block(&escape(&text), Last::Paragraph),
            Block::Heading(text) => self.block(&format!("## {}", escape(&text)), Last::Block),
            Block::Detail(text) => self.block(&escape(&text), Last::Block),
            Block::AgendaItem(text) => self.item(&format!("- {}", escape(&text)), ListKind::Agenda),
            Block::TextParagraph { label, text } => self.item(
                &format!("- **{}**: {}", escape(&label), escape(&text)),
                ListKind::Text,
            ),
            Block::VoteGroup { label, names } => {
                let list = if names.is_empty() {
                    "none".to_owned()
                } else {
                    escape(&names.join(", "))
                };
                self.item(
                    &format!("- **{label} ({}):** {list}", names.len()),
                    ListKind::Votes,
                );
            }
            Block::Quote(text) => self.block(&format!("> {}", escape(&text)), Last::Block),
        }
    }

    fn finish(mut self) -> String {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    //! Escaping: markup in a text stays text.

    use super::escape;

    #[test]
    fn markup_in_a_text_is_escaped() {
        assert_eq!(
            escape("<script>alert(1)</script> *bold* [link](x)"),
            r"\<script\>alert(1)\</script\> \*bold\* \[link\](x)"
        );
    }

    #[test]
    fn a_leading_list_or_heading_marker_is_neutralised() {
        assert_eq!(escape("- item"), r"\- item");
        assert_eq!(escape("# title"), r"\# title");
        assert_eq!(escape("1. Decides"), r"1\. Decides");
        assert_eq!(escape("14-1-0"), "14-1-0");
    }
}
