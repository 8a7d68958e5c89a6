//! Everything a view shows that someone may want to share — page, cell, proxies, protocol,
//! device and the Compare view's choices — and its URL query form. Reading a malformed query
//! keeps every field it can, uses the default for the rest and says what it ignored; writing
//! leaves out fields at their defaults so links stay short.

use crate::bench::GroundTruth;
use crate::compute::DeviceKind;
use crate::explorer::population::Population;
use crate::explorer::query::{format_query, parse_query};
use crate::net::forward::BnMode;
use crate::net::init::InitScheme;
use crate::proxy::protocol::MAX_BATCH;
use crate::proxy::{InputKind, Protocol, ProxyKind};
use crate::report::correlation::FailedScores;
use crate::report::score_columns::bench_dataset;
use crate::space::Dataset;
use crate::space::nb201::Cell;

/// A view of the explorer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// Build a cell and see what the benchmark knows about it.
    Build,
    /// Score the cell with zero-shot proxies in a Web Worker.
    Score,
    /// Proxy vs accuracy over a population, correlation tables, proxy × proxy heat map.
    Compare,
    /// What each proxy computes, why it works and where it fails.
    Learn,
    /// Hardware cost, Pareto front and budgeted selection.
    Hardware,
    /// Data provenance, licences, how to cite.
    About,
}

impl Page {
    /// Every view, in navigation order.
    pub const ALL: [Page; 6] = [Page::Build, Page::Score, Page::Compare, Page::Learn, Page::Hardware, Page::About];

    /// The `page=` value.
    pub fn key(self) -> &'static str {
        match self {
            Page::Build => "build",
            Page::Score => "score",
            Page::Compare => "compare",
            Page::Learn => "learn",
            Page::Hardware => "hardware",
            Page::About => "about",
        }
    }

    /// Navigation label.
    pub fn label(self) -> &'static str {
        match self {
            Page::Build => "Build",
            Page::Score => "Score",
            Page::Compare => "Compare",
            Page::Learn => "Learn",
            Page::Hardware => "Hardware",
            Page::About => "About",
        }
    }

    /// The view called `key`.
    pub fn from_key(key: &str) -> Option<Page> {
        Page::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// Whose proxy scores the Compare view plots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// FreeREA's scores for every cell (nwot, synflow, logsynflow).
    FreeRea,
    /// NASLib's scores for ~725 cells per dataset (12 proxies).
    Naslib,
    /// Our own bundled scores ([`crate::bench::OURS_PROXIES`] on [`crate::bench::OURS_CELLS`]
    /// accuracy-stratified cells per dataset).
    Ours,
    /// Scores this browser computed (the Score view, "score a sample live").
    Live,
}

impl Source {
    /// Every source, in menu order.
    pub const ALL: [Source; 4] = [Source::FreeRea, Source::Naslib, Source::Ours, Source::Live];

    /// The `source=` value.
    pub fn key(self) -> &'static str {
        match self {
            Source::FreeRea => "freerea",
            Source::Naslib => "naslib",
            Source::Ours => "ours",
            Source::Live => "live",
        }
    }

    /// Menu label.
    pub fn label(self) -> &'static str {
        match self {
            Source::FreeRea => "FreeREA reference scores (all 15,625 cells)",
            Source::Naslib => "NASLib reference scores (~725 cells)",
            Source::Ours => "Our scores, bundled (accuracy-stratified sample)",
            Source::Live => "Scores computed in this browser",
        }
    }

    /// The source called `key`.
    pub fn from_key(key: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// The Compare view's choices.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareState {
    /// Score source.
    pub source: Source,
    /// Proxy on the scatter's x axis (`None`: the source's first).
    pub proxy: Option<String>,
    /// Ground truth (`None`: the protocol default for the dataset).
    pub truth: Option<GroundTruth>,
    /// Which cells of the source to use.
    pub population: Population,
    /// Seed of the random sample population.
    pub sample_seed: u64,
    /// Failed scores in the correlation table: left out, or ranked worst or best.
    pub failed: FailedScores,
}

impl Default for CompareState {
    fn default() -> Self {
        CompareState {
            source: Source::FreeRea,
            proxy: None,
            truth: None,
            population: Population::All,
            sample_seed: 0,
            failed: FailedScores::Omit,
        }
    }
}

