//! The `zsnas` command-line tool (native only).

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Zero-Shot NAS Explorer: score NAS-Bench-201 cells with training-free proxies.
#[derive(Parser, Debug)]
#[command(name = "zsnas", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Placeholder until the subcommands land.
    Version,
}

/// Entry point of the binary: parse arguments, run, map errors to a non-zero exit.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Version => {
            println!("zsnas {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
    }
}
