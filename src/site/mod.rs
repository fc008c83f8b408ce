//! The site: every output file through the theme's Tera templates, from the rendered bodies,
//! the coverage report and the assets. Templates get ready-made values; the logic lives here.

use crate::assets::fingerprint::{fingerprint, fingerprinted_name};
use crate::assets::theme::Theme;
use crate::coverage::Coverage;
use crate::diagnostic::Diagnostic;
use crate::model::links::relative_url;
use crate::model::{Guide, Page, PageKind};
use crate::render::markdown::{Heading, QUIZ_MARKER_PREFIX};
use crate::write::{OutputFile, Sink};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

mod exams;
mod nav;

#[derive(Debug, Clone, Default)]
pub(crate) struct RenderOptions {
    pub(crate) base_url: String,
}

#[derive(Serialize)]
struct Link {
    title: String,
    url: String,
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
    exam: crate::source::blueprint::Exam,
}

pub(crate) struct Renderer<'g> {
    guide: &'g Guide,
    /// Position of each page in the reading order.
    position: Vec<Option<usize>>,
    /// The pages whose parent is each page, in reading order.
    kids: Vec<Vec<usize>>,
    /// Position of each page among its siblings in the navigation tree.
    sibling: Vec<usize>,
    /// The domain and task pages (always listed in the sidebar), few however large the guide.
    special: Vec<usize>,
    tera: tera::Tera,
    /// Static file name -> output path.
    assets: BTreeMap<String, String>,
    /// The theme's static files by name.
    statics: BTreeMap<String, Vec<u8>>,
    coverage: Coverage,
    /// The coverage of the guide's other exam versions, as in `guide.exams.versions`.
    exam_coverage: Vec<Coverage>,
    opts: RenderOptions,
    bank: Arc<crate::assets::bank::Scripts>,
}

impl<'g> Renderer<'g> {
    /// `bank`: the question bank scripts, when the caller kept them from a build with the same
    /// questions (serve); made here otherwise.
    pub(crate) fn new(
        guide: &'g Guide,
        theme: &Theme,
        coverage: Coverage,
        opts: RenderOptions,
        bank: Option<Arc<crate::assets::bank::Scripts>>,
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
        let bank = bank.unwrap_or_else(|| Arc::new(crate::assets::bank::scripts(guide)));
        assets.insert(
            crate::assets::bank::META_ASSET.into(),
            bank.meta.path.clone(),
        );
        // The search index itself is built in `render`, beside the pages; its manifest has a
        // fixed name, so pages can name it before it exists.
        assets.insert(
            crate::assets::search::MANIFEST_ASSET.into(),
            crate::assets::search::MANIFEST_PATH.into(),
        );
        let mut position = vec![None; guide.pages.len()];
        let mut kids = vec![Vec::new(); guide.pages.len()];
        for (n, &i) in guide.order.iter().enumerate() {
            position[i] = Some(n);
            if let Some(p) = guide.parent[i] {
                kids[p].push(i);
            }
        }
        let (sibling, special) = nav::positions(guide);
        Ok(Renderer {
            guide,
            position,
            kids,
            sibling,
            special,
            tera,
            assets,
            statics,
            coverage,
            exam_coverage: Vec::new(),
            opts,
            bank,
        })
    }

    /// Sets the coverage of the other exam versions (see `Guide::exams`).
    pub(crate) fn with_exam_coverage(mut self, coverage: Vec<Coverage>) -> Self {
        self.exam_coverage = coverage;
        self
    }

    /// The question bank scripts this renderer uses (serve keeps them for the next change).
    pub(crate) fn bank(&self) -> Arc<crate::assets::bank::Scripts> {
        Arc::clone(&self.bank)
    }

    /// Every file of the site, into `sink`. The search index is built while the pages are
    /// rendered and written. Returns the template errors; `Err` when writing failed.
    pub(crate) fn render_all(&self, sink: &mut dyn Sink) -> anyhow::Result<Vec<Diagnostic>> {
        let (pages, search) = rayon::join(
            || self.render_pages(None, sink),
            || crate::assets::search::output_files(self.guide).1,
        );
        let mut diags = pages?;
        diags.extend(self.render_shared_with(sink, search)?);
        Ok(diags)
    }

