//! Hardware-aware selection: under a budget (cost ≤ B), the cell a proxy would pick (its best
//! score among the feasible cells), that cell's true accuracy, and its gap to the truly best
//! feasible cell; and the same as the budget sweeps, which traces the proxy's front against the
//! true Pareto front (Li et al., "Zero-shot NAS: a survey", §6: proxies track the front under
//! tight budgets and drift from it as budgets loosen).
//!
//! Inputs are parallel slices over one population (e.g. by NATS index); a cell takes part only
//! where its cost, accuracy and score are all finite. Scores are oriented (higher = better).

/// One chosen cell.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Pick {
    /// Index into the input slices.
    pub index: usize,
    /// Its cost.
    pub cost: f64,
    /// Its true accuracy.
    pub accuracy: f64,
}

/// Selection at one budget.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct BudgetRow {
    /// The budget: feasible cells have cost ≤ budget.
    pub budget: f64,
    /// Cells that fit.
    pub feasible: usize,
    /// The proxy's pick: highest score among feasible cells (ties: cheaper, then lower index).
    pub proxy: Option<Pick>,
    /// The truly best feasible cell (ties: cheaper, then lower index).
    pub best: Option<Pick>,
}

impl BudgetRow {
    /// Accuracy lost by trusting the proxy (best − picked, percentage points); NaN when nothing fits.
    pub fn gap(&self) -> f64 {
        match (self.proxy, self.best) {
            (Some(p), Some(b)) => b.accuracy - p.accuracy,
            _ => f64::NAN,
        }
    }
}

/// Turns a score into "higher is better".
pub fn oriented(scores: &[f64], higher_is_better: bool) -> Vec<f64> {
    if higher_is_better { scores.to_vec() } else { scores.iter().map(|s| -s).collect() }
}

fn members(cost: &[f64], accuracy: &[f64], score: &[f64]) -> Vec<usize> {
    let n = cost.len().min(accuracy.len()).min(score.len());
    (0..n).filter(|&i| cost[i].is_finite() && accuracy[i].is_finite() && score[i].is_finite()).collect()
}

fn best_by(members: &[usize], cost: &[f64], key: &[f64], budget: f64) -> (usize, Option<usize>) {
    let mut feasible = 0;
    let mut best: Option<usize> = None;
    for &i in members.iter().filter(|&&i| cost[i] <= budget) {
        feasible += 1;
        let better = match best {
            None => true,
            Some(b) => key[i] > key[b] || (key[i] == key[b] && cost[i] < cost[b]),
        };
        if better {
            best = Some(i);
        }
    }
    (feasible, best)
}

/// Selection at each of `budgets`.
pub fn budget_sweep(cost: &[f64], accuracy: &[f64], score: &[f64], budgets: &[f64]) -> Vec<BudgetRow> {
    let members = members(cost, accuracy, score);
    let pick = |i: usize| Pick { index: i, cost: cost[i], accuracy: accuracy[i] };
    budgets
        .iter()
        .map(|&budget| {
            let (feasible, proxy) = best_by(&members, cost, score, budget);
            let (_, best) = best_by(&members, cost, accuracy, budget);
            BudgetRow { budget, feasible, proxy: proxy.map(pick), best: best.map(pick) }
        })
        .collect()
}

/// Budgets at the given quantiles (0..=1) of the cost of the cells that take part; empty when
/// none does. Quantile q is the smallest cost with at least ⌈q·n⌉ cells at or below it.
pub fn budget_quantiles(cost: &[f64], accuracy: &[f64], score: &[f64], quantiles: &[f64]) -> Vec<f64> {
    let mut costs: Vec<f64> = members(cost, accuracy, score).into_iter().map(|i| cost[i]).collect();
    if costs.is_empty() {
        return Vec::new();
    }
    costs.sort_by(f64::total_cmp);
    let n = costs.len();
    quantiles
        .iter()
        .map(|q| {
            let k = (q.clamp(0.0, 1.0) * n as f64).ceil() as usize;
            costs[k.clamp(1, n) - 1]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_best_scoring_feasible_cell_and_the_true_best() {
        let cost = [1.0, 2.0, 3.0, 4.0, 5.0];
        let acc = [60.0, 70.0, 65.0, 90.0, 80.0];
        let score = [1.0, 0.0, 5.0, 2.0, 9.0];
        let rows = budget_sweep(&cost, &acc, &score, &[0.5, 2.0, 3.5, 10.0]);
        assert_eq!(rows[0].feasible, 0);
        assert!(rows[0].proxy.is_none() && rows[0].gap().is_nan());
        assert_eq!((rows[1].proxy.map(|p| p.index), rows[1].best.map(|p| p.index)), (Some(0), Some(1)));
        assert_eq!(rows[1].gap(), 10.0);
        assert_eq!((rows[2].proxy.map(|p| p.index), rows[2].best.map(|p| p.index)), (Some(2), Some(1)));
        assert_eq!(rows[2].gap(), 5.0);
        assert_eq!((rows[3].proxy.map(|p| p.index), rows[3].best.map(|p| p.index)), (Some(4), Some(3)));
        assert_eq!(rows[3].feasible, 5);
    }

    #[test]
    fn non_finite_members_are_left_out_and_ties_go_to_the_cheaper_cell() {
        let cost = [3.0, 1.0, f64::NAN, 2.0];
        let acc = [50.0, 50.0, 99.0, 40.0];
        let score = [7.0, 7.0, 100.0, f64::NAN];
        let rows = budget_sweep(&cost, &acc, &score, &[f64::INFINITY]);
        assert_eq!(rows[0].feasible, 2);
        assert_eq!(rows[0].proxy.map(|p| p.index), Some(1));
        assert_eq!(rows[0].best.map(|p| p.index), Some(1));
    }

    #[test]
    fn a_perfect_proxy_never_loses_accuracy_and_orientation_flips() {
        let cost: Vec<f64> = (0..50).map(|i| ((i * 37) % 50) as f64).collect();
        let acc: Vec<f64> = (0..50).map(|i| ((i * 11) % 50) as f64).collect();
        let budgets = budget_quantiles(&cost, &acc, &acc, &[0.1, 0.5, 1.0]);
        assert_eq!(budgets, vec![4.0, 24.0, 49.0]);
        for row in budget_sweep(&cost, &acc, &acc, &budgets) {
            assert_eq!(row.gap(), 0.0);
        }
        let inverted = oriented(&acc.iter().map(|a| -a).collect::<Vec<_>>(), false);
        assert_eq!(inverted, acc);
    }
}
