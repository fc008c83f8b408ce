//! Files made from the whole guide rather than one page: the theme's files ([`theme`]) under
//! fingerprinted names, the practice exam's question bank ([`bank`]), the print view
//! ([`print`]) and the search index ([`search`]).

pub(crate) mod bank;
pub(crate) mod fingerprint;
pub(crate) mod print;
pub(crate) mod script;
pub mod search;
pub(crate) mod theme;
