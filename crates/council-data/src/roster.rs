//! The roster: every state, the Council on any date, and the President of any month, from
//! the embedded data, parsed once on first use.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use council_core::composition::ENLARGED_COUNCIL_FROM;
use council_core::presidency::{
    AnchorDisagreement, Month, MonthlyComposition, Rotation, RotationError,
};
use council_core::{Composition, MemberCode, SeatedMember};

use crate::error::DataError;
use crate::membership::{Handover, Membership};
use crate::presidency::{Anchors, Presidency, PresidencyBasis};
use crate::sources;
use crate::states::{ObserverState, State, parse_observer_states, parse_states};

/// The day of the Council's first meeting (S/PV.1, Church House, London, 17 January 1946).
pub const FIRST_MEETING: NaiveDate = match NaiveDate::from_ymd_opt(1946, 1, 17) {
    Some(date) => date,
    None => panic!("1946-01-17 is a valid date"),
};

/// The states, the Council's seats year by year, and the presidencies on record.
#[derive(Debug, Clone)]
pub struct Roster {
    states: BTreeMap<MemberCode, State>,
    observers: BTreeMap<MemberCode, ObserverState>,
    membership: Membership,
    anchors: Anchors,
    first_date: NaiveDate,
    last_date: NaiveDate,
}

static EMBEDDED: OnceLock<Result<Roster, DataError>> = OnceLock::new();

