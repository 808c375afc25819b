//! A meeting's record from its events, in the manner of the Council's verbatim records
//! (S/PV.NNNN): plain text, Markdown or a self-contained HTML page.
//!
//! The record is a projection of a meeting's [`Event`]s: one paragraph per piece of
//! business, in the order it happened, with the names of the day (from `council-data`) and
//! each vote's members by position, the President's announcement, the reason and the rule.
//! The three renderings come from one walk over the events, so they never disagree about
//! what happened; only the layout differs. Nothing here prints or reads files: the callers
//! (the `council` command, the live server) write the string where they need it.
//!
//! ```
//! use council_core::meeting::{decide, Command, Meeting, MeetingFormat};
//! use council_core::MemberCode;
//! use council_data::Roster;
//! use chrono::NaiveDate;
//! let roster = Roster::embedded();
//! let date = NaiveDate::from_ymd_opt(2024, 11, 20).unwrap();
//! let open = Command::OpenMeeting {
//!     date,
//!     format: MeetingFormat::PublicMeeting,
//!     meeting_number: Some(9790),
//!     composition: roster.composition_on(date).unwrap(),
//!     president: MemberCode::parse("GBR").unwrap(),
//!     agenda: vec!["The situation in the Middle East".to_owned()],
//!     requested_by: vec![],
//! };
//! let events = decide(&Meeting::default(), open).unwrap();
//! let text = council_verbatim::render(&events, roster);
//! assert!(text.starts_with("Security Council\n9790th meeting (S/PV.9790)\n"));
//! let html = council_verbatim::render_html(&events, roster);
//! assert!(html.starts_with("<!doctype html>"));
//! ```
//!
//! # Layout
//! - [`walk`](mod@walk): the events read once, as [`Block`](walk::Block)s of the record (a
//!   heading, a line, a member's vote group, a paragraph of a draft) handed to an
//!   [`Output`](walk::Output).
//! - [`text`]: the plain-text record, as `council run` prints it.
//! - [`markdown`]: the same record as Markdown.
//! - [`html`]: the same record as a complete, accessible HTML document with inline CSS.

pub mod html;
pub mod markdown;
pub mod text;
pub mod walk;

pub use walk::ordinal;

use council_core::meeting::Event;
use council_data::Roster;

/// The record of a meeting as plain text, one line per fact, paragraphs apart.
pub fn render(events: &[Event], roster: &Roster) -> String {
    walk::walk(events, roster, text::Text::default())
}

/// The record of a meeting as Markdown (CommonMark): headings, paragraphs and lists, with
/// every text from the events escaped.
pub fn render_markdown(events: &[Event], roster: &Roster) -> String {
    walk::walk(events, roster, markdown::Markdown::default())
}

/// The record of a meeting as a complete HTML document: `<!doctype html>`, `lang="en"`, a
/// `<title>`, minimal inline CSS and no external resource, with every text HTML-escaped.
pub fn render_html(events: &[Event], roster: &Roster) -> String {
    walk::walk(events, roster, html::Html::default())
}
