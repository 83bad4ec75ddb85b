//! CLI contract tests: `tests/cmd/*.toml` run the binary on the fixture corpora beside them and
//! compare exit code, stdout and stderr. `TRYCMD=overwrite cargo test --test cli` rewrites the
//! expectations; review the diff before committing it.

#[test]
fn cli_contract() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
