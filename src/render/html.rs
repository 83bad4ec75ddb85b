//! The HTML report: one self-contained page (inline CSS, JavaScript and SVG, no network) with
//! a summary, a timeline of who said what when, counts over time, the conflict table and the
//! source audit.
//!
//! Every piece of text from an article or a rule passes through [`esc`] on its way into the
//! page, and the script reads article text only through `textContent`: an article holding
//! `<script>` or `onerror=` renders as text. Marks are summarised when there are many, so a
//! page for a large corpus stays responsive.

use crate::audit::Audit;
use crate::calendar::DayRange;
use crate::check::Analyzed;
use crate::check::describe;
use crate::claims::ClaimKind;
use crate::corpus::Outlets;
use crate::findings::{Counts, Finding};
use crate::render::annotations::fmt_num;
use jiff::civil::Date;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

/// At most this many outlet rows on the timeline (the outlets with most marks).
const MAX_ROWS: usize = 40;
/// Above this many marks, marks of one outlet, status and day (or week) are drawn as one.
const MAX_MARKS: usize = 3000;
/// At most this many conflict links on the timeline.
const MAX_LINKS: usize = 400;
/// Count series charted, and points per chart.
const MAX_SERIES: usize = 8;
const MAX_POINTS: usize = 400;
/// Above this many points a chart draws no interval bars: they would hide the points.
const MAX_BARS: usize = 150;
/// Conflict table rows per page.
const PAGE_ROWS: usize = 100;
/// Info findings listed in the table; errors and warnings are always all listed.
const MAX_INFO_ROWS: usize = 500;

/// A claim drawn on the timeline or a count chart.
#[derive(Debug, Clone)]
pub struct Mark {
    /// The outlet's display name.
    pub outlet: String,
    pub when: DayRange,
    pub what: MarkKind,
    /// The claim's words, as quoted in the article.
    pub text: String,
    pub doc: String,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub enum MarkKind {
    Status {
        subject: String,
        status: String,
    },
    Count {
        /// measure: subject (and whose), the chart it belongs to.
        series: String,
        /// Where the series' measure comes in the count frames: charts follow it.
        rank: usize,
        value: f64,
        low: Option<f64>,
        high: Option<f64>,
        cumulative: bool,
    },
}

/// Everything the page shows.
pub struct Page<'a> {
    /// The command line that produced the page.
    pub command: String,
    pub rule_files: Vec<String>,
    pub documents: usize,
    pub claims: usize,
    /// First and last publication dates.
    pub published: Option<DayRange>,
    pub findings: &'a [Finding],
    /// Findings a baseline or suppression accepted (counted, not shown).
    pub suppressed: usize,
    pub marks: Vec<Mark>,
    /// Status names in the order the frames list them: colour and shape follow it.
    pub statuses: Vec<String>,
    pub audit: Option<&'a Audit>,
}

/// How count claims become chart series: subjects the numeric rules treat as one are one
/// series, and series follow the order of the count frames, so a rule pack lists the
/// story's main measures first to have them charted first.
struct SeriesNames {
    /// measure -> groups of equivalent subjects.
    equivalent: BTreeMap<String, Vec<Vec<String>>>,
    /// The count frames' measures, in order.
    order: Vec<String>,
}

impl SeriesNames {
    fn of(rules: &crate::rules::RuleSet) -> SeriesNames {
        use crate::rules::conflict::Check;
        let order: Vec<String> = rules
            .frames
            .counts
            .iter()
            .map(|c| c.measure.clone())
            .collect();
        let mut equivalent: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
        for r in &rules.rules {
            let (measures, groups) = match &r.check {
                Check::Numeric(p) => (&p.measures, &p.equivalent_subjects),
                Check::Cumulative(p) => (&p.measures, &p.equivalent_subjects),
                _ => continue,
            };
            let applies: Vec<&String> = if measures.is_empty() {
                order.iter().collect()
            } else {
                measures.iter().collect()
            };
            for m in applies {
                equivalent
                    .entry(m.clone())
                    .or_default()
                    .extend(groups.iter().cloned());
            }
        }
        SeriesNames { equivalent, order }
    }

    /// Where a measure comes in the count frames.
    fn rank(&self, measure: &str) -> usize {
        self.order
            .iter()
            .position(|m| m == measure)
            .unwrap_or(self.order.len())
    }

    /// The subject that stands for a subject's group of equivalents (itself when in none).
    fn group<'a>(&'a self, measure: &str, subject: &'a str) -> &'a str {
        self.equivalent
            .get(measure)
            .and_then(|gs| gs.iter().find(|g| g.iter().any(|s| s == subject)))
            .and_then(|g| g.first())
            .map_or(subject, String::as_str)
    }
}

/// Name each count series by its measure, the subjects reported in it and whose:
/// "displaced: civilians, people".
fn name_series(out: &mut [Mark], subjects: &[(usize, String, String, Option<String>)]) {
    let mut present: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (i, subject, ..) in subjects {
        if let MarkKind::Count { series, .. } = &out[*i].what {
            let v = present.entry(series.as_str()).or_default();
            if !v.contains(&subject.as_str()) {
                v.push(subject);
            }
        }
    }
    let names: BTreeMap<String, String> = subjects
        .iter()
        .filter_map(|(i, _, measure, actor)| {
            let MarkKind::Count { series, .. } = &out[*i].what else {
                return None;
            };
            let mut subs: Vec<String> =
                present[series.as_str()].iter().map(|s| spoken(s)).collect();
            subs.sort();
            let whose = actor
                .as_ref()
                .map(|a| format!(" ({})", spoken(a)))
                .unwrap_or_default();
            Some((
                series.clone(),
                format!("{}: {}{whose}", spoken(measure), subs.join(", ")),
            ))
        })
        .collect();
    for (i, ..) in subjects {
        if let MarkKind::Count { series, .. } = &mut out[*i].what {
            *series = names[series.as_str()].clone();
        }
    }
}

