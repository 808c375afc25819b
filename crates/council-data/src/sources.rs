//! The data files, embedded in the binary with `include_str!` so that it runs from any
//! directory and reads no file at run time.

/// The path of a data file relative to the repository root, for error messages.
pub(crate) type FilePath = &'static str;

/// `data/members/un_member_states.csv`: the 193 members and 7 former members.
pub(crate) const MEMBER_STATES: (FilePath, &str) = (
    "data/members/un_member_states.csv",
    include_str!("../../../data/members/un_member_states.csv"),
);

/// `data/members/observer_states.csv`: the non-member observer States.
pub(crate) const OBSERVER_STATES: (FilePath, &str) = (
    "data/members/observer_states.csv",
    include_str!("../../../data/members/observer_states.csv"),
);

/// `data/corrections/seat_handovers.csv`: seats that changed hands during a year.
pub(crate) const SEAT_HANDOVERS: (FilePath, &str) = (
    "data/corrections/seat_handovers.csv",
    include_str!("../../../data/corrections/seat_handovers.csv"),
);

/// `data/corrections/name_bounds.csv`: the dates chosen for the `?` bounds of former names.
pub(crate) const NAME_BOUNDS: (FilePath, &str) = (
    "data/corrections/name_bounds.csv",
    include_str!("../../../data/corrections/name_bounds.csv"),
);

/// `data/presidency/anchors.csv`: the presidencies on record.
pub(crate) const PRESIDENCY_ANCHORS: (FilePath, &str) = (
    "data/presidency/anchors.csv",
    include_str!("../../../data/presidency/anchors.csv"),
);

macro_rules! year_files {
    ($($year:literal,)*) => {
        /// `data/membership/years/YYYY.json`: the Council of each year, 1946 to 2027.
        pub(crate) const MEMBERSHIP_YEARS: &[(FilePath, &str)] = &[$((
            concat!("data/membership/years/", stringify!($year), ".json"),
            include_str!(concat!("../../../data/membership/years/", stringify!($year), ".json")),
        ),)*];
    };
}

year_files! {
    1946,
    1947,
    1948,
    1949,
    1950,
    1951,
    1952,
    1953,
    1954,
    1955,
    1956,
    1957,
    1958,
    1959,
    1960,
    1961,
    1962,
    1963,
    1964,
    1965,
    1966,
    1967,
    1968,
    1969,
    1970,
    1971,
    1972,
    1973,
    1974,
    1975,
    1976,
    1977,
    1978,
    1979,
    1980,
    1981,
    1982,
    1983,
    1984,
    1985,
    1986,
    1987,
    1988,
    1989,
    1990,
    1991,
    1992,
    1993,
    1994,
    1995,
    1996,
    1997,
    1998,
    1999,
    2000,
    2001,
    2002,
    2003,
    2004,
    2005,
    2006,
    2007,
    2008,
    2009,
    2010,
    2011,
    2012,
    2013,
    2014,
    2015,
    2016,
    2017,
    2018,
    2019,
    2020,
    2021,
    2022,
    2023,
    2024,
    2025,
    2026,
    2027,
}
