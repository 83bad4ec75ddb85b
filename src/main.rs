//! The `crosscheck` binary: parse arguments, call the library, print, choose the exit code.
//! Printing and exiting happen here and nowhere else.

/// mimalloc rather than the system allocator: analysis makes about a thousand small
/// allocations an article and start-up tens of thousands while compiling the rules; on
/// glibc's allocator these were a seventh of all instructions (callgrind). Start-up on the
/// bundled corpus is a fifth faster with it; large corpora are as fast either way. Without
/// transparent huge pages (`no_thp`): with them, pages mimalloc returned to the system came
/// back as 2 MB to zero, 4% of a run in the kernel and 40% more peak memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;

use cli::{BaselineAction, FailOn};
use cli::{Cli, Command};
use crosscheck::annotate;
use crosscheck::baseline::Baseline;
use crosscheck::calendar::parse_published;
use crosscheck::check::Analyzed;
use crosscheck::corpus::{self, Document, LoadOptions, Meta, Outlets};
use crosscheck::extract;
use crosscheck::findings::Counts;
use crosscheck::findings::Finding;
use crosscheck::render::{self, RenderOptions};
use crosscheck::rules::{Rule, RuleSet, Severity};
use crosscheck::suppress::{self, Config};
use crosscheck::{Diagnostic, Error};
use rayon::prelude::*;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit codes, decided here only.
const EXIT_OK: u8 = 0;
const EXIT_FINDINGS: u8 = 1;
const EXIT_INPUT: u8 = 2;

/// Why a run stopped early.
enum Failure {
    /// Bad input, configuration or usage: reported, exit 2.
    Input(Error),
    /// Writing the output failed.
    Output(io::Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Input(e)
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Output(e)
    }
}

thread_local! {
    /// The article this thread is analysing, for the panic report (the hook runs on the
    /// panicking thread).
    static CURRENT_ARTICLE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// A panic is a bug: say so briefly, with what is needed to reproduce it. The process then
/// exits with Rust's panic code, 101, distinct from 0, 1 and 2.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let article = CURRENT_ARTICLE.with(|a| a.borrow().clone());
        eprintln!(
            "crosscheck {} hit an internal error (this is a bug): {info}",
            env!("CARGO_PKG_VERSION")
        );
        eprintln!(
            "command: {}",
            std::env::args().collect::<Vec<_>>().join(" ")
        );
        if !article.is_empty() {
            eprintln!("while analysing: {article}");
        }
        eprintln!("please report it with the command and the article (exit code 101)");
    }));
}

/// Analyse one document, noting it for the panic report.
fn analyse(doc: Document, rules: &RuleSet) -> Analyzed {
    CURRENT_ARTICLE.with(|a| *a.borrow_mut() = crosscheck::diagnostic::display_path(doc.path()));
    crosscheck::check::analyse(doc, rules)
}

/// A progress bar on standard error for long runs: drawn only when standard error is a
/// terminal and --quiet is not given, so logs and pipes stay clean.
fn progress(quiet: bool) -> indicatif::ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} analysing {pos}/{len} articles [{bar:30}] {rate}, {eta} left",
        )
        .expect("a valid template")
        // Whole articles a second: indicatif's {per_sec} prints "122.4856/s".
        .with_key(
            "rate",
            |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{}", articles_per_second(state.per_sec()));
            },
        )
        .progress_chars("=> "),
    );
    bar
}

/// "122/s", and "0.5/s" for a slow start.
fn articles_per_second(rate: f64) -> String {
    if rate >= 10.0 || rate == 0.0 {
        format!("{rate:.0}/s")
    } else {
        format!("{rate:.1}/s")
    }
}

/// Every article under `paths`, each handed to `each` on all cores as it is read and then
/// dropped, with the progress bar and the loading warnings.
fn load_with_progress<T: Send>(
    cli: &Cli,
    paths: &[PathBuf],
    options: &LoadOptions,
    each: impl Fn(Document) -> T + Sync,
) -> Result<corpus::Loaded<T>, Failure> {
    let bar = progress(cli.global.quiet);
    let corpus = corpus::load_with(
        paths,
        options,
        |n| bar.set_length(n as u64),
        |doc| {
            let item = each(doc);
            bar.inc(1);
            item
        },
    );
    bar.finish_and_clear();
    let corpus = corpus?;
    print_warnings(&corpus.warnings, cli.global.quiet);
    Ok(corpus)
}

fn main() -> ExitCode {
    install_panic_hook();
    let cli = cli::parse();
    if !matches!(
        cli.command,
        Some(Command::Corpus(_) | Command::Rules(_) | Command::Explain(_))
    ) {
        // Compile the recognisers on another core while this one loads the rules.
        std::thread::spawn(crosscheck::warm_up);
    }
    match run(&cli) {
        Ok(code) => ExitCode::from(code),
        Err(Failure::Input(e)) => {
            report_error(&e);
            ExitCode::from(EXIT_INPUT)
        }
        // `crosscheck corpus | head` closes the pipe early: that is not a failure.
        Err(Failure::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(EXIT_OK),
        Err(Failure::Output(e)) => {
            eprintln!("error: cannot write the output: {e}");
            ExitCode::from(EXIT_INPUT)
        }
    }
}

/// The project's config (`crosscheck.yaml`), loaded once before any command runs.
static CONFIG: std::sync::OnceLock<Config> = std::sync::OnceLock::new();

fn config() -> &'static Config {
    CONFIG.get_or_init(Config::default)
}

