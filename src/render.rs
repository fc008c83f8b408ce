//! Render: Markdown bodies (in parallel, with links resolved), then every output file through
//! the theme's Tera templates. Templates get ready-made values; the logic lives here.

use crate::coverage::Coverage;
use crate::diagnostic::Diagnostic;
use crate::html::escape;
use crate::links::relative_url;
use crate::markdown::{self, Context as MdContext, Heading, QUIZ_MARKER_PREFIX};
use crate::model::{Guide, NavNode, Page, PageKind};
use crate::quiz_html;
use crate::theme::Theme;
use crate::write::{OutputFile, Sink};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Renders every page's Markdown and questions; returns the diagnostics (broken links…).
pub fn render_bodies(guide: &mut Guide) -> Vec<Diagnostic> {
    let all: Vec<usize> = (0..guide.pages.len()).collect();
    render_bodies_of(guide, &all)
}

/// Renders the Markdown and questions of the pages in `only`. The glossary page goes first:
/// the other pages link its terms, and it then lists, under each term, the pages that do.
pub fn render_bodies_of(guide: &mut Guide, only: &[usize]) -> Vec<Diagnostic> {
    let glossary_page = guide
        .pages
        .iter()
        .position(|p| p.src.rel == guide.config.build.glossary);
    let mut diags = Vec::new();
    let (first, rest): (Vec<usize>, Vec<usize>) =
        only.iter().partition(|&&i| Some(i) == glossary_page);
    diags.extend(render_some(guide, &first, None));
    let terms =
        glossary_page.map(|g| (g, markdown::GlossaryTerms::new(&guide.pages[g].body.terms)));
    diags.extend(render_some(guide, &rest, terms.as_ref()));
    // The lists need every page's links, so they are only made when the glossary itself is
    // rendered (serve's one-page rebuilds fall back to a full one when a page's terms change).
    if let Some((g, _)) = terms.filter(|(g, _)| first.contains(g)) {
        list_term_uses(guide, g);
    }
    diags
}

/// Under each glossary term, the pages (in reading order) that link it.
fn list_term_uses(guide: &mut Guide, g: usize) {
    let glossary_out = guide.pages[g].out.clone();
    let mut uses: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for &i in &guide.order {
        let p = &guide.pages[i];
        for id in &p.body.glossary_links {
            let link = format!(
                "<a href=\"{}\">{}</a>",
                escape(&relative_url(&glossary_out, &p.out)),
                escape(&p.src.front.title)
            );
            uses.entry(id.as_str()).or_default().push(link);
        }
    }
    // One pass over the glossary: after each term's definition, the pages that use it.
    let old = &guide.pages[g].body.html;
    let mut html = String::with_capacity(old.len() + uses.len() * 200);
    let mut rest = old.as_str();
    while let Some(dt) = rest.find("<dt id=\"") {
        let id_start = dt + "<dt id=\"".len();
        let Some(id_len) = rest[id_start..].find('"') else {
            break;
        };
        let id = &rest[id_start..id_start + id_len];
        let Some(end) = rest[id_start..].find("</dd>").map(|e| id_start + e) else {
            break;
        };
        html.push_str(&rest[..end]);
        if let Some(links) = uses.get(id) {
            html.push_str(&format!(
                "<p class=\"term-uses\">Used on: {}</p>",
                links.join(", ")
            ));
        }
        rest = &rest[end..];
    }
    html.push_str(rest);
    guide.pages[g].body.html = html;
}

