//! `zsnas merge`: joins `zsnas score` CSVs of one protocol into one file — the rows of several
//! `--shard` runs, the columns of runs with different `--proxies`, or both.
//!
//! The output is what one `zsnas score` run with every proxy would have written: the protocol
//! line, `index,arch` and each proxy's columns ([`column_names`], proxies in the order first
//! seen), one row per cell in the order first seen. A cell scored in two files must agree on
//! every value both have, or the merge stops (two binaries, or two protocols, disagreeing is
//! worth knowing). Population-relative proxies (az_nas, te_nas) are ranked again over the
//! merged rows, as a shard's ranks only compare cells within that shard.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use clap::Args;

use crate::cli::score::{column_names, parse_proxies, rank_population};
use crate::proxy::ProxyKind;
use crate::report::score_columns::PROTOCOL_LINE_PREFIX;

/// `zsnas merge` arguments.
#[derive(Args, Debug)]
pub struct MergeArgs {
    /// `zsnas score` CSV files written under the same protocol.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output file (written to a temporary file, then renamed; may be one of the inputs);
    /// default standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Runs `zsnas merge`.
pub fn run(a: &MergeArgs) -> Result<(), String> {
    let files: Vec<(String, String)> = a
        .inputs
        .iter()
        .map(|p| {
            std::fs::read_to_string(p)
                .map(|text| (p.display().to_string(), text))
                .map_err(|e| format!("cannot read {}: {e}", p.display()))
        })
        .collect::<Result<_, _>>()?;
    let merged = merge_score_csvs(&files)?;
    match &a.out {
        Some(path) => write_atomically(path, &merged),
        None => {
            print!("{merged}");
            Ok(())
        }
    }
}

fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    let tmp = path.with_extension("merge.tmp");
    std::fs::write(&tmp, text)
        .and_then(|_| std::fs::rename(&tmp, path))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// A merged cell: its index and, per output column, the value and the file it came from.
type MergedCell<'a> = (&'a str, Vec<Option<(&'a str, &'a str)>>);

/// One input: its protocol line, its proxies and, per row, the fields after `index,arch`.
struct Input<'a> {
    name: &'a str,
    protocol: &'a str,
    columns: Vec<&'a str>,
    rows: Vec<(usize, Vec<&'a str>)>,
}

fn parse_input<'a>(name: &'a str, text: &'a str) -> Result<(Input<'a>, Vec<ProxyKind>), String> {
    let mut lines = text.lines().enumerate();
    let not_score = || format!("{name} is not a `zsnas score` CSV (protocol line, then index,arch,…)");
    let protocol = match lines.next() {
        Some((_, l)) if l.starts_with(PROTOCOL_LINE_PREFIX) => l,
        _ => return Err(not_score()),
    };
    let columns: Vec<&str> = match lines.next().and_then(|(_, l)| l.strip_prefix("index,arch,")) {
        Some(rest) => rest.split(',').collect(),
        None => return Err(not_score()),
    };
    let names: Vec<&str> = columns.iter().copied().filter(|c| !c.contains('.')).collect();
    let proxies = parse_proxies(&names.join(",")).map_err(|e| format!("{name}: {e}"))?;
    if column_names(&proxies) != columns {
        return Err(format!("{name}: the header's columns are not what `zsnas score` writes for {}", names.join(",")));
    }
    let mut rows = Vec::new();
    for (i, line) in lines.filter(|(_, l)| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split(',').collect();
        if fields.len() != columns.len() + 2 || fields[1].is_empty() {
            return Err(format!("{name}, line {}: expected index,arch and {} fields", i + 1, columns.len()));
        }
        rows.push((i + 1, fields));
    }
    Ok((Input { name, protocol, columns, rows }, proxies))
}

