//! `zsnas cell`: what the benchmark knows about one cell.

use crate::cli::data::Assets;
use crate::report::cell::{AccuracyTables, CellSummary, parse_cell};

/// Prints the summary of the cell given as a NATS index or an arch string.
pub fn show(assets: &Assets, text: &str) -> Result<(), String> {
    let cell = parse_cell(text, &assets.archs)?;
    let s = CellSummary::new(cell, &assets.archs, &assets.accuracy, &AccuracyTables::new(&assets.accuracy));
    let index = s.index.map_or("-".to_string(), |i| i.to_string());
    println!("arch        {}", s.arch);
    println!("NATS index  {index}");
    println!("canonical   {}", s.canonical);
    println!("isomorphs   {} cells: {:?}", s.isomorph_indices.len(), s.isomorph_indices);
    if s.is_zero {
        println!("note        the cell's output is identically zero");
    }
    for size in &s.sizes {
        println!("{:<15} params {:>9}   FLOPs {:>12.0}", size.dataset.label(), size.params, size.flops);
    }
    for a in &s.accuracies {
        println!("{:<62} {:>6.2} %   percentile {:>5.1}", a.ground_truth.label(), a.accuracy_pct, a.percentile);
    }
    Ok(())
}