fn render_some(
    guide: &mut Guide,
    only: &[usize],
    glossary: Option<&(usize, markdown::GlossaryTerms)>,
) -> Vec<Diagnostic> {
    let links = &guide.links;
    let pages = &guide.pages;
    let results: Vec<_> = only
        .par_iter()
        .map(|&i| {
            let page = &pages[i];
            let mut diags = Vec::new();
            let resolve = |dest: &str| links.resolve(&page.src.rel, &page.out, dest);
            let terms = glossary
                .filter(|_| page.src.front.link_glossary)
                .map(|(g, terms)| markdown::Glossary {
                    url: relative_url(&page.out, &pages[*g].out),
                    terms,
                });
            let cx = MdContext {
                display: &page.src.display,
                file: &page.src.text,
                base: page.src.body_offset,
                resolve: &resolve,
                fixed_offset: None,
                glossary: terms.as_ref(),
            };
            let mut body = markdown::render(page.src.body(), &cx, &mut diags);
            let mut numbered = 0;
            let questions: Vec<String> = page
                .src
                .quizzes
                .iter()
                .map(|q| {
                    numbered += 1;
                    let qcx = MdContext {
                        fixed_offset: Some(q.offset),
                        glossary: None,
                        ..cx
                    };
                    let mut html = quiz_html::render(q, numbered, &qcx, &mut body, &mut diags);
                    html.shrink_to_fit();
                    html
                })
                .collect();
            // Kept until the print view is written: without the slack of amortized growth
            // the peak memory at 10,000 pages is 45 MB lower.
            body.html.shrink_to_fit();
            (body, questions, diags)
        })
        .collect();
    let mut diags = Vec::new();
    for (&i, (body, questions, d)) in only.iter().zip(results) {
        let page = &mut guide.pages[i];
        page.body = body;
        page.questions_html = questions;
        diags.extend(d);
    }
    diags
}

#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    pub base_url: String,
    /// HTML injected before `</body>` on every page (serve mode's live reload); never in builds.
    pub inject: Option<String>,
}

#[derive(Serialize)]
struct Link {
    title: String,
    url: String,
}

#[derive(Serialize)]
struct NavItem {
    title: String,
    label: String,
    url: String,
    current: bool,
    open: bool,
    children: Vec<NavItem>,
    /// Children not listed (a long section shows a window around the current page).
    hidden: usize,
    total: usize,
}

#[derive(Serialize)]
struct ItemRow {
    id: String,
    text: String,
    kind: &'static str,
    url: String,
}

#[derive(Serialize)]
struct TaskCx {
    id: String,
    title: String,
    domain_id: String,
    domain_title: String,
    domain_url: Option<String>,
    items: Vec<ItemRow>,
    covered: Vec<ItemRow>,
}

#[derive(Serialize)]
struct DomainTask {
    id: String,
    title: String,
    url: Option<String>,
    items: usize,
    questions: usize,
}

#[derive(Serialize)]
struct DomainCx {
    id: String,
    title: String,
    weight: u32,
    tasks: Vec<DomainTask>,
}

#[derive(Serialize)]
struct PageCx {
    title: String,
    description: String,
    path: String,
    content: String,
    toc: Vec<Heading>,
    breadcrumbs: Vec<Link>,
    prev: Option<Link>,
    next: Option<Link>,
    edit_url: Option<String>,
    canonical: Option<String>,
    questions: Vec<String>,
    question_count: usize,
    task: Option<TaskCx>,
    domain: Option<DomainCx>,
    /// On a section page: every page in the section (the sidebar may show only some).
    section: Vec<Link>,
}

#[derive(Serialize)]
struct SiteCx {
    title: String,
    description: String,
    language: String,
    key: String,
    exam: crate::blueprint::Exam,
}

/// A short, stable content hash for cache-busting file names: FNV-1a over 64-bit words (eight
/// bytes a step, as the question bank is megabytes), then the tail bytes. It can be fed in
/// pieces ([`std::io::Write`]) with the same result as in one.
pub struct Fingerprint {
    h: u64,
    len: u64,
    word: [u8; 8],
    filled: usize,
}

impl Default for Fingerprint {
    fn default() -> Self {
        Fingerprint {
            h: 0xcbf29ce484222325,
            len: 0,
            word: [0; 8],
            filled: 0,
        }
    }
}

const FNV_PRIME: u64 = 0x100000001b3;

impl Fingerprint {
    fn mix(&mut self, word: [u8; 8]) {
        self.h = (self.h ^ u64::from_le_bytes(word)).wrapping_mul(FNV_PRIME);
        self.h ^= self.h >> 29;
    }

