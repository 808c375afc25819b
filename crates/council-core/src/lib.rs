//! The Security Council's decision rules, as pure functions over plain values.
//!
//! This crate answers one question and the questions around it: given who sits on the
//! Council on a date and how each member voted, was the proposal adopted, and which
//! provision decided it? It does no I/O, reads no clock and draws no random numbers:
//! everything it needs arrives as arguments, or is a fact embedded at build time (the
//! official holidays at UN Headquarters, for the veto debate's deadline), so every answer is
//! reproducible.
//!
//! # Layout
//! - [`member`]: member-state codes ([`MemberCode`]) and the members seated on a date.
//! - [`composition`]: the Council on one date ([`Composition`]) and the majority it needs.
//! - [`vote`]: vote positions ([`Position`]), ballots ([`Ballot`]) and their [`Tally`].
//! - [`decision`]: Article 27 of the Charter: [`decide_vote`] for resolutions,
//!   amendments, procedural motions and preliminary questions.
//! - [`statement`]: presidential and press statements, decided by consensus and the
//!   silence procedure ([`decide_statement`]).
//! - [`outcome`]: the answer ([`Outcome`]), the rule that gave it ([`Provision`]) and the
//!   President's announcement.
//! - [`veto_debate`]: the General Assembly debate that a veto triggers (A/RES/76/262).
//! - [`calendar`]: working days at United Nations Headquarters, for its deadline.
//! - [`presidency`]: Rule 18's monthly rotation of the presidency.
//! - [`meeting`]: a meeting's business in the order the rules of procedure fix.
//! - [`rejection`]: why an input cannot be decided ([`Rejection`]).
#![deny(missing_docs)]

pub mod calendar;
pub mod composition;
pub mod decision;
pub mod meeting;
pub mod member;
pub mod outcome;
pub mod presidency;
pub mod rejection;
pub mod statement;
pub mod veto_debate;
pub mod vote;

pub use composition::Composition;
pub use decision::{Question, Subject, decide_vote};
pub use member::{MemberCode, SeatedMember};
pub use outcome::{Outcome, Provision, Verdict};
pub use rejection::Rejection;
pub use statement::{
    SilenceBreak, SilenceProcedure, StatementDraft, StatementKind, decide_statement,
};
pub use vote::{Ballot, Position, Tally};

/// Dates are calendar dates without a time zone: the Council's records are dated by the
/// day in New York, and nothing in the rules depends on the hour except the silence
/// procedure, which uses [`chrono::NaiveDateTime`].
pub use chrono::{NaiveDate, NaiveDateTime};
