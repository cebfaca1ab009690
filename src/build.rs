//! Link the release binary for x86_64 Linux (glibc) as a position-dependent executable.
//!
//! A pre-commit run is mostly process start-up, and a quarter of permaudit's start-up
//! instructions were the dynamic loader applying ~11,000 relative relocations to a
//! position-independent binary (README "Performance"). Linked with `-no-pie` they are resolved
//! at link time. Only the binary is linked this way (proc-macros and the library are not), only
//! for release builds of this one target, and the build script is the one place a setting
//! reaches `cargo install` from crates.io as well as `--path .` and the pre-commit `rust` hook
//! (`.cargo/config.toml` is not published, and `target.<triple>.rustflags` there would also
//! apply to proc-macros when no `--target` is given, which cannot be linked non-PIE).
//! The trade-off: the executable's own image loses address-space randomisation (libraries,
//! stack and heap keep it).
// A build script talks to cargo on stdout.
#![allow(clippy::print_stdout)]

fn main() {
    println!("cargo::rerun-if-changed=src/build.rs");
    let target = std::env::var("TARGET").unwrap_or_default();
    let profile = std::env::var("PROFILE").unwrap_or_default();
    if target == "x86_64-unknown-linux-gnu" && profile == "release" {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}
