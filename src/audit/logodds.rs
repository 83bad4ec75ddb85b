//! Which words are distinctive of which outlet: the log-odds ratio with an informative
//! Dirichlet prior (Monroe, Colaresi and Quinn 2008, "Fightin' Words"), so a term used twice
//! by a small outlet is not ranked above one used thirty times by a large one.

/// How much the prior weighs, as a share of the corpus's words: the prior is the corpus rate
/// of the term, with the weight of this many words.
pub const PRIOR_WEIGHT: f64 = 0.01;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// Log-odds ratio of the term in the outlet against the rest, smoothed by the prior.
    pub delta: f64,
    /// delta divided by its estimated standard deviation.
    pub z: f64,
}

/// `y_i` uses in `n_i` words of the outlet, `y_j` in `n_j` words of the rest; the term's corpus
/// count `y` in `n` words sets the prior.
pub fn score(y_i: usize, n_i: usize, y_j: usize, n_j: usize, y: usize, n: usize) -> Score {
    let a0 = (PRIOR_WEIGHT * n as f64).max(1.0);
    let aw = a0 * (y as f64 + 0.5) / (n as f64 + 1.0);
    let (yi, ni, yj, nj) = (y_i as f64, n_i as f64, y_j as f64, n_j as f64);
    let odds = |yw: f64, nw: f64| ((yw + aw) / (nw + a0 - yw - aw).max(f64::MIN_POSITIVE)).ln();
    let delta = odds(yi, ni) - odds(yj, nj);
    let var = 1.0 / (yi + aw) + 1.0 / (yj + aw);
    Score {
        delta,
        z: delta / var.sqrt(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overuse_ranks_above_even_use_and_size_matters() {
        // 20 uses in 2,000 words against 2 in 8,000: distinctive.
        let heavy = score(20, 2_000, 2, 8_000, 22, 10_000);
        // The corpus rate everywhere: not distinctive.
        let even = score(4, 2_000, 16, 8_000, 20, 10_000);
        assert!(heavy.z > 3.0, "{heavy:?}");
        assert!(even.z.abs() < 1.0, "{even:?}");
        // The same rate on a tenth of the evidence is less certain.
        let small = score(2, 200, 2, 8_000, 4, 8_200);
        assert!(small.z < heavy.z && small.delta > 0.0, "{small:?}");
    }
}
