//! The export step: the one table from a report format to its renderer, and writing every
//! `--output` file of a run (hyperfine's exporter shape). The binary, the fuzz targets and the
//! tests all render through here, so a new format is added in one place.

use std::io;
use std::path::PathBuf;

use thiserror::Error;

use super::{
    RenderOptions, Renderer, concise::Concise, github::Github, gitlab::Gitlab, html::Html,
    human::Human, json::Json, junit::Junit, markdown::Markdown, sarif::Sarif,
};
use crate::check::CheckOutcome;

/// A report format (`--format`, `--output FORMAT=FILE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics for people, wrapped to the terminal (`table` is an old name for it).
    #[value(alias = "table")]
    Human,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Concise,
    /// Versioned JSON (schema in the README).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// GitLab Code Quality JSON (the merge-request widget).
    Gitlab,
    /// JUnit XML: a test case per request and per policy row.
    Junit,
    /// Markdown summary, for a pull-request comment or $GITHUB_STEP_SUMMARY.
    Markdown,
    /// One self-contained HTML page for the release sign-off (prints to PDF).
    Html,
}

impl Format {
    /// Every format, in the order the README lists them.
    pub const ALL: [Format; 9] = [
        Format::Human,
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Gitlab,
        Format::Junit,
        Format::Markdown,
        Format::Html,
    ];

    /// The name `--format` and `--output` take.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Concise => "concise",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Gitlab => "gitlab",
            Format::Junit => "junit",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }

    /// The renderer that writes this format.
    pub fn renderer(self) -> &'static dyn Renderer {
        match self {
            Format::Human => &Human,
            Format::Concise => &Concise,
            Format::Json => &Json,
            Format::Sarif => &Sarif,
            Format::Github => &Github,
            Format::Gitlab => &Gitlab,
            Format::Junit => &Junit,
            Format::Markdown => &Markdown,
            Format::Html => &Html,
        }
    }

    /// The report for `outcome` in this format, as bytes.
    pub fn render(self, outcome: &CheckOutcome, options: RenderOptions) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        self.renderer()
            .render(super::Report { outcome, options }, &mut out)?;
        Ok(out)
    }
}

/// Why a report file could not be written. Every variant is exit 2 at the binary.
#[derive(Debug, Error)]
pub enum ExportError {
    /// Two `--output`s name one file: the second would silently replace the first.
    #[error("--output names {path} twice; each report needs a file of its own")]
    Twice {
        /// The file, as given.
        path: String,
    },
    /// Rendering or writing failed.
    #[error("{path}: cannot write the {format} report: {source}")]
    Write {
        /// The file, as given.
        path: String,
        /// The format being written.
        format: &'static str,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },
}

/// The report files of one run (`--output FORMAT=FILE`), checked before anything runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exports(Vec<(Format, PathBuf)>);

impl Exports {
    /// Accepts the files, refusing one named twice.
    pub fn new(outputs: Vec<(Format, PathBuf)>) -> Result<Self, ExportError> {
        for (i, (_, path)) in outputs.iter().enumerate() {
            if outputs[..i].iter().any(|(_, p)| p == path) {
                return Err(ExportError::Twice {
                    path: path.display().to_string(),
                });
            }
        }
        Ok(Exports(outputs))
    }

    /// The files, in command-line order.
    pub fn files(&self) -> &[(Format, PathBuf)] {
        &self.0
    }

    /// Writes every file. Files never get colour (tools and other people's viewers read them)
    /// and are wrapped at the default width; each is written so the target is never destroyed
    /// (see [`crate::atomic`]).
    pub fn write(&self, outcome: &CheckOutcome, options: RenderOptions) -> Result<(), ExportError> {
        let options = RenderOptions {
            color: false,
            width: None,
            ..options
        };
        for (format, path) in &self.0 {
            let error = |source| ExportError::Write {
                path: path.display().to_string(),
                format: format.name(),
                source,
            };
            let bytes = format.render(outcome, options).map_err(error)?;
            crate::atomic::write(path, &bytes).map_err(error)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_named_twice_is_refused() {
        let err = Exports::new(vec![
            (Format::Sarif, PathBuf::from("r.out")),
            (Format::Json, PathBuf::from("r.out")),
        ])
        .unwrap_err();
        assert!(err.to_string().contains("r.out twice"), "{err}");
    }

    #[test]
    fn names_are_distinct() {
        let mut names: Vec<_> = Format::ALL.iter().map(|f| f.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Format::ALL.len());
    }
}
