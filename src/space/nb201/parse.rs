//! The benchmark's arch string, e.g.
//! `|nor_conv_3x3~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|`:
//! node i's group lists its inputs j = 0..i in order as `op~j`.
//!
//! Parsing is strict except that whitespace around the whole string is trimmed (strings pasted
//! from files or terminals often carry a newline); whitespace anywhere inside is an error.

use std::fmt;
use std::str::FromStr;

use super::{Cell, EDGES, Op};

/// Why an arch string was rejected. `at` is a byte offset into the string as given to
/// [`Cell::parse`] (before trimming), so a UI can point at the fault; `node` is 1, 2 or 3.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Nothing but whitespace.
    #[error("empty arch string")]
    Empty,
    /// Whitespace inside the string (surrounding whitespace is trimmed, inner is not).
    #[error("whitespace at byte {at} inside the arch string")]
    Whitespace { at: usize },
    /// Not exactly three `+`-separated node groups.
    #[error("expected 3 node groups separated by '+', found {found}")]
    GroupCount { found: usize },
    /// A group does not start, or does not end, with `|`.
    #[error("node {node}: missing '|' at byte {at}")]
    MissingBar { node: usize, at: usize },
    /// Text after a group's closing `|` that is not another edge.
    #[error("node {node}: unexpected text {text:?} at byte {at} after the group's last edge")]
    Trailing { node: usize, at: usize, text: String },
    /// Node `node` must list exactly `node` inputs.
    #[error("node {node} must list {expected} input edge(s), found {found}")]
    EdgeCount { node: usize, expected: usize, found: usize },
    /// An edge that is not `name~index` (empty, no `~`, or an empty name).
    #[error("node {node}: edge {text:?} at byte {at} is not of the form op~index")]
    MalformedEdge { node: usize, at: usize, text: String },
    /// An op name that is not one of the five benchmark names (exact, case-sensitive).
    #[error(
        "node {node}: unknown op {name:?} at byte {at} \
         (expected none, skip_connect, nor_conv_1x1, nor_conv_3x3 or avg_pool_3x3)"
    )]
    UnknownOp { node: usize, at: usize, name: String },
    /// The input index is not the expected one: inputs must be listed `~0`, `~1`, ... in order,
    /// written in plain decimal (so `~00` and `~+1` are rejected).
    #[error("node {node}: input index {found:?} at byte {at}, expected {expected}")]
    BadInput { node: usize, at: usize, expected: usize, found: String },
}

/// Index in `Cell::ops` of the first edge into `node` (1..=3): edges are grouped by target.
fn first_edge(node: usize) -> usize {
    node * (node - 1) / 2
}

impl Cell {
    /// Parses the benchmark's arch string (see the module doc); never panics.
    pub fn parse(s: &str) -> Result<Cell, ParseError> {
        let lead = s.len() - s.trim_start().len();
        let t = s.trim();
        if t.is_empty() {
            return Err(ParseError::Empty);
        }
        if let Some((i, _)) = t.char_indices().find(|(_, c)| c.is_whitespace()) {
            return Err(ParseError::Whitespace { at: lead + i });
        }
        let found = t.split('+').count();
        if found != 3 {
            return Err(ParseError::GroupCount { found });
        }
        let mut ops = [Op::None; EDGES];
        let mut at = lead;
        for (g, group) in t.split('+').enumerate() {
            let node = g + 1;
            let first = first_edge(node);
            parse_group(node, group, at, &mut ops[first..first + node])?;
            at += group.len() + 1;
        }
        Ok(Cell { ops })
    }
}

/// Parses one node's group `|op~0|op~1|...|` starting at byte `at` into `out` (`node` ops).
fn parse_group(node: usize, group: &str, at: usize, out: &mut [Op]) -> Result<(), ParseError> {
    let Some(inner) = group.strip_prefix('|') else {
        return Err(ParseError::MissingBar { node, at });
    };
    let pieces: Vec<&str> = inner.split('|').collect();
    let Some((last, edges)) = pieces.split_last() else {
        return Err(ParseError::MissingBar { node, at: at + group.len() });
    };
    if !last.is_empty() {
        // Text after the last '|': a missing closing bar, or junk after a complete group.
        return Err(if edges.len() >= node {
            ParseError::Trailing { node, at: at + group.len() - last.len(), text: last.to_string() }
        } else {
            ParseError::MissingBar { node, at: at + group.len() }
        });
    }
    if edges.len() != node {
        return Err(ParseError::EdgeCount { node, expected: node, found: edges.len() });
    }
    let mut pos = at + 1;
    for (j, (tok, slot)) in edges.iter().zip(out.iter_mut()).enumerate() {
        let malformed = || ParseError::MalformedEdge { node, at: pos, text: tok.to_string() };
        let (name, index) = tok.split_once('~').ok_or_else(malformed)?;
        if name.is_empty() {
            return Err(malformed());
        }
        *slot = Op::from_name(name).ok_or_else(|| ParseError::UnknownOp { node, at: pos, name: name.to_string() })?;
        if index != j.to_string() {
            return Err(ParseError::BadInput { node, at: pos + name.len() + 1, expected: j, found: index.to_string() });
        }
        pos += tok.len() + 1;
    }
    Ok(())
}

impl FromStr for Cell {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Cell, ParseError> {
        Cell::parse(s)
    }
}

impl fmt::Display for Cell {
    /// Exactly the benchmark's arch string (the inverse of [`Cell::parse`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for node in 1..=3 {
            f.write_str(if node == 1 { "|" } else { "+|" })?;
            for j in 0..node {
                write!(f, "{}~{j}|", self.ops[first_edge(node) + j].name())?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for Op {
    /// The benchmark's name of the op.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
