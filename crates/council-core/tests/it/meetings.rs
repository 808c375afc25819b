//! A live meeting through the public API: drafts put in blue, co-sponsored and revised, the
//! list of speakers, votes cast one by one, and the replay property over random sequences of
//! commands (proptest).

use council_core::meeting::{
    Command, Event, InvitationBasis, Meeting, MeetingFormat, Paragraph, Participant, VoteItem,
    decide, evolve,
};
use council_core::{Ballot, Position, Rejection};
use proptest::prelude::*;

use crate::support::{code, council_2024, date};

fn open() -> Command {
    Command::OpenMeeting {
        date: date(2024, 11, 20),
        format: MeetingFormat::PublicMeeting,
        meeting_number: Some(9790),
        composition: council_2024(),
        president: code("GBR"),
        agenda: vec![
            "The situation in the Middle East, including the Palestinian question".to_owned(),
        ],
        requested_by: Vec::new(),
    }
}

fn submit(symbol: &str, mover: &str) -> Command {
    Command::SubmitDraft {
        symbol: symbol.to_owned(),
        sponsors: vec![code(mover)],
        mover: code(mover),
        paragraphs: vec![Paragraph::new("OP1", "Demands an immediate ceasefire.")],
        procedural: false,
        parties_to_dispute: Vec::new(),
    }
}

fn blue(symbol: &str, mover: &str) -> Command {
    Command::PutDraftInBlue {
        draft: symbol.to_owned(),
        member: code(mover),
    }
}

fn put_draft(symbol: &str) -> Command {
    Command::PutToVote {
        item: VoteItem::Draft {
            draft: symbol.to_owned(),
        },
    }
}

fn cast(member: &str, position: Position) -> Command {
    Command::CastVote {
        member: code(member),
        position,
    }
}