    pub fn update(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if self.filled > 0 {
            let take = (8 - self.filled).min(bytes.len());
            self.word[self.filled..self.filled + take].copy_from_slice(&bytes[..take]);
            self.filled += take;
            bytes = &bytes[take..];
            if self.filled < 8 {
                return;
            }
            self.mix(self.word);
            self.filled = 0;
        }
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            self.mix(word);
        }
        let rest = words.remainder();
        self.word[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    pub fn finish(&self) -> String {
        let mut h = self.h ^ self.len;
        for b in &self.word[..self.filled] {
            h = (h ^ u64::from(*b)).wrapping_mul(FNV_PRIME);
        }
        format!("{:010x}", h >> 24)
    }
}

impl std::io::Write for Fingerprint {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub fn fingerprint(bytes: &[u8]) -> String {
    let mut f = Fingerprint::default();
    f.update(bytes);
    f.finish()
}

/// A theme or generated asset under its fingerprinted name (`assets/<stem>.<hash>.<ext>`).
pub fn asset_file(name: &str, bytes: Vec<u8>) -> OutputFile {
    OutputFile {
        path: fingerprinted_name(name, &fingerprint(&bytes)),
        bytes,
    }
}

pub fn fingerprinted_name(name: &str, hash: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("assets/{stem}.{hash}.{ext}"),
        None => format!("assets/{name}.{hash}"),
    }
}

pub struct Renderer<'g> {
    guide: &'g Guide,
    tera: tera::Tera,
    /// Static file name -> output path.
    assets: BTreeMap<String, String>,
    /// The theme's static files by name.
    statics: BTreeMap<String, Vec<u8>>,
    coverage: Coverage,
    opts: RenderOptions,
    bank: Arc<crate::bank::Scripts>,
}

impl<'g> Renderer<'g> {
    /// `bank`: the question bank scripts, when the caller kept them from a build with the same
    /// questions (serve); made here otherwise.
    pub fn new(
        guide: &'g Guide,
        theme: &Theme,
        coverage: Coverage,
        opts: RenderOptions,
        bank: Option<Arc<crate::bank::Scripts>>,
    ) -> Result<Self, Diagnostic> {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Tera's default also escapes `/`, which makes every URL unreadable in the source.
        tera.set_escape_fn(crate::html::escape);
        let templates: Vec<(String, String)> = theme
            .templates
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        tera.add_raw_templates(templates)
            .map_err(|e| template_error(&e))?;
        let mut assets = BTreeMap::new();
        for (name, bytes) in &theme.statics {
            assets.insert(name.clone(), fingerprinted_name(name, &fingerprint(bytes)));
        }
        let statics = theme.statics.clone();
        let bank = bank.unwrap_or_else(|| Arc::new(crate::bank::scripts(guide)));
        assets.insert(crate::bank::META_ASSET.into(), bank.meta.path.clone());
        assets.insert(crate::bank::HTML_ASSET.into(), bank.html_path.clone());
        // The search index itself is built in `render`, beside the pages; its manifest has a
        // fixed name, so pages can name it before it exists.
        assets.insert(
            crate::search::MANIFEST_ASSET.into(),
            crate::search::MANIFEST_PATH.into(),
        );
        Ok(Renderer {
            guide,
            tera,
            assets,
            statics,
            coverage,
            opts,
            bank,
        })
    }

    /// The question bank scripts this renderer uses (serve keeps them for the next change).
    pub fn bank(&self) -> Arc<crate::bank::Scripts> {
        Arc::clone(&self.bank)
    }

    /// Every file of the site, into `sink`. The search index is built while the pages are
    /// rendered and written. Returns the template errors; `Err` when writing failed.
    pub fn render_all(&self, sink: &mut dyn Sink) -> anyhow::Result<Vec<Diagnostic>> {
        let (pages, search) = rayon::join(
            || self.render_pages(None, sink),
            || crate::search::output_files(self.guide).1,
        );
        let mut diags = pages?;
        diags.extend(self.render_shared_with(sink, search)?);
        Ok(diags)
    }

