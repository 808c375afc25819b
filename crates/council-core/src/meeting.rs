//! A meeting's business in the order the provisional rules of procedure fix.