    /// The content pages in `only` (all when `None`), rendered in parallel a batch at a time;
    /// each batch is written while the next is rendered, so memory stays bounded.
    pub(crate) fn render_pages(
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
    pub(crate) fn render_shared(&self, sink: &mut dyn Sink) -> anyhow::Result<Vec<Diagnostic>> {
        let search = crate::assets::search::output_files(self.guide).1;
        self.render_shared_with(sink, search)
    }

    fn render_shared_with(
        &self,
        sink: &mut dyn Sink,
        search: Vec<OutputFile>,
    ) -> anyhow::Result<Vec<Diagnostic>> {
        let g = self.guide;
        let plain: Vec<&str> = crate::model::GENERATED
            .iter()
            .filter(|g| g.plain_template)
            .map(|g| g.path)
            .collect();
        let generated: Vec<_> = plain
            .par_iter()
            .map(|path| self.generated_page(path, path))
            .chain([self.not_found(), self.sitemap(), self.contents_page()])
            .chain(self.exam_pages())
            .collect();
        let mut diags = Vec::new();
        for r in generated {
            match r {
                Ok(f) => sink.file(f)?,
                Err(d) => diags.push(d),
            }
        }
        let parts = crate::assets::print::parts(g);
        let whole = crate::assets::print::PrintPart {
            path: "print.html".into(),
            title: String::new(),
            range: 0..g.order.len(),
        };
        // The whole view streams to its file a batch of pages at a time. The parts (each at
        // most `PART_PAGES` pages) are made a few at a time in parallel, each in memory, and
        // written in order: streamed one by one, a part was too small to keep both cores busy.
        match self.print_view(&whole, false, &parts) {
            Ok(rendered) => sink.stream(&whole.path, &mut |w| {
                crate::assets::print::stream(&rendered, g, &whole.path, whole.range.clone(), w)
            })?,
            Err(d) => diags.push(d),
        }
        for group in parts.chunks(2 * rayon::current_num_threads().max(1)) {
            let made: Vec<anyhow::Result<Result<OutputFile, Diagnostic>>> = group
                .par_iter()
                .map(|part| {
                    let rendered = match self.print_view(part, true, &parts) {
                        Ok(r) => r,
                        Err(d) => return Ok(Err(d)),
                    };
                    let mut bytes = Vec::new();
                    crate::assets::print::stream(
                        &rendered,
                        g,
                        &part.path,
                        part.range.clone(),
                        &mut bytes,
                    )?;
                    Ok(Ok(OutputFile {
                        path: part.path.clone(),
                        bytes,
                    }))
                })
                .collect();
            for m in made {
                match m? {
                    Ok(f) => sink.file(f)?,
                    Err(d) => diags.push(d),
                }
            }
        }
        for (name, bytes) in &self.statics {
            if (name == "exams.js" || name == "exams.css") && g.exams.is_empty() {
                continue;
            }
            sink.file(OutputFile {
                path: self.assets[name].clone(),
                bytes: bytes.clone(),
            })?;
        }
        sink.file(self.bank.meta.clone())?;
        let entries = crate::assets::bank::entries(g);
        for (path, range) in &self.bank.chunks {
            sink.stream(path, &mut |w| {
                crate::assets::bank::write_chunk(&entries[range.clone()], w)
            })?;
        }
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
        for c in &self.exam_coverage {
            sink.file(OutputFile {
                path: format!("coverage-{}.json", c.exam),
                bytes: c.to_json().into_bytes(),
            })?;
        }
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
        self.nav_context(&mut cx, out, &root, current);
        let contents = crate::model::generated::CONTENTS;
        let mut tools: Vec<(String, String, bool)> = crate::model::generated::linked()
            .filter(|(p, _)| *p != contents)
            .map(|(p, t)| (t.to_string(), relative_url(out, p), p == out))
            .collect();
        if !g.exams.is_empty() {
            self.exams_context(out, &mut cx, &mut tools);
        }
        cx.insert("tools", &tools);
        cx
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
        let pos = self.position[i];
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
        // Most pages place none: one search of the body then, not one per question.
        let inline = content.contains(QUIZ_MARKER_PREFIX);
        for (q, html) in page.src.quizzes.iter().zip(&page.questions_html) {
            let marker = format!("{QUIZ_MARKER_PREFIX}{}-->", q.id);
            if inline && content.contains(&marker) {
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
        if !g.exams.is_empty() {
            let (serves, questions) = self.serves(out, page);
            cx.insert("serves", &serves);
            cx.insert("question_serves", &questions);
        }
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
                        crate::source::blueprint::ItemKind::Knowledge => "Knowledge",
                        crate::source::blueprint::ItemKind::Skill => "Skill",
                    },
                    url: relative_url(out, "coverage.html")
                        + "#"
                        + &crate::model::links::item_anchor(&i.id),
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
                    // The questions on the task's page, as that page and the progress page
                    // count them (a case study's sub-questions where they sit).
                    questions: g
                        .links
                        .tasks
                        .get(&t.id)
                        .and_then(|p| g.pages.iter().find(|pg| &pg.out == p))
                        .map_or(0, |pg| {
                            pg.src.quizzes.iter().map(|q| q.scored().len()).sum()
                        }),
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
        if template == "coverage.html" {
            // Serialised into the context on insert: at 10,000 pages that is megabytes, so only
            // the page that shows it gets it.
            cx.insert("coverage", &self.coverage);
        }
        cx.insert("canonical", &self.canonical(out));
        self.render_template(template, &cx, out)
    }

    /// The print view's template output, with markers where [`crate::assets::print::stream`] puts each
    /// page's HTML.
    /// `part`: the whole guide, or one top-level section (`is_part`); `parts` are linked.
    fn print_view(
        &self,
        part: &crate::assets::print::PrintPart,
        is_part: bool,
        parts: &[crate::assets::print::PrintPart],
    ) -> Result<String, Diagnostic> {
        let out = part.path.as_str();
        let mut cx = self.base_context(out, None);
        cx.insert("canonical", &self.canonical(out));
        cx.insert(
            "print_pages",
            &crate::assets::print::pages(self.guide, part.range.clone()),
        );
        cx.insert("print_part", &is_part.then_some(&part.title));
        cx.insert("print_whole_url", &relative_url(out, "print.html"));
        let links: Vec<Link> = parts
            .iter()
            .map(|p| Link {
                title: p.title.clone(),
                url: relative_url(out, &p.path),
            })
            .collect();
        cx.insert("print_parts", &links);
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
        cx.insert("nav", &Vec::<nav::NavItem>::new());
        // The version bar's links are relative: none on a page served at any path.
        cx.remove("exams");
        let tools: Vec<(String, String, bool)> = crate::model::generated::linked()
            .map(|(p, t)| (t.to_string(), format!("{base}{p}"), false))
            .collect();
        cx.insert("tools", &tools);
        cx.insert("nav_hidden", &0);
        cx.insert(
            "contents_url",
            &format!("{base}{}", crate::model::generated::CONTENTS),
        );
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
        urls.extend(crate::model::generated::linked().map(|(p, _)| format!("{base}/{p}")));
        let g = self.guide;
        urls.extend(
            g.exams
                .versions
                .iter()
                .map(|v| format!("{base}/coverage-{}.html", v.exam.code)),
        );
        if !g.exams.crosswalks.is_empty() {
            urls.push(format!("{base}/changes.html"));
        }
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
        let html = self
            .tera
            .render(template, cx)
            .map_err(|e| template_error(&e))?;
        Ok(OutputFile {
            path: out.to_string(),
            bytes: html.into_bytes(),
        })
    }
}

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