/// The whole shareable state.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewState {
    /// The view shown.
    pub page: Page,
    /// The current cell.
    pub cell: Cell,
    /// Proxies chosen in the Score view.
    pub proxies: Vec<ProxyKind>,
    /// Every protocol knob; its dataset is the dataset of every view.
    pub protocol: Protocol,
    /// WebGPU or CPU for scoring.
    pub device: DeviceKind,
    /// The Compare view's choices.
    pub compare: CompareState,
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            page: Page::Build,
            cell: Cell::example(),
            proxies: ProxyKind::ALL.to_vec(),
            protocol: Protocol::default(),
            device: DeviceKind::Gpu,
            compare: CompareState::default(),
        }
    }
}

/// The name serde gives a unit variant (`BnMode::Running` → `running`): URL values and menu keys.
pub fn serde_name<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The unit variant serde calls `name`, if any.
pub fn from_serde_name<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

fn number<T: std::str::FromStr + PartialOrd>(value: &str, low: T, high: T) -> Option<T> {
    value.parse::<T>().ok().filter(|v| *v >= low && *v <= high)
}

impl ViewState {
    /// The state a query string describes, and one notice per value it could not use.
    pub fn from_query(query: &str) -> (ViewState, Vec<String>) {
        let mut s = ViewState::default();
        let mut notices = Vec::new();
        for (key, value) in parse_query(query) {
            let ok = match key.as_str() {
                "page" => Page::from_key(&value).map(|p| s.page = p).is_some(),
                "cell" => Cell::parse(&value).map(|c| s.cell = c).is_ok(),
                "dataset" => Dataset::from_name(&value).map(|d| s.protocol.dataset = d).is_some(),
                "proxies" => parse_proxies(&value).map(|p| s.proxies = p).is_some(),
                "batch" => number(&value, 1, MAX_BATCH).map(|b| s.protocol.batch_size = b).is_some(),
                "seed" => number(&value, 0, u64::MAX).map(|v| s.protocol.seed = v).is_some(),
                "init" => InitScheme::from_name(&value).map(|i| s.protocol.init = i).is_some(),
                "bn" => from_serde_name::<BnMode>(&value).map(|b| s.protocol.bn = b).is_some(),
                "input" => from_serde_name::<InputKind>(&value).map(|i| s.protocol.input = i).is_some(),
                "repeats" => number(&value, 1, 100).map(|r| s.protocol.repeats = r).is_some(),
                "device" => DeviceKind::from_name(&value).map(|d| s.device = d).is_some(),
                "source" => Source::from_key(&value).map(|v| s.compare.source = v).is_some(),
                "proxy" => ProxyKind::from_name(&value).map(|p| s.compare.proxy = Some(p.name().to_string())).is_some(),
                "truth" => GroundTruth::from_key(&value).map(|t| s.compare.truth = Some(t)).is_some(),
                "pop" => Population::parse(&value).map(|p| s.compare.population = p).is_some(),
                "pseed" => number(&value, 0, u64::MAX).map(|v| s.compare.sample_seed = v).is_some(),
                "failed" => FailedScores::from_name(&value).map(|f| s.compare.failed = f).is_ok(),
                _ => {
                    notices.push(format!("Unknown setting '{key}' in the address; ignored."));
                    continue;
                }
            };
            if !ok {
                notices.push(format!("Could not use {key}='{value}' from the address; kept the default."));
            }
        }
        if let Some(t) = s.compare.truth
            && t.dataset().name() != s.protocol.dataset.name()
        {
            notices.push(format!("Ground truth '{}' is not on the chosen dataset; using the default.", t.key()));
            s.compare.truth = None;
        }
        (s, notices)
    }

