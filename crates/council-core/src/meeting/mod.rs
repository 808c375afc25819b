//! A meeting's business in the order the provisional rules of procedure fix, event-sourced.
//!
//! A meeting is a stream of [`Event`]s. [`decide`] takes the meeting so far and a
//! [`Command`] (what the President or a delegation asks for) and either refuses it with a
//! [`Rejection`](crate::Rejection) or answers with the events it causes; [`evolve`] applies
//! one event to the meeting and holds no rules. [`Meeting::replay`] is the fold of
//! [`evolve`] over a log, so a stored log always reproduces the meeting.
//!
//! The rules enforced, each cited where it is checked:
//! - the agenda is the first business of a formal meeting (Rule 9), adopted without
//!   objection or by a procedural vote (Art. 27(2)); if that vote fails the meeting does not
//!   proceed (28 March 2024, 9592nd meeting);
//! - closed consultations are informal: no votes and no formal decisions, only Council
//!   members and Secretariat briefers, though press statements may be agreed there;
//! - States are invited under Rule 37 or Art. 32, other persons under Rule 39;
//! - drafts are voted in order of submission (Rule 32) unless the Council gives one priority
//!   by a procedural vote; amendments before the draft (Rules 33 and 36); parts voted
//!   separately at the request of any representative unless the mover objects (Rule 32),
//!   before the whole, and a rejected part leaves the text;
//! - an adopted amendment changes the draft's text; a draft is voted once; a withdrawn draft
//!   (Rule 35) may be taken over by a member;
//! - a draft, or a part of it, is put to the vote only "in blue", its final form, which its
//!   mover asks for (spec section 3.9); any State may co-sponsor a pending draft; the mover
//!   may revise it (Rev.1, Rev.2, ...), which takes it out of blue, but not while an
//!   amendment to it awaits its vote nor once its amendments or parts have been voted;
//! - Council members and States invited to the meeting (Rule 37, Art. 31 and 32) are
//!   inscribed on the list of speakers, once while waiting, and the President gives the floor
//!   in the order in which they asked to speak (Rule 27);
//! - when the procedural character of a draft is disputed, the preliminary question is
//!   voted first as a non-procedural matter (the "double veto");
//! - only Council members vote, each once on a question (Art. 27(1)), and a party to the
//!   dispute casts no vote on a non-procedural draft (Art. 27(3)); explanations of vote come
//!   before the vote or after it;
//! - statements are concluded by consensus and the silence procedure;
//! - nothing happens after the meeting has closed or after its agenda failed.
//!
//! A live session adds commands, not rules: delegations cast their votes one by one with
//! [`Command::CastVote`] while the President's [`Command::RecordVote`] closes the vote. A cast
//! vote that the record of the vote would refuse is refused when it is cast.
//!
//! ```
//! use council_core::meeting::{decide, evolve, Command, Meeting, MeetingFormat};
//! use council_core::{Composition, MemberCode, SeatedMember};
//! use chrono::NaiveDate;
//! let code = |text| MemberCode::parse(text).unwrap();
//! let date = NaiveDate::from_ymd_opt(2024, 3, 28).unwrap();
//! let composition = Composition::new(date, vec![SeatedMember::new(code("GUY"), "Guyana", false)]).unwrap();
//! let open = Command::OpenMeeting {
//!     date,
//!     format: MeetingFormat::PublicMeeting,
//!     meeting_number: Some(9592),
//!     composition,
//!     president: code("GUY"),
//!     agenda: vec!["Letter dated 26 March 2024".to_owned()],
//!     requested_by: vec![],
//! };
//! let events = decide(&Meeting::default(), open).unwrap();
//! let meeting = events.iter().fold(Meeting::default(), evolve);
//! assert_eq!(meeting, Meeting::replay(&events));
//! ```

mod command;
mod event;
mod rules;
mod state;

pub use command::{
    AmendmentChange, Command, ExplanationTiming, InvitationBasis, MeetingFormat, Paragraph,
    Participant, VoteItem,
};
pub use event::Event;
pub use rules::decide;
pub use state::{
    AgendaStatus, Amendment, Draft, DraftStatus, Explanation, Invitation, Meeting, MeetingDetails,
    SeparateVote, Statement, VoteRecord, evolve,
};
