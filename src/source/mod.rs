//! Reading the guide: `book.toml` ([`config`]), the content folder ([`load`]), each page's
//! front matter ([`page`]) with its questions ([`quiz`]), and the exam's [`blueprint`]. Nothing
//! here knows about other pages: that is the model's job.

pub(crate) mod blueprint;
pub(crate) mod config;
pub(crate) mod exams;
pub(crate) mod load;
pub(crate) mod page;
pub(crate) mod quiz;