/// The status and count claims of the analysed documents, as marks.
pub fn marks(docs: &[Analyzed], outlets: &Outlets, rules: &crate::rules::RuleSet) -> Vec<Mark> {
    let names = SeriesNames::of(rules);
    let mut out = Vec::new();
    let mut subjects = Vec::new();
    for a in docs {
        let doc = &a.doc;
        let outlet = outlets
            .get(&doc.meta.outlet)
            .map_or(doc.meta.outlet.clone(), |o| o.name.clone());
        for (c, at) in a.claims.iter().zip(&a.at) {
            let what = match &c.kind {
                ClaimKind::Status { subject, status } => MarkKind::Status {
                    subject: subject.clone(),
                    status: status.clone(),
                },
                ClaimKind::Count {
                    measure,
                    subject,
                    subject_actor,
                    value,
                    low,
                    high,
                    cumulative,
                    ..
                } if !c.modality.negated && !c.modality.conditional => {
                    subjects.push((
                        out.len(),
                        subject.clone(),
                        measure.clone(),
                        subject_actor.clone(),
                    ));
                    MarkKind::Count {
                        // A key until the series is named, once every mark is known.
                        series: format!(
                            "{measure}\u{1f}{}\u{1f}{}",
                            names.group(measure, subject),
                            subject_actor.as_deref().unwrap_or("")
                        ),
                        rank: names.rank(measure),
                        value: *value,
                        low: *low,
                        high: *high,
                        cumulative: *cumulative,
                    }
                }
                _ => continue,
            };
            out.push(Mark {
                outlet: outlet.clone(),
                when: c.when,
                what,
                text: at.text.clone(),
                doc: crate::diagnostic::display_path(doc.path()),
                line: at.line,
            });
        }
    }
    name_series(&mut out, &subjects);
    out
}

/// Status names in drawing order: the first group of each exclusive-status rule (the
/// settled state, such as "holding"), then statuses in no group, then the other groups, so
/// colours run from calm to broken whatever the rules call them.
pub fn status_order(rules: &crate::rules::RuleSet) -> Vec<String> {
    use crate::rules::conflict::Check;
    let groups: Vec<&Vec<Vec<String>>> = rules
        .rules
        .iter()
        .filter_map(|r| match &r.check {
            Check::ExclusiveStatus(p) => Some(&p.groups),
            _ => None,
        })
        .collect();
    let mut order: Vec<String> = Vec::new();
    let mut add = |name: &String| {
        if !order.contains(name) {
            order.push(name.clone());
        }
    };
    groups
        .iter()
        .filter_map(|g| g.first())
        .flatten()
        .for_each(&mut add);
    let grouped: Vec<&String> = groups.iter().flat_map(|g| g.iter().flatten()).collect();
    for frame in &rules.frames.status {
        for (name, _) in &frame.statuses {
            if !grouped.contains(&name) {
                add(name);
            }
        }
    }
    groups
        .iter()
        .flat_map(|g| g.iter().skip(1))
        .flatten()
        .for_each(&mut add);
    order
}

/// An id as a reader says it: "in_force" is "in force", "syrian-government" is "syrian
/// government".
pub fn spoken(id: &str) -> String {
    id.replace(['_', '-'], " ")
}

/// Escape text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    super::xml(s)
}

const SHAPES: [&str; 6] = ["circle", "diamond", "triangle", "cross", "square", "star"];

