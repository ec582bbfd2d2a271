//! End-to-end tests of the `storyline` binary (one test binary, ripgrep style).

mod bad_input;
mod examples;
mod run_twice;
mod seeds;
mod util;
