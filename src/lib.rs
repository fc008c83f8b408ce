//! studyguide: a static site generator for certification study guides.
//!
//! The pipeline runs one way, one module per stage:
//! `config` → `load` → `page` (front matter, `quiz`) → `model` → `render` (Markdown bodies)
//! → `check` → `render` (templates) → `write`. `build` strings them together.

pub mod bank;
pub mod blueprint;
pub mod build;
pub mod check;
pub mod config;
pub mod coverage;
pub mod diagnostic;
pub mod exams;
pub mod highlight;
pub mod html;
pub mod init;
pub mod lexers;
pub mod links;
pub mod load;
pub mod markdown;
pub mod model;
pub mod page;
pub mod print;
pub mod quiz;
pub mod quiz_html;
pub mod render;
pub mod search;
pub mod serve;
pub mod theme;
pub mod write;
