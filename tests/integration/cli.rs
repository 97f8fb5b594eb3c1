//! The command line itself: help, version, usage errors.

use crate::util::Dir;

#[test]
fn help_and_version() {
    let dir = Dir::new();
    let run = dir.kabar(&["--help"]).status(0);
    assert!(run.stdout.contains("build") && run.stdout.contains("normalize"), "{}", run.stdout);
    for command in ["build", "normalize"] {
        let run = dir.kabar(&[command, "--help"]).status(0);
        assert!(run.stdout.contains("--config"), "{}", run.stdout);
    }
    let run = dir.kabar(&["--version"]).status(0);
    assert_eq!(run.stdout.trim(), format!("kabar {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn usage_errors_exit_2_and_name_the_flag() {
    let dir = Dir::new();
    let run = dir.kabar(&["build", "--stirct"]).status(2);
    assert!(run.stderr.contains("--stirct"), "{}", run.stderr);
    let run = dir.kabar(&["normalize"]).status(2);
    assert!(run.stderr.contains("<PATH>"), "{}", run.stderr);
    dir.kabar(&["publish"]).status(2);
}

#[test]
fn a_closed_pipe_ends_normalize_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let dir = Dir::new();
    for i in 0..200 {
        dir.write(&format!("a/{i:03}.txt"), format!("Judul {i}\n\nIsi artikel nomor {i}.\n"));
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_kabar"))
        .args(["normalize", "a"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap(); // then drop: the pipe closes
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
}
