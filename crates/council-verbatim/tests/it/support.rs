//! A live meeting of 20 November 2024 built from commands: an invited State, the list of
//! speakers, a draft co-sponsored, revised, put in blue and vetoed.

use chrono::NaiveDate;
use council_core::meeting::{
    Command, Event, InvitationBasis, Meeting, MeetingFormat, Paragraph, Participant, VoteItem,
    decide, evolve,
};
use council_core::{Ballot, MemberCode, Position};
use council_data::Roster;

pub(crate) fn code(text: &str) -> MemberCode {
    MemberCode::parse(text).expect("a well-formed member code")
}

/// The events of `commands`, each of which must be accepted.
pub(crate) fn run(commands: Vec<Command>) -> Vec<Event> {
    let mut meeting = Meeting::default();
    let mut events = Vec::new();
    for command in commands {
        let name = command.name();
        let new_events =
            decide(&meeting, command).unwrap_or_else(|rejection| panic!("{name}: {rejection}"));
        meeting = new_events.iter().fold(meeting, evolve);
        events.extend(new_events);
    }
    events
}

pub(crate) fn open(format: MeetingFormat) -> Command {
    let date = NaiveDate::from_ymd_opt(2024, 11, 20).expect("a valid date");
    Command::OpenMeeting {
        date,
        format,
        meeting_number: format.is_formal().then_some(9999),
        composition: Roster::embedded()
            .composition_on(date)
            .expect("the Council of the day"),
        president: code("GBR"),
        agenda: vec!["The situation in the Middle East & <elsewhere>".to_owned()],
        requested_by: Vec::new(),
    }
}

/// A test meeting, not a historical one: its draft's text tries to inject markup.
pub(crate) fn live_meeting() -> Vec<Event> {
    let draft = || "S/2024/999".to_owned();
    let mut commands = vec![
        open(MeetingFormat::PublicMeeting),
        Command::AdoptAgenda,
        Command::InviteParticipant {
            participant: Participant::State { state: code("ISR") },
            basis: InvitationBasis::Rule37,
        },
        Command::InscribeSpeaker {
            speaker: code("DZA"),
        },
        Command::InscribeSpeaker {
            speaker: code("ISR"),
        },
        Command::GiveFloor {
            speaker: code("DZA"),
        },
        Command::GiveFloor {
            speaker: code("ISR"),
        },
        Command::SubmitDraft {
            symbol: draft(),
            sponsors: vec![code("GUY")],
            mover: code("GUY"),
            paragraphs: vec![Paragraph::new(
                "OP1",
                "Demands <script>alert(\"x\")</script> a *ceasefire*.",
            )],
            procedural: false,
            parties_to_dispute: Vec::new(),
        },
        Command::CoSponsorDraft {
            draft: draft(),
            member: code("BRA"),
        },
        Command::ReviseDraft {
            draft: draft(),
            member: code("GUY"),
            paragraphs: vec![
                Paragraph::new("OP1", "Demands a ceasefire."),
                Paragraph::new("OP2", "Decides to remain seized of the matter."),
            ],
        },
        Command::PutDraftInBlue {
            draft: draft(),
            member: code("GUY"),
        },
        Command::PutToVote {
            item: VoteItem::Draft { draft: draft() },
        },
    ];
    let composition = Roster::embedded()
        .composition_on(NaiveDate::from_ymd_opt(2024, 11, 20).expect("a valid date"))
        .expect("the Council of the day");
    commands.push(Command::RecordVote {
        ballot: Ballot::new(composition.members().iter().map(|member| {
            let position = match member.code().as_str() {
                "USA" => Position::No,
                "CHE" => Position::Abstain,
                _ => Position::Yes,
            };
            (member.code(), position)
        }))
        .expect("one position per member"),
    });
    commands.push(Command::CloseMeeting);
    run(commands)
}
