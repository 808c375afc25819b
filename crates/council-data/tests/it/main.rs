//! Integration tests of the embedded roster: composition by date, names over time, the
//! presidency, against the facts of the spec (`unsc-rules.md` sections 1 and 2).

mod composition;
mod presidency;
mod states;
mod support;