/// The paths a command names, for finding the config near them.
fn named_paths(cli: &Cli) -> &[PathBuf] {
    match &cli.command {
        Some(Command::Check(a)) => &a.paths,
        Some(Command::Audit(a)) => &a.paths,
        Some(Command::Report(a)) => &a.paths,
        Some(Command::Corpus(a)) => &a.paths,
        Some(Command::Suggest(a)) => &a.paths,
        Some(Command::Annotate(a) | Command::Claims(a)) => &a.paths,
        Some(Command::Baseline { action }) => match action {
            BaselineAction::Create(a) | BaselineAction::Update(a) | BaselineAction::Prune(a) => {
                &a.paths
            }
        },
        Some(Command::Import(a)) => std::slice::from_ref(&a.into),
        Some(Command::Eval(a)) if a.paths.is_empty() => std::slice::from_ref(&a.gold),
        Some(Command::Eval(a)) => &a.paths,
        _ => &[],
    }
}

fn run(cli: &Cli) -> Result<u8, Failure> {
    if let Some(Command::Init(args)) = &cli.command {
        let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
        let written = crosscheck::init::write(&dir)?;
        let mut out = io::stdout().lock();
        render::init::report(&mut out, &dir, &written)?;
        return Ok(EXIT_OK);
    }
    let first = named_paths(cli)
        .first()
        .filter(|p| p.as_os_str() != "-")
        .map(PathBuf::as_path);
    let _ = CONFIG.set(Config::load_from(cli.global.config.as_deref(), first)?);
    let load_options = LoadOptions {
        strict: cli.global.strict,
        outlets: cli
            .global
            .outlets
            .clone()
            .or_else(|| config().outlets.clone()),
        lossy: cli.global.lossy,
        max_file_bytes: cli.global.max_file_size,
        exclude: corpus::walk::Exclude {
            root: config().root().unwrap_or_else(|| PathBuf::from(".")),
            globs: config().exclude.clone(),
        },
        root: config().root(),
    };
    let stdout = io::stdout();
    let render_options = RenderOptions {
        width: output_width(&stdout),
        ..RenderOptions::default()
    };
    let mut out = io::BufWriter::new(stdout.lock());

    match &cli.command {
        Some(Command::Suggest(args)) => {
            let docs = load_documents(&args.paths, None, None, &load_options, cli.global.quiet)?;
            let rules = load_rules(cli)?;
            let annotated: Vec<_> = docs
                .par_iter()
                .map(|d| annotate::annotate(d, &rules.gazetteer))
                .collect();
            let pairs: Vec<_> = docs.iter().zip(&annotated).collect();
            let found = crosscheck::suggest::unknown_names(&pairs, args.min_uses.max(1));
            render::suggest::render(&mut out, &found, docs.len())?;
        }
        Some(Command::Corpus(args)) => {
            let corpus = corpus::load(&args.paths, &load_options)?;
            print_warnings(&corpus.warnings, cli.global.quiet);
            render::corpus::render(&mut out, &corpus, args.format.into(), render_options)?;
        }
        Some(Command::Audit(args)) => {
            let run = run_check(cli, &args.paths, &[], &[], &[], &load_options)?;
            if args.duplicates {
                let groups = crosscheck::audit::voice_groups(&run.analyzed, &run.outlets);
                render::audit::render_voices(
                    &mut out,
                    &groups,
                    args.format.into(),
                    render_options,
                )?;
                out.flush()?;
                return Ok(EXIT_OK);
            }
            let audit =
                crosscheck::audit::build(&run.rules, &run.analyzed, &run.outlets, &run.findings);
            render::audit::render(&mut out, &audit, args.format.into(), render_options)?;
        }
        Some(Command::Annotate(args)) if streams(args) => {
            stream_records(cli, args, &load_options, &mut out, |doc, rules, buf| {
                let annotations = annotate::annotate(doc, &rules.gazetteer);
                render::annotations::render(
                    buf,
                    &[(doc, annotations)],
                    render::Format::Jsonl,
                    render_options,
                )
            })?;
        }
        Some(Command::Annotate(args)) => {
            let (docs, rules) = documents_and_rules(cli, args, &load_options)?;
            let annotated: Vec<_> = docs
                .par_iter()
                .map(|d| (d, annotate::annotate(d, &rules.gazetteer)))
                .collect();
            render::annotations::render(&mut out, &annotated, args.format.into(), render_options)?;
        }
        Some(Command::Claims(args)) if streams(args) => {
            // The interchange format: `check --claims` reads it back.
            stream_records(cli, args, &load_options, &mut out, claims_records)?;
        }
        Some(Command::Claims(args)) if args.format == cli::ListFormat::Jsonl => {
            let (docs, rules) = documents_and_rules(cli, args, &load_options)?;
            for d in &docs {
                claims_records(d, &rules, &mut out)?;
            }
        }
        Some(Command::Claims(args)) => {
            let (docs, rules) = documents_and_rules(cli, args, &load_options)?;
            let claims: Vec<_> = docs
                .par_iter()
                .map(|d| {
                    let ann = annotate::annotate(d, &rules.gazetteer);
                    (d, extract::extract(d, &ann, &rules))
                })
                .collect();
            render::claims::render(&mut out, &claims, args.format.into(), render_options)?;
        }
        Some(Command::Check(args)) => {
            let code = check(cli, args, &load_options, &mut out, render_options)?;
            out.flush()?;
            return Ok(code);
        }
        None => {
            let code = check(
                cli,
                &cli::CheckArgs::default(),
                &load_options,
                &mut out,
                render_options,
            )?;
            out.flush()?;
            return Ok(code);
        }
        Some(Command::Report(args)) => {
            let check_args = cli::CheckArgs {
                paths: args.paths.clone(),
                claims: args.claims.clone(),
                format: Some(cli::CheckFormat::Html),
                output: Some(args.output.clone()),
                baseline: args.baseline.clone(),
                fail_on: Some(FailOn::Never),
                select: args.select.clone(),
                ignore: args.ignore.clone(),
                ..Default::default()
            };
            let code = check(cli, &check_args, &load_options, &mut out, render_options)?;
            if !cli.global.quiet && args.output.as_os_str() != "-" {
                eprintln!(
                    "wrote {}",
                    crosscheck::diagnostic::display_path(&args.output)
                );
            }
            out.flush()?;
            return Ok(code);
        }
        Some(Command::Baseline { action }) => baseline(cli, action, &load_options, &mut out)?,
        Some(Command::Test(args)) => {
            let rules = load_rules(cli)?;
            let dirs = match &args.dir {
                Some(dir) => vec![dir.clone()],
                None => rules.test_dirs(),
            };
            let report =
                crosscheck::ruletest::run_dirs(&dirs, &rules, args.update, args.all_rules)?;
            render::rules::test_report(&mut out, &report)?;
            out.flush()?;
            return Ok(if report.failed() > 0 && !args.update {
                EXIT_FINDINGS
            } else {
                EXIT_OK
            });
        }
        Some(Command::Eval(args)) => {
            eval(cli, args, &load_options, &mut out)?;
        }
        Some(Command::Rules(args)) if args.packs => {
            let rules = load_rules(cli)?;
            render::rules::packs(&mut out, &rules, args.format.into(), render_options)?;
        }
        Some(Command::Rules(args)) => {
            let rules = load_rules(cli)?;
            render::rules::list(&mut out, &rules.rules, args.format.into(), render_options)?;
        }
        Some(Command::Init(_)) => {}
        Some(Command::Import(args)) => {
            let code = import(args, &load_options, &mut out)?;
            out.flush()?;
            return Ok(code);
        }
        Some(Command::Explain(args)) => {
            let rules = load_rules(cli)?;
            let rule = rules
                .rules
                .iter()
                .find(|r| r.id == args.id)
                .ok_or_else(|| unknown_rule(&rules, &args.id))?;
            render::rules::explain(&mut out, rule)?;
        }
    }
    out.flush()?;
    Ok(EXIT_OK)
}

