//! `council run`: scenarios and their printed records.
