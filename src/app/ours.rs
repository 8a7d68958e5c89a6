//! Our own bundled scores (`assets/nb201_ours_<dataset>.csv`, see `bench::nb201_ours`): fetched
//! once per dataset on first use and shared by the Compare and Score views.

use leptos::prelude::*;

use crate::app::assets::fetch_file;
use crate::bench::{ArchTable, ours_file_name};
use crate::proxy::Protocol;
use crate::report::score_columns::{ScoreColumns, bench_dataset, parse_score_csv};
use crate::space::Dataset;

/// One dataset's bundled scores and the protocol they were computed under.
pub type OursSet = Result<(ScoreColumns, Protocol), String>;

/// The loaded bundled score sets by dataset, and the datasets being fetched; a context of the
/// app. Only the fetch's end writes the signal, so asking from a memo is safe.
#[derive(Clone, Copy)]
pub struct OursScores {
    sets: RwSignal<Vec<(Dataset, OursSet)>>,
    asked: StoredValue<Vec<Dataset>>,
}

impl Default for OursScores {
    fn default() -> Self {
        OursScores { sets: RwSignal::new(Vec::new()), asked: StoredValue::new(Vec::new()) }
    }
}

impl OursScores {
    /// The set of `dataset` (tracked); `None` while it loads. The first call starts the fetch.
    pub fn get(self, dataset: Dataset, archs: &ArchTable) -> Option<OursSet> {
        let known = self.sets.with(|v| v.iter().find(|(d, _)| *d == dataset).map(|(_, s)| s.clone()));
        match known {
            Some(set) => Some(set),
            None if self.asked.with_value(|a| a.contains(&dataset)) => None,
            None => {
                self.asked.update_value(|a| a.push(dataset));
                let archs = archs.clone();
                leptos::task::spawn_local(async move {
                    let file = ours_file_name(bench_dataset(dataset));
                    let set = match fetch_file(&file).await {
                        Ok(bytes) => String::from_utf8(bytes)
                            .map_err(|_| format!("{file} is not UTF-8"))
                            .and_then(|text| parse_score_csv(&text, &archs).map_err(|e| format!("{file}: {e}"))),
                        Err(e) => Err(e),
                    };
                    self.sets.update(|v| v.push((dataset, set)));
                });
                None
            }
        }
    }
}
