//! The record as a complete HTML document: `<!doctype html>`, `lang="en"`, a `<title>`
//! naming the meeting, minimal inline CSS and no script, font or other external resource, so
//! the page can be saved and opened anywhere.
//!
//! Accessibility: one `<h1>` and an `<h2>` per piece of business, each in a `<section>`
//! labelled by its heading, inside `<main>`; votes as a table with row headers; a draft's
//! paragraphs as a list; explanations of vote as block quotes. Every text from the events is
//! HTML-escaped.

use crate::walk::{Block, Output};

/// The CSS of the page: readable measure, system fonts, sufficient contrast, print-friendly.
const STYLE: &str = "body{font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff;margin:0}\
main{max-width:46rem;margin:0 auto;padding:1.5rem}\
h1{font-size:1.6rem;margin:0}\
h2{font-size:1.15rem;margin:1.75rem 0 .5rem;border-bottom:1px solid #b3b3b3}\
header p{margin:.1rem 0}\
p{margin:.4rem 0}\
ol.text{list-style:none;padding-left:1rem}\
ol.text .label{font-weight:bold;margin-right:.5em}\
table{border-collapse:collapse;margin:.5rem 0}\
th,td{text-align:left;vertical-align:top;padding:.2rem .6rem;border-bottom:1px solid #d9d9d9}\
blockquote{margin:.5rem 0 .5rem 1rem;padding-left:.75rem;border-left:3px solid #6b6b6b}";

/// Escapes a text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(character),
        }
    }
    escaped
}

/// The element open at the end of the body, to be closed before something else starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    AgendaList,
    TextList,
    VoteTable,
}

/// The HTML layout.
#[derive(Debug, Default)]
pub struct Html {
    titles: Vec<String>,
    body: String,
    in_header: bool,
    in_section: bool,
    n_sections: usize,
    open: Option<Open>,
}

impl Html {
    fn close_open(&mut self) {
        match self.open.take() {
            Some(Open::AgendaList) => self.body.push_str("</ul>\n"),
            Some(Open::TextList) => self.body.push_str("</ol>\n"),
            Some(Open::VoteTable) => self.body.push_str("</tbody>\n</table>\n"),
            None => {}
        }
    }

    fn close_header(&mut self) {
        if self.in_header {
            self.body.push_str("</header>\n");
            self.in_header = false;
        }
    }

    fn close_section(&mut self) {
        self.close_open();
        if self.in_section {
            self.body.push_str("</section>\n");
            self.in_section = false;
        }
    }

    /// Opens the list or table `kind` unless it is the one open.
    fn ensure_open(&mut self, kind: Open) {
        if self.open == Some(kind) {
            return;
        }
        self.close_open();
        self.body.push_str(match kind {
            Open::AgendaList => "<ul class=\"agenda\">\n",
            Open::TextList => "<ol class=\"text\">\n",
            Open::VoteTable => {
                "<table class=\"votes\">\n<caption>Votes</caption>\n<thead><tr><th scope=\"col\">Vote</th><th scope=\"col\">Number</th><th scope=\"col\">Members</th></tr></thead>\n<tbody>\n"
            }
        });
        self.open = Some(kind);
    }

    fn paragraph(&mut self, text: &str) {
        self.close_header();
        self.close_open();
        self.body.push_str(&format!("<p>{}</p>\n", escape(text)));
    }
}

impl Output for Html {
    fn put(&mut self, block: Block) {
        match block {
            Block::Title(text) => {
                if self.titles.is_empty() {
                    self.close_section();
                    self.body
                        .push_str(&format!("<header>\n<h1>{}</h1>\n", escape(&text)));
                    self.in_header = true;
                } else {
                    self.body.push_str(&format!("<p>{}</p>\n", escape(&text)));
                }
                self.titles.push(text);
            }
            Block::Paragraph(text) => {
                self.close_section();
                self.paragraph(&text);
            }
            Block::Line(text) | Block::Detail(text) => self.paragraph(&text),
            Block::Heading(text) => {
                self.close_header();
                self.close_section();
                self.n_sections += 1;
                let id = format!("business-{}", self.n_sections);
                self.body.push_str(&format!(
                    "<section aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">{}</h2>\n",
                    escape(&text)
                ));
                self.in_section = true;
            }
            Block::AgendaItem(text) => {
                self.ensure_open(Open::AgendaList);
                self.body.push_str(&format!("<li>{}</li>\n", escape(&text)));
            }
            Block::TextParagraph { label, text } => {
                self.ensure_open(Open::TextList);
                self.body.push_str(&format!(
                    "<li><span class=\"label\">{}</span> {}</li>\n",
                    escape(&label),
                    escape(&text)
                ));
            }
            Block::VoteGroup { label, names } => {
                self.ensure_open(Open::VoteTable);
                let list = if names.is_empty() {
                    "none".to_owned()
                } else {
                    escape(&names.join(", "))
                };
                self.body.push_str(&format!(
                    "<tr><th scope=\"row\">{}</th><td>{}</td><td>{list}</td></tr>\n",
                    escape(label),
                    names.len()
                ));
            }
            Block::Quote(text) => {
                self.close_open();
                self.body.push_str(&format!(
                    "<blockquote><p>{}</p></blockquote>\n",
                    escape(&text)
                ));
            }
        }
    }

    fn finish(mut self) -> String {
        self.close_header();
        self.close_section();
        let title = if self.titles.is_empty() {
            "Security Council record".to_owned()
        } else {
            self.titles.join(", ")
        };
        format!(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{}</main>\n</body>\n</html>\n",
            escape(&title),
            self.body
        )
    }
}

#[cfg(test)]
mod tests {
    //! Escaping: text stays text in HTML.

    use super::escape;

    #[test]
    fn markup_and_quotes_are_escaped() {
        assert_eq!(
            escape("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
    }
}