/// `crosscheck eval`: run the pipeline on the gold file's articles and score it.
fn eval(
    cli: &Cli,
    args: &cli::EvalArgs,
    options: &LoadOptions,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    use crosscheck::eval;
    let gold = eval::gold::GoldFile::load(&args.gold)?;
    let rules = load_rules(cli)?;
    let paths = if args.paths.is_empty() {
        vec![
            args.gold
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from(".")),
        ]
    } else {
        args.paths.clone()
    };
    let corpus = load_with_progress(cli, &paths, options, |doc| {
        eval::run_article(doc, &rules, &gold)
    })?;
    let (runs, analyzed): (Vec<_>, Vec<_>) = corpus.items.into_iter().unzip();
    let findings = crosscheck::check::run(&rules, &analyzed, &corpus.outlets, &|_| true);
    let report = eval::score(&gold, &runs, &analyzed, &findings, &rules);
    if cli.global.strict && !report.problems.is_empty() {
        return Err(Error::Invalid(eval::problems_as_errors(&args.gold, &report)).into());
    }
    match args.format {
        cli::EvalFormat::Text => render::eval::text(out, &report, args.summary)?,
        cli::EvalFormat::Json => render::eval::json(out, &report)?,
    }
    Ok(())
}

/// What one run of the rules over a corpus produced.
struct CheckRun {
    analyzed: Vec<Analyzed>,
    outlets: Outlets,
    rules: RuleSet,
    findings: Vec<Finding>,
    /// The rules that ran (not off, selected).
    active: Vec<Rule>,
    /// Every rule id, for checking the names suppressions use.
    all_rules: Vec<String>,
}

