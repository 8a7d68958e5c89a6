//! The two string forms of an FBNet architecture: 22 items separated by whitespace (HELP's CSV,
//! `7 8 1 …`) or by commas inside brackets (HW-NAS-Bench's Python list, `[7, 8, 1, …]`).
//!
//! An item is a block id written as one digit `0`..`8` or a block name (`k3_e1`, …, `skip`).
//! Separators are any mix of whitespace and single commas, so `7,8,1,…` also parses; two commas
//! with nothing between them, or a trailing comma, are errors. Brackets are optional but must
//! come as a pair around the whole list.

use std::str::FromStr;

use super::{Block, FBNET_LAYERS, FbnetArch};

/// Why an architecture string was rejected. `at` is a byte offset into the string as given.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Nothing but whitespace (or `[]`).
    #[error("empty FBNet architecture string")]
    Empty,
    /// A `[` without its closing `]` (or the reverse), or a bracket inside the list.
    #[error("unbalanced or misplaced bracket at byte {at}")]
    Bracket {
        /// Offset of the offending bracket (or of the string's end).
        at: usize,
    },
    /// A comma with no item before it (`1,,2`, `[,1`, or a trailing comma).
    #[error("empty item before the comma at byte {at}")]
    EmptyItem {
        /// Offset of the comma.
        at: usize,
    },
    /// An item that is neither a block id 0..8 nor a block name.
    #[error(
        "layer {layer}: {item:?} at byte {at} is not a block id 0..8 or a block name \
         (k3_e1, k3_e1_g2, k3_e3, k3_e6, k5_e1, k5_e1_g2, k5_e3, k5_e6, skip)"
    )]
    UnknownBlock {
        /// 1-based layer number of the item.
        layer: usize,
        /// Offset of the item.
        at: usize,
        /// The item as written.
        item: String,
    },
    /// Not exactly 22 items.
    #[error("expected {FBNET_LAYERS} blocks, found {found}")]
    Count {
        /// Number of items found.
        found: usize,
    },
}

/// One item: a single digit `0`..`8` (no sign, no leading zero) or a block name.
fn block(item: &str) -> Option<Block> {
    match item.as_bytes() {
        [d @ b'0'..=b'8'] => Block::from_id(d - b'0'),
        _ => Block::from_name(item),
    }
}

/// Items of `body` with their byte offsets (relative to `body`), split on whitespace and commas.
fn items(body: &str) -> Result<Vec<(usize, &str)>, ParseError> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    // Whether an item ended since the last comma (or the start): a comma needs one before it.
    let mut item_since_comma = false;
    for (i, c) in body.char_indices() {
        if c == ',' || c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, &body[s..i]));
                item_since_comma = true;
            }
            if c == ',' {
                if !item_since_comma {
                    return Err(ParseError::EmptyItem { at: i });
                }
                item_since_comma = false;
            }
        } else if c == '[' || c == ']' {
            return Err(ParseError::Bracket { at: i });
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, &body[s..]));
    } else if !item_since_comma && let Some(i) = body.rfind(',') {
        return Err(ParseError::EmptyItem { at: i });
    }
    Ok(out)
}

impl FbnetArch {
    /// Parses either string form (see the module doc); never panics.
    pub fn parse(s: &str) -> Result<FbnetArch, ParseError> {
        let lead = s.len() - s.trim_start().len();
        let t = s.trim();
        let (body, offset) = match (t.strip_prefix('['), t.strip_suffix(']')) {
            (Some(_), Some(_)) if t.len() >= 2 => (&t[1..t.len() - 1], lead + 1),
            (Some(_), _) => return Err(ParseError::Bracket { at: lead }),
            (None, Some(_)) => return Err(ParseError::Bracket { at: lead + t.len() - 1 }),
            (None, None) => (t, lead),
        };
        let items = items(body).map_err(|e| match e {
            ParseError::Bracket { at } => ParseError::Bracket { at: at + offset },
            ParseError::EmptyItem { at } => ParseError::EmptyItem { at: at + offset },
            other => other,
        })?;
        if items.is_empty() {
            return Err(ParseError::Empty);
        }
        let mut blocks = [Block::K3E1; FBNET_LAYERS];
        for (layer, &(at, item)) in items.iter().enumerate() {
            let b = block(item).ok_or_else(|| ParseError::UnknownBlock {
                layer: layer + 1,
                at: at + offset,
                item: item.to_string(),
            })?;
            if let Some(slot) = blocks.get_mut(layer) {
                *slot = b;
            }
        }
        if items.len() != FBNET_LAYERS {
            return Err(ParseError::Count { found: items.len() });
        }
        Ok(FbnetArch { blocks })
    }
}