impl Roster {
    /// The embedded roster, parsed on first use.
    ///
    /// # Panics
    ///
    /// If the embedded files are malformed: a build defect that the crate's tests rule out.
    /// [`Roster::parse_embedded`] returns the error instead.
    pub fn embedded() -> &'static Roster {
        match EMBEDDED.get_or_init(Roster::parse_embedded) {
            Ok(roster) => roster,
            Err(error) => panic!("the embedded data is malformed: {error}"),
        }
    }

    /// Parses the embedded files afresh, checking them against each other.
    pub fn parse_embedded() -> Result<Roster, DataError> {
        let mut states = parse_states(sources::MEMBER_STATES, sources::NAME_BOUNDS)?;
        let observers = parse_observer_states(sources::OBSERVER_STATES)?;
        if let Some(code) = observers.keys().find(|code| states.contains_key(code)) {
            return Err(DataError::Malformed {
                file: sources::OBSERVER_STATES.0,
                reason: format!("{code} is a member in {} too", sources::MEMBER_STATES.0),
            });
        }
        let membership = Membership::parse(sources::MEMBERSHIP_YEARS, sources::SEAT_HANDOVERS)?;
        let anchors = Anchors::parse(sources::PRESIDENCY_ANCHORS)?;

        for (year, seats) in membership.years() {
            for seat in seats {
                let state = states
                    .get_mut(&seat.holder)
                    .ok_or_else(|| DataError::Malformed {
                        file: "data/membership/years",
                        reason: format!(
                            "{year}: {} is not in {}",
                            seat.holder,
                            sources::MEMBER_STATES.0
                        ),
                    })?;
                // The files' groups are artefacts of the old seat columns before the enlarged
                // Council of 1966 (data/membership/SOURCE.md), so only later terms count.
                let meaningful = year >= ENLARGED_COUNCIL_FROM.year();
                if let Some(group) = seat.regional_group.filter(|_| meaningful) {
                    state.set_regional_group(group);
                }
            }
        }
        for handover in membership.handovers() {
            if !states.contains_key(&handover.outgoing) {
                return Err(DataError::Malformed {
                    file: sources::SEAT_HANDOVERS.0,
                    reason: format!(
                        "{} is not in {}",
                        handover.outgoing,
                        sources::MEMBER_STATES.0
                    ),
                });
            }
        }
        for anchor in anchors.all() {
            if !states.contains_key(&anchor.president()) {
                return Err(DataError::Malformed {
                    file: sources::PRESIDENCY_ANCHORS.0,
                    reason: format!(
                        "{}: {} is not a known state",
                        anchor.month(),
                        anchor.president()
                    ),
                });
            }
        }

        let (first_year, last_year) = membership.year_span();
        if first_year != FIRST_MEETING.year() {
            return Err(DataError::Malformed {
                file: "data/membership/years",
                reason: format!(
                    "the first year file is {first_year}, not {}",
                    FIRST_MEETING.year()
                ),
            });
        }
        let last_date =
            NaiveDate::from_ymd_opt(last_year, 12, 31).ok_or_else(|| DataError::Malformed {
                file: "data/membership/years",
                reason: format!("the last year {last_year} has no 31 December"),
            })?;
        Ok(Roster {
            states,
            observers,
            membership,
            anchors,
            first_date: FIRST_MEETING,
            last_date,
        })
    }

    /// First date the data covers: 1946-01-17, the Council's first meeting.
    pub fn first_date(&self) -> NaiveDate {
        self.first_date
    }

    /// Last date the data covers: 31 December of the last year file (2027).
    pub fn last_date(&self) -> NaiveDate {
        self.last_date
    }

    /// The first month the data covers (January 1946).
    pub fn first_month(&self) -> Month {
        month_of(self.first_date)
    }

    /// The last month the data covers (December 2027).
    pub fn last_month(&self) -> Month {
        month_of(self.last_date)
    }

    /// The Council on a date, with each member's UN name on that date and permanent flag;
    /// [`Composition::new`] sorts the members by name.
    ///
    /// ```
    /// use council_data::Roster;
    /// use chrono::NaiveDate;
    /// let council = Roster::embedded().composition_on(NaiveDate::from_ymd_opt(1961, 6, 1).unwrap()).unwrap();
    /// assert_eq!(council.size(), 11);
    /// assert!(council.members().iter().any(|member| member.name() == "United Arab Republic"));
    /// ```
    pub fn composition_on(&self, date: NaiveDate) -> Result<Composition, DataError> {
        if date < self.first_date || date > self.last_date {
            return Err(DataError::DateOutOfRange {
                date,
                first: self.first_date,
                last: self.last_date,
            });
        }
        let seats = self
            .membership
            .seats_on(date)
            .ok_or(DataError::DateOutOfRange {
                date,
                first: self.first_date,
                last: self.last_date,
            })?;
        let members = seats
            .iter()
            .map(|seat| {
                let name = self
                    .name_on(seat.holder, date)
                    .unwrap_or(seat.holder.as_str());
                SeatedMember::new(seat.holder, name, seat.permanent)
            })
            .collect();
        Composition::new(date, members).map_err(|rejection| DataError::Malformed {
            file: "data/membership/years",
            reason: format!("{}: {rejection}", date.year()),
        })
    }

    /// Any known state (the 193 members and the former members `SUN TWN YUG CSK DDR YMD
    /// XZN`), `None` if unknown.
    pub fn state(&self, code: MemberCode) -> Option<&State> {
        self.states.get(&code)
    }

    /// The UN name a state used on a date (from its former names, else its short name today):
    /// a member's or former member's, else a non-member observer State's; `None` if unknown.
    pub fn name_on(&self, code: MemberCode, date: NaiveDate) -> Option<&str> {
        match self.state(code) {
            Some(state) => Some(state.name_on(date)),
            None => self.observer(code).map(|observer| observer.name_on(date)),
        }
    }

    /// A non-member observer State (`PSE`, `VAT`), `None` if `code` is not one.
    pub fn observer(&self, code: MemberCode) -> Option<&ObserverState> {
        self.observers.get(&code)
    }

    /// The non-member observer States, sorted by code.
    pub fn observers(&self) -> impl Iterator<Item = &ObserverState> {
        self.observers.values()
    }

    /// All states, sorted by code.
    pub fn states(&self) -> impl Iterator<Item = &State> {
        self.states.values()
    }

    /// The seats that changed hands during a year, as (date, outgoing, incoming): the
    /// corrections applied to the year files.
    pub fn seat_handovers(&self) -> impl Iterator<Item = (NaiveDate, MemberCode, MemberCode)> + '_ {
        self.membership.handovers().iter().map(
            |Handover {
                 date,
                 outgoing,
                 incoming,
             }| (*date, *outgoing, *incoming),
        )
    }

    /// The president of the Council in a month: on record, or counted by Rule 18 from the
    /// nearest recorded month before it (from the first recorded month, for earlier months).
    ///
    /// ```
    /// use council_data::{PresidencyBasis, Roster};
    /// let roster = Roster::embedded();
    /// let november_2024 = roster.presidency(2024, 11).unwrap();
    /// assert_eq!(november_2024.name(), "United Kingdom of Great Britain and Northern Ireland");
    /// assert!(november_2024.is_recorded());
    /// let december_2026 = roster.presidency(2026, 12).unwrap();
    /// assert_eq!(december_2026.president().as_str(), "LBR");
    /// assert_eq!(december_2026.basis(), &PresidencyBasis::Computed { from_year: 2026, from_month: 4 });
    /// ```
    pub fn presidency(&self, year: i32, month: u32) -> Result<Presidency, DataError> {
        let month = self.checked_month(year, month)?;
        let rotation = self.rotation(month)?;
        let computed = rotation
            .president_of(month)
            .map_err(|error| rotation_error(month, error))?;
        Ok(self.presidency_of(month, computed.president(), computed.anchor().month()))
    }

    /// The president of a month counted from the recorded presidency of `(from_year,
    /// from_month)` alone, ignoring every other record: how well Rule 18 reproduces the
    /// record.
    pub fn presidency_counted_from(
        &self,
        year: i32,
        month: u32,
        from_year: i32,
        from_month: u32,
    ) -> Result<Presidency, DataError> {
        let month = self.checked_month(year, month)?;
        let from = self.checked_month(from_year, from_month)?;
        let (anchor, _) = self
            .anchors
            .get(from)
            .ok_or(DataError::NotRecorded { month: from })?;
        let computed = self
            .rotation(month)?
            .president_from(anchor, month)
            .map_err(|error| rotation_error(month, error))?;
        Ok(self.presidency_of(month, computed.president(), from))
    }

    /// The recorded presidencies, in month order.
    pub fn recorded_presidencies(&self) -> Vec<Presidency> {
        self.anchors
            .all()
            .map(|anchor| {
                let name = self
                    .name_on(
                        anchor.president(),
                        first_day(anchor.month()).max(self.first_date),
                    )
                    .unwrap_or(anchor.president().as_str())
                    .to_owned();
                let source = self
                    .anchors
                    .get(anchor.month())
                    .map_or("", |(_, source)| source);
                Presidency::new(
                    anchor.month(),
                    anchor.president(),
                    name,
                    PresidencyBasis::Recorded {
                        source: source.to_owned(),
                    },
                )
            })
            .collect()
    }

    /// Every recorded presidency that Rule 18, counted from the recorded month before it,
    /// does not reproduce.
    pub fn anchor_disagreements(&self) -> Result<Vec<AnchorDisagreement>, DataError> {
        let first = self.first_month();
        self.rotation(first)?
            .disagreements()
            .map_err(|error| rotation_error(first, error))
    }

    /// The members of the Council on the first day of `month`, or on the day of the first
    /// meeting for January 1946.
    fn members_in(&self, month: Month) -> Result<Vec<SeatedMember>, DataError> {
        let date = first_day(month).max(self.first_date);
        Ok(self.composition_on(date)?.members().to_vec())
    }

    fn rotation(&self, month: Month) -> Result<Rotation<CouncilByMonth<'_>>, DataError> {
        Rotation::new(CouncilByMonth(self), self.anchors.all())
            .map_err(|error| rotation_error(month, error))
    }

    fn presidency_of(&self, month: Month, president: &SeatedMember, from: Month) -> Presidency {
        let basis = match self.anchors.get(month) {
            Some((anchor, source)) if from == month && anchor.president() == president.code() => {
                PresidencyBasis::Recorded {
                    source: source.to_owned(),
                }
            }
            _ => PresidencyBasis::Computed {
                from_year: from.year(),
                from_month: from.month(),
            },
        };
        Presidency::new(month, president.code(), president.name().to_owned(), basis)
    }

    fn checked_month(&self, year: i32, month: u32) -> Result<Month, DataError> {
        let checked = Month::new(year, month).ok_or(DataError::InvalidMonth { year, month })?;
        if checked < self.first_month() || checked > self.last_month() {
            return Err(DataError::MonthOutOfRange {
                year,
                month,
                first: self.first_month(),
                last: self.last_month(),
            });
        }
        Ok(checked)
    }
}

/// The roster as the rotation sees it: the Council month by month.
#[derive(Debug, Clone, Copy)]
struct CouncilByMonth<'roster>(&'roster Roster);

impl MonthlyComposition for CouncilByMonth<'_> {
    type Error = DataError;

    fn members_in(&self, month: Month) -> Result<Vec<SeatedMember>, DataError> {
        self.0.members_in(month)
    }
}

fn month_of(date: NaiveDate) -> Month {
    // A date's month number is always 1 to 12.
    Month::new(date.year(), date.month()).unwrap_or_else(|| unreachable!())
}

fn first_day(month: Month) -> NaiveDate {
    NaiveDate::from_ymd_opt(month.year(), month.month(), 1).unwrap_or(NaiveDate::MIN)
}

fn rotation_error(month: Month, error: RotationError<DataError>) -> DataError {
    match error {
        RotationError::Composition(error) => error,
        other => DataError::Rotation {
            month,
            reason: other.to_string(),
        },
    }
}