    /// The content pages in `only` (all when `None`), rendered in parallel a batch at a time;
    /// each batch is written while the next is rendered, so memory stays bounded.
    pub fn render_pages(
        &self,
        only: Option<&[usize]>,
        sink: &mut dyn Sink,
    ) -> anyhow::Result<Vec<Diagnostic>> {
        const BATCH: usize = 64;
        let g = self.guide;
        let selected: Vec<usize> = match only {
            Some(list) => list.to_vec(),
            None => (0..g.pages.len()).collect(),
        };
        let mut diags = Vec::new();
        let mut ready: Vec<OutputFile> = Vec::new();
        for batch in selected.chunks(BATCH) {
            let done = std::mem::take(&mut ready);
            let (written, rendered) = rayon::join(
                || done.into_iter().try_for_each(|f| sink.file(f)),
                || {
                    batch
                        .par_iter()
                        .map(|&i| self.content_page(i, &g.pages[i]))
                        .collect::<Vec<_>>()
                },
            );
            written?;
            for r in rendered {
                match r {
                    Ok(f) => ready.push(f),
                    Err(d) => diags.push(d),
                }
            }
        }
        ready.into_iter().try_for_each(|f| sink.file(f))?;
        Ok(diags)
    }

    /// Every file that is not a content page: the generated pages, assets, question bank,
    /// search index and coverage data.
    pub fn render_shared(&self, sink: &mut dyn Sink) -> anyhow::Result<Vec<Diagnostic>> {
        let search = crate::search::output_files(self.guide).1;
        self.render_shared_with(sink, search)
    }

    fn render_shared_with(
        &self,
        sink: &mut dyn Sink,
        search: Vec<OutputFile>,
    ) -> anyhow::Result<Vec<Diagnostic>> {
        let g = self.guide;
        let generated: Vec<_> = [
            ("coverage.html", "coverage.html"),
            ("progress.html", "progress.html"),
            ("practice.html", "practice.html"),
        ]
        .par_iter()
        .map(|(name, template)| self.generated_page(name, template))
        .chain([self.not_found(), self.sitemap()])
        .collect();
        let mut diags = Vec::new();
        for r in generated {
            match r {
                Ok(f) => sink.file(f)?,
                Err(d) => diags.push(d),
            }
        }
        match self.print_view() {
            Ok(rendered) => {
                sink.stream("print.html", &mut |w| crate::print::stream(&rendered, g, w))?
            }
            Err(d) => diags.push(d),
        }
        for (name, bytes) in &self.statics {
            sink.file(OutputFile {
                path: self.assets[name].clone(),
                bytes: bytes.clone(),
            })?;
        }
        sink.file(self.bank.meta.clone())?;
        sink.stream(&self.bank.html_path, &mut |w| crate::bank::write_html(g, w))?;
        for f in search {
            sink.file(f)?;
        }
        for (rel, bytes) in &g.assets {
            sink.file(OutputFile {
                path: rel.clone(),
                bytes: bytes.clone(),
            })?;
        }
        sink.file(OutputFile {
            path: "coverage.json".into(),
            bytes: self.coverage.to_json().into_bytes(),
        })?;
        Ok(diags)
    }

    fn base_context(&self, out: &str, current: Option<usize>) -> tera::Context {
        let g = self.guide;
        let mut cx = tera::Context::new();
        let root = relative_url(out, "x").trim_end_matches('x').to_string();
        cx.insert("root", &root);
        let assets: BTreeMap<&str, String> = self
            .assets
            .iter()
            .map(|(k, v)| (k.as_str(), relative_url(out, v)))
            .collect();
        cx.insert("assets", &assets);
        cx.insert(
            "site",
            &SiteCx {
                title: g.config.book.title.clone(),
                description: g.config.book.description.clone(),
                language: g.config.book.language.clone(),
                key: crate::html::slug(&g.config.book.title),
                exam: g.blueprint.exam.clone(),
            },
        );
        let open_chain = self.ancestors(current);
        cx.insert(
            "home_url",
            &g.home
                .map(|h| relative_url(out, &g.pages[h].out))
                .unwrap_or_else(|| format!("{root}index.html")),
        );
        cx.insert("home_current", &(current.is_some() && current == g.home));
        let nav: Vec<NavItem> = g
            .nav
            .iter()
            .map(|n| self.nav_item(n, out, current, &open_chain))
            .collect();
        cx.insert("nav", &nav);
        let tools: Vec<(String, String, bool)> = TOOLS
            .iter()
            .map(|(p, t)| (t.to_string(), relative_url(out, p), *p == out))
            .collect();
        cx.insert("tools", &tools);
        cx.insert("inject", &self.opts.inject.clone().unwrap_or_default());
        cx
    }

