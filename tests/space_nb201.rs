//! NB201 cell space: arch strings, canonical forms, liveness, sampling and mutation.

use std::collections::{HashMap, HashSet};

use zsnas::rng::Rng;
use zsnas::space::nb201::{
    CANONICAL_CLASSES, Cell, EDGES, FUNCTIONAL_CLASSES, Op, ParseError, SPACE_SIZE, sample_distinct,
    sample_distinct_with,
};

const EXAMPLE: &str = "|nor_conv_3x3~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";

fn cell(ops: [Op; EDGES]) -> Cell {
    Cell { ops }
}

/// Swaps the paths 0→1→3 and 0→2→3 (a graph isomorphism when (1→2) is `none`).
fn swap_paths(c: Cell) -> Cell {
    let o = c.ops;
    cell([o[1], o[0], o[2], o[3], o[5], o[4]])
}

fn differing_edges(a: Cell, b: Cell) -> usize {
    a.ops.iter().zip(b.ops).filter(|(x, y)| **x != *y).count()
}

#[test]
fn parses_and_formats_the_benchmark_example() {
    use Op::*;
    let c = Cell::parse(EXAMPLE).unwrap();
    assert_eq!(c, cell([NorConv3x3, None, AvgPool3x3, SkipConnect, NorConv3x3, SkipConnect]));
    assert_eq!(c.to_string(), EXAMPLE);
    assert_eq!(EXAMPLE.parse::<Cell>(), Ok(c));
    assert_eq!(format!("{}", NorConv1x1), "nor_conv_1x1");
    assert_eq!(Op::from_name("avg_pool_3x3"), Some(AvgPool3x3));
    assert_eq!(Op::from_name("Avg_pool_3x3"), Option::None);
}

#[test]
fn every_cell_round_trips_through_its_arch_string() {
    let mut seen = HashSet::new();
    for c in Cell::all() {
        let s = c.to_string();
        assert_eq!(Cell::parse(&s), Ok(c), "{s}");
        assert!(seen.insert(s));
    }
    assert_eq!(seen.len(), SPACE_SIZE);
}

#[test]
fn all_enumerates_the_space_in_code_order() {
    let codes: Vec<u16> = Cell::all().map(|c| c.code()).collect();
    assert_eq!(codes, (0..SPACE_SIZE as u16).collect::<Vec<_>>());
}

#[test]
fn surrounding_whitespace_is_trimmed_inner_whitespace_is_not() {
    let c = Cell::parse(EXAMPLE).unwrap();
    assert_eq!(Cell::parse(&format!(" \t{EXAMPLE}\r\n")), Ok(c));
    let inner = EXAMPLE.replacen("|+|", "| +|", 1);
    assert_eq!(Cell::parse(&inner), Err(ParseError::Whitespace { at: 16 }));
    assert_eq!(Cell::parse(&format!("  {inner}")), Err(ParseError::Whitespace { at: 18 }));
}

