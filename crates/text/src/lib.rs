//! Text primitives shared by the analysis components: tokens and sentences with byte
//! offsets ([`segment`]), language and foreign-script passages ([`language`],
//! [`foreign_passages`]), and spelling-insensitive keys for names ([`name_key`]).

mod lang;
mod names;
mod segment;

pub use lang::{foreign_passages, language};
pub use names::{fold_ascii, given_name_key, name_key};
pub use segment::{segment, tokenize, Segmentation};
