//! studyguide: a static site generator for certification study guides.
//!
//! The folders are the pipeline, in order; a module imports only from those above it here:
//!
//! - leaves: [`diagnostic`] (problems with their place), [`html`] (escaping), [`write`]
//!   (output files, written atomically);
//! - [`source`]: reading the guide — `book.toml`, the content files, front matter, the
//!   blueprint, questions;
//! - [`model`]: the `Guide` — pages, navigation, links, and every id maker;
//! - [`render`]: Markdown bodies, question HTML, glossary links, highlighting;
//! - [`check`]: the rules that need the whole guide;
//! - [`coverage`]: the blueprint coverage report;
//! - [`assets`]: files made from the whole guide — fingerprints, theme, question bank, print
//!   view, search index;
//! - [`site`]: every page through the theme's Tera templates;
//! - [`pipeline`] (one-shot `check` and `build`), [`live`] (incremental rebuilds), [`serve`]
//!   (HTTP, live reload, watching), [`export`] (the question bank as Anki notes or JSON).
#![warn(unreachable_pub, missing_docs)]

pub mod diagnostic;
pub mod html;
pub mod write;

pub(crate) mod source;

pub mod model;

pub(crate) mod render;

pub(crate) mod check;

pub mod coverage;

pub mod assets;

pub(crate) mod site;

pub mod live;
pub mod pipeline;
pub mod serve;

pub mod export;