    fn ancestors(&self, current: Option<usize>) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut cur = current;
        while let Some(i) = cur {
            chain.push(i);
            cur = self.guide.parent[i];
        }
        chain
    }

    /// One sidebar entry. Only the sections on the way to the current page are expanded, and a
    /// long section shows a window around the current page (plus its task pages) and a link to
    /// the rest: the sidebar stays small however many pages the guide has, so the build stays
    /// linear in the number of pages.
    fn nav_item(&self, n: &NavNode, out: &str, current: Option<usize>, open: &[usize]) -> NavItem {
        let p = &self.guide.pages[n.page];
        let is_open = open.contains(&n.page);
        let (shown, hidden) = if is_open {
            self.nav_window(n, open)
        } else {
            (Vec::new(), 0)
        };
        NavItem {
            title: p.src.front.title.clone(),
            label: match &p.kind {
                PageKind::Task(id) => id.clone(),
                PageKind::Domain(id) => format!("Domain {id}"),
                _ => String::new(),
            },
            url: relative_url(out, &p.out),
            current: current == Some(n.page),
            open: is_open,
            children: shown
                .into_iter()
                .map(|c| self.nav_item(c, out, current, open))
                .collect(),
            hidden,
            total: n.children.len(),
        }
    }

    /// The pages of section `i` in reading order, unless they are all task pages (the domain
    /// page lists those in its own table) or `i` is the home page.
    fn section_links(&self, out: &str, i: usize) -> Vec<Link> {
        let g = self.guide;
        if Some(i) == g.home {
            return Vec::new();
        }
        let children: Vec<usize> = g
            .order
            .iter()
            .copied()
            .filter(|&c| g.parent[c] == Some(i))
            .collect();
        if children
            .iter()
            .all(|&c| matches!(g.pages[c].kind, PageKind::Task(_)))
        {
            return Vec::new();
        }
        children.into_iter().map(|c| self.link_to(out, c)).collect()
    }

    /// The children of an open section to list, and how many are left out.
    fn nav_window<'n>(&self, n: &'n NavNode, open: &[usize]) -> (Vec<&'n NavNode>, usize) {
        const WINDOW: usize = 10;
        if n.children.len() <= 3 * WINDOW {
            return (n.children.iter().collect(), 0);
        }
        let here = n
            .children
            .iter()
            .position(|c| open.contains(&c.page))
            .unwrap_or(0);
        let shown: Vec<&NavNode> = n
            .children
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                i.abs_diff(here) <= WINDOW || self.guide.pages[c.page].kind != PageKind::Plain
            })
            .map(|(_, c)| c)
            .collect();
        let hidden = n.children.len() - shown.len();
        (shown, hidden)
    }

    fn link_to(&self, from: &str, i: usize) -> Link {
        let p = &self.guide.pages[i];
        Link {
            title: p.src.front.title.clone(),
            url: relative_url(from, &p.out),
        }
    }

    fn content_page(&self, i: usize, page: &Page) -> Result<OutputFile, Diagnostic> {
        let g = self.guide;
        let out = page.out.as_str();
        let mut cx = self.base_context(out, Some(i));
        let pos = g.order.iter().position(|&x| x == i);
        let prev = pos
            .and_then(|p| p.checked_sub(1))
            .map(|p| self.link_to(out, g.order[p]));
        let next = pos
            .and_then(|p| g.order.get(p + 1))
            .map(|&n| self.link_to(out, n));
        let mut breadcrumbs: Vec<Link> = self
            .ancestors(g.parent[i])
            .into_iter()
            .rev()
            .map(|a| self.link_to(out, a))
            .collect();
        if let Some(h) = g.home {
            if h != i
                && breadcrumbs.first().map(|b| b.url.clone())
                    != Some(relative_url(out, &g.pages[h].out))
            {
                breadcrumbs.insert(0, self.link_to(out, h));
            }
        }
        // Questions placed inline replace their markers; the rest go under "Check yourself".
        let mut content = page.body.html.clone();
        let mut rest = Vec::new();
        for (q, html) in page.src.quizzes.iter().zip(&page.questions_html) {
            let marker = format!("{QUIZ_MARKER_PREFIX}{}-->", q.id);
            if content.contains(&marker) {
                content = content.replacen(&marker, html, 1);
            } else {
                rest.push(html.clone());
            }
        }
        let edit_url = g.config.output.edit_url_template.as_ref().map(|t| {
            t.replace(
                "{path}",
                &format!("{}/{}", g.config.build.content_dir, page.src.rel),
            )
        });
        let task = match &page.kind {
            PageKind::Task(id) => self.task_cx(out, id, page),
            _ => None,
        };
        let domain = match &page.kind {
            PageKind::Domain(id) => self.domain_cx(out, id),
            _ => None,
        };
        let toc = page
            .body
            .headings
            .iter()
            .filter(|h| h.level == 2 || h.level == 3)
            .cloned()
            .collect();
        let page_cx = PageCx {
            title: page.src.front.title.clone(),
            description: page.src.front.description.clone(),
            path: out.to_string(),
            content,
            toc,
            breadcrumbs,
            prev,
            next,
            edit_url,
            canonical: self.canonical(out),
            question_count: page.src.quizzes.iter().map(|q| q.scored().len()).sum(),
            questions: rest,
            task,
            domain,
            section: self.section_links(out, i),
        };
        cx.insert("page", &page_cx);
        let template = match page.kind {
            PageKind::Task(_) => "task.html",
            PageKind::Domain(_) => "domain.html",
            _ => "page.html",
        };
        self.render_template(template, &cx, out)
    }

    fn task_cx(&self, out: &str, id: &str, page: &Page) -> Option<TaskCx> {
        let g = self.guide;
        let (d, t) = g.blueprint.tasks().find(|(_, t)| t.id == id)?;
        let rows = |filter: &dyn Fn(&str) -> bool| {
            t.items
                .iter()
                .filter(|i| filter(&i.id))
                .map(|i| ItemRow {
                    id: i.id.clone(),
                    text: i.text.clone(),
                    kind: match i.kind {
                        crate::blueprint::ItemKind::Knowledge => "Knowledge",
                        crate::blueprint::ItemKind::Skill => "Skill",
                    },
                    url: relative_url(out, "coverage.html")
                        + "#"
                        + &crate::links::item_anchor(&i.id),
                })
                .collect::<Vec<_>>()
        };
        let covers: Vec<&str> = page
            .src
            .front
            .covers
            .iter()
            .map(|c| c.value.as_str())
            .collect();
        Some(TaskCx {
            id: t.id.clone(),
            title: t.title.clone(),
            domain_id: d.id.clone(),
            domain_title: d.title.clone(),
            domain_url: g.links.domains.get(&d.id).map(|p| relative_url(out, p)),
            items: rows(&|_| true),
            covered: rows(&|i| covers.contains(&i)),
        })
    }

    fn domain_cx(&self, out: &str, id: &str) -> Option<DomainCx> {
        let g = self.guide;
        let d = g.blueprint.domain(id)?;
        Some(DomainCx {
            id: d.id.clone(),
            title: d.title.clone(),
            weight: d.weight,
            tasks: d
                .tasks
                .iter()
                .map(|t| DomainTask {
                    id: t.id.clone(),
                    title: t.title.clone(),
                    url: g.links.tasks.get(&t.id).map(|p| relative_url(out, p)),
                    items: t.items.len(),
                    questions: self.coverage.task_questions(&t.id),
                })
                .collect(),
        })
    }

    fn canonical(&self, out: &str) -> Option<String> {
        let base = &self.opts.base_url;
        (base.starts_with("http://") || base.starts_with("https://")).then(|| {
            format!(
                "{}/{}",
                base.trim_end_matches('/'),
                out.trim_end_matches("index.html")
            )
        })
    }

    fn generated_page(&self, out: &str, template: &str) -> Result<OutputFile, Diagnostic> {
        let mut cx = self.base_context(out, None);
        cx.insert("coverage", &self.coverage);
        cx.insert("canonical", &self.canonical(out));
        self.render_template(template, &cx, out)
    }

    /// The print view's template output, with markers where [`crate::print::stream`] puts each
    /// page's HTML.
    fn print_view(&self) -> Result<String, Diagnostic> {
        let out = "print.html";
        let mut cx = self.base_context(out, None);
        cx.insert("coverage", &self.coverage);
        cx.insert("canonical", &self.canonical(out));
        cx.insert("print_pages", &crate::print::pages(self.guide));
        let file = self.render_template("print.html", &cx, out)?;
        Ok(String::from_utf8_lossy(&file.bytes).into_owned())
    }

    fn not_found(&self) -> Result<OutputFile, Diagnostic> {
        // Served for any missing path, so relative links cannot work: use the base URL.
        let base = format!("{}/", self.opts.base_url.trim_end_matches('/'));
        let mut cx = self.base_context("404.html", None);
        cx.insert("root", &base);
        let assets: BTreeMap<&str, String> = self
            .assets
            .iter()
            .map(|(k, v)| (k.as_str(), format!("{base}{v}")))
            .collect();
        cx.insert("assets", &assets);
        cx.insert("home_url", &format!("{base}index.html"));
        cx.insert("nav", &Vec::<NavItem>::new());
        let tools: Vec<(String, String, bool)> = TOOLS
            .iter()
            .map(|(p, t)| (t.to_string(), format!("{base}{p}"), false))
            .collect();
        cx.insert("tools", &tools);
        self.render_template("404.html", &cx, "404.html")
    }

    fn sitemap(&self) -> Result<OutputFile, Diagnostic> {
        let base = self.opts.base_url.trim_end_matches('/');
        let mut urls: Vec<String> = self
            .guide
            .order
            .iter()
            .map(|&i| {
                format!(
                    "{base}/{}",
                    self.guide.pages[i].out.trim_end_matches("index.html")
                )
            })
            .collect();
        urls.extend(
            [
                "coverage.html",
                "progress.html",
                "practice.html",
                "print.html",
            ]
            .iter()
            .map(|p| format!("{base}/{p}")),
        );
        let mut cx = tera::Context::new();
        cx.insert("urls", &urls);
        self.render_template("sitemap.xml", &cx, "sitemap.xml")
    }

    fn render_template(
        &self,
        template: &str,
        cx: &tera::Context,
        out: &str,
    ) -> Result<OutputFile, Diagnostic> {
        let mut html = self
            .tera
            .render(template, cx)
            .map_err(|e| template_error(&e))?;
        if let Some(inject) = &self.opts.inject {
            if let Some(pos) = html.rfind("</body>") {
                html.insert_str(pos, inject);
            }
        }
        Ok(OutputFile {
            path: out.to_string(),
            bytes: html.into_bytes(),
        })
    }
}

