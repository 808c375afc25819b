//! The facts council ships: the member states, who sat on the Security Council on any date
//! from its first meeting (17 January 1946) to the end of 2027, and who presided in any month.
//!
//! The data files under `data/` at the repository root are embedded in the binary with
//! `include_str!` and parsed once, on first use, into a [`Roster`]: nothing is read from disk
//! at run time and nothing is printed. Corrections to the raw files are data too
//! (`data/corrections/`), applied here and listed in `data/README.md`.
//!
//! ```
//! use council_data::Roster;
//! use chrono::NaiveDate;
//! let roster = Roster::embedded();
//! let council = roster.composition_on(NaiveDate::from_ymd_opt(2024, 11, 20).unwrap()).unwrap();
//! assert_eq!(council.size(), 15);
//! assert_eq!(roster.presidency(2024, 11).unwrap().president().as_str(), "GBR");
//! ```
//!
//! # Layout
//! - [`roster`]: the [`Roster`]: states, the Council on a date ([`Roster::composition_on`]) and
//!   the President of a month ([`Roster::presidency`]).
//! - [`states`]: member states ([`State`]), their names over time and [`RegionalGroup`]s.
//! - `membership`: the Council's seats year by year, with the seats that changed hands during
//!   a year.
//! - [`presidency`]: a month's [`Presidency`] and its [`PresidencyBasis`], and the presidencies
//!   on record.
//! - `sources`: the embedded files.
//! - [`error`]: why the data cannot answer ([`DataError`]).

pub mod error;
pub(crate) mod membership;
pub mod presidency;
pub mod roster;
pub(crate) mod sources;
pub mod states;

pub use error::DataError;
pub use presidency::{Presidency, PresidencyBasis};
pub use roster::Roster;
pub use states::{ObserverState, RegionalGroup, State};