#[test]
fn each_malformation_has_its_own_error() {
    use ParseError::*;
    let p = Cell::parse;
    assert_eq!(p(""), Err(Empty));
    assert_eq!(p(" \n "), Err(Empty));
    assert_eq!(p("|none~0|+|none~0|none~1|"), Err(GroupCount { found: 2 }));
    assert_eq!(p(&format!("{EXAMPLE}+|none~0|")), Err(GroupCount { found: 4 }));
    assert_eq!(p(&format!("{EXAMPLE}+")), Err(GroupCount { found: 4 }));
    assert_eq!(p("none~0|+|none~0|none~1|+|none~0|none~1|none~2|"), Err(MissingBar { node: 1, at: 0 }));
    assert_eq!(p("|none~0+|none~0|none~1|+|none~0|none~1|none~2|"), Err(MissingBar { node: 1, at: 7 }));
    assert_eq!(p("|none~0|+|none~0|none~1|+|none~0|none~1|none~2"), Err(MissingBar { node: 3, at: 46 }));
    assert_eq!(p(&format!("{EXAMPLE}xyz")), Err(Trailing { node: 3, at: EXAMPLE.len(), text: "xyz".into() }));
    assert_eq!(p("|none~0|+|none~0|+|none~0|none~1|none~2|"), Err(EdgeCount { node: 2, expected: 2, found: 1 }));
    assert_eq!(
        p("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|none~3|"),
        Err(EdgeCount { node: 3, expected: 3, found: 4 })
    );
    assert_eq!(p("|+|none~0|none~1|+|none~0|none~1|none~2|"), Err(EdgeCount { node: 1, expected: 1, found: 0 }));
    assert_eq!(
        p("||+|none~0|none~1|+|none~0|none~1|none~2|"),
        Err(MalformedEdge { node: 1, at: 1, text: String::new() })
    );
    assert_eq!(
        p("|none0|+|none~0|none~1|+|none~0|none~1|none~2|"),
        Err(MalformedEdge { node: 1, at: 1, text: "none0".into() })
    );
    assert_eq!(
        p("|none~0|+|none~0|~1|+|none~0|none~1|none~2|"),
        Err(MalformedEdge { node: 2, at: 17, text: "~1".into() })
    );
    assert_eq!(
        p("|none~0|+|none~0|conv~1|+|none~0|none~1|none~2|"),
        Err(UnknownOp { node: 2, at: 17, name: "conv".into() })
    );
    let err = p("|none~0|+|none~0|conv~1|+|none~0|none~1|none~2|").unwrap_err();
    assert!(err.to_string().contains("unknown op \"conv\""), "{err}");
    assert_eq!(
        p("|none~0|+|none~1|none~0|+|none~0|none~1|none~2|"),
        Err(BadInput { node: 2, at: 15, expected: 0, found: "1".into() })
    );
    assert_eq!(
        p("|none~0|+|none~0|none~1|+|none~0|none~1|none~02|"),
        Err(BadInput { node: 3, at: 45, expected: 2, found: "02".into() })
    );
    assert_eq!(
        p("|none~0|+|none~0|none~1|+|none~0|none~1|none~2~2|"),
        Err(BadInput { node: 3, at: 45, expected: 2, found: "2~2".into() })
    );
}

#[test]
fn the_space_has_the_published_6466_canonical_classes() {
    let forms: HashSet<_> = Cell::all().map(|c| c.canonical()).collect();
    assert_eq!(forms.len(), 6_466);
    assert_eq!(CANONICAL_CLASSES, 6_466);
    assert_eq!(Cell::representatives().count(), 6_466);
    let functional: HashSet<_> = Cell::all().map(|c| c.functional_form()).collect();
    assert_eq!(functional.len(), FUNCTIONAL_CLASSES);
}

#[test]
fn canonical_strings_match_the_benchmark() {
    use Op::*;
    let c = Cell::parse(EXAMPLE).unwrap();
    // Python: Structure.str2structure(EXAMPLE).to_unique_str(True)
    assert_eq!(c.canonical().as_str(), "#+((0)@nor_conv_3x3)@avg_pool_3x3+((0)@nor_conv_3x3)@nor_conv_3x3+0");
    assert_eq!(cell([None; 6]).canonical().as_str(), "#+#+#");
    assert_eq!(cell([SkipConnect; 6]).canonical().as_str(), "0+0+0+0");
}

#[test]
fn same_canonical_class_implies_same_function() {
    let mut by_class: HashMap<_, _> = HashMap::new();
    for c in Cell::all() {
        let f = c.functional_form();
        assert_eq!(*by_class.entry(c.canonical()).or_insert_with(|| f.clone()), f, "{c}");
    }
}

#[test]
fn class_tables_are_consistent() {
    let mut total = 0;
    for rep in Cell::representatives() {
        let members = rep.isomorphs();
        assert_eq!(members[0], rep);
        assert!(members.windows(2).all(|w| w[0].code() < w[1].code()));
        for m in &members {
            assert_eq!(m.canonical(), rep.canonical());
            assert_eq!(m.canonical_representative(), rep);
            assert_eq!(m.class_index(), rep.class_index());
        }
        total += members.len();
    }
    assert_eq!(total, SPACE_SIZE);
    let indices: Vec<usize> = Cell::representatives().map(|c| c.class_index()).collect();
    assert_eq!(indices, (0..CANONICAL_CLASSES).collect::<Vec<_>>());
}

