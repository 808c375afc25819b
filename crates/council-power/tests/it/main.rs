//! Integration tests of council-power: the figures of the literature, invariants by property
//! tests, and the accuracy of floating-point counting.

mod accuracy;
mod literature;
mod properties;
mod support;
