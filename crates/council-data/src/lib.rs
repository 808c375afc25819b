//! The facts council ships.