/// Load the corpus and rules, extract claims and run the selected rules.
/// Load the corpus (or the claims files, when `claims` names any) and rules, extract claims
/// and run the selected rules.
fn run_check(
    cli: &Cli,
    paths: &[PathBuf],
    claims: &[PathBuf],
    select: &[String],
    ignore: &[String],
    options: &LoadOptions,
) -> Result<CheckRun, Failure> {
    let rules = load_rules(cli)?;
    if rules.rules.is_empty() {
        return Err(Error::Usage(
            "no conflict rules are on (the packs turned them all off); `crosscheck check` has nothing to check"
                .into(),
        )
        .into());
    }
    for id in select.iter().chain(ignore) {
        if !rules.rules.iter().any(|r| &r.id == id) {
            return Err(unknown_rule(&rules, id).into());
        }
    }
    let selected =
        |r: &Rule| (select.is_empty() || select.contains(&r.id)) && !ignore.contains(&r.id);
    if !claims.is_empty() {
        let outlets_path = options
            .outlets
            .clone()
            .or_else(|| corpus::find_outlets_file(&claims[0]))
            .or_else(|| corpus::find_outlets_file(Path::new(corpus::DEFAULT_CORPUS)))
            .ok_or_else(|| {
                Error::Usage(
                    "no outlets.yaml next to the claims files or in ./corpus; pass --outlets FILE"
                        .into(),
                )
            })?;
        let outlets = Outlets::load(&outlets_path).map_err(Error::Invalid)?;
        let analyzed = crosscheck::interchange::read(claims)?;
        if let Some(a) = analyzed
            .iter()
            .find(|a| outlets.get(&a.doc.meta.outlet).is_none())
        {
            return Err(Error::Usage(format!(
                "{}: outlet `{}` is not in {}",
                crosscheck::diagnostic::display_path(a.doc.path()),
                a.doc.meta.outlet,
                crosscheck::diagnostic::display_path(&outlets_path)
            ))
            .into());
        }
        let findings = crosscheck::check::run(&rules, &analyzed, &outlets, &selected);
        return Ok(finish_run(rules, analyzed, outlets, findings, &selected));
    }
    // Articles are read and analysed on all cores, and dropped once analysed; results keep
    // the path order, so output does not depend on the number of threads.
    let corpus = load_with_progress(cli, paths, options, |doc| analyse(doc, &rules))?;
    let analyzed = corpus.items;
    let findings = crosscheck::check::run(&rules, &analyzed, &corpus.outlets, &selected);
    Ok(finish_run(
        rules,
        analyzed,
        corpus.outlets,
        findings,
        &selected,
    ))
}

fn finish_run(
    rules: RuleSet,
    analyzed: Vec<Analyzed>,
    outlets: Outlets,
    findings: Vec<Finding>,
    selected: &dyn Fn(&Rule) -> bool,
) -> CheckRun {
    let active = rules
        .rules
        .iter()
        .filter(|r| selected(r))
        .cloned()
        .collect();
    let all_rules = rules.rules.iter().map(|r| r.id.clone()).collect();
    CheckRun {
        analyzed,
        outlets,
        rules,
        findings,
        active,
        all_rules,
    }
}

