//! Integration tests of council-core's rules: Article 27 votes, consensus statements, their
//! invariants, and the tidy checks that keep the core pure.

mod meetings;
mod properties;
mod statements;
mod support;
mod tidy;
mod votes;