#[test]
fn representatives_for_the_whole_space_are_fast() {
    let sum: u64 = Cell::all().map(|c| u64::from(c.canonical_representative().code())).sum();
    assert!(sum > 0);
}

#[test]
fn benchmark_canonical_does_not_see_the_path_swap_but_the_functional_form_does() {
    use Op::*;
    let a = cell([NorConv3x3, NorConv1x1, None, None, SkipConnect, SkipConnect]);
    let b = swap_paths(a);
    assert_ne!(a.canonical(), b.canonical()); // node 2 carries a `#` term, node 1 does not
    assert_eq!(a.functional_form(), b.functional_form());
    assert_eq!(a.functional_form().as_str(), "nor_conv_1x1(x)+nor_conv_3x3(x)");
}

#[test]
fn zero_cells_and_live_edges() {
    use Op::*;
    let zero = cell([NorConv3x3, None, None, None, None, AvgPool3x3]);
    assert!(zero.is_zero() && zero.is_dead());
    assert_eq!(zero.live_edges(), [false; 6]);
    assert_eq!(zero.functional_form().as_str(), "0");
    let c = cell([NorConv3x3, None, None, SkipConnect, None, AvgPool3x3]); // 0→1 leads nowhere
    assert!(!c.is_zero());
    assert_eq!(c.live_edges(), [false, false, false, true, false, false]);
    assert_eq!(c.edges_present(), [true, false, false, true, false, true]);
    assert_eq!(c.nonzero_nodes(), [true, true, false, true]);
    let mut zeros = 0;
    for c in Cell::all() {
        let live = c.live_edges();
        assert_eq!(c.is_zero(), live == [false; 6], "{c}");
        assert_eq!(c.is_zero(), c.functional_form().as_str() == "0", "{c}");
        zeros += usize::from(c.is_zero());
        let present = c.edges_present();
        let mut pruned = c;
        for ((op, is_live), is_present) in pruned.ops.iter_mut().zip(live).zip(present) {
            assert!(!is_live || is_present);
            if !is_live {
                *op = None;
            }
        }
        assert_eq!(pruned.functional_form(), c.functional_form(), "{c}");
        assert_eq!(pruned.live_edges(), live);
        for e in (0..EDGES).filter(|&e| live[e]) {
            let mut cut = c;
            cut.ops[e] = None;
            assert_ne!(cut.functional_form(), c.functional_form(), "{c} edge {e}");
        }
    }
    // The benchmark's `Structure.check_valid()` is false for exactly these 341 cells.
    assert_eq!(zeros, 341);
}

#[test]
fn neighbors_are_the_24_single_edge_mutants() {
    for c in Cell::all().step_by(97) {
        let n = c.neighbors();
        let distinct: HashSet<Cell> = n.iter().copied().collect();
        assert_eq!(distinct.len(), 24);
        assert!(n.iter().all(|m| differing_edges(c, *m) == 1));
    }
}

#[test]
fn sampling_is_seeded_distinct_and_clamped() {
    let a = sample_distinct(500, 7);
    assert_eq!(a, sample_distinct(500, 7));
    assert_ne!(a, sample_distinct(500, 8));
    assert_eq!(a.iter().collect::<HashSet<_>>().len(), 500);
    let all = sample_distinct(usize::MAX, 1);
    assert_eq!(all.len(), SPACE_SIZE);
    assert_eq!(all.iter().collect::<HashSet<_>>().len(), SPACE_SIZE);
    assert!(sample_distinct(0, 1).is_empty());
    assert_eq!(sample_distinct_with(3, &mut Rng::new(5)), sample_distinct_with(3, &mut Rng::new(5)));
    let mut r1 = Rng::new(3);
    let mut r2 = Rng::new(3);
    let x: Vec<Cell> = (0..20).map(|_| Cell::random(&mut r1)).collect();
    let y: Vec<Cell> = (0..20).map(|_| Cell::random(&mut r2)).collect();
    assert_eq!(x, y);
    assert!(x.iter().collect::<HashSet<_>>().len() > 15);
}

