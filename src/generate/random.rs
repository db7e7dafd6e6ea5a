//! The generator's one source of randomness: a ChaCha8 stream from the seed.
//! ChaCha8 and rand's integer sampling are specified to give the same values
//! on every platform, which is what makes a seed reproduce a document.

use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub struct Random(ChaCha8Rng);

impl Random {
    pub fn new(seed: u64) -> Self {
        Self(ChaCha8Rng::seed_from_u64(seed))
    }

    /// A number in `0..n`; 0 when `n` is 0 or 1.
    pub fn below(&mut self, n: usize) -> usize {
        if n <= 1 { 0 } else { self.0.random_range(0..n) }
    }

    /// True with probability `p` (0 to 1).
    pub fn chance(&mut self, p: f64) -> bool {
        self.0.random_bool(p.clamp(0.0, 1.0))
    }

    /// One item of a non-empty list.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index in `0..n`, low indices far more often (density falling like
    /// 1/√x): a few processors are everyone's, most serve a handful.
    pub fn skewed(&mut self, n: usize) -> usize {
        let u: f64 = self.0.random();
        ((u * u * n as f64) as usize).min(n.saturating_sub(1))
    }

    /// An index of `weights`, each drawn in proportion to its weight.
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut target = self.0.random::<f64>() * total;
        for (i, weight) in weights.iter().enumerate() {
            if target < *weight {
                return i;
            }
            target -= weight;
        }
        weights.len().saturating_sub(1)
    }

    /// `k` distinct indices of `0..n` (all of them when `k >= n`), in the order drawn.
    pub fn distinct(&mut self, n: usize, k: usize) -> Vec<usize> {
        let k = k.min(n);
        if k * 2 > n {
            // Partial Fisher–Yates over the whole range.
            let mut all: Vec<usize> = (0..n).collect();
            for i in 0..k {
                let j = i + self.below(n - i);
                all.swap(i, j);
            }
            all.truncate(k);
            return all;
        }
        let mut taken = vec![false; n];
        let mut picks = Vec::with_capacity(k);
        while picks.len() < k {
            let pick = self.below(n);
            if !taken[pick] {
                taken[pick] = true;
                picks.push(pick);
            }
        }
        picks
    }

    /// A day between `from` and `to`, both included.
    pub fn date(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let days = (to - from).num_days().max(0) as usize;
        from + chrono::Duration::days(self.below(days + 1) as i64)
    }
}
