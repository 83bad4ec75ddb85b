//! Command-line definitions (clap). Only the binary uses this module.

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Find where the sources in a curated news corpus contradict each other, and how each outlet
/// in the mix behaves.
///
/// Articles are Markdown files with YAML front matter (outlet, published, ...) under a corpus
/// folder that also holds `outlets.yaml`. With no path, `./corpus` is used, or else the
/// folder of the `crosscheck.yaml` found. `crosscheck init` starts a corpus; `crosscheck
/// import` turns saved web pages, crawler output and spreadsheets into articles.
///
/// Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, configuration or input error.
#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The global options each subcommand uses; `--help` shows only these. The others are still
/// accepted everywhere, so scripts that pass them to every command keep working.
const APPLIES: &[(&str, &[&str])] = &[
    (
        "check",
        &[
            "strict",
            "outlets",
            "config",
            "rules",
            "lossy",
            "max_file_size",
            "quiet",
        ],
    ),
    (
        "report",
        &[
            "strict",
            "outlets",
            "config",
            "rules",
            "lossy",
            "max_file_size",
            "quiet",
        ],
    ),
    (
        "audit",
        &[
            "strict",
            "outlets",
            "config",
            "rules",
            "lossy",
            "max_file_size",
            "quiet",
        ],
    ),
    (
        "baseline",
        &[
            "strict",
            "outlets",
            "config",
            "rules",
            "lossy",
            "max_file_size",
            "quiet",
        ],
    ),
    (
        "corpus",
        &[
            "strict",
            "outlets",
            "config",
            "lossy",
            "max_file_size",
            "quiet",
        ],
    ),
    (
        "annotate",
        &[
            "strict",
            "outlets",
            "config",
            "rules",
            "lossy",
            "max_file_size",
            "quiet",
        ],
    ),
    (
        "claims",
        &[
            "strict",
            "outlets",
            "config",
            "rules",
            "lossy",
            "max_file_size",
            "quiet",
        ],
    ),
    (
        "eval",
        &[
            "strict",
            "outlets",
            "config",
            "rules",
            "lossy",
            "max_file_size",
            "quiet",
        ],
    ),
    ("test", &["rules", "config", "quiet", "strict"]),
    ("rules", &["rules", "config", "quiet", "strict"]),
    ("explain", &["rules", "config", "quiet", "strict"]),
    ("import", &["outlets", "config"]),
    ("init", &[]),
];