impl FromStr for FbnetArch {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<FbnetArch, ParseError> {
        FbnetArch::parse(s)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::rng::Rng;

    const CSV: &str = "7 8 1 8 4 8 8 8 7 4 1 4 7 3 2 7 3 2 4 2 4 5";

    #[test]
    fn both_forms_and_names() {
        let a = FbnetArch::parse(CSV).unwrap();
        assert_eq!(a.ids(), [7, 8, 1, 8, 4, 8, 8, 8, 7, 4, 1, 4, 7, 3, 2, 7, 3, 2, 4, 2, 4, 5]);
        assert_eq!(a.to_string(), CSV);
        assert_eq!(FbnetArch::parse(&a.list_string()), Ok(a));
        assert_eq!(FbnetArch::parse(&CSV.replace(' ', ",")), Ok(a));
        assert_eq!(FbnetArch::parse(&format!("  [ {} ]\n", CSV.replace(' ', " ,\t"))), Ok(a));
        let names: Vec<&str> = a.blocks.iter().map(|b| b.name()).collect();
        assert_eq!(names.join(" ").parse::<FbnetArch>(), Ok(a));
    }

    #[test]
    fn errors_are_typed_and_located() {
        use ParseError::*;
        assert_eq!(FbnetArch::parse(""), Err(Empty));
        assert_eq!(FbnetArch::parse(" \n"), Err(Empty));
        assert_eq!(FbnetArch::parse("[]"), Err(Empty));
        assert_eq!(FbnetArch::parse("[ 1 2"), Err(Bracket { at: 0 }));
        assert_eq!(FbnetArch::parse("1 2]"), Err(Bracket { at: 3 }));
        assert_eq!(FbnetArch::parse("[1 [2]"), Err(Bracket { at: 3 }));
        assert_eq!(FbnetArch::parse("1,,2"), Err(EmptyItem { at: 2 }));
        assert_eq!(FbnetArch::parse("[,1]"), Err(EmptyItem { at: 1 }));
        assert_eq!(FbnetArch::parse("1, 2,"), Err(EmptyItem { at: 4 }));
        assert_eq!(FbnetArch::parse("1 9 2"), Err(UnknownBlock { layer: 2, at: 2, item: "9".into() }));
        assert_eq!(FbnetArch::parse("08"), Err(UnknownBlock { layer: 1, at: 0, item: "08".into() }));
        assert_eq!(FbnetArch::parse("-1"), Err(UnknownBlock { layer: 1, at: 0, item: "-1".into() }));
        assert_eq!(FbnetArch::parse(" K3_E1"), Err(UnknownBlock { layer: 1, at: 1, item: "K3_E1".into() }));
        assert_eq!(FbnetArch::parse("1 2 3"), Err(Count { found: 3 }));
        assert_eq!(FbnetArch::parse(&format!("{CSV} 0")), Err(Count { found: 23 }));
    }

    proptest! {
        #[test]
        fn arbitrary_strings_never_panic(s in any::<String>()) {
            let _ = FbnetArch::parse(&s);
        }

        #[test]
        fn list_like_strings_never_panic(s in "[\\[\\], 0-9a-z_é\n]{0,80}") {
            if let Err(e) = FbnetArch::parse(&s) {
                let _ = e.to_string();
            }
        }

        #[test]
        fn round_trip(seed in any::<u64>()) {
            let a = FbnetArch::random(&mut Rng::new(seed));
            prop_assert_eq!(FbnetArch::parse(&a.to_string()), Ok(a));
            prop_assert_eq!(FbnetArch::parse(&a.list_string()), Ok(a));
        }
    }
}