#[test]
fn mutation_reaches_every_neighbor() {
    let c = Cell::parse(EXAMPLE).unwrap();
    let mut rng = Rng::new(11);
    let hits: HashSet<Cell> = (0..2000).map(|_| c.mutate(&mut rng)).collect();
    assert_eq!(hits, c.neighbors().into_iter().collect());
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use proptest::prelude::*;

    use super::*;
    use zsnas::rng::Rng;

    fn any_cell() -> impl Strategy<Value = Cell> {
        (0..SPACE_SIZE as u16).prop_map(|code| Cell::from_code(code).unwrap())
    }

    /// Applies (position, kind, char) edits to `s`: 0 deletes, 1 inserts, 2 replaces a char.
    fn mutate_str(s: &str, edits: &[(usize, u8, char)]) -> String {
        let mut chars: Vec<char> = s.chars().collect();
        for &(pos, kind, ch) in edits {
            let i = pos % (chars.len() + 1);
            match kind % 3 {
                0 if i < chars.len() => {
                    chars.remove(i);
                }
                1 => chars.insert(i, ch),
                _ if i < chars.len() => chars[i] = ch,
                _ => chars.push(ch),
            }
        }
        chars.into_iter().collect()
    }

    /// A successful parse is exact: formatting gives back the (trimmed) input.
    fn check_parse(s: &str) {
        if let Ok(c) = Cell::parse(s) {
            assert_eq!(c.to_string(), s.trim());
        }
    }

    proptest! {
        #[test]
        fn arbitrary_strings_never_panic(s in any::<String>()) {
            check_parse(&s);
        }

        #[test]
        fn arch_like_strings_never_panic(s in "[|+~ a-z_0-9é\n]{0,80}") {
            check_parse(&s);
        }

        #[test]
        fn mutated_valid_strings_never_panic(
            c in any_cell(),
            edits in prop::collection::vec(
                (any::<usize>(), any::<u8>(), prop::sample::select(vec!['|', '+', '~', '0', '1', '2', '3', ' ', 'a', '_', 'é', '\n'])),
                1..4,
            ),
        ) {
            check_parse(&mutate_str(&c.to_string(), &edits));
        }

        #[test]
        fn parse_after_format_is_identity(c in any_cell()) {
            prop_assert_eq!(Cell::parse(&c.to_string()), Ok(c));
            prop_assert_eq!(Cell::from_code(c.code()), Some(c));
        }

        #[test]
        fn format_after_parse_is_identity(c in any_cell(), pad in "[ \t\n]{0,3}") {
            let s = c.to_string();
            let parsed = Cell::parse(&format!("{pad}{s}{pad}")).unwrap();
            prop_assert_eq!(parsed.to_string(), s);
        }

        #[test]
        fn functional_form_is_invariant_under_the_path_swap(c in any_cell()) {
            let mut c = c;
            c.ops[2] = Op::None;
            prop_assert_eq!(swap_paths(c).functional_form(), c.functional_form());
            prop_assert_eq!(swap_paths(c).is_zero(), c.is_zero());
        }

        #[test]
        fn representative_is_idempotent_and_in_class(c in any_cell()) {
            let r = c.canonical_representative();
            prop_assert_eq!(r.canonical_representative(), r);
            prop_assert_eq!(r.canonical(), c.canonical());
            prop_assert!(r.code() <= c.code());
            prop_assert!(c.isomorphs().contains(&c));
        }

        #[test]
        fn mutation_changes_exactly_one_edge(c in any_cell(), seed in any::<u64>()) {
            let m = c.mutate(&mut Rng::new(seed));
            prop_assert_eq!(differing_edges(c, m), 1);
            prop_assert!(c.neighbors().contains(&m));
        }
    }
}

/// Set `ZSNAS_NB201_UNIQUE_STR` to a file of the benchmark's `to_unique_str(True)` per code
/// (one line each, code order) to compare all 15,625 keys with the Python original.
#[test]
fn canonical_matches_a_python_dump_when_given() {
    let Ok(path) = std::env::var("ZSNAS_NB201_UNIQUE_STR") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), SPACE_SIZE);
    for (c, line) in Cell::all().zip(lines) {
        assert_eq!(c.canonical().as_str(), line, "{c}");
    }
}
