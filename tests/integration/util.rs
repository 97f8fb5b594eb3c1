//! Running the `kabar` binary the way a user does, in a temporary folder with a clean
//! environment (no TZ, no KABAR_* variables), and reading what it printed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A scratch folder to run kabar in.
pub struct Dir {
    temp: tempfile::TempDir,
}

/// What a run printed, and how it ended.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Dir {
    pub fn new() -> Dir {
        Dir { temp: tempfile::tempdir().expect("a temporary folder") }
    }

    pub fn path(&self) -> &Path {
        self.temp.path()
    }

    /// Writes a file (creating folders), relative to the scratch folder.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Copies a fixture from tests/fixtures into the scratch folder under the same relative name.
    pub fn fixture(&self, rel: &str, to: &str) -> PathBuf {
        let bytes =
            std::fs::read(fixtures().join(rel)).unwrap_or_else(|e| panic!("fixture {rel}: {e}"));
        self.write(to, bytes)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Runs `kabar ARGS` with the scratch folder as the working directory.
    pub fn kabar(&self, args: &[&str]) -> Run {
        self.kabar_with(&[], args)
    }

    /// Runs `kabar ARGS` with these variables set in its clean environment.
    pub fn kabar_with(&self, vars: &[(&str, &str)], args: &[&str]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kabar"));
        run(command.args(args).current_dir(self.path()), vars)
    }

    /// Runs `kabar ARGS` with stdout and stderr on a terminal: a pseudo-terminal that util-linux's
    /// `script` makes, whose output (both streams, newlines as `\r\n`) is then `stdout`. `TERM`
    /// is `xterm` unless `vars` say otherwise. None when `script` is not installed.
    pub fn kabar_on_a_terminal(&self, vars: &[(&str, &str)], args: &[&str]) -> Option<Run> {
        let util_linux = Command::new("script").arg("--version").output();
        if !util_linux.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("util-linux")) {
            eprintln!("skipped: no util-linux `script` to run kabar on a terminal");
            return None;
        }
        let quote = |word: &str| format!("'{}'", word.replace('\'', r"'\''"));
        let line: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_kabar"))
            .chain(args.iter().copied())
            .map(quote)
            .collect();
        // -q: no "Script started" lines; -e: kabar's exit status; /dev/null: no typescript file.
        let mut command = Command::new("script");
        command.args(["-qec", &line.join(" "), "/dev/null"]).current_dir(self.path());
        let vars: Vec<(&str, &str)> =
            std::iter::once(("TERM", "xterm")).chain(vars.iter().copied()).collect();
        Some(run(&mut command, &vars))
    }
}

/// The repository's root, where config.toml and articles/ live.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures() -> PathBuf {
    repo().join("tests/fixtures")
}

/// The user's example article, when ../shared is there.
pub fn seed() -> Option<PathBuf> {
    let path = repo().join("../shared/seeds/000_53a2c289ee57cd07.txt");
    path.is_file().then_some(path)
}

fn run(command: &mut Command, vars: &[(&str, &str)]) -> Run {
    command.env_clear();
    for keep in ["PATH", "HOME"] {
        if let Some(value) = std::env::var_os(keep) {
            command.env(keep, value);
        }
    }
    command.envs(vars.iter().copied());
    let Output { status, stdout, stderr } = command.output().expect("kabar runs");
    Run {
        status: status.code().unwrap_or(-1),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

impl Run {
    /// Asserts the exit status, showing what was printed when it is not the expected one.
    pub fn status(self, expected: i32) -> Run {
        assert_eq!(
            self.status, expected,
            "exit status {} instead of {expected}\n--- stdout\n{}\n--- stderr\n{}",
            self.status, self.stdout, self.stderr
        );
        self
    }

    /// The stdout parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {}", self.stdout))
    }

    /// stderr lines that are errors.
    pub fn errors(&self) -> Vec<&str> {
        self.stderr.lines().filter(|l| l.contains(": error: ")).collect()
    }
}

/// A configuration for tests: Jakarta time, links under example.org.
pub const CONFIG: &str = r#"
[feed]
title = "Uji"
link = "https://example.org/"
description = "Feeds for tests"
language = "id"
timezone = "Asia/Jakarta"
base_url = "https://example.org/feeds/"
author = "Redaksi Uji"
item_link = "https://example.org/a/{slug}"
[input]
dirs = ["articles"]
[output]
dir = "feeds"
"#;
