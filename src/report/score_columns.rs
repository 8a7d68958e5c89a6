//! Proxy scores by proxy name over a set of NATS indices, from any source the faces offer: the
//! bundled FreeREA (whole space) and NASLib (~725 cells) references, or a `zsnas score` CSV.

use crate::bench::{ArchTable, BenchDataset, FreeReaReference, NASLIB_PROXIES, NaslibReference};
use crate::proxy::{Protocol, ProxyKind};
use crate::space::Dataset;
use crate::space::nb201::Cell;

/// First line of a `zsnas score` CSV, followed by the protocol as JSON.
pub const PROTOCOL_LINE_PREFIX: &str = "# zsnas score protocol=";

/// Scores by proxy name (our names), aligned with `indices`.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreColumns {
    /// Dataset the scores were computed on.
    pub dataset: Dataset,
    /// NATS index of each row.
    pub indices: Vec<usize>,
    /// (proxy name, score per row; NaN = failed or not computed).
    pub columns: Vec<(String, Vec<f64>)>,
}

impl ScoreColumns {
    /// The column of proxy `name`.
    pub fn column(&self, name: &str) -> Option<&[f64]> {
        self.columns.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_slice())
    }

    /// Only the rows whose NATS index is in `keep` (in this set's order): the same population
    /// as another set, e.g. a reference's scores on the cells we scored.
    pub fn restricted_to(&self, keep: &[usize]) -> ScoreColumns {
        let wanted: std::collections::HashSet<usize> = keep.iter().copied().collect();
        let rows: Vec<usize> = (0..self.indices.len()).filter(|&r| wanted.contains(&self.indices[r])).collect();
        ScoreColumns {
            dataset: self.dataset,
            indices: rows.iter().map(|&r| self.indices[r]).collect(),
            columns: self.columns.iter().map(|(n, v)| (n.clone(), rows.iter().map(|&r| v[r]).collect())).collect(),
        }
    }

    /// Column `name` spread over all `n_cells` NATS indices (NaN where not scored).
    pub fn by_index(&self, name: &str, n_cells: usize) -> Option<Vec<f64>> {
        let column = self.column(name)?;
        let mut out = vec![f64::NAN; n_cells];
        for (&i, &v) in self.indices.iter().zip(column) {
            if let Some(slot) = out.get_mut(i) {
                *slot = v;
            }
        }
        Some(out)
    }
}

/// +1 when a larger score of proxy `name` predicts a better network, −1 otherwise. A component
/// column `<proxy>.<component>` (te_nas.kappa, az_nas.trainability, …) takes the component's
/// orientation; unknown names, e.g. reference-only columns, count as larger-is-better.
pub fn orientation_sign(name: &str) -> f64 {
    if let Some(kind) = ProxyKind::from_name(name) {
        return kind.info().orientation.sign();
    }
    let component = name.split_once('.').and_then(|(proxy, part)| {
        ProxyKind::from_name(proxy)?.components().iter().find(|(c, _)| *c == part).map(|(_, o)| o.sign())
    });
    component.unwrap_or(1.0)
}

/// The bench module's name for `dataset` (the two enums name the same three datasets).
pub fn bench_dataset(dataset: Dataset) -> BenchDataset {
    BenchDataset::ALL.into_iter().find(|b| b.name() == dataset.name()).unwrap_or(BenchDataset::Cifar10)
}

/// FreeREA's whole-space scores, renamed to our proxy names (naswot → nwot, params_m → params).
pub fn freerea_columns(r: &FreeReaReference, dataset: Dataset, n_cells: usize) -> ScoreColumns {
    let columns = [("naswot", "nwot"), ("synflow", "synflow"), ("logsynflow", "logsynflow"), ("params_m", "params")]
        .into_iter()
        .filter_map(|(theirs, ours)| r.scores(bench_dataset(dataset), theirs).map(|v| (ours.to_string(), v.to_vec())))
        .collect();
    ScoreColumns { dataset, indices: (0..n_cells).collect(), columns }
}

/// NASLib's scores on its ~725 cells, renamed to our proxy names (jacov → jacob_cov).
pub fn naslib_columns(r: &NaslibReference, dataset: Dataset) -> Result<ScoreColumns, String> {
    let set = r.set(bench_dataset(dataset)).ok_or("no NASLib set for this dataset")?;
    let columns = NASLIB_PROXIES
        .iter()
        .filter_map(|&n| set.proxy(n).map(|v| (if n == "jacov" { "jacob_cov" } else { n }.to_string(), v.to_vec())))
        .collect();
    Ok(ScoreColumns { dataset, indices: set.index.clone(), columns })
}

