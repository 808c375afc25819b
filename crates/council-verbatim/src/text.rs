//! The plain-text record: one line per fact, pieces of business a blank line apart, details
//! indented by two spaces and a draft's paragraphs by four. This is what `council run`
//! prints, and its bytes are pinned by the CLI's snapshots.

use crate::walk::{Block, Output};

/// The plain-text layout.
#[derive(Debug, Default)]
pub struct Text {
    out: String,
}

impl Text {
    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// One blank line before a new paragraph, never two, and none at the start.
    fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }
}

impl Output for Text {
    fn put(&mut self, block: Block) {
        match block {
            Block::Title(text) | Block::Line(text) => self.line(&text),
            Block::Paragraph(text) | Block::Heading(text) => {
                self.blank();
                self.line(&text);
            }
            Block::Detail(text) | Block::AgendaItem(text) => self.line(&format!("  {text}")),
            Block::TextParagraph { label, text } => self.line(&format!("    {label}: {text}")),
            Block::VoteGroup { label, names } => {
                let list = if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                };
                self.line(&format!("  {label} ({}): {list}", names.len()));
            }
            Block::Quote(text) => self.line(&format!("  \"{text}\"")),
        }
    }

    fn finish(self) -> String {
        self.out
    }
}