/// The command line, with each subcommand's help listing only the global options it uses.
pub fn parse() -> Cli {
    let mut cmd = Cli::command();
    let globals: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .cloned()
        .collect();
    for (name, applies) in APPLIES {
        if cmd.find_subcommand(name).is_none() {
            continue;
        }
        // A subcommand's own hidden copy of a global option stops clap from propagating the
        // visible one; the value still reaches the global options by its id.
        cmd = cmd.mut_subcommand(name, |mut sub| {
            for a in &globals {
                if !applies.contains(&a.get_id().as_str()) {
                    sub = sub.arg(a.clone().hide(true));
                }
            }
            sub
        });
    }
    let matches = cmd.get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Treat warnings (empty or binary files, skipped folders) as errors.
    #[arg(long, global = true)]
    pub strict: bool,

    /// The outlets file [default: outlets.yaml in the corpus folder or its nearest parent].
    #[arg(long, global = true, value_name = "FILE")]
    pub outlets: Option<PathBuf>,

    /// The project's config file: packs, outlets, defaults, suppressions [default:
    /// crosscheck.yaml in the first named folder or its parents, or in the working folder].
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// A rule pack layered on the built-in one (gazetteer, lexicons, frames, conflict rules,
    /// rule tests); repeat for more, later ones overriding earlier ones by id [default: the
    /// config's `packs`, else ./rules when it exists].
    #[arg(long, global = true, value_name = "DIR")]
    pub rules: Vec<PathBuf>,

    /// Read files that are not valid UTF-8, replacing the invalid bytes (with a warning).
    #[arg(long, global = true)]
    pub lossy: bool,

    /// Skip files larger than this many bytes, with a warning (an error under --strict).
    #[arg(long, global = true, value_name = "BYTES", default_value_t = crosscheck::corpus::DEFAULT_MAX_FILE_BYTES)]
    pub max_file_size: u64,

    /// Print no warnings.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report where the sources contradict each other (the default command).
    ///
    /// Loads the corpus and the rules, extracts claims, and reports conflicts between
    /// independent sources, grouped by rule. Exits 1 when a finding is at or above --fail-on.
    Check(CheckArgs),
    /// Audit the source mix: how each outlet behaves, and which loaded words belong to whom.
    ///
    /// Per outlet: claims, how many are corroborated by an independent outlet or contradicted,
    /// attributed or hedged, how precise its dates and counts are, and its loaded wording in
    /// its own voice (quotations are the speaker's). Then the terms most distinctive of each
    /// outlet (log-odds against the rest of the corpus). `--format jsonl` lists every use.
    Audit(AuditArgs),
    /// Write a self-contained HTML report: summary, timeline, counts over time, findings,
    /// source audit.
    ///
    /// One file with inline CSS, JavaScript and SVG that opens from disk with no network.
    /// The same as `check --format html --output FILE --fail-on never`.
    Report(ReportArgs),
    /// List the articles in the corpus: outlet, publication date, words, title, path.
    Corpus(CorpusArgs),
    /// Show the time expressions and quantities found in each article, resolved.
    ///
    /// Positions are byte offsets into the original file (end exclusive) and 1-based
    /// line:column. A path `-` reads one article from standard input.
    Annotate(AnnotateArgs),
    /// Show the claims extracted from each article: counts, control, status, event dates.
    ///
    /// Each claim keeps its place in the original file, its time window, and how it is put
    /// (hedged, negated, planned, conditional, quoted, attributed). A path `-` reads one
    /// article from standard input.
    Claims(AnnotateArgs),
    /// Record the current findings as accepted (create), add new ones (update), or drop the
    /// ones that no longer occur (prune).
    Baseline {
        #[command(subcommand)]
        action: BaselineAction,
    },
    /// Run the rule tests: small inline articles and the exact findings each rule must give.
    ///
    /// Fails when a case's findings differ, a rule has no positive or no negative case, or a
    /// test names an unknown rule. Ends with `N passed, M failed`.
    Test(TestArgs),
    /// Score extraction and conflicts against a gold file written by hand.
    ///
    /// Per claim kind (dates, counts, control, status, terms): recall and precision; per
    /// labelled conflict: the severity crosscheck gave it against the one expected; then every
    /// miss and every claim that matches no gold entry, with file:line:column. The gold
    /// format is described in docs/eval.md.
    Eval(EvalArgs),
    /// List the conflict rules: id, severity, check kind, summary.
    Rules(RulesArgs),
    /// Show one rule in full: its description and its check.
    Explain(ExplainArgs),
    /// Write a starting corpus: crosscheck.yaml, outlets.yaml, an example article, an empty
    /// rule pack with one rule test, and a CI workflow. Never overwrites a file.
    Init(InitArgs),
    /// List the names the articles use that no loaded pack knows, as gazetteer entries.
    ///
    /// A town or a force the gazetteer lacks makes no claim. Each name is guessed a place or
    /// an actor from the words around it ("in Varno", "the Varno airport", "Karsk forces
    /// said"), with how often and where it was first seen, as YAML for a pack's
    /// gazetteer/ folder: check each guess before pasting it.
    Suggest(SuggestArgs),
    /// Turn saved web pages (HTML), crawler output (news-please or trafilatura JSON, JSON
    /// Lines) and CSV exports into articles with front matter in a corpus folder.
    ///
    /// The outlet comes from the page's domain through outlets.yaml's `domains`; unknown
    /// domains are listed with an entry to paste. Existing files are skipped and listed.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to write into (created when missing) [default: .].
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files to import: .html/.htm pages, .json/.jsonl/.ndjson records, .csv tables.
    #[arg(value_name = "FILES", required = true)]
    pub files: Vec<PathBuf>,

    /// The corpus folder to write the articles into (it holds or has above it outlets.yaml).
    #[arg(long, value_name = "CORPUS")]
    pub into: PathBuf,

    /// Replace articles that already exist.
    #[arg(long)]
    pub force: bool,

    /// CSV columns, as FIELD=COLUMN pairs (comma-separated or repeated), for tables whose
    /// headers are not the usual ones (url, title, text, published, author, outlet).
    #[arg(long, value_delimiter = ',', value_name = "FIELD=COLUMN")]
    pub columns: Vec<String>,
}

