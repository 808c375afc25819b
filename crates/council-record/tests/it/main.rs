//! Integration tests of council-record: the shipped record's counts and rows, the queries,
//! the replay through the rules engine, the what-if rules and the enlarged Council.

mod enlarged;
mod filters;
mod replay;
mod rows;
mod support;
mod tidy;
mod vetoes;
mod what_if;
