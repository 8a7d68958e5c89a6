//! Everything the explorer and `zsnas cell` show about one NB201 cell.

use crate::bench::{ArchTable, BenchDataset, GroundTruth, Nb201Accuracy};
use crate::net::cost::benchmark_flops;
use crate::report::percentile::Percentiles;
use crate::space::nb201::Cell;
use crate::space::{Arch, Dataset};

/// Percentile tables of every ground truth, built once per page or command.
#[derive(Clone, Debug)]
pub struct AccuracyTables {
    columns: Vec<(GroundTruth, Percentiles)>,
}

impl AccuracyTables {
    /// Sorts every accuracy column of the benchmark.
    pub fn new(accuracy: &Nb201Accuracy) -> Self {
        let columns = GroundTruth::ALL
            .iter()
            .map(|&gt| (gt, Percentiles::new(accuracy.column_pct(gt).iter().map(|&v| f64::from(v)))))
            .collect();
        Self { columns }
    }

    fn percentile(&self, gt: GroundTruth, value: f64) -> Option<f64> {
        self.columns.iter().find(|(g, _)| *g == gt).and_then(|(_, p)| p.of(value))
    }
}

/// One accuracy of a cell with its percentile in the space.
#[derive(Clone, Debug, PartialEq)]
pub struct AccuracyFact {
    /// Which table.
    pub ground_truth: GroundTruth,
    /// Accuracy in percent.
    pub accuracy_pct: f64,
    /// Share of the 15,625 cells at most as accurate, in percent.
    pub percentile: f64,
}

/// Size of the network a cell makes on one dataset.
#[derive(Clone, Debug, PartialEq)]
pub struct SizeFact {
    /// Dataset (head and resolution).
    pub dataset: Dataset,
    /// Trainable parameters.
    pub params: usize,
    /// The benchmark's FLOPs.
    pub flops: f64,
}

/// The summary of one cell.
#[derive(Clone, Debug, PartialEq)]
pub struct CellSummary {
    /// The cell.
    pub cell: Cell,
    /// Benchmark arch string.
    pub arch: String,
    /// NATS index.
    pub index: Option<usize>,
    /// The benchmark's canonical (isomorphism) key.
    pub canonical: String,
    /// NATS index of the class representative (smallest code).
    pub representative_index: Option<usize>,
    /// NATS indices of every cell in the same class (itself included), ascending.
    pub isomorph_indices: Vec<usize>,
    /// True when the output is identically zero (no path of non-`none` edges from input).
    pub is_zero: bool,
    /// Per edge: does its op influence the output?
    pub live_edges: [bool; 6],
    /// Parameters and FLOPs on each dataset.
    pub sizes: Vec<SizeFact>,
    /// 200-epoch test accuracy on each dataset, then the other tables.
    pub accuracies: Vec<AccuracyFact>,
}

impl CellSummary {
    /// Joins the cell with the benchmark's tables.
    pub fn new(cell: Cell, archs: &ArchTable, accuracy: &Nb201Accuracy, tables: &AccuracyTables) -> Self {
        let index = archs.index_of(cell.code());
        let mut isomorph_indices: Vec<usize> =
            cell.isomorphs().iter().filter_map(|c| archs.index_of(c.code())).collect();
        isomorph_indices.sort_unstable();
        let sizes = Dataset::ALL
            .iter()
            .map(|&dataset| {
                let program = crate::net::program_for(&Arch::Nb201(cell), dataset);
                SizeFact { dataset, params: program.param_count(), flops: benchmark_flops(&program) }
            })
            .collect();
        let accuracies = match index {
            Some(i) => GroundTruth::ALL
                .iter()
                .filter_map(|&gt| {
                    let value = f64::from(accuracy.accuracy_pct(gt, i)?);
                    Some(AccuracyFact {
                        ground_truth: gt,
                        accuracy_pct: value,
                        percentile: tables.percentile(gt, value)?,
                    })
                })
                .collect(),
            None => Vec::new(),
        };
        Self {
            cell,
            arch: cell.to_string(),
            index,
            canonical: cell.canonical().as_str().to_string(),
            representative_index: archs.index_of(cell.canonical_representative().code()),
            isomorph_indices,
            is_zero: cell.is_zero(),
            live_edges: cell.live_edges(),
            sizes,
            accuracies,
        }
    }

    /// The 200-epoch test accuracy on `dataset`, if known.
    pub fn test_accuracy(&self, dataset: BenchDataset) -> Option<&AccuracyFact> {
        self.accuracies.iter().find(|a| a.ground_truth == GroundTruth::Test200(dataset))
    }
}

/// Parses a NATS index or an arch string.
pub fn parse_cell(text: &str, archs: &ArchTable) -> Result<Cell, String> {
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let index: usize = text.parse().map_err(|_| format!("'{text}' is not a NATS index"))?;
        let code = archs.code_of(index).ok_or_else(|| format!("NATS index {index} is outside 0..{}", archs.len()))?;
        return Cell::from_code(code).ok_or_else(|| format!("corrupt arch table at index {index}"));
    }
    Cell::parse(text).map_err(|e| e.to_string())
}
