//! Integration tests of council-store: one conformance suite run against every backend,
//! what only the SQLite store does, what only the PostgreSQL store does, and the tidy check
//! that every source file has a module doc.

mod conformance;
mod postgres;
mod sqlite;
mod support;
mod tidy;
