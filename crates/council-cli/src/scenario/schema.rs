//! The scenario file's shape: what a human writes in TOML, before any of it is checked
//! against the data or the rules.
//!
//! Every table rejects unknown fields, so a misspelt key is an error rather than silently
//! ignored. Fields that can be wrong in ways only the data or the rules detect (dates, member
//! codes, votes) keep their place in the file (`toml::Spanned`) so that errors can name the
//! line.
//!
//! ```toml
//! date = "2024-11-20"                 # YYYY-MM-DD, required
//! format = "public_meeting"           # or "closed_consultations", required
//! meeting_number = 9790               # S/PV number; formal meetings only
//! president = "GBR"                   # overrides the President of the month from the data
//! requested_by = ["MLT", "ARE"]       # States that asked for the meeting (Rules 2 and 3)
//! agenda = ["The situation in the Middle East, including the Palestinian question"]
//! # agenda_votes = { RUS = "yes", ... }  # a procedural vote on the agenda (Rule 9);
//! #                                      # omitted: adopted without objection
//!
//! [[invitations]]                     # States invited without vote
//! state = "ISR"
//! rule = "rule_37"                    # or "article_32"
//!
//! [[briefers]]                        # persons invited to brief (Rule 39)
//! name = "Tor Wennesland"
//! title = "Special Coordinator for the Middle East Peace Process"
//!
//! [[drafts]]                          # in order of submission (Rule 32)
//! symbol = "S/2024/835"
//! sponsors = ["DZA", "ECU", "GUY"]    # may include States not on the Council
//! mover = "GUY"                       # who introduces it; default: first sponsor on the Council
//! procedural = false                  # presented as procedural (Art. 27(2)); default false
//! parties_to_dispute = []             # obliged to abstain (Art. 27(3)); default none
//! priority_votes = { ... }            # a procedural vote to put it before earlier drafts
//! withdrawn = false                   # withdrawn by its mover (Rule 35)
//! taken_over_by = "MYS"               # a member that takes a withdrawn draft over
//! preliminary_question = { disputed_by = "RUS", votes = { ... } }
//! separate_votes = [{ paragraph = "OP1", requested_by = "RUS", objected = false, votes = { ... } }]
//! votes = { DZA = "yes", USA = "no" } # the vote on the whole; omitted: not put to the vote
//! paragraphs = [{ label = "OP1", text = "demands ..." }]
//! explanations = [{ member = "USA", timing = "after", text = "..." }]
//!
//! [[amendments]]
//! id = "A1"
//! draft = "S/2023/970"
//! proposed_by = "RUS"
//! oral = true
//! changes = [{ change = "replace", paragraph = "OP1", text = "..." },
//!            { change = "insert", after = "OP1", label = "OP1bis", text = "..." },
//!            { change = "delete", paragraph = "OP2" }]
//! votes = { ... }
//!
//! [[statements]]                      # presidential or press statements, by consensus
//! id = "press-statement"
//! kind = "press"                      # or "presidential"
//! text = "..."                        # optional: none may have been circulated
//! objections = ["RUS"]                # members that do not join the consensus
//! dissociations = []                  # members that join while dissociating
//! silence = { until = "2014-07-12T09:00", broken_by = [{ member = "RUS", at = "2014-07-12T08:00" }] }
//! ```
//!
//! A vote table maps each member's code to `yes`, `no`, `abstain`, `not_participating` or
//! `absent`; members left out count as absent.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// A member code as written, with its place in the file.
pub type CodeField = Spanned<String>;

/// A vote table: member code to position, each with its place in the file.
pub type Votes = BTreeMap<Spanned<String>, Spanned<String>>;

/// A whole scenario: one meeting.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The day of the meeting, YYYY-MM-DD.
    pub date: Spanned<String>,
    /// `public_meeting` or `closed_consultations`.
    pub format: Format,
    /// The formal meeting's number (S/PV.NNNN).
    pub meeting_number: Option<Spanned<u32>>,
    /// Overrides the President of the month in the data.
    pub president: Option<CodeField>,
    /// The States that requested the meeting.
    #[serde(default)]
    pub requested_by: Vec<CodeField>,
    /// The agenda items.
    pub agenda: Spanned<Vec<String>>,
    /// A procedural vote on the agenda; without it the agenda is adopted without objection.
    pub agenda_votes: Option<Spanned<Votes>>,
    /// States invited without vote.
    #[serde(default)]
    pub invitations: Vec<InvitationEntry>,
    /// Persons invited to brief the Council.
    #[serde(default)]
    pub briefers: Vec<BrieferEntry>,
    /// Draft resolutions, in order of submission.
    #[serde(default)]
    pub drafts: Vec<DraftEntry>,
    /// Amendments, in order of submission.
    #[serde(default)]
    pub amendments: Vec<AmendmentEntry>,
    /// Statements put to the members.
    #[serde(default)]
    pub statements: Vec<StatementEntry>,
}

/// The meeting's format.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// A formal public meeting.
    PublicMeeting,
    /// Informal closed consultations.
    ClosedConsultations,
}

/// A State invited without vote.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvitationEntry {
    /// The State's code.
    pub state: CodeField,
    /// The provision.
    pub rule: InvitationRule,
}