#[derive(Debug, Args, Default, Clone)]
pub struct CheckArgs {
    /// Article files or folders to read [default: corpus].
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Compare the claims in these files (from `crosscheck claims --format jsonl`, run
    /// anywhere, on any shards of a corpus) instead of reading articles. The outlets file is
    /// --outlets, or the outlets.yaml next to the first file or in ./corpus.
    #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with = "paths")]
    pub claims: Vec<PathBuf>,

    /// Output format [default: the config's `format`, else text].
    #[arg(long, value_enum)]
    pub format: Option<CheckFormat>,

    /// List findings at or above this severity in full; the ones below are counted per rule
    /// (text and table formats; the exit code is unchanged).
    #[arg(long, value_enum, default_value_t = Show::Warning, value_name = "SEVERITY")]
    pub show: Show,

    /// Colour the text output: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    pub color: Color,

    /// Write the output to FILE instead of standard output (`-`: standard output).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Also write SARIF 2.1.0 to FILE (for code scanning).
    #[arg(long, value_name = "FILE")]
    pub sarif_output: Option<PathBuf>,

    /// Also write JSON to FILE.
    #[arg(long, value_name = "FILE")]
    pub json_output: Option<PathBuf>,

    /// Also write JUnit XML to FILE.
    #[arg(long, value_name = "FILE")]
    pub junit_output: Option<PathBuf>,

    /// Also write the Markdown tables to FILE (for $GITHUB_STEP_SUMMARY).
    #[arg(long, value_name = "FILE")]
    pub markdown_output: Option<PathBuf>,

    /// Accept the findings recorded in this baseline file: they are left out of the table and
    /// the exit code, counted in the summary, and kept as suppressed in JSON and SARIF.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Exit 1 when a finding is at or above this severity [default: the config's `fail-on`,
    /// else error].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Run only these rules (ids, comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub select: Vec<String>,

    /// Skip these rules (ids, comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub ignore: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum CheckFormat {
    /// Compact diagnostics for the terminal: each side's outlets, words and places, and why.
    #[default]
    Text,
    /// Tables for the terminal, one per rule.
    Table,
    /// One line per finding: path:line:col: severity[rule] message.
    Concise,
    /// One JSON document with the findings and a summary.
    Json,
    /// One JSON object per finding.
    Jsonl,
    /// Markdown tables (for a report or $GITHUB_STEP_SUMMARY).
    Markdown,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// GitHub workflow commands (annotations on the pull request).
    Github,
    /// JUnit XML: a suite per rule, a case per finding.
    Junit,
    /// A self-contained HTML page with a timeline, charts and the tables (as `report`).
    Html,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Article files or folders to read [default: corpus].
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Report on the claims in these files (from `crosscheck claims --format jsonl`) instead
    /// of reading articles.
    #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with = "paths")]
    pub claims: Vec<PathBuf>,

    /// Where to write the page.
    #[arg(
        long,
        short = 'o',
        value_name = "FILE",
        default_value = "crosscheck-report.html"
    )]
    pub output: PathBuf,

    /// Leave out the findings recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Run only these rules (ids, comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub select: Vec<String>,

    /// Skip these rules (ids, comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub ignore: Vec<String>,
}

