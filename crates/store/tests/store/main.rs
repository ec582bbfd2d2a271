//! Integration tests of the store: opening and migrations, the writer, the views.

mod crash;
mod fixture;
mod open;
mod views;
mod write;