/// The generated pages every page's sidebar links: (output path, title).
const TOOLS: [(&str, &str); 4] = [
    ("coverage.html", "Coverage matrix"),
    ("progress.html", "Your progress"),
    ("practice.html", "Practice exam"),
    ("print.html", "Whole guide (print)"),
];

fn template_error(e: &tera::Error) -> Diagnostic {
    use std::error::Error;
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    Diagnostic::error("E050", "theme", format!("template error: {message}"))
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn fingerprints_change_with_any_byte_and_length() {
        let base: Vec<u8> = (0..100u8).collect();
        let h = fingerprint(&base);
        assert_eq!(h.len(), 10);
        assert_eq!(h, fingerprint(&base.clone()));
        for i in [0, 7, 8, 63, 95, 99] {
            let mut changed = base.clone();
            changed[i] ^= 1;
            assert_ne!(fingerprint(&changed), h, "byte {i}");
        }
        assert_ne!(fingerprint(&base[..99]), h);
        assert_ne!(fingerprint(b""), fingerprint(b"\0"));
        // Fed in pieces of any size, the same hash.
        for split in [1, 3, 8, 13] {
            let mut f = super::Fingerprint::default();
            for piece in base.chunks(split) {
                f.update(piece);
            }
            assert_eq!(f.finish(), h, "pieces of {split}");
        }
    }
}