/// `crosscheck check`: load, extract, compare, report; the exit code says whether a finding
/// reached --fail-on.
fn check(
    cli: &Cli,
    args: &cli::CheckArgs,
    options: &LoadOptions,
    out: &mut dyn Write,
    render_options: RenderOptions,
) -> Result<u8, Failure> {
    let args = &with_config_defaults(args)?;
    let render_options = RenderOptions {
        color: use_color(args.color),
        show: args.show.into(),
        ..render_options
    };
    let inputs = run_inputs(&args.paths, &args.claims, options);
    for (flag, path) in [
        ("--output", &args.output),
        ("--sarif-output", &args.sarif_output),
        ("--json-output", &args.json_output),
        ("--junit-output", &args.junit_output),
        ("--markdown-output", &args.markdown_output),
    ] {
        if let Some(path) = path {
            crosscheck::output::refuse_inside_inputs(path, flag, &inputs)?;
        }
    }
    let mut run = run_check(
        cli,
        &args.paths,
        &args.claims,
        &args.select,
        &args.ignore,
        options,
    )?;
    let (findings, accepted) = match &args.baseline {
        Some(path) => {
            let baseline = Baseline::load(path)?;
            let stale = baseline.stale(&run.findings);
            if !stale.is_empty() {
                let list: Vec<String> = stale
                    .iter()
                    .map(|(fp, e)| format!("{fp} ({})", e.rule))
                    .collect();
                let text = format!(
                    "{} baseline entr{} no longer found (fixed): {}; `{}` removes {}",
                    stale.len(),
                    if stale.len() == 1 { "y is" } else { "ies are" },
                    list.join(", "),
                    prune_command(cli, path, &args.paths),
                    if stale.len() == 1 { "it" } else { "them" },
                );
                if cli.global.strict {
                    // Not a finding (exit 1): the baseline file, part of the configuration,
                    // no longer matches the corpus, so it is a configuration error (exit 2).
                    return Err(Error::Usage(format!(
                        "--strict: the baseline is out of date, a configuration error: {text}"
                    ))
                    .into());
                }
                if !cli.global.quiet {
                    eprintln!("note: {text}");
                }
            }
            std::mem::take(&mut run.findings)
                .into_iter()
                .partition(|f| !baseline.contains(f))
        }
        None => (std::mem::take(&mut run.findings), Vec::new()),
    };
    // Suppressions: the config file's, and the articles' own `crosscheck-ignore`.
    let config = config();
    let ignores: Vec<suppress::ArticleIgnore> = run
        .analyzed
        .iter()
        .flat_map(|a| {
            a.doc.meta.ignore.iter().map(|i| {
                let path = a.doc.path().to_path_buf();
                (path, i.rule.clone(), i.reason.clone(), i.line)
            })
        })
        .collect();
    let known: Vec<&str> = run.all_rules.iter().map(String::as_str).collect();
    let unknown = suppress::unknown_rules(config, &ignores, &known);
    if !unknown.is_empty() {
        return Err(Error::Invalid(unknown).into());
    }
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    let (findings, by_suppression, warnings) = suppress::apply(findings, config, &ignores, today);
    let accepted: Vec<Finding> = accepted.into_iter().chain(by_suppression).collect();
    if cli.global.strict && !warnings.is_empty() {
        return Err(Error::Invalid(warnings.into_iter().map(|w| w.escalated()).collect()).into());
    }
    print_warnings(&warnings, cli.global.quiet);
    let report = render::findings::Report {
        findings: &findings,
        suppressed: &accepted,
        rules: &run.active,
        documents: run.analyzed.len(),
        claims: run.analyzed.iter().map(|a| a.claims.len()).sum(),
    };
    use render::findings::{CheckFormat as F, render_check};
    let to_bytes = |format: F| -> Result<Vec<u8>, Failure> {
        let mut buf = Vec::new();
        render_check(&mut buf, &report, format, render_options)?;
        Ok(buf)
    };
    for (path, format) in [
        (&args.sarif_output, F::Sarif),
        (&args.json_output, F::Json),
        (&args.junit_output, F::Junit),
        (&args.markdown_output, F::Markdown),
    ] {
        if let Some(path) = path {
            crosscheck::output::write_atomic(path, &to_bytes(format)?)?;
        }
    }
    let format = args.format.unwrap_or_default();
    let page = match format {
        cli::CheckFormat::Html => {
            // The audit counts contradictions among all findings, accepted ones included.
            let all: Vec<Finding> = findings.iter().chain(&accepted).cloned().collect();
            Some(html_page(&run, &findings, &all, accepted.len())?)
        }
        _ => None,
    };
    // `-o -` is standard output, as everywhere else on the command line.
    let output = args.output.as_ref().filter(|p| p.as_os_str() != "-");
    match (output, page) {
        (Some(path), Some(page)) => crosscheck::output::write_atomic(path, &page)?,
        (None, Some(page)) => out.write_all(&page)?,
        (Some(path), None) => crosscheck::output::write_atomic(path, &to_bytes(format.into())?)?,
        (None, None) => render_check(out, &report, format.into(), render_options)?,
    }
    let fail_on = match args.fail_on.unwrap_or_default() {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
        FailOn::Never => Severity::Off,
    };
    let code = if Counts::of(&findings).at_or_above(fail_on) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    };
    // The process ends next: freeing every claim, finding and compiled pattern one at a time
    // is work the operating system does at once (30 ms of a 10,000-article run).
    std::mem::forget(run);
    std::mem::forget(findings);
    std::mem::forget(accepted);
    Ok(code)
}

/// What a check run reads, which no output may replace: the corpus folders or files, the
/// claims files and the outlets file.
fn run_inputs(paths: &[PathBuf], claims: &[PathBuf], options: &LoadOptions) -> Vec<PathBuf> {
    let mut inputs: Vec<PathBuf> = if paths.is_empty() && claims.is_empty() {
        vec![PathBuf::from(corpus::DEFAULT_CORPUS)]
    } else {
        paths.iter().chain(claims).cloned().collect()
    };
    let first = inputs[0].clone();
    inputs.extend(
        options
            .outlets
            .clone()
            .or_else(|| corpus::find_outlets_file(&first)),
    );
    inputs
}

