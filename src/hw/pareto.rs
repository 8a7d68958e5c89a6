//! The accuracy-vs-cost Pareto front: the cells no other cell beats on both axes (lower cost,
//! higher accuracy).

/// Indices of the Pareto-optimal points, by ascending cost (ties: the more accurate first).
/// A point is on the front when no other point has cost ≤ and accuracy ≥ with one strict;
/// of exact duplicates the lowest index is kept. Non-finite points are ignored.
pub fn pareto_front(cost: &[f64], accuracy: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> =
        (0..cost.len().min(accuracy.len())).filter(|&i| cost[i].is_finite() && accuracy[i].is_finite()).collect();
    order.sort_by(|&a, &b| cost[a].total_cmp(&cost[b]).then(accuracy[b].total_cmp(&accuracy[a])).then(a.cmp(&b)));
    let mut front = Vec::new();
    let mut best = f64::NEG_INFINITY;
    for i in order {
        if accuracy[i] > best {
            best = accuracy[i];
            front.push(i);
        }
    }
    front
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_exactly_the_non_dominated_points() {
        let cost = [1.0, 2.0, 2.0, 3.0, 0.5, f64::NAN, 4.0];
        let acc = [50.0, 60.0, 55.0, 58.0, 40.0, 99.0, 70.0];
        assert_eq!(pareto_front(&cost, &acc), vec![4, 0, 1, 6]);
    }

    #[test]
    fn brute_force_agrees_on_pseudo_random_points() {
        let mut rng = crate::rng::Rng::new(7);
        let cost: Vec<f64> = (0..300).map(|_| (rng.below(40) as f64) / 4.0).collect();
        let acc: Vec<f64> = (0..300).map(|_| (rng.below(50) as f64) / 2.0).collect();
        let front = pareto_front(&cost, &acc);
        for i in 0..cost.len() {
            let dominated = (0..cost.len())
                .any(|j| cost[j] <= cost[i] && acc[j] >= acc[i] && (cost[j] < cost[i] || acc[j] > acc[i]));
            let duplicate_before = (0..i).any(|j| cost[j] == cost[i] && acc[j] == acc[i]);
            assert_eq!(front.contains(&i), !dominated && !duplicate_before, "point {i}");
        }
    }

    #[test]
    fn empty_and_mismatched_inputs_do_not_panic() {
        assert!(pareto_front(&[], &[]).is_empty());
        assert_eq!(pareto_front(&[1.0, 2.0], &[3.0]), vec![0]);
    }
}