/// An SVG shape of radius `r` centred on (x, y).
fn shape(kind: &str, x: f64, y: f64, r: f64) -> String {
    match kind {
        "circle" => format!(r#"<circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}"/>"#),
        "diamond" => format!(
            r#"<path d="M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z"/>"#,
            y - r,
            x + r,
            y + r,
            x - r
        ),
        "triangle" => format!(
            r#"<path d="M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z"/>"#,
            y - r,
            x + r,
            y + r * 0.8,
            x - r,
            y + r * 0.8
        ),
        "cross" => format!(
            r#"<path class="x" d="M{:.1} {:.1}L{:.1} {:.1}M{:.1} {:.1}L{:.1} {:.1}"/>"#,
            x - r,
            y - r,
            x + r,
            y + r,
            x - r,
            y + r,
            x + r,
            y - r
        ),
        "square" => format!(
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"/>"#,
            x - r * 0.85,
            y - r * 0.85,
            r * 1.7,
            r * 1.7
        ),
        _ => format!(
            r#"<path d="M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z"/>"#,
            y - r,
            x + r * 0.4,
            y,
            x,
            y + r,
            x - r * 0.4,
            y
        ),
    }
}

/// Days to x positions over a date span.
struct Axis {
    from: Date,
    days: f64,
    x0: f64,
    width: f64,
}

impl Axis {
    fn new(span: DayRange, x0: f64, width: f64) -> Axis {
        let days = ((span.to - span.from).get_days() + 1).max(1) as f64;
        Axis {
            from: span.from,
            days,
            x0,
            width,
        }
    }
    fn x(&self, d: Date) -> f64 {
        let n = (d - self.from).get_days() as f64;
        self.x0 + (n.clamp(0.0, self.days) / self.days) * self.width
    }
    fn mid(&self, r: DayRange) -> f64 {
        (self.x(r.from) + self.x(r.to) + self.width / self.days) / 2.0
    }
    /// Tick dates: month starts, or years when the span is long.
    fn ticks(&self) -> Vec<(Date, String)> {
        // Saturating: a corpus can end on the last day there is (9999-12-31).
        let to = self
            .from
            .checked_add(jiff::Span::new().days(self.days as i64))
            .unwrap_or(Date::MAX);
        let mut out = Vec::new();
        let years = self.days > 800.0;
        let mut d = self.from.first_of_month();
        while d <= to {
            if d >= self.from && (!years || d.month() == 1) {
                let label = if years || d.month() == 1 || out.is_empty() {
                    d.strftime("%b %Y").to_string()
                } else {
                    d.strftime("%b").to_string()
                };
                out.push((d, label));
            }
            match d.checked_add(jiff::Span::new().months(1)) {
                Ok(n) => d = n,
                Err(_) => break,
            }
        }
        if out.len() < 2 && self.days <= 62.0 {
            // A short span: weekly ticks.
            out.clear();
            let mut d = self.from;
            while d <= to {
                out.push((d, d.strftime("%b %-d").to_string()));
                match d.checked_add(jiff::Span::new().days(7)) {
                    Ok(n) => d = n,
                    Err(_) => break,
                }
            }
        }
        if out.len() < 2 && self.days >= 2.0 {
            // Under a week: the first and the last day, so the axis reads as a span.
            let last = self.from + jiff::Span::new().days(self.days as i64 - 1);
            out = vec![
                (self.from, self.from.strftime("%b %-d").to_string()),
                (last, last.strftime("%b %-d").to_string()),
            ];
        }
        out
    }
}

/// The span the timeline shows: the publication span widened to the claims inside it, so an
/// open "since 2011" does not squash the weeks the corpus is about.
fn timeline_span(p: &Page) -> Option<DayRange> {
    let published = p.published?;
    let lo = published
        .from
        .checked_sub(jiff::Span::new().days(45))
        .unwrap_or(published.from);
    let mut from = published.from;
    let mut to = published.to;
    for m in &p.marks {
        if m.when.from >= lo {
            from = from.min(m.when.from);
        }
        if m.when.to <= published.to {
            to = to.max(m.when.to);
        }
    }
    DayRange::new(from, to)
}

pub fn render(out: &mut dyn Write, p: &Page) -> io::Result<()> {
    let mut s = String::with_capacity(64 * 1024);
    s.push_str(HEAD);
    summary(&mut s, p);
    let span = timeline_span(p);
    if let Some(span) = span {
        timeline(&mut s, p, span);
        counts(&mut s, p);
    }
    conflict_table(&mut s, p);
    if let Some(a) = p.audit {
        audit(&mut s, a);
    }
    s.push_str(r#"<div id="tip" role="tooltip" hidden></div>"#);
    s.push_str("<script>");
    s.push_str(SCRIPT);
    s.push_str("</script>\n</body>\n</html>\n");
    out.write_all(s.as_bytes())
}

fn summary(s: &mut String, p: &Page) {
    let counts = Counts::of(p.findings);
    let mut outlets: Vec<&str> = p.marks.iter().map(|m| m.outlet.as_str()).collect();
    if let Some(a) = p.audit {
        outlets.extend(a.outlets.iter().map(|o| o.name.as_str()));
    }
    outlets.sort();
    outlets.dedup();
    let _ = write!(
        s,
        r#"<header><h1>crosscheck report</h1><p class="cmd"><code>{}</code></p></header>
<section id="summary" aria-label="Summary"><dl>
<div><dt>Documents</dt><dd>{}</dd></div>
<div><dt>Outlets</dt><dd>{}</dd></div>
<div><dt>Published</dt><dd>{}</dd></div>
<div><dt>Claims</dt><dd>{}</dd></div>
<div><dt>Findings</dt><dd><span class="sev error">{} error{}</span> <span class="sev warning">{} warning{}</span> <span class="sev info">{} info</span>{}</dd></div>
</dl><details><summary>Rule files ({})</summary><ul>"#,
        esc(&p.command),
        p.documents,
        outlets.len(),
        p.published
            .map(crate::check::window_text)
            .unwrap_or_else(|| "-".into()),
        p.claims,
        counts.error,
        if counts.error == 1 { "" } else { "s" },
        counts.warning,
        if counts.warning == 1 { "" } else { "s" },
        counts.info,
        if p.suppressed > 0 {
            format!(" ({} accepted by baseline or suppression)", p.suppressed)
        } else {
            String::new()
        },
        p.rule_files.len(),
    );
    for f in &p.rule_files {
        let _ = write!(s, "<li><code>{}</code></li>", esc(f));
    }
    s.push_str("</ul></details></section>\n");
}

fn status_index(p: &Page, status: &str) -> usize {
    p.statuses
        .iter()
        .position(|x| x == status)
        .unwrap_or(p.statuses.len())
}

fn timeline(s: &mut String, p: &Page, span: DayRange) {
    // Rows: the outlets with most marks, then by name.
    let mut per_outlet: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &p.marks {
        *per_outlet.entry(m.outlet.as_str()).or_default() += 1;
    }
    for f in p.findings {
        for side in &f.sides {
            for e in &side.evidence {
                per_outlet.entry(e.outlet_name.as_str()).or_default();
            }
        }
    }
    let mut rows: Vec<(&str, usize)> = per_outlet.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let hidden = rows.len().saturating_sub(MAX_ROWS);
    rows.truncate(MAX_ROWS);
    rows.sort_by(|a, b| a.0.cmp(b.0));
    let row_of: BTreeMap<&str, usize> = rows.iter().enumerate().map(|(i, r)| (r.0, i)).collect();

    const LABEL: f64 = 170.0;
    const WIDTH: f64 = 820.0;
    const ROW: f64 = 34.0;
    const TOP: f64 = 28.0;
    let axis = Axis::new(span, LABEL, WIDTH);
    let height = TOP + ROW * rows.len() as f64 + 10.0;

    let _ = write!(
        s,
        r#"<section id="timeline" aria-label="Timeline"><h2>Timeline</h2>
<p class="note">One row per outlet, days across. Status claims are shapes over their time window; count claims are small grey squares (their values are charted below). Lines join the claims a finding sets against each other: solid for errors, dashed for warnings. Hover or focus a mark for its words.</p>
<ul class="legend">"#
    );
    for (i, st) in p.statuses.iter().enumerate() {
        let _ = write!(
            s,
            r#"<li><svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><g class="st st{}">{}</g></svg> {}</li>"#,
            i.min(5),
            shape(SHAPES[i.min(5)], 8.0, 8.0, 6.0),
            esc(&spoken(st))
        );
    }
    let _ = write!(
        s,
        r#"<li><svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><rect class="cnt" x="4" y="4" width="8" height="8"/></svg> count</li></ul>
<div class="scroll"><svg class="tl" viewBox="0 0 {:.0} {height:.0}" width="{:.0}" height="{height:.0}" role="img" aria-label="Timeline of claims by outlet">"#,
        LABEL + WIDTH + 20.0,
        LABEL + WIDTH + 20.0
    );
    // Axis ticks and row labels.
    for (d, label) in axis.ticks() {
        let x = axis.x(d);
        let _ = write!(
            s,
            r#"<line class="grid" x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}"/><text class="tick" x="{x:.1}" y="14">{}</text>"#,
            TOP - 6.0,
            height - 6.0,
            esc(&label)
        );
    }
    for (i, (name, _)) in rows.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let _ = write!(
            s,
            r#"<rect class="band{}" x="0" y="{y:.1}" width="{:.0}" height="{ROW:.0}"/><text class="row" x="6" y="{:.1}">{}</text>"#,
            i % 2,
            LABEL + WIDTH + 20.0,
            y + ROW / 2.0 + 4.0,
            esc(name)
        );
    }
    // Marks, summarised when there are many.
    let week = p.marks.len() > MAX_MARKS && axis.days > 120.0;
    let bucket = |d: Date| -> Date {
        if week {
            d.checked_sub(jiff::Span::new().days(i64::from(d.weekday().to_monday_zero_offset())))
                .unwrap_or(d)
        } else {
            d
        }
    };
    let mut groups: BTreeMap<(usize, u8, usize, Date), Vec<&Mark>> = BTreeMap::new();
    for m in &p.marks {
        let Some(&row) = row_of.get(m.outlet.as_str()) else {
            continue;
        };
        let (kind, idx) = match &m.what {
            MarkKind::Status { status, .. } => (0, status_index(p, status)),
            MarkKind::Count { .. } => (1, 0),
        };
        let key_day = if p.marks.len() > MAX_MARKS {
            bucket(m.when.from)
        } else {
            m.when.from
        };
        groups.entry((row, kind, idx, key_day)).or_default().push(m);
    }
    let mut drawn = 0;
    for ((row, kind, idx, _), ms) in &groups {
        let first = ms[0];
        let many = p.marks.len() > MAX_MARKS;
        let members: &[&Mark] = if many { &ms[..1] } else { ms };
        for m in members {
            let y = TOP + ROW * *row as f64;
            let tip = if many && ms.len() > 1 {
                format!(
                    "{}: {} claims like {} ({}:{}) \"{}\"",
                    first.outlet,
                    ms.len(),
                    label(first),
                    first.doc,
                    first.line,
                    first.text
                )
            } else {
                format!(
                    "{}, {}: {} ({}:{}) \"{}\"",
                    m.outlet,
                    crate::check::window_text(m.when),
                    label(m),
                    m.doc,
                    m.line,
                    m.text
                )
            };
            let x1 = axis.x(m.when.from);
            let x2 = axis.x(m.when.to) + axis.width / axis.days;
            if *kind == 0 {
                let cy = y + ROW * 0.4;
                let _ = write!(
                    s,
                    r#"<g class="mark st st{}" tabindex="0" data-tip="{}"><title>{}</title><rect class="win" x="{x1:.1}" y="{:.1}" width="{:.1}" height="4"/>{}</g>"#,
                    (*idx).min(5),
                    esc(&tip),
                    esc(&tip),
                    cy - 2.0,
                    (x2 - x1).max(1.0),
                    shape(SHAPES[(*idx).min(5)], (x1 + x2) / 2.0, cy, 5.5)
                );
            } else {
                let cy = y + ROW * 0.8;
                let cx = (x1 + x2) / 2.0;
                let _ = write!(
                    s,
                    r#"<g class="mark cntm" tabindex="0" data-tip="{}"><title>{}</title><rect class="cnt" x="{:.1}" y="{:.1}" width="6" height="6"/></g>"#,
                    esc(&tip),
                    esc(&tip),
                    cx - 3.0,
                    cy - 3.0
                );
            }
            drawn += 1;
        }
    }
    // Findings as links between the first claim of each side.
    let mut links = 0;
    for (n, f) in p.findings.iter().enumerate() {
        if links >= MAX_LINKS || f.sides.len() < 2 {
            continue;
        }
        let end = |side: usize| {
            let e = f.sides[side].evidence.first()?;
            let row = *row_of.get(e.outlet_name.as_str())?;
            let from: Date = e.from.parse().ok()?;
            let to: Date = e.to.parse().ok()?;
            let x = axis.mid(DayRange::new(from, to)?);
            Some((x, TOP + ROW * row as f64 + ROW * 0.4))
        };
        let (Some((xa, ya)), Some((xb, yb))) = (end(0), end(1)) else {
            continue;
        };
        let bend = 18.0 + (ya - yb).abs() * 0.15;
        let tip = format!("{} [{}] {}", f.severity.name(), f.rule, f.message);
        let _ = write!(
            s,
            r##"<g class="link {}" tabindex="0" data-tip="{}" data-finding="f{n}"><title>{}</title><path d="M{xa:.1} {ya:.1}Q{:.1} {:.1} {xb:.1} {yb:.1}"/></g>"##,
            f.severity.name(),
            esc(&tip),
            esc(&tip),
            (xa + xb) / 2.0 + bend,
            (ya + yb) / 2.0,
        );
        links += 1;
    }
    s.push_str("</svg></div>");
    let mut notes = Vec::new();
    if hidden > 0 {
        notes.push(format!(
            "{hidden} outlets with fewer claims are not drawn; the tables below list them all."
        ));
    }
    if p.marks.len() > MAX_MARKS {
        notes.push(format!(
            "{} claims summarised as {drawn} marks: one per outlet, status and {}.",
            p.marks.len(),
            if week { "week" } else { "day" }
        ));
    }
    let conflicts = p.findings.iter().filter(|f| f.sides.len() >= 2).count();
    if conflicts > links {
        notes.push(format!(
            "{links} of {conflicts} findings drawn as links; the table lists them all."
        ));
    }
    for n in notes {
        let _ = write!(s, r#"<p class="note">{}</p>"#, esc(&n));
    }
    s.push_str("</section>\n");
}

fn label(m: &Mark) -> String {
    match &m.what {
        MarkKind::Status { subject, status } => format!("{subject} {status}"),
        MarkKind::Count {
            series, low, high, ..
        } => format!("{series} {}", describe(*low, *high)),
    }
}

/// Small multiples: one chart per count series reported at least twice, the busiest first.
fn counts(s: &mut String, p: &Page) {
    let mut series: BTreeMap<(usize, &str), Vec<&Mark>> = BTreeMap::new();
    for m in &p.marks {
        if let MarkKind::Count {
            series: k, rank, ..
        } = &m.what
        {
            series.entry((*rank, k.as_str())).or_default().push(m);
        }
    }
    let mut ranked: Vec<((usize, &str), Vec<&Mark>)> =
        series.into_iter().filter(|(_, ms)| ms.len() >= 2).collect();
    // The rule pack's order of measures first, then the busiest series.
    ranked.sort_by(|a, b| (a.0.0, b.1.len(), a.0.1).cmp(&(b.0.0, a.1.len(), b.0.1)));
    let mut ranked: Vec<(&str, Vec<&Mark>)> =
        ranked.into_iter().map(|((_, k), ms)| (k, ms)).collect();
    let total = ranked.len();
    ranked.truncate(MAX_SERIES);
    s.push_str(r#"<section id="counts" aria-label="Counts over time"><h2>Counts over time</h2>"#);
    if ranked.is_empty() {
        s.push_str(r#"<p class="note">No count series is reported more than once.</p></section>"#);
        return;
    }
    s.push_str(r#"<p class="note">Each figure as reported, by outlet: a point at the value with a bar over its interval (an arrow where it is open). Hollow points are running totals. Outlets are told apart by shape and by name on hover.</p><div class="charts">"#);
    for (name, mut ms) in ranked {
        ms.sort_by(|a, b| {
            (a.when.from, &a.outlet, &a.doc, a.line).cmp(&(b.when.from, &b.outlet, &b.doc, b.line))
        });
        let n = ms.len();
        if n > MAX_POINTS {
            // An even, deterministic sample.
            ms = (0..MAX_POINTS).map(|i| ms[i * n / MAX_POINTS]).collect();
        }
        let from = ms.iter().map(|m| m.when.from).min().expect("non-empty");
        let to = ms.iter().map(|m| m.when.to).max().expect("non-empty");
        let Some(span) = DayRange::new(from, to) else {
            continue;
        };
        let value = |m: &Mark| match m.what {
            MarkKind::Count { value, .. } => value,
            _ => 0.0,
        };
        let top = ms
            .iter()
            .map(|m| match m.what {
                MarkKind::Count { high, value, .. } => high.unwrap_or(value).max(value),
                _ => 0.0,
            })
            .fold(1.0_f64, f64::max);
        let bottom = ms.iter().map(|m| value(m)).fold(top, f64::min).max(0.1);
        let log = top / bottom > 50.0;
        const W: f64 = 440.0;
        const H: f64 = 200.0;
        const L: f64 = 56.0;
        const B: f64 = 24.0;
        let axis = Axis::new(span, L, W - L - 10.0);
        let y = |v: f64| -> f64 {
            let v = v.max(0.0);
            let t = if log {
                (v.max(bottom).ln() - bottom.ln()) / (top.ln() - bottom.ln()).max(1e-9)
            } else {
                v / top
            };
            (H - B) - t.clamp(0.0, 1.0) * (H - B - 10.0)
        };
        let mut outlets: Vec<&str> = ms.iter().map(|m| m.outlet.as_str()).collect();
        outlets.sort();
        outlets.dedup();
        let _ = write!(
            s,
            r#"<figure><figcaption>{}{}</figcaption><svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-label="{}">"#,
            esc(name),
            if n > MAX_POINTS {
                format!(" ({MAX_POINTS} of {n} reports, intervals in the tooltips)")
            } else if n > MAX_BARS {
                format!(" ({n} reports, intervals in the tooltips)")
            } else {
                format!(" ({n} reports)")
            },
            esc(name)
        );
        let _ = write!(
            s,
            r#"<line class="axis" x1="{L}" y1="{:.1}" x2="{:.1}" y2="{:.1}"/><line class="axis" x1="{L}" y1="8" x2="{L}" y2="{:.1}"/>"#,
            H - B,
            W - 10.0,
            H - B,
            H - B
        );
        let levels = if log {
            vec![bottom, top]
        } else {
            vec![0.0, top / 2.0, top]
        };
        for v in levels {
            let _ = write!(
                s,
                r#"<text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
                L - 4.0,
                y(v) + 4.0,
                fmt_num(if log { v } else { v.round() })
            );
        }
        let ticks = axis.ticks();
        let step = ticks.len().div_ceil(4).max(1);
        for (d, label) in ticks.iter().step_by(step) {
            let _ = write!(
                s,
                r#"<text class="tick" x="{:.1}" y="{:.1}">{}</text>"#,
                axis.x(*d),
                H - 6.0,
                esc(label)
            );
        }
        for m in &ms {
            let MarkKind::Count {
                value,
                low,
                high,
                cumulative,
                ..
            } = m.what
            else {
                continue;
            };
            let oi = outlets.iter().position(|o| *o == m.outlet).unwrap_or(0);
            let x = axis.mid(m.when);
            let (ylo, yhi) = (low.map_or(H - B, &y), high.map_or(10.0, &y));
            let tip = format!(
                "{}, {}: {} {} ({}:{}) \"{}\"",
                m.outlet,
                crate::check::window_text(m.when),
                name,
                describe(low, high),
                m.doc,
                m.line,
                m.text
            );
            let bars = ms.len() <= MAX_BARS;
            let _ = write!(
                s,
                r#"<g class="mark pt o{}{}" tabindex="0" data-tip="{}"><title>{}</title>{}{}{}</g>"#,
                oi % 6,
                if cumulative { " cum" } else { "" },
                esc(&tip),
                esc(&tip),
                if bars {
                    format!(r#"<line x1="{x:.1}" y1="{ylo:.1}" x2="{x:.1}" y2="{yhi:.1}"/>"#)
                } else {
                    String::new()
                },
                if bars && high.is_none() {
                    format!(
                        r#"<path class="arrow" d="M{:.1} 16L{x:.1} 10L{:.1} 16"/>"#,
                        x - 3.0,
                        x + 3.0
                    )
                } else {
                    String::new()
                },
                shape(SHAPES[oi % 6], x, y(value), 4.0)
            );
        }
        s.push_str("</svg><ul class=\"legend small\">");
        for (i, o) in outlets.iter().enumerate().take(12) {
            let _ = write!(
                s,
                r#"<li><svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true"><g class="pt o{}">{}</g></svg> {}</li>"#,
                i % 6,
                shape(SHAPES[i % 6], 6.0, 6.0, 4.5),
                esc(o)
            );
        }
        if outlets.len() > 12 {
            let _ = write!(s, "<li>and {} more</li>", outlets.len() - 12);
        }
        s.push_str("</ul></figure>");
    }
    s.push_str("</div>");
    if total > MAX_SERIES {
        let _ = write!(
            s,
            r#"<p class="note">{} more series are not charted.</p>"#,
            total - MAX_SERIES
        );
    }
    s.push_str("</section>\n");
}

fn conflict_table(s: &mut String, p: &Page) {
    let mut rules: Vec<&str> = p.findings.iter().map(|f| f.rule.as_str()).collect();
    rules.sort();
    rules.dedup();
    let mut outlets: Vec<&str> = p
        .findings
        .iter()
        .flat_map(|f| f.sides.iter().flat_map(|s| s.evidence.iter()))
        .map(|e| e.outlet_name.as_str())
        .collect();
    outlets.sort();
    outlets.dedup();
    let _ = write!(
        s,
        r#"<section id="findings" aria-label="Findings"><h2>Findings</h2>
<form class="filters" onsubmit="return false"><label>Rule <select id="f-rule"><option value="">all</option>"#
    );
    for r in &rules {
        let _ = write!(s, r#"<option>{}</option>"#, esc(r));
    }
    s.push_str(r#"</select></label> <label>Severity <select id="f-sev"><option value="">all</option><option>error</option><option>warning</option><option>info</option></select></label> <label>Outlet <select id="f-outlet"><option value="">all</option>"#);
    for o in &outlets {
        let _ = write!(s, r#"<option>{}</option>"#, esc(o));
    }
    let _ = write!(
        s,
        r#"</select></label> <label>Text <input id="f-text" type="search"></label> <label><input id="f-info" type="checkbox"> Show info findings ({})</label> <span id="f-count" aria-live="polite"></span></form>
<table id="findings-table" class="sortable" data-page="{PAGE_ROWS}"><thead><tr><th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">About</th><th scope="col">When</th><th scope="col">One side</th><th scope="col">Other side</th><th scope="col">Why</th></tr></thead><tbody>"#,
        p.findings
            .iter()
            .filter(|f| f.severity == crate::rules::Severity::Info)
            .count()
    );
    let mut info_rows = 0;
    for (n, f) in p.findings.iter().enumerate() {
        if f.severity == crate::rules::Severity::Info {
            info_rows += 1;
            if info_rows > MAX_INFO_ROWS {
                continue;
            }
        }
        let mut names: Vec<&str> = f
            .sides
            .iter()
            .flat_map(|s| s.evidence.iter().map(|e| e.outlet_name.as_str()))
            .collect();
        names.sort();
        names.dedup();
        let side = |i: usize| -> String {
            let Some(side) = f.sides.get(i) else {
                return String::new();
            };
            let mut cell = format!("<b>{}</b><ul>", esc(&side.label));
            for e in &side.evidence {
                let _ = write!(
                    cell,
                    r#"<li>{}, {}: &ldquo;{}&rdquo; <code>{}:{}:{}</code>{}</li>"#,
                    esc(&e.outlet_name),
                    esc(&e.published),
                    esc(&e.text),
                    esc(&e.doc),
                    e.line,
                    e.column,
                    if e.how.is_empty() {
                        String::new()
                    } else {
                        format!(" <i>({})</i>", esc(&e.how.join(", ")))
                    }
                );
            }
            cell.push_str("</ul>");
            cell
        };
        let _ = write!(
            s,
            r#"<tr id="f{n}" data-rule="{}" data-sev="{}" data-outlets="{}"><td data-sort="{}"><span class="sev {}">{}</span></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td></tr>"#,
            esc(&f.rule),
            f.severity.name(),
            // A JSON list: any separator character could be in a name, and U+001F is one
            // XML cannot hold (escaped, it made rows of several outlets unfilterable).
            esc(&serde_json::to_string(&names).unwrap_or_default()),
            sev_rank(f.severity),
            f.severity.name(),
            f.severity.name(),
            esc(&f.rule),
            esc(&f.key),
            esc(&crate::check::window_text(f.window)),
            side(0),
            side(1),
            esc(&f.why),
            f.reconciliation
                .as_ref()
                .map(|r| format!("<br><i>{}</i>", esc(r)))
                .unwrap_or_default(),
        );
    }
    s.push_str("</tbody></table>");
    if info_rows > MAX_INFO_ROWS {
        let _ = write!(
            s,
            r#"<p class="note">{} more info findings are not listed here; <code>crosscheck check --format json</code> has them all.</p>"#,
            info_rows - MAX_INFO_ROWS
        );
    }
    if p.findings.is_empty() {
        s.push_str(r#"<p class="note">No findings.</p>"#);
    }
    s.push_str(r#"<nav class="pager" aria-label="Pages of findings"></nav></section>"#);
    s.push('\n');
}

fn sev_rank(s: crate::rules::Severity) -> u8 {
    use crate::rules::Severity as S;
    match s {
        S::Error => 0,
        S::Warning => 1,
        S::Info => 2,
        S::Off => 3,
    }
}

fn audit(s: &mut String, a: &Audit) {
    s.push_str(r#"<section id="audit" aria-label="Source audit"><h2>Sources</h2><table id="audit-table" class="sortable"><thead><tr>"#);
    for h in super::audit::OUTLET_HEADER {
        let _ = write!(s, r#"<th scope="col">{}</th>"#, esc(h));
    }
    s.push_str("</tr></thead><tbody>");
    for r in &a.outlets {
        s.push_str("<tr>");
        for c in super::audit::outlet_cells(r) {
            let _ = write!(s, "<td>{}</td>", esc(&c));
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    let rows = super::audit::term_rows(a);
    if rows.is_empty() {
        s.push_str(r#"<p class="note">No loaded terms in any outlet's own voice.</p>"#);
    } else {
        s.push_str(r#"<h3>Distinctive loaded terms</h3><p class="note">Log-odds with an informative Dirichlet prior, each outlet's own voice against the rest of the corpus.</p><table id="terms-table" class="sortable"><thead><tr>"#);
        for h in super::audit::TERM_HEADER {
            let _ = write!(s, r#"<th scope="col">{}</th>"#, esc(h));
        }
        s.push_str("</tr></thead><tbody>");
        for r in rows {
            s.push_str("<tr>");
            for c in r {
                let _ = write!(s, "<td>{}</td>", esc(&c));
            }
            s.push_str("</tr>");
        }
        s.push_str("</tbody></table>");
    }
    for n in super::audit::notes(a) {
        let _ = write!(s, r#"<p class="note">{}</p>"#, esc(&n));
    }
    s.push_str("</section>\n");
}

const HEAD: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="generator" content="crosscheck">
<title>crosscheck report</title>
<style>
:root{--bg:#fff;--fg:#1d1d1f;--muted:#5f6368;--band:#f4f5f7;--line:#d0d4da;--s0:#2b8a3e;--s1:#b07d00;--s2:#d9480f;--s3:#c92a2a;--s4:#5f3dc4;--s5:#0b7285;--err:#c92a2a;--warn:#b07d00;--info:#1864ab;--cnt:#868e96}
@media (prefers-color-scheme: dark){:root{--bg:#16181c;--fg:#e8eaed;--muted:#a0a6ad;--band:#1f2227;--line:#3a3f46;--s0:#51cf66;--s1:#fcc419;--s2:#ff922b;--s3:#ff6b6b;--s4:#b197fc;--s5:#3bc9db;--err:#ff6b6b;--warn:#fcc419;--info:#74c0fc;--cnt:#adb5bd}}
body{background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1280px;padding:0 20px 40px}
h1{font-size:1.6em;margin:.8em 0 .2em}h2{margin-top:1.6em;border-bottom:1px solid var(--line);padding-bottom:.2em}
code{font:12px ui-monospace,Menlo,Consolas,monospace}.cmd code{color:var(--muted)}
dl{display:flex;flex-wrap:wrap;gap:10px 28px;margin:0}dl div{min-width:110px}dt{color:var(--muted);font-size:.85em}dd{margin:0;font-size:1.15em;font-weight:600}
.note{color:var(--muted);font-size:.9em;max-width:90ch}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;padding:0;margin:.4em 0}.legend li{display:flex;align-items:center;gap:5px}.legend.small{font-size:.85em}
.scroll{overflow-x:auto}
svg text{fill:var(--fg);font-size:11px}svg .tick{fill:var(--muted);font-size:10px}svg .row{font-size:12px}
.grid{stroke:var(--line);stroke-width:1}.band0{fill:var(--band)}.band1{fill:transparent}.axis{stroke:var(--muted)}
.st0{fill:var(--s0);stroke:var(--s0)}.st1{fill:var(--s1);stroke:var(--s1)}.st2{fill:var(--s2);stroke:var(--s2)}.st3{fill:var(--s3);stroke:var(--s3)}.st4{fill:var(--s4);stroke:var(--s4)}.st5{fill:var(--s5);stroke:var(--s5)}
.st .win{opacity:.35;stroke:none}.x{stroke-width:2.5;fill:none}.cnt{fill:var(--cnt)}
.pt line{stroke:var(--muted);stroke-width:1.2;opacity:.55}.pt .arrow{fill:none;stroke:var(--muted)}.pt.cum circle,.pt.cum path:not(.arrow):not(.x),.pt.cum rect{fill:var(--bg)}
.o0{fill:var(--s5);stroke:var(--s5)}.o1{fill:var(--s4);stroke:var(--s4)}.o2{fill:var(--s1);stroke:var(--s1)}.o3{fill:var(--s0);stroke:var(--s0)}.o4{fill:var(--s2);stroke:var(--s2)}.o5{fill:var(--s3);stroke:var(--s3)}
.link path{fill:none;stroke-width:2}.link.error path{stroke:var(--err)}.link.warning path{stroke:var(--warn);stroke-dasharray:5 3}.link.info path{stroke:var(--info);stroke-dasharray:2 3}
.mark:focus,.link:focus{outline:none}.mark:focus>*,.mark:hover>*{stroke:var(--fg);stroke-width:1.5}.link:hover path,.link:focus path{stroke-width:4}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:16px}figure{margin:0}figcaption{font-weight:600}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid var(--line);padding:5px 6px;text-align:left;vertical-align:top}th{cursor:pointer;user-select:none;white-space:nowrap}th[aria-sort=ascending]::after{content:" \25B2"}th[aria-sort=descending]::after{content:" \25BC"}
td ul{margin:.2em 0;padding-left:1.1em}tr.hit{outline:2px solid var(--info)}
.sev{font-weight:600;padding:0 4px;border-radius:3px;border:1px solid currentColor}.sev.error{color:var(--err)}.sev.warning{color:var(--warn)}.sev.info{color:var(--info)}
.filters{display:flex;flex-wrap:wrap;gap:8px 16px;margin:.5em 0}.filters select,.filters input{background:var(--bg);color:var(--fg);border:1px solid var(--line);padding:2px 4px}
.pager button{margin:6px 4px 0 0;background:var(--bg);color:var(--fg);border:1px solid var(--line);padding:2px 8px;cursor:pointer}.pager button[aria-current=page]{font-weight:700;border-color:var(--fg)}
#tip{position:fixed;max-width:460px;background:var(--fg);color:var(--bg);padding:6px 8px;border-radius:4px;font-size:12px;pointer-events:none;z-index:10}
@media print{.filters,.pager,#tip{display:none}.scroll{overflow:visible}tr[hidden]:not([data-out]){display:table-row}body{max-width:none}
tr,figure,li,dl,svg{break-inside:avoid;page-break-inside:avoid}h2,h3,figcaption,thead{break-after:avoid;page-break-after:avoid}thead{display:table-header-group}}
</style>
</head>
<body>
"#;

/// Tooltips, table sorting, filtering and paging. Article text is only ever read from
/// attributes and written with `textContent`.
const SCRIPT: &str = r#"
(function(){
"use strict";
window.addEventListener("error",function(e){document.body.setAttribute("data-script-error",String(e.message));});
var tip=document.getElementById("tip");
function show(el){var r=el.getBoundingClientRect();tip.textContent=el.getAttribute("data-tip");tip.hidden=false;
 var x=Math.min(r.left,window.innerWidth-470);tip.style.left=Math.max(4,x)+"px";tip.style.top=(r.bottom+6)+"px";}
function hide(){tip.hidden=true;}
document.querySelectorAll("[data-tip]").forEach(function(el){
 el.addEventListener("mouseenter",function(){show(el);});el.addEventListener("mouseleave",hide);
 el.addEventListener("focus",function(){show(el);});el.addEventListener("blur",hide);
 var f=el.getAttribute("data-finding");
 if(f){el.addEventListener("click",function(){var row=document.getElementById(f);if(row){row.hidden=false;row.scrollIntoView({block:"center"});row.classList.add("hit");setTimeout(function(){row.classList.remove("hit");},2000);}});}
});
function key(td){var v=td.getAttribute("data-sort");if(v===null){v=td.textContent.trim();}var n=parseFloat(v.replace(/,/g,""));return isNaN(n)||!/^[-+0-9.,]/.test(v)?v.toLowerCase():n;}
document.querySelectorAll("table.sortable").forEach(function(t){
 t.querySelectorAll("th").forEach(function(th,i){th.tabIndex=0;
  function sort(){var asc=th.getAttribute("aria-sort")!=="ascending";
   t.querySelectorAll("th").forEach(function(o){o.removeAttribute("aria-sort");});th.setAttribute("aria-sort",asc?"ascending":"descending");
   var body=t.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
   rows.sort(function(a,b){var x=key(a.cells[i]),y=key(b.cells[i]);if(typeof x!==typeof y){x=String(x);y=String(y);}return (x<y?-1:x>y?1:0)*(asc?1:-1);});
   rows.forEach(function(r){body.appendChild(r);});page(t,0);}
  th.addEventListener("click",sort);th.addEventListener("keydown",function(e){if(e.key==="Enter"||e.key===" "){e.preventDefault();sort();}});
 });
});
var ft=document.getElementById("findings-table");
function matching(){var rule=document.getElementById("f-rule").value,sev=document.getElementById("f-sev").value,
 out=document.getElementById("f-outlet").value,text=document.getElementById("f-text").value.toLowerCase(),
 info=document.getElementById("f-info").checked||sev==="info";
 return Array.prototype.filter.call(ft.tBodies[0].rows,function(r){
  return (info||r.getAttribute("data-sev")!=="info")&&(!rule||r.getAttribute("data-rule")===rule)&&(!sev||r.getAttribute("data-sev")===sev)&&
   (!out||JSON.parse(r.getAttribute("data-outlets")).indexOf(out)>=0)&&(!text||r.textContent.toLowerCase().indexOf(text)>=0);});}
function page(t,n){if(t!==ft){return;}var size=parseInt(ft.getAttribute("data-page"),10);var rows=matching();
 Array.prototype.forEach.call(ft.tBodies[0].rows,function(r){r.hidden=true;r.setAttribute("data-out","");});
 rows.forEach(function(r){r.removeAttribute("data-out");});
 rows.forEach(function(r,i){r.hidden=!(i>=n*size&&i<(n+1)*size);});
 document.getElementById("f-count").textContent=rows.length+" of "+ft.tBodies[0].rows.length+" findings";
 var nav=document.querySelector(".pager");nav.textContent="";var pages=Math.ceil(rows.length/size);
 if(pages>1){for(var p=0;p<pages;p++){var b=document.createElement("button");b.type="button";b.textContent=String(p+1);
  if(p===n){b.setAttribute("aria-current","page");}b.addEventListener("click",(function(q){return function(){page(ft,q);};})(p));nav.appendChild(b);}}}
if(ft){["f-rule","f-sev","f-outlet","f-text","f-info"].forEach(function(id){document.getElementById(id).addEventListener("input",function(){page(ft,0);});});page(ft,0);}
document.body.setAttribute("data-ready","1");
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: i64) -> Date {
        jiff::civil::date(2020, 1, 1) + jiff::Span::new().days(n)
    }

    /// 60 outlets, each calling one thing holding or collapsed every day of a year.
    fn many_marks() -> Vec<Mark> {
        let mut marks = Vec::new();
        for o in 0..60 {
            for d in 0..365 {
                marks.push(Mark {
                    outlet: format!("Outlet {o:02}"),
                    when: DayRange::day(day(d)),
                    what: MarkKind::Status {
                        subject: "pact".into(),
                        status: if (o + d) % 7 == 0 {
                            "collapsed"
                        } else {
                            "holding"
                        }
                        .into(),
                    },
                    text: "the pact held".into(),
                    doc: format!("a/{o}-{d}.md"),
                    line: 3,
                });
            }
        }
        marks
    }

    #[test]
    fn a_large_corpus_is_summarised_and_says_so() {
        let marks = many_marks();
        let page = Page {
            command: "crosscheck report".into(),
            rule_files: vec![],
            documents: 21_900,
            claims: marks.len(),
            published: DayRange::new(day(0), day(364)),
            findings: &[],
            suppressed: 0,
            marks,
            statuses: vec!["holding".into(), "collapsed".into()],
            audit: None,
        };
        let mut out = Vec::new();
        render(&mut out, &page).unwrap();
        let html = String::from_utf8(out).unwrap();
        let rows = html.matches(r#"<text class="row""#).count();
        assert_eq!(rows, MAX_ROWS, "rows are capped");
        let drawn = html.matches(r#"<g class="mark st"#).count();
        // 40 outlets x 53 weeks x 2 statuses at most, far fewer than the 21,900 claims.
        assert!(drawn <= MAX_ROWS * 53 * 2, "{drawn} marks drawn");
        assert!(html.contains("20 outlets with fewer claims are not drawn"));
        assert!(html.contains("claims summarised as"));
        assert!(html.len() < 3_000_000, "{} bytes", html.len());
    }

    #[test]
    fn a_dated_axis_has_more_than_one_label() {
        for days in [2, 3, 6, 20, 40, 90, 900] {
            let axis = Axis::new(
                DayRange::new(day(10), day(10 + days - 1)).unwrap(),
                0.0,
                100.0,
            );
            assert!(axis.ticks().len() >= 2, "{days} days: {:?}", axis.ticks());
        }
        assert_eq!(spoken("in_force"), "in force");
    }

    #[test]
    fn escaping_covers_markup_and_both_quotes() {
        assert_eq!(
            esc(r#"<script>alert('x')</script> & "y""#),
            "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }
}