/// `crosscheck import FILES --into CORPUS`: exit 0 when every record was written or was
/// there already, 2 when some could not be imported (each is listed, with the outlets.yaml
/// entries to paste for unknown domains).
fn import(
    args: &cli::ImportArgs,
    options: &LoadOptions,
    out: &mut dyn Write,
) -> Result<u8, Failure> {
    let mut columns = crosscheck::import::ColumnMap::new();
    for pair in &args.columns {
        let (field, column) = pair
            .split_once('=')
            .filter(|(f, c)| crosscheck::import::CSV_FIELDS.contains(f) && !c.is_empty())
            .ok_or_else(|| {
                Error::Usage(format!(
                    "--columns {pair}: expected FIELD=COLUMN with FIELD one of {}",
                    crosscheck::import::CSV_FIELDS.join(", ")
                ))
            })?;
        columns.insert(field.to_string(), column.to_string());
    }
    if !args.into.is_dir() {
        return Err(Error::Usage(format!(
            "no such folder: {} (--into names the corpus folder to write into)",
            crosscheck::diagnostic::display_path(&args.into)
        ))
        .into());
    }
    if let Some(missing) = args.files.iter().find(|f| !f.exists()) {
        return Err(Error::Usage(format!(
            "no such file or folder: {}",
            crosscheck::diagnostic::display_path(missing)
        ))
        .into());
    }
    let outlets_path = options
        .outlets
        .clone()
        .or_else(|| corpus::find_outlets_file(&args.into))
        .ok_or_else(|| {
            Error::Usage(format!(
                "no {} in {} or above it; `crosscheck init` writes one, or pass --outlets FILE",
                corpus::OUTLETS_FILE,
                crosscheck::diagnostic::display_path(&args.into)
            ))
        })?;
    let outlets = Outlets::load(&outlets_path).map_err(Error::Invalid)?;
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for file in &args.files {
        match crosscheck::import::read(file, &columns) {
            Ok(s) => sources.push(s),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors).into());
    }
    let done = crosscheck::import::import(&sources, &outlets, &args.into, args.force)?;
    render::import::report(
        out,
        &done,
        &crosscheck::diagnostic::display_path(&outlets_path),
    )?;
    let refused = done.iter().any(|i| {
        matches!(
            i.outcome,
            crosscheck::import::Outcome::Refused(_)
                | crosscheck::import::Outcome::UnknownDomain { .. }
        )
    });
    Ok(if refused { EXIT_INPUT } else { EXIT_OK })
}

/// The HTML report of a check run: its findings, the claims behind the timeline and charts,
/// and the source audit.
fn html_page(
    run: &CheckRun,
    findings: &[Finding],
    all: &[Finding],
    suppressed: usize,
) -> Result<Vec<u8>, Failure> {
    let audit = crosscheck::audit::build(&run.rules, &run.analyzed, &run.outlets, all);
    let published = run
        .analyzed
        .iter()
        .map(|a| a.doc.meta.published)
        .reduce(|a, b| crosscheck::calendar::DayRange {
            from: a.from.min(b.from),
            to: a.to.max(b.to),
        });
    let page = render::html::Page {
        command: command_line(),
        rule_files: run
            .rules
            .files
            .iter()
            .map(|f| crosscheck::diagnostic::display_path(f))
            .collect(),
        documents: run.analyzed.len(),
        claims: run.analyzed.iter().map(|a| a.claims.len()).sum(),
        published,
        findings,
        suppressed,
        marks: render::html::marks(&run.analyzed, &run.outlets, &run.rules),
        statuses: render::html::status_order(&run.rules),
        audit: Some(&audit),
    };
    let mut buf = Vec::new();
    render::html::render(&mut buf, &page)?;
    Ok(buf)
}