    /// The query string of this state: only fields that differ from the defaults.
    pub fn to_query(&self) -> String {
        let d = ViewState::default();
        let mut pairs: Vec<(&str, String)> = vec![("page", self.page.key().to_string())];
        let mut put = |key, differs: bool, value: String| {
            if differs {
                pairs.push((key, value));
            }
        };
        let (p, dp) = (&self.protocol, &d.protocol);
        put("cell", self.cell != d.cell, self.cell.to_string());
        put("dataset", p.dataset != dp.dataset, p.dataset.name().to_string());
        let names: Vec<&str> = self.proxies.iter().map(|k| k.name()).collect();
        put("proxies", self.proxies != d.proxies, if names.is_empty() { "none".into() } else { names.join(",") });
        put("batch", p.batch_size != dp.batch_size, p.batch_size.to_string());
        put("seed", p.seed != dp.seed, p.seed.to_string());
        put("init", p.init != dp.init, p.init.name().to_string());
        put("bn", p.bn != dp.bn, serde_name(p.bn));
        put("input", p.input != dp.input, serde_name(p.input));
        put("repeats", p.repeats != dp.repeats, p.repeats.to_string());
        put("device", self.device != d.device, self.device.name().to_string());
        let (c, dc) = (&self.compare, &d.compare);
        put("source", c.source != dc.source, c.source.key().to_string());
        put("proxy", c.proxy.is_some(), c.proxy.clone().unwrap_or_default());
        put("truth", c.truth.is_some(), c.truth.map(|t| t.key().to_string()).unwrap_or_default());
        put("pop", c.population != dc.population, c.population.key());
        put("pseed", c.sample_seed != dc.sample_seed, c.sample_seed.to_string());
        put("failed", c.failed != dc.failed, c.failed.name().to_string());
        format_query(&pairs)
    }

    /// The ground truth the Compare view ranks against.
    pub fn truth(&self) -> GroundTruth {
        self.compare.truth.unwrap_or_else(|| GroundTruth::default_for(bench_dataset(self.protocol.dataset)))
    }
}

/// `all`, `none` or a comma list of proxy names (unknown names make the whole list invalid).
fn parse_proxies(value: &str) -> Option<Vec<ProxyKind>> {
    match value {
        "all" => Some(ProxyKind::ALL.to_vec()),
        "none" | "" => Some(Vec::new()),
        list => {
            let mut out: Vec<ProxyKind> = list.split(',').map(ProxyKind::from_name).collect::<Option<_>>()?;
            out.sort_by_key(|p| ProxyKind::ALL.iter().position(|q| q == p));
            out.dedup();
            Some(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_state_is_just_the_page() {
        assert_eq!(ViewState::default().to_query(), "?page=build");
        assert_eq!(ViewState::from_query(""), (ViewState::default(), vec![]));
    }

    #[test]
    fn every_field_round_trips() {
        let s = ViewState {
            page: Page::Compare,
            cell: Cell::parse(
                "|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|none~0|avg_pool_3x3~1|nor_conv_3x3~2|",
            )
            .unwrap(),
            proxies: vec![ProxyKind::Synflow, ProxyKind::Nwot], // registry order
            protocol: Protocol {
                dataset: Dataset::Cifar100,
                batch_size: 16,
                seed: 7,
                init: InitScheme::ALL[1],
                bn: BnMode::Running,
                input: InputKind::Gaussian,
                repeats: 3,
                ..Protocol::default()
            },
            device: DeviceKind::Cpu,
            compare: CompareState {
                source: Source::Naslib,
                proxy: Some("snip".into()),
                truth: Some(GroundTruth::Test12(crate::bench::BenchDataset::Cifar100)),
                population: Population::TopPercent(10),
                sample_seed: 3,
                failed: FailedScores::Worst,
            },
        };
        let q = s.to_query();
        assert_eq!(ViewState::from_query(&q), (s, vec![]), "{q}");
    }

    #[test]
    fn malformed_values_fall_back_with_a_notice_each() {
        let (s, notices) =
            ViewState::from_query("?page=nope&cell=garbage&batch=0&proxies=nwot,bogus&dataset=cifar100&zzz=1&batch=32");
        assert_eq!(s.page, Page::Build);
        assert_eq!(s.cell, Cell::example());
        assert_eq!(s.proxies, ProxyKind::ALL.to_vec());
        assert_eq!(s.protocol.dataset, Dataset::Cifar100);
        assert_eq!(s.protocol.batch_size, 32);
        assert_eq!(notices.len(), 5, "{notices:?}");
        let (s, notices) = ViewState::from_query("?dataset=cifar100&truth=test200_cifar10");
        assert_eq!((s.compare.truth, notices.len()), (None, 1));
        assert_eq!(s.truth(), GroundTruth::Test200(crate::bench::BenchDataset::Cifar100));
    }
}