/// The events of commands that must all be accepted.
fn run(commands: Vec<Command>) -> Vec<Event> {
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

#[test]
fn s_2024_835_is_put_in_blue_co_sponsored_and_voted_one_delegation_at_a_time() {
    let mut commands = vec![open(), Command::AdoptAgenda, submit("S/2024/835", "GUY")];
    // The ten elected members sponsored it (spec section 7b).
    for member in [
        "DZA", "ECU", "JPN", "MLT", "MOZ", "KOR", "SLE", "SVN", "CHE",
    ] {
        commands.push(Command::CoSponsorDraft {
            draft: "S/2024/835".to_owned(),
            member: code(member),
        });
    }
    commands.extend([blue("S/2024/835", "GUY"), put_draft("S/2024/835")]);
    for member in council_2024().members() {
        let position = if member.code() == code("USA") {
            Position::No
        } else {
            Position::Yes
        };
        commands.push(cast(member.code().as_str(), position));
    }
    commands.push(Command::RecordVote {
        ballot: Ballot::new([]).expect("an empty ballot"),
    });
    let events = run(commands);
    let meeting = Meeting::replay(&events);
    let draft = meeting.draft("S/2024/835").expect("submitted");
    assert_eq!(draft.sponsors.len(), 10);
    assert!(draft.in_blue);
    let vote = meeting.votes().last().expect("voted");
    assert_eq!(vote.outcome.tally.to_string(), "14-1-0");
    assert_eq!(vote.outcome.vetoed_by, [code("USA")]);
}

#[test]
fn a_second_vote_by_a_delegation_is_a_conflict_and_a_vote_out_of_blue_a_rule() {
    let events = run(vec![
        open(),
        Command::AdoptAgenda,
        submit("S/2024/835", "GUY"),
    ]);
    let refusal = decide(&Meeting::replay(&events), put_draft("S/2024/835")).unwrap_err();
    assert_eq!(
        refusal,
        Rejection::DraftNotInBlue {
            draft: "S/2024/835".to_owned()
        }
    );
    assert_eq!(refusal.code(), "draft_not_in_blue");
    assert!(!refusal.is_conflict());

    let events = run(vec![
        open(),
        Command::AdoptAgenda,
        submit("S/2024/835", "GUY"),
        blue("S/2024/835", "GUY"),
        put_draft("S/2024/835"),
        cast("USA", Position::No),
    ]);
    let refusal = decide(&Meeting::replay(&events), cast("USA", Position::Yes)).unwrap_err();
    assert_eq!(refusal.code(), "already_voted");
    assert!(refusal.is_conflict());
}

#[test]
fn the_list_of_speakers_is_heard_in_order() {
    let events = run(vec![
        open(),
        Command::AdoptAgenda,
        Command::InviteParticipant {
            participant: Participant::State { state: code("PSE") },
            basis: InvitationBasis::Rule37,
        },
        Command::InscribeSpeaker {
            speaker: code("DZA"),
        },
        Command::InscribeSpeaker {
            speaker: code("PSE"),
        },
        Command::InscribeSpeaker {
            speaker: code("USA"),
        },
        Command::GiveFloor {
            speaker: code("DZA"),
        },
        Command::GiveFloor {
            speaker: code("PSE"),
        },
    ]);
    let meeting = Meeting::replay(&events);
    assert_eq!(meeting.speakers_heard(), [code("DZA"), code("PSE")]);
    assert_eq!(meeting.speakers_waiting(), [code("USA")]);
}

#[test]
fn an_invited_state_submits_a_draft_voted_only_at_a_council_members_request() {
    let invite = Command::InviteParticipant {
        participant: Participant::State { state: code("PSE") },
        basis: InvitationBasis::Rule37,
    };
    // Not invited yet: only Council members and invited States submit drafts (Rule 38).
    let before = run(vec![open(), Command::AdoptAgenda]);
    assert_eq!(
        decide(&Meeting::replay(&before), submit("S/2024/900", "PSE")).unwrap_err(),
        Rejection::NotACouncilMember {
            member: code("PSE"),
            date: date(2024, 11, 20)
        }
    );
    let events = run(vec![
        open(),
        Command::AdoptAgenda,
        invite,
        submit("S/2024/900", "PSE"),
        blue("S/2024/900", "PSE"),
    ]);
    let refusal = decide(&Meeting::replay(&events), put_draft("S/2024/900")).unwrap_err();
    assert_eq!(refusal.code(), "vote_not_requested");
    assert!(!refusal.is_conflict());
    let request = Command::RequestVote {
        draft: "S/2024/900".to_owned(),
        member: code("DZA"),
    };
    let events = run(vec![
        open(),
        Command::AdoptAgenda,
        Command::InviteParticipant {
            participant: Participant::State { state: code("PSE") },
            basis: InvitationBasis::Rule37,
        },
        submit("S/2024/900", "PSE"),
        blue("S/2024/900", "PSE"),
        request.clone(),
        put_draft("S/2024/900"),
    ]);
    let meeting = Meeting::replay(&events);
    assert_eq!(
        meeting.draft("S/2024/900").unwrap().vote_requested_by,
        Some(code("DZA"))
    );
    assert!(meeting.voting().is_some());
    // An invited State cannot ask for the vote itself, and a member's draft needs no request.
    let invited = run(vec![
        open(),
        Command::AdoptAgenda,
        Command::InviteParticipant {
            participant: Participant::State { state: code("PSE") },
            basis: InvitationBasis::Rule37,
        },
        submit("S/2024/900", "PSE"),
        submit("S/2024/901", "GUY"),
    ]);
    let meeting = Meeting::replay(&invited);
    assert_eq!(
        decide(
            &meeting,
            Command::RequestVote {
                draft: "S/2024/900".to_owned(),
                member: code("PSE"),
            }
        )
        .unwrap_err()
        .code(),
        "not_a_council_member"
    );
    assert_eq!(
        decide(
            &meeting,
            Command::RequestVote {
                draft: "S/2024/901".to_owned(),
                member: code("DZA"),
            }
        )
        .unwrap_err()
        .code(),
        "vote_request_not_needed"
    );
}

#[test]
fn the_stored_form_of_the_new_events_is_pinned() {
    // These shapes are read back from the event store: a change here needs a new kind.
    let events = [
        Event::DraftPutInBlue {
            draft: "S/2024/835".to_owned(),
        },
        Event::DraftCoSponsored {
            draft: "S/2024/835".to_owned(),
            member: code("BRA"),
        },
        Event::DraftRevised {
            draft: "S/2024/835".to_owned(),
            revision: 1,
            paragraphs: vec![Paragraph::new("OP1", "Demands a ceasefire.")],
        },
        Event::SpeakerInscribed {
            speaker: code("DZA"),
        },
        Event::FloorGiven {
            speaker: code("DZA"),
        },
    ];
    let json: Vec<String> = events
        .iter()
        .map(|event| serde_json::to_string(event).expect("serialisable"))
        .collect();
    assert_eq!(
        json,
        [
            r#"{"kind":"draft_put_in_blue","draft":"S/2024/835"}"#,
            r#"{"kind":"draft_co_sponsored","draft":"S/2024/835","member":"BRA"}"#,
            r#"{"kind":"draft_revised","draft":"S/2024/835","revision":1,"paragraphs":[{"label":"OP1","text":"Demands a ceasefire."}]}"#,
            r#"{"kind":"speaker_inscribed","speaker":"DZA"}"#,
            r#"{"kind":"floor_given","speaker":"DZA"}"#,
        ]
    );
    for (event, text) in events.iter().zip(&json) {
        let read_back: Event = serde_json::from_str(text).expect("deserialisable");
        assert_eq!(&read_back, event);
    }
}

/// Commands a live meeting may receive, valid or not at the moment they arrive.
fn live_command() -> impl Strategy<Value = Command> {
    let drafts = prop_oneof![Just(("S/1", "GUY")), Just(("S/2", "RUS"))];
    let speakers = prop_oneof![Just("DZA"), Just("USA"), Just("ISR")];
    let voters = prop_oneof![Just("USA"), Just("RUS"), Just("GUY"), Just("DZA")];
    let positions = prop_oneof![
        Just(Position::Yes),
        Just(Position::No),
        Just(Position::Abstain),
        Just(Position::NotParticipating),
    ];
    prop_oneof![
        drafts
            .clone()
            .prop_map(|(symbol, mover)| submit(symbol, mover)),
        drafts
            .clone()
            .prop_map(|(symbol, mover)| blue(symbol, mover)),
        drafts
            .clone()
            .prop_map(|(symbol, _)| Command::CoSponsorDraft {
                draft: symbol.to_owned(),
                member: code("BRA"),
            }),
        drafts
            .clone()
            .prop_map(|(symbol, mover)| Command::ReviseDraft {
                draft: symbol.to_owned(),
                member: code(mover),
                paragraphs: vec![Paragraph::new("OP1", "Calls for a ceasefire.")],
            }),
        drafts
            .clone()
            .prop_map(|(symbol, mover)| Command::WithdrawDraft {
                draft: symbol.to_owned(),
                member: code(mover),
            }),
        drafts.prop_map(|(symbol, _)| put_draft(symbol)),
        Just(Command::InviteParticipant {
            participant: Participant::State { state: code("ISR") },
            basis: InvitationBasis::Rule37,
        }),
        speakers
            .clone()
            .prop_map(|speaker| Command::InscribeSpeaker {
                speaker: code(speaker),
            }),
        speakers.prop_map(|speaker| Command::GiveFloor {
            speaker: code(speaker),
        }),
        (voters, positions).prop_map(|(member, position)| cast(member, position)),
        Just(Command::RecordVote {
            ballot: Ballot::new([]).expect("an empty ballot"),
        }),
    ]
}

proptest! {
    #[test]
    fn replay_of_accepted_events_reproduces_the_live_meeting(
        commands in proptest::collection::vec(live_command(), 0..40),
    ) {
        let mut events = run(vec![open(), Command::AdoptAgenda]);
        let mut meeting = Meeting::replay(&events);
        for command in commands {
            let before = meeting.clone();
            let Ok(new_events) = decide(&meeting, command) else {
                continue;
            };
            for event in &new_events {
                // A draft is voted only in blue, and each member votes once.
                if let Event::VoteTaken { item: VoteItem::Draft { draft }, .. } = event {
                    prop_assert!(before.draft(draft).is_some_and(|draft| draft.in_blue));
                }
                if let Event::VoteCast { member, .. } = event {
                    let (_, casts) = before.voting().expect("a vote is open");
                    prop_assert!(casts.iter().all(|(voter, _)| voter != member));
                }
                // Every event reads back from its stored form as itself.
                let json = serde_json::to_value(event).expect("serialisable");
                prop_assert_eq!(json["kind"].as_str(), Some(event.kind()));
                let read_back: Event = serde_json::from_value(json).expect("deserialisable");
                prop_assert_eq!(&read_back, event);
            }
            meeting = new_events.iter().fold(meeting, evolve);
            events.extend(new_events);
            let mut waiting = meeting.speakers_waiting().to_vec();
            waiting.sort();
            waiting.dedup();
            prop_assert_eq!(waiting.len(), meeting.speakers_waiting().len());
        }
        prop_assert_eq!(Meeting::replay(&events), meeting);
    }
}