/// Merges `(name, text)` score CSVs (see the module doc); the merged CSV text.
pub fn merge_score_csvs(files: &[(String, String)]) -> Result<String, String> {
    let mut inputs = Vec::new();
    let mut proxies: Vec<ProxyKind> = Vec::new();
    for (name, text) in files {
        let (input, kinds) = parse_input(name, text)?;
        if let Some(first) = inputs.first().map(|i: &Input| i.protocol)
            && first != input.protocol
        {
            return Err(format!("{} was scored under another protocol than {}", input.name, inputs[0].name));
        }
        for k in kinds {
            if !proxies.contains(&k) {
                proxies.push(k);
            }
        }
        inputs.push(input);
    }
    let Some(protocol) = inputs.first().map(|i| i.protocol) else {
        return Err("nothing to merge".into());
    };
    let columns = column_names(&proxies);
    let position: HashMap<&str, usize> = columns.iter().enumerate().map(|(i, c)| (c.as_str(), i)).collect();
    let ranked: Vec<&str> = proxies.iter().filter(|p| p.info().needs.population).map(|p| p.name()).collect();
    // Cells by arch string, kept in first-seen order.
    let mut order: Vec<&str> = Vec::new();
    let mut cells: HashMap<&str, MergedCell> = HashMap::new();
    for input in &inputs {
        for (line, fields) in &input.rows {
            let (index, arch) = (fields[0], fields[1]);
            let cell = cells.entry(arch).or_insert_with(|| {
                order.push(arch);
                (index, vec![None; columns.len()])
            });
            if cell.0.is_empty() {
                cell.0 = index;
            } else if !index.is_empty() && index != cell.0 {
                return Err(format!("{}, line {line}: {arch} has index {index}, elsewhere {}", input.name, cell.0));
            }
            for (column, &value) in input.columns.iter().zip(&fields[2..]) {
                if value.is_empty() || ranked.contains(column) {
                    continue;
                }
                let slot = &mut cell.1[position[column]];
                match slot {
                    Some((other, kept)) if *kept != value => {
                        return Err(format!(
                            "{arch}: {column} is {kept} in {other} but {value} in {}, line {line}",
                            input.name
                        ));
                    }
                    Some(_) => {}
                    None => *slot = Some((input.name, value)),
                }
            }
        }
    }
    let mut text = format!("{protocol}\nindex,arch,{}\n", columns.join(","));
    for arch in order {
        let (index, values) = &cells[arch];
        let values: Vec<&str> = values.iter().map(|v| v.map(|(_, value)| value).unwrap_or("")).collect();
        text.push_str(&format!("{index},{arch},{}\n", values.join(",")));
    }
    if ranked.is_empty() { Ok(text) } else { rank_population(&text, &proxies, true) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &str = "# zsnas score protocol={\"dataset\":\"cifar10\"}";

    fn file(name: &str, body: &str) -> (String, String) {
        (name.to_string(), format!("{P}\n{body}"))
    }

    #[test]
    fn rows_of_shards_and_columns_of_runs_join_into_one_file() {
        let a = file("a", "index,arch,params,nwot\n0,x,5,1.5\n1,y,6,\n");
        let b = file("b", "index,arch,params,nwot\n2,z,7,3\n");
        let c = file("c", "index,arch,synflow\n1,y,9\n0,x,8\n2,z,\n");
        let merged = merge_score_csvs(&[a, b, c]).expect("merges");
        assert_eq!(merged, format!("{P}\nindex,arch,params,nwot,synflow\n0,x,5,1.5,8\n1,y,6,,9\n2,z,7,3,\n"));
    }

    #[test]
    fn population_proxies_are_ranked_over_the_merged_rows() {
        // Each shard ranked its own two cells 1 and 2; merged, the four cells rank 1..4.
        let header = "index,arch,te_nas,te_nas.kappa,te_nas.regions";
        let a = file("a", &format!("{header}\n0,w,3,100,1\n1,x,4,10,2\n"));
        let b = file("b", &format!("{header}\n2,y,3,50,3\n3,z,4,5,4\n"));
        let merged = merge_score_csvs(&[a, b]).expect("merges");
        let te_nas: Vec<f64> = merged.lines().skip(2).map(|l| l.split(',').nth(2).unwrap().parse().unwrap()).collect();
        // rank(−κ) + rank(regions): w 1+1, x 3+2, y 2+3, z 4+4.
        assert_eq!(te_nas, [2.0, 5.0, 5.0, 8.0]);
    }

    #[test]
    fn disagreements_and_foreign_files_are_errors() {
        let a = file("a", "index,arch,params\n0,x,5\n");
        let conflict = merge_score_csvs(&[a.clone(), file("b", "index,arch,params\n0,x,6\n")]).unwrap_err();
        assert!(conflict.contains("params is 5 in a but 6 in b"), "{conflict}");
        let same = merge_score_csvs(&[a.clone(), file("b", "index,arch,params\n0,x,5\n")]).expect("agree");
        assert_eq!(same.lines().count(), 3);
        let other = ("b".to_string(), "# zsnas score protocol={}\nindex,arch,params\n0,x,5\n".to_string());
        assert!(merge_score_csvs(&[a.clone(), other]).unwrap_err().contains("another protocol"));
        let index = merge_score_csvs(&[a.clone(), file("b", "index,arch,params\n3,x,5\n")]).unwrap_err();
        assert!(index.contains("index 3"), "{index}");
        assert!(merge_score_csvs(&[("n".into(), "index,arch,params\n".into())]).unwrap_err().contains("not a"));
        assert!(merge_score_csvs(&[file("u", "index,arch,bogus\n")]).unwrap_err().contains("unknown proxy"));
        assert!(merge_score_csvs(&[file("t", "index,arch,te_nas\n")]).unwrap_err().contains("header"));
        assert!(merge_score_csvs(&[file("s", "index,arch,params\n0,x\n")]).unwrap_err().contains("line 3"));
        assert!(merge_score_csvs(&[]).unwrap_err().contains("nothing"));
    }
}
