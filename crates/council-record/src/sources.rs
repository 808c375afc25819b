//! The record's files, embedded with `include_str!` so that nothing is read at run time.

/// An embedded file: its name under `data/record/` and its text.
pub(crate) type Embedded = (&'static str, &'static str);

/// The outcomes of 1946 to 29 June 2022, from the Dag Hammarskjöld Library's meeting tables.
pub(crate) const OUTCOMES_1946_2022: Embedded = (
    "outcomes_1946_2022.csv",
    include_str!("../../../data/record/outcomes_1946_2022.csv"),
);

/// The outcomes from 30 June 2022, compiled from press releases and wire reports.
pub(crate) const OUTCOMES_2022_ONWARD: Embedded = (
    "outcomes_2022_onward.csv",
    include_str!("../../../data/record/outcomes_2022_onward.csv"),
);

/// The library's veto list, 16 February 1946 to 26 May 2022.
pub(crate) const VETOES_1946_2022: Embedded = (
    "vetoes_1946_2022.csv",
    include_str!("../../../data/record/vetoes_1946_2022.csv"),
);

/// Our corrections to the copied files, each with its source.
pub(crate) const CORRECTIONS: Embedded = (
    "corrections.csv",
    include_str!("../../../data/record/corrections.csv"),
);

/// Individual positions known from the pages or other sources, each with its source.
pub(crate) const KNOWN_POSITIONS: Embedded = (
    "known_positions.csv",
    include_str!("../../../data/record/known_positions.csv"),
);