/// The provision under which a State is invited.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationRule {
    /// Rule 37 (Art. 31).
    Rule37,
    /// Art. 32.
    Article32,
}

/// A person invited to brief the Council (Rule 39).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrieferEntry {
    /// The person's name.
    pub name: String,
    /// The capacity in which the person briefs.
    pub title: String,
}

/// A draft resolution.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftEntry {
    /// The symbol, S/YYYY/NNN.
    pub symbol: String,
    /// Its sponsors.
    pub sponsors: Vec<CodeField>,
    /// Who introduces it; by default the first sponsor on the Council.
    pub mover: Option<CodeField>,
    /// Whether it is presented as procedural.
    #[serde(default)]
    pub procedural: bool,
    /// Parties obliged to abstain.
    #[serde(default)]
    pub parties_to_dispute: Vec<CodeField>,
    /// A procedural vote giving it priority over earlier drafts.
    pub priority_votes: Option<Spanned<Votes>>,
    /// Whether its mover withdrew it.
    #[serde(default)]
    pub withdrawn: bool,
    /// The member that took it over after withdrawal.
    pub taken_over_by: Option<CodeField>,
    /// A dispute over its procedural character and the vote on the preliminary question.
    pub preliminary_question: Option<PreliminaryQuestionEntry>,
    /// Separate votes on paragraphs.
    #[serde(default)]
    pub separate_votes: Vec<SeparateVoteEntry>,
    /// The vote on the whole; without it the draft is not put to the vote.
    pub votes: Option<Spanned<Votes>>,
    /// Its text, paragraph by paragraph.
    pub paragraphs: Vec<ParagraphEntry>,
    /// Explanations of vote on it.
    #[serde(default)]
    pub explanations: Vec<ExplanationEntry>,
}

/// A paragraph of a draft.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParagraphEntry {
    /// Its label (PP1, OP1).
    pub label: String,
    /// Its words.
    pub text: String,
}

/// The preliminary question on a draft.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreliminaryQuestionEntry {
    /// The member that disputed the draft's character.
    pub disputed_by: CodeField,
    /// The vote on the question that the draft is procedural.
    pub votes: Spanned<Votes>,
}

/// A separate vote on one paragraph (Rule 32).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeparateVoteEntry {
    /// The paragraph.
    pub paragraph: String,
    /// Who asked for it.
    pub requested_by: CodeField,
    /// Whether the mover objected, so it was not taken.
    #[serde(default)]
    pub objected: bool,
    /// The vote, unless the mover objected.
    pub votes: Option<Spanned<Votes>>,
}

/// An explanation of vote.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExplanationEntry {
    /// The member speaking.
    pub member: CodeField,
    /// `before` or `after` the vote.
    pub timing: Timing,
    /// What it said: quote sources only.
    pub text: String,
}

/// Before or after the vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// Before the vote.
    Before,
    /// After the vote.
    After,
}

/// An amendment to a draft.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmendmentEntry {
    /// Its identifier.
    pub id: String,
    /// The draft it amends.
    pub draft: String,
    /// The member proposing it.
    pub proposed_by: CodeField,
    /// Whether it was moved orally.
    #[serde(default)]
    pub oral: bool,
    /// Its changes.
    pub changes: Vec<ChangeEntry>,
    /// The vote on it; without it, it is not put to the vote.
    pub votes: Option<Spanned<Votes>>,
}

/// One change an amendment makes.
#[derive(Debug, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case", deny_unknown_fields)]
pub enum ChangeEntry {
    /// Replaces a paragraph's words.
    Replace {
        /// The paragraph.
        paragraph: String,
        /// The new words.
        text: String,
    },
    /// Inserts a paragraph.
    Insert {
        /// The paragraph it follows; omitted: first.
        after: Option<String>,
        /// The new paragraph's label.
        label: String,
        /// Its words.
        text: String,
    },
    /// Deletes a paragraph.
    Delete {
        /// The paragraph.
        paragraph: String,
    },
}

/// A statement put to the members.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementEntry {
    /// Its identifier.
    pub id: String,
    /// `press` or `presidential`.
    pub kind: StatementKindEntry,
    /// Its text, if one was circulated.
    pub text: Option<String>,
    /// Members that do not join the consensus.
    #[serde(default)]
    pub objections: Vec<CodeField>,
    /// Members that join while dissociating from part of the text.
    #[serde(default)]
    pub dissociations: Vec<CodeField>,
    /// A silence procedure.
    pub silence: Option<SilenceEntry>,
}

/// The kind of statement.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKindEntry {
    /// A press statement.
    Press,
    /// A presidential statement.
    Presidential,
}

/// A silence procedure.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SilenceEntry {
    /// When silence expires, YYYY-MM-DDTHH:MM.
    pub until: Spanned<String>,
    /// Who broke silence, and when.
    #[serde(default)]
    pub broken_by: Vec<SilenceBreakEntry>,
}

/// A member breaking silence.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SilenceBreakEntry {
    /// The member.
    pub member: CodeField,
    /// When, YYYY-MM-DDTHH:MM.
    pub at: Spanned<String>,
}
