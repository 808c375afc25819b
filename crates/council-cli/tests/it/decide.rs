//! `council decide`, `members` and `presidency`.
