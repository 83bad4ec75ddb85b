//! The `crosscheck` binary: parse arguments, call the library, print, choose the exit code.
//! Printing and exiting happen here and nowhere else.

mod cli;

use clap::Parser;
use cli::{Cli, Command};
use crosscheck::corpus::{self, LoadOptions};
use crosscheck::render::{self, RenderOptions};
use crosscheck::{Diagnostic, Error};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

/// Exit codes, decided here only.
const EXIT_OK: u8 = 0;
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

fn main() -> ExitCode {
    let cli = Cli::parse();
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

fn run(cli: &Cli) -> Result<u8, Failure> {
    let load_options = LoadOptions {
        strict: cli.global.strict,
        outlets: cli.global.outlets.clone(),
    };
    let stdout = io::stdout();
    let render_options = RenderOptions {
        width: output_width(&stdout),
    };
    let mut out = io::BufWriter::new(stdout.lock());

    match &cli.command {
        Some(Command::Corpus(args)) => {
            let corpus = corpus::load(&args.paths, &load_options)?;
            print_warnings(&corpus.warnings, cli.global.quiet);
            render::corpus::render(&mut out, &corpus, args.format.into(), render_options)?;
        }
        None => {
            let corpus = corpus::load(&[], &load_options)?;
            print_warnings(&corpus.warnings, cli.global.quiet);
            render::corpus::render(&mut out, &corpus, render::Format::Table, render_options)?;
        }
    }
    out.flush()?;
    Ok(EXIT_OK)
}

/// The terminal's width when stdout is one; a fixed width otherwise so logs are stable.
fn output_width(stdout: &io::Stdout) -> u16 {
    if stdout.is_terminal() {
        comfy_table::Table::new()
            .width()
            .unwrap_or(render::table::FIXED_WIDTH)
    } else {
        render::table::FIXED_WIDTH
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
    eprintln!("{e}");
    if let Error::Invalid(diags) = e {
        let errors = diags.iter().filter(|d| d.is_error()).count();
        eprintln!(
            "crosscheck: stopped: {errors} error{} in the input (exit code 2)",
            if errors == 1 { "" } else { "s" }
        );
    }
}