/// The 1-based rank of `value` among `others` (1 = best under orientation `sign`, see
/// [`orientation_sign`]): one more than the number of finite values strictly better.
pub fn rank_among(value: f64, others: &[f64], sign: f64) -> usize {
    1 + others.iter().filter(|v| v.is_finite() && **v * sign > value * sign).count()
}

/// Parses a `zsnas score` CSV: protocol line, `index,arch,<proxies…>` header, one row per cell
/// (an empty field is a failed proxy; an unknown index is found through the arch string).
/// Returns the scores and the protocol they were computed under.
pub fn parse_score_csv(text: &str, archs: &ArchTable) -> Result<(ScoreColumns, Protocol), String> {
    let mut lines = text.lines();
    let protocol: Protocol = lines
        .next()
        .and_then(|l| l.strip_prefix(PROTOCOL_LINE_PREFIX))
        .and_then(|j| serde_json::from_str(j).ok())
        .ok_or("the first line must be zsnas score's protocol line")?;
    let header: Vec<&str> = lines.next().ok_or("missing header")?.split(',').collect();
    if header.len() < 3 || header[0] != "index" || header[1] != "arch" {
        return Err("header must be index,arch,<proxies…>".into());
    }
    let mut columns: Vec<(String, Vec<f64>)> = header[2..].iter().map(|h| (h.to_string(), Vec::new())).collect();
    let mut indices = Vec::new();
    for (n, line) in lines.enumerate() {
        let fields: Vec<&str> = line.split(',').collect();
        if fields.len() != header.len() {
            return Err(format!("row {}: {} fields, expected {}", n + 3, fields.len(), header.len()));
        }
        let index = match fields[0].parse::<usize>() {
            Ok(i) if i < archs.len() => i,
            _ => Cell::parse(fields[1])
                .ok()
                .and_then(|c| archs.index_of(c.code()))
                .ok_or_else(|| format!("row {}: unknown cell", n + 3))?,
        };
        indices.push(index);
        for (col, field) in columns.iter_mut().zip(&fields[2..]) {
            col.1.push(field.parse::<f64>().unwrap_or(f64::NAN));
        }
    }
    Ok((ScoreColumns { dataset: protocol.dataset, indices, columns }, protocol))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn archs() -> ArchTable {
        ArchTable::from_codes((0..15_625).collect()).expect("table")
    }

    #[test]
    fn parses_a_score_csv_and_spreads_it_by_index() {
        let protocol = serde_json::to_string(&Protocol::default()).expect("json");
        let text = format!("{PROTOCOL_LINE_PREFIX}{protocol}\nindex,arch,nwot,synflow\n3,x,1.5,\n7,x,2.5,9\n");
        let (s, p) = parse_score_csv(&text, &archs()).expect("parses");
        assert_eq!(p, Protocol::default());
        assert_eq!(s.indices, vec![3, 7]);
        assert_eq!(s.column("nwot"), Some(&[1.5, 2.5][..]));
        assert!(s.column("synflow").expect("col")[0].is_nan());
        let only7 = s.restricted_to(&[7, 9]);
        assert_eq!((only7.indices.clone(), only7.column("nwot")), (vec![7], Some(&[2.5][..])));
        let spread = s.by_index("nwot", 10).expect("col");
        assert_eq!((spread[3], spread[7]), (1.5, 2.5));
        assert!(spread[0].is_nan());
    }

    #[test]
    fn ranks_count_strictly_better_finite_values_under_the_orientation() {
        let others = [1.0, 3.0, f64::NAN, 2.0, 3.0];
        assert_eq!(rank_among(2.5, &others, 1.0), 3, "3.0 twice is better");
        assert_eq!(rank_among(2.5, &others, -1.0), 3, "1.0 and 2.0 are better when lower wins");
        assert_eq!(rank_among(3.0, &others, 1.0), 1, "ties share the better rank");
        assert_eq!(rank_among(0.0, &[], 1.0), 1);
    }

    #[test]
    fn component_columns_take_their_component_orientation() {
        assert_eq!(orientation_sign("ntk_cond"), -1.0);
        assert_eq!(orientation_sign("te_nas"), 1.0);
        assert_eq!(orientation_sign("te_nas.kappa"), -1.0);
        assert_eq!(orientation_sign("te_nas.regions"), 1.0);
        assert_eq!(orientation_sign("az_nas.trainability"), 1.0);
        assert_eq!(orientation_sign("te_nas.nothing"), 1.0);
        assert_eq!(orientation_sign("jacov"), 1.0);
    }

    #[test]
    fn rejects_malformed_csv_without_panicking() {
        for text in ["", "nonsense", "# zsnas score protocol={}\n", "# zsnas score protocol={}\nindex,arch,a\n1,x\n"] {
            assert!(parse_score_csv(text, &archs()).is_err(), "{text:?}");
        }
    }
}
