//! The registry: every proxy, its static description and its compute function. The UI, the CLI
//! and the tests iterate [`ProxyKind::ALL`], so adding a proxy is one file and one line here.

use crate::proxy::prelude::*;
use crate::proxy::{
    az_nas, epe_nas, fisher, flops, grad_norm, gradsign, grasp, jacob_cov, knas, l2_norm, linear_regions, logsynflow,
    meco, meco_all, nasi, nn_degree, nn_mass, ntk_cond, nwot, params, plain, snip, swap, synflow, te_nas, zen, zico,
};

/// Every proxy the engine computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProxyKind {
    /// See [`params`].
    Params,
    /// See [`flops`].
    Flops,
    /// See [`l2_norm`].
    L2Norm,
    /// See [`grad_norm`].
    GradNorm,
    /// See [`plain`].
    Plain,
    /// See [`snip`].
    Snip,
    /// See [`nasi`].
    Nasi,
    /// See [`synflow`].
    Synflow,
    /// See [`logsynflow`].
    LogSynflow,
    /// See [`nwot`].
    Nwot,
    /// See [`grasp`].
    Grasp,
    /// See [`fisher`].
    Fisher,
    /// See [`jacob_cov`].
    JacobCov,
    /// See [`epe_nas`].
    EpeNas,
    /// See [`zico`].
    Zico,
    /// See [`zen`].
    Zen,
    /// See [`gradsign`].
    GradSign,
    /// See [`ntk_cond`].
    NtkCond,
    /// See [`linear_regions`].
    LinearRegions,
    /// See [`knas`].
    Knas,
    /// See [`nn_mass`].
    NnMass,
    /// See [`nn_degree`].
    NnDegree,
    /// See [`meco`].
    Meco,
    /// See [`meco_all`].
    MecoAll,
    /// See [`swap`].
    Swap,
    /// See [`te_nas`] (population-relative).
    TeNas,
    /// See [`az_nas`] (population-relative).
    AzNas,
}