/// The command as typed, for reports: the program's file name, then the arguments.
fn command_line() -> String {
    let mut args = std::env::args();
    let program = args
        .next()
        .map(|p| {
            Path::new(&p)
                .file_name()
                .map_or(p.clone(), |n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "crosscheck".into());
    std::iter::once(program)
        .chain(args)
        .collect::<Vec<_>>()
        .join(" ")
}

/// `crosscheck baseline create|update|prune FILE`.
fn baseline(
    cli: &Cli,
    action: &BaselineAction,
    options: &LoadOptions,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let (args, verb) = match action {
        BaselineAction::Create(a) => (a, "created"),
        BaselineAction::Update(a) => (a, "updated"),
        BaselineAction::Prune(a) => (a, "pruned"),
    };
    crosscheck::output::refuse_inside_inputs(
        &args.file,
        "baseline",
        &run_inputs(&args.paths, &[], options),
    )?;
    let run = run_check(cli, &args.paths, &[], &[], &[], options)?;
    let (baseline, changed) = match action {
        BaselineAction::Create(_) => {
            let b = Baseline::from_findings(&run.findings);
            let n = b.findings.len();
            (b, format!("{n} accepted"))
        }
        BaselineAction::Update(_) => {
            let mut b = Baseline::load(&args.file)?;
            let before = b.findings.len();
            b.add(&run.findings);
            let added = b.findings.len() - before;
            (b, format!("{added} added"))
        }
        BaselineAction::Prune(_) => {
            let mut b = Baseline::load(&args.file)?;
            let removed = b.prune(&run.findings);
            (b, format!("{removed} removed"))
        }
    };
    baseline.save(&args.file)?;
    writeln!(
        out,
        "baseline {} {verb}: {changed}, {} entries",
        crosscheck::diagnostic::display_path(&args.file),
        baseline.findings.len()
    )?;
    Ok(())
}

/// The `baseline prune` command that matches this run: its rules, outlets and paths.
fn prune_command(cli: &Cli, baseline: &Path, paths: &[PathBuf]) -> String {
    let shown = |p: &Path| shell_word(&crosscheck::diagnostic::display_path(p));
    let mut words = vec!["crosscheck".to_string()];
    for r in &cli.global.rules {
        words.push(format!("--rules {}", shown(r)));
    }
    if let Some(o) = &cli.global.outlets {
        words.push(format!("--outlets {}", shown(o)));
    }
    words.push(format!("baseline prune {}", shown(baseline)));
    words.extend(paths.iter().map(|p| shown(p)));
    words.join(" ")
}

/// A word as a POSIX shell reads it back: quoted when it holds anything but plain characters.
fn shell_word(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || "-_./:=+@%,".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

fn unknown_rule(rules: &RuleSet, id: &str) -> Error {
    let known = rules.rules.iter().map(|r| r.id.as_str());
    let help = match crosscheck::diagnostic::suggest(id, known) {
        Some(s) => format!("; did you mean `{s}`?"),
        None => "; `crosscheck rules` lists them".to_string(),
    };
    Error::Usage(format!("unknown rule `{id}`{help}"))
}

/// A document's interchange records: what `claims --format jsonl` writes and
/// `check --claims` reads back.
fn claims_records(doc: &Document, rules: &RuleSet, out: &mut dyn Write) -> io::Result<()> {
    let (claims, facts, signature) = crosscheck::check::findings_of(doc, rules);
    crosscheck::interchange::write(out, doc, &claims, &facts, &signature)
}

/// Whether `annotate` or `claims` output is a stream of independent JSON lines from files on
/// disk, which [`stream_records`] writes without holding the corpus.
fn streams(args: &cli::AnnotateArgs) -> bool {
    args.format == cli::ListFormat::Jsonl
        && !args.paths.iter().any(|p| p.as_os_str() == "-")
        && args.published.is_none()
        && args.outlet.is_none()
}

/// JSON lines for every article, made on all cores as the articles are read, each article
/// dropped once its lines are made; written in path order once all are made, so an input
/// error leaves no partial output. `claims --format jsonl` is the map step of a sharded
/// run: it must keep up with `check`, and its memory hold the output, not the corpus.
fn stream_records(
    cli: &Cli,
    args: &cli::AnnotateArgs,
    options: &LoadOptions,
    out: &mut dyn Write,
    record: impl Fn(&Document, &RuleSet, &mut dyn Write) -> io::Result<()> + Sync,
) -> Result<(), Failure> {
    let rules = load_rules(cli)?;
    let corpus = load_with_progress(cli, &args.paths, options, |doc| {
        let mut buf = Vec::new();
        record(&doc, &rules, &mut buf).map(|()| buf)
    })?;
    for lines in corpus.items {
        out.write_all(&lines?)?;
    }
    Ok(())
}

/// The documents an annotating command names, and the rules to read them with.
fn documents_and_rules(
    cli: &Cli,
    args: &cli::AnnotateArgs,
    options: &LoadOptions,
) -> Result<(Vec<Document>, RuleSet), Failure> {
    let docs = load_documents(
        &args.paths,
        args.published.as_deref(),
        args.outlet.as_deref(),
        options,
        cli.global.quiet,
    )?;
    Ok((docs, load_rules(cli)?))
}

/// The built-in pack with the packs named by `--rules`, else by the config, else `./rules`
/// when it exists, layered on it.
fn load_rules(cli: &Cli) -> Result<RuleSet, Failure> {
    let packs = if !cli.global.rules.is_empty() {
        cli.global.rules.clone()
    } else if !config().packs.is_empty() {
        config().packs.clone()
    } else if Path::new(crosscheck::rules::DEFAULT_RULES).is_dir() {
        vec![PathBuf::from(crosscheck::rules::DEFAULT_RULES)]
    } else {
        Vec::new()
    };
    let rules = RuleSet::load_packs(&packs)?;
    if cli.global.strict && !rules.warnings.is_empty() {
        let errors = rules.warnings.iter().cloned().map(Diagnostic::escalated);
        return Err(Error::Invalid(errors.collect()).into());
    }
    print_warnings(&rules.warnings, cli.global.quiet);
    Ok(rules)
}

/// `check` arguments with the config's defaults where the command line gives none.
fn with_config_defaults(args: &cli::CheckArgs) -> Result<cli::CheckArgs, Failure> {
    use clap::ValueEnum;
    let config = config();
    let mut args = args.clone();
    let invalid = |key: &str, value: &str, allowed: Vec<String>| {
        let path = config
            .path
            .as_deref()
            .unwrap_or(Path::new(suppress::CONFIG_FILE));
        let line =
            crosscheck::yaml::locate_key(&std::fs::read_to_string(path).unwrap_or_default(), key);
        let d = Diagnostic::error(
            path,
            format!("`{key}: {value}` is not one of: {}", allowed.join(", ")),
        );
        Failure::Input(Error::single(match line {
            Some(l) => d.at(l, 1),
            None => d,
        }))
    };
    let names = |variants: &[_]| -> Vec<String> {
        variants
            .iter()
            .filter_map(|v: &cli::CheckFormat| {
                v.to_possible_value().map(|p| p.get_name().to_string())
            })
            .collect()
    };
    if args.format.is_none()
        && let Some(f) = &config.format
    {
        args.format = Some(
            cli::CheckFormat::from_str(f, true)
                .map_err(|_| invalid("format", f, names(cli::CheckFormat::value_variants())))?,
        );
    }
    if args.fail_on.is_none()
        && let Some(f) = &config.fail_on
    {
        let allowed = FailOn::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
            .collect();
        args.fail_on = Some(FailOn::from_str(f, true).map_err(|_| invalid("fail-on", f, allowed))?);
    }
    Ok(args)
}

/// The documents named on the command line: a corpus, or one article on standard input.
fn load_documents(
    paths: &[PathBuf],
    published: Option<&str>,
    outlet: Option<&str>,
    options: &LoadOptions,
    quiet: bool,
) -> Result<Vec<Document>, Failure> {
    if !paths.iter().any(|p| p.as_os_str() == "-") {
        if published.is_some() || outlet.is_some() {
            return Err(Error::Usage(
                "--published and --outlet apply only to an article read from standard input (`-`)"
                    .into(),
            )
            .into());
        }
        let corpus = corpus::load(paths, options)?;
        print_warnings(&corpus.warnings, quiet);
        return Ok(corpus.documents);
    }
    if paths.len() > 1 {
        return Err(Error::Usage(
            "`-` (standard input) cannot be combined with other paths".into(),
        )
        .into());
    }
    // One article: no more than an article file may hold.
    let mut bytes = Vec::new();
    crosscheck::input::read_capped(io::stdin().lock(), options.max_file_bytes, &mut bytes)
        .map_err(|e| Error::Usage(format!("cannot read standard input: {e}")))?;
    let source = String::from_utf8(bytes).map_err(|e| {
        Error::Usage(format!(
            "standard input is not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let meta = match published {
        Some(p) => Some(Meta {
            outlet: outlet.unwrap_or("unknown").to_string(),
            published: parse_published(p).map_err(|e| Error::Usage(format!("--published: {e}")))?,
            title: None,
            url: None,
            author: None,
            via: None,
            published_basis: Some("--published".into()),
            language: "en".into(),
            ignore: Vec::new(),
        }),
        None => None,
    };
    let outlets_path = options
        .outlets
        .clone()
        .or_else(|| corpus::find_outlets_file(Path::new(".")));
    let outlets = match outlets_path {
        Some(p) if meta.is_none() => Some(Outlets::load(&p).map_err(Error::Invalid)?),
        _ => None,
    };
    Ok(vec![corpus::load_stdin(source, meta, outlets.as_ref())?])
}

/// Whether `check`'s text output is coloured: `auto` colours a terminal unless `NO_COLOR`
/// is set to anything (<https://no-color.org>); an explicit choice wins over both.
fn use_color(choice: cli::Color) -> bool {
    match choice {
        cli::Color::Always => true,
        cli::Color::Never => false,
        cli::Color::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// The terminal's width when stdout is one; `COLUMNS` or a fixed width otherwise, so logs
/// are stable.
fn output_width(stdout: &io::Stdout) -> u16 {
    if stdout.is_terminal() {
        comfy_table::Table::new()
            .width()
            .unwrap_or(render::table::FIXED_WIDTH)
    } else {
        // `COLUMNS` as shells and clap read it; a fixed width otherwise.
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse::<u16>().ok())
            .filter(|&c| c >= 40)
            .unwrap_or(render::table::FIXED_WIDTH)
    }
}

fn print_warnings(warnings: &[Diagnostic], quiet: bool) {
    if quiet {
        return;
    }
    for w in warnings {
        eprintln!("{w}");
    }
}

fn report_error(e: &Error) {
    match e {
        Error::Usage(msg) => eprintln!("error: {msg}"),
        Error::Invalid(_) => eprintln!("{e}"),
    }
    if let Error::Invalid(diags) = e {
        let errors = diags.iter().filter(|d| d.is_error()).count();
        eprintln!(
            "crosscheck: stopped: {errors} error{} in the input (exit code 2)",
            if errors == 1 { "" } else { "s" }
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_rate_is_whole_articles_a_second() {
        assert_eq!(articles_per_second(122.4856), "122/s");
        assert_eq!(articles_per_second(0.54), "0.5/s");
        assert_eq!(articles_per_second(0.0), "0/s");
    }

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(shell_word("corpus/2020-03"), "corpus/2020-03");
        assert_eq!(shell_word("my corpus"), "'my corpus'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
    }
}