impl From<CheckFormat> for crosscheck::render::findings::CheckFormat {
    fn from(f: CheckFormat) -> Self {
        use crosscheck::render::findings::CheckFormat as C;
        match f {
            CheckFormat::Text => C::Text,
            CheckFormat::Table => C::Table,
            CheckFormat::Concise => C::Concise,
            CheckFormat::Json => C::Json,
            CheckFormat::Jsonl => C::Jsonl,
            CheckFormat::Markdown => C::Markdown,
            CheckFormat::Sarif => C::Sarif,
            CheckFormat::Github => C::Github,
            CheckFormat::Junit => C::Junit,
            CheckFormat::Html => C::Html,
        }
    }
}

/// The least severe findings listed in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Show {
    Error,
    #[default]
    Warning,
    Info,
}

impl From<Show> for crosscheck::rules::Severity {
    fn from(s: Show) -> Self {
        use crosscheck::rules::Severity;
        match s {
            Show::Error => Severity::Error,
            Show::Warning => Severity::Warning,
            Show::Info => Severity::Info,
        }
    }
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Color {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum FailOn {
    #[default]
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum BaselineAction {
    /// Write a new baseline with every current finding.
    Create(BaselineArgs),
    /// Add the findings not in the baseline yet; keep the rest.
    Update(BaselineArgs),
    /// Remove the entries no current finding matches.
    Prune(BaselineArgs),
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// The baseline file (JSON).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Article files or folders [default: corpus].
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// The folder of test files [default: the tests/ folder of each pack].
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Rewrite each case's expectations to the findings the rules give now, and exit 0.
    #[arg(long)]
    pub update: bool,

    /// Ask every rule for a positive and a negative case, the built-in pack's included
    /// (by default only the rules of the packs named).
    #[arg(long)]
    pub all_rules: bool,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The gold file (YAML; see docs/eval.md).
    #[arg(value_name = "GOLD")]
    pub gold: PathBuf,

    /// Article files or folders to read [default: the gold file's folder].
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Text)]
    pub format: EvalFormat,

    /// Print only the scores, not every miss and spurious claim.
    #[arg(long)]
    pub summary: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum EvalFormat {
    /// Tables and lists for the terminal.
    #[default]
    Text,
    /// One JSON document, for machines.
    Json,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,

    /// List the packs loaded, in order, with their files and the entries a later pack
    /// overrides, instead of the rules.
    #[arg(long)]
    pub packs: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id.
    pub id: String,
}

#[derive(Debug, Args)]
pub struct AnnotateArgs {
    /// Article files or folders [default: corpus]; `-` reads one article from standard input.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,

    /// Publication date of the article read from standard input (YYYY-MM-DD or a range).
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,

    /// Outlet id of the article read from standard input.
    #[arg(long, value_name = "ID")]
    pub outlet: Option<String>,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Article files or folders to read [default: corpus].
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,

    /// List the groups of articles counted as one voice (same outlet or family, `via`, one
    /// URL, near-duplicate text) instead of the audit.
    #[arg(long)]
    pub duplicates: bool,
}

#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// Article files or folders to read [default: corpus].
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// List a name only when it is used at least this often.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min_uses: usize,
}

#[derive(Debug, Args)]
pub struct CorpusArgs {
    /// Article files or folders to read [default: corpus].
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ListFormat {
    /// A table for the terminal.
    #[default]
    Table,
    /// One JSON document.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// A GitHub-flavoured Markdown table.
    Markdown,
}

impl From<ListFormat> for crosscheck::render::Format {
    fn from(f: ListFormat) -> Self {
        use crosscheck::render::Format;
        match f {
            ListFormat::Table => Format::Table,
            ListFormat::Json => Format::Json,
            ListFormat::Jsonl => Format::Jsonl,
            ListFormat::Markdown => Format::Markdown,
        }
    }
}