impl ProxyKind {
    /// Every proxy, in display order.
    pub const ALL: &'static [ProxyKind] = &[
        ProxyKind::Params,
        ProxyKind::Flops,
        ProxyKind::L2Norm,
        ProxyKind::GradNorm,
        ProxyKind::Plain,
        ProxyKind::Snip,
        ProxyKind::Nasi,
        ProxyKind::Synflow,
        ProxyKind::LogSynflow,
        ProxyKind::Nwot,
        ProxyKind::Grasp,
        ProxyKind::Fisher,
        ProxyKind::JacobCov,
        ProxyKind::EpeNas,
        ProxyKind::Zico,
        ProxyKind::Zen,
        ProxyKind::GradSign,
        ProxyKind::NtkCond,
        ProxyKind::LinearRegions,
        ProxyKind::Knas,
        ProxyKind::NnMass,
        ProxyKind::NnDegree,
        ProxyKind::Meco,
        ProxyKind::MecoAll,
        ProxyKind::Swap,
        ProxyKind::TeNas,
        ProxyKind::AzNas,
    ];

    /// Static description.
    pub fn info(self) -> &'static ProxyInfo {
        match self {
            ProxyKind::Params => &params::INFO,
            ProxyKind::Flops => &flops::INFO,
            ProxyKind::L2Norm => &l2_norm::INFO,
            ProxyKind::GradNorm => &grad_norm::INFO,
            ProxyKind::Plain => &plain::INFO,
            ProxyKind::Snip => &snip::INFO,
            ProxyKind::Nasi => &nasi::INFO,
            ProxyKind::Synflow => &synflow::INFO,
            ProxyKind::LogSynflow => &logsynflow::INFO,
            ProxyKind::Nwot => &nwot::INFO,
            ProxyKind::Grasp => &grasp::INFO,
            ProxyKind::Fisher => &fisher::INFO,
            ProxyKind::JacobCov => &jacob_cov::INFO,
            ProxyKind::EpeNas => &epe_nas::INFO,
            ProxyKind::Zico => &zico::INFO,
            ProxyKind::Zen => &zen::INFO,
            ProxyKind::GradSign => &gradsign::INFO,
            ProxyKind::NtkCond => &ntk_cond::INFO,
            ProxyKind::LinearRegions => &linear_regions::INFO,
            ProxyKind::Knas => &knas::INFO,
            ProxyKind::NnMass => &nn_mass::INFO,
            ProxyKind::NnDegree => &nn_degree::INFO,
            ProxyKind::Meco => &meco::INFO,
            ProxyKind::MecoAll => &meco_all::INFO,
            ProxyKind::Swap => &swap::INFO,
            ProxyKind::TeNas => &te_nas::INFO,
            ProxyKind::AzNas => &az_nas::INFO,
        }
    }

    /// Stable name (CLI, CSV column, URL).
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// Inverse of [`ProxyKind::name`].
    pub fn from_name(name: &str) -> Option<ProxyKind> {
        Self::ALL.iter().copied().find(|k| k.name() == name)
    }

    /// Computes this proxy for the session's network.
    pub async fn compute(self, s: &Session) -> Result<Score, ProxyError> {
        match self {
            ProxyKind::Params => params::compute(s).await,
            ProxyKind::Flops => flops::compute(s).await,
            ProxyKind::L2Norm => l2_norm::compute(s).await,
            ProxyKind::GradNorm => grad_norm::compute(s).await,
            ProxyKind::Plain => plain::compute(s).await,
            ProxyKind::Snip => snip::compute(s).await,
            ProxyKind::Nasi => nasi::compute(s).await,
            ProxyKind::Synflow => synflow::compute(s).await,
            ProxyKind::LogSynflow => logsynflow::compute(s).await,
            ProxyKind::Nwot => nwot::compute(s).await,
            ProxyKind::Grasp => grasp::compute(s).await,
            ProxyKind::Fisher => fisher::compute(s).await,
            ProxyKind::JacobCov => jacob_cov::compute(s).await,
            ProxyKind::EpeNas => epe_nas::compute(s).await,
            ProxyKind::Zico => zico::compute(s).await,
            ProxyKind::Zen => zen::compute(s).await,
            ProxyKind::GradSign => gradsign::compute(s).await,
            ProxyKind::NtkCond => ntk_cond::compute(s).await,
            ProxyKind::LinearRegions => linear_regions::compute(s).await,
            ProxyKind::Knas => knas::compute(s).await,
            ProxyKind::NnMass => nn_mass::compute(s).await,
            ProxyKind::NnDegree => nn_degree::compute(s).await,
            ProxyKind::Meco => meco::compute(s).await,
            ProxyKind::MecoAll => meco_all::compute(s).await,
            ProxyKind::Swap => swap::compute(s).await,
            ProxyKind::TeNas => te_nas::compute(s).await,
            ProxyKind::AzNas => az_nas::compute(s).await,
        }
    }

    /// The named components a population-relative proxy stores per network (in the order of
    /// [`Score::components`]), each with its orientation; empty for the other proxies.
    pub fn components(self) -> &'static [(&'static str, Orientation)] {
        match self {
            ProxyKind::TeNas => te_nas::COMPONENTS,
            ProxyKind::AzNas => az_nas::COMPONENTS,
            _ => &[],
        }
    }

    /// For a population-relative proxy (`info().needs.population`), its score for every network
    /// of a population given each network's components (`rows[i]`, as [`Score::components`]);
    /// NaN where a row is incomplete. `None` for the other proxies.
    pub fn population_scores(self, rows: &[Vec<f64>]) -> Option<Vec<f64>> {
        match self {
            ProxyKind::TeNas => Some(te_nas::population_scores(rows)),
            ProxyKind::AzNas => Some(az_nas::population_scores(rows)),
            _ => None,
        }
    }
}
