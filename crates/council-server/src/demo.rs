//! The demo meeting that `council serve` opens at first start: the 9790th meeting, 20
//! November 2024, with the elected members' draft S/2024/835 in blue and ready for the vote.
//!
//! Every fact is the one `scenarios/2024-11-20-s-2024-835.toml` holds, with its sources
//! there: the date and meeting number (S/PV.9790), the agenda item, the ten sponsors, the
//! mover (Guyana) and the only operative paragraph the sources quote. The composition and the
//! presidency (the United Kingdom) come from the Council data for the day. How the vote went
//! is left to the people at the demo's delegation pages.

use chrono::NaiveDate;
use council_core::MemberCode;
use council_core::meeting::Paragraph;

use crate::access::Role;
use crate::dto::{CommandRequest, CreateMeeting};

/// The draft's symbol.
pub const DRAFT: &str = "S/2024/835";

fn code(text: &str) -> MemberCode {
    MemberCode::parse(text).expect("the demo's member codes are well formed")
}

/// The meeting to open.
pub fn meeting() -> CreateMeeting {
    CreateMeeting {
        date: NaiveDate::from_ymd_opt(2024, 11, 20).expect("a real date"),
        format: None,
        meeting_number: Some(9790),
        agenda: vec![
            "The situation in the Middle East, including the Palestinian question".to_owned(),
        ],
        requested_by: Vec::new(),
        president: None,
        members: None,
        invitees: Vec::new(),
    }
}

/// The business done before the vote: the agenda adopted, the draft submitted by Guyana for
/// the ten elected members and put in blue.
pub fn business() -> Vec<(Role, CommandRequest)> {
    let sponsors = [
        "DZA", "ECU", "GUY", "JPN", "MLT", "MOZ", "KOR", "SLE", "SVN", "CHE",
    ]
    .map(code)
    .to_vec();
    let operative = Paragraph::new(
        "OP1",
        "demands an immediate, unconditional and permanent ceasefire to be respected by all \
         parties; and further reiterates its demand for the immediate and unconditional release \
         of all hostages",
    );
    let guyana = Role::Delegation(code("GUY"));
    vec![
        (Role::President, CommandRequest::AdoptAgenda),
        (
            guyana,
            CommandRequest::SubmitDraft {
                symbol: DRAFT.to_owned(),
                paragraphs: vec![operative],
                sponsors: Some(sponsors),
                procedural: false,
                parties_to_dispute: Vec::new(),
            },
        ),
        (
            guyana,
            CommandRequest::PutInBlue {
                draft: DRAFT.to_owned(),
            },
        ),
    ]
}
