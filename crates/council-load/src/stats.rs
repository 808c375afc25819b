//! [`Percentiles`] of a set of durations, in milliseconds.

use std::time::Duration;

use serde::Serialize;

/// The median, the 99th percentile and the maximum, in milliseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Percentiles {
    /// Half the samples are at or below this.
    pub p50: f64,
    /// 99 in 100 samples are at or below this.
    pub p99: f64,
    /// The largest sample.
    pub max: f64,
    /// How many samples.
    pub samples: usize,
}

impl Percentiles {
    /// The percentiles of `samples` (nearest rank); all zero when there are none.
    pub fn of(samples: &[Duration]) -> Percentiles {
        if samples.is_empty() {
            return Percentiles::default();
        }
        let mut sorted: Vec<f64> = samples
            .iter()
            .map(|duration| duration.as_secs_f64() * 1000.0)
            .collect();
        sorted.sort_by(f64::total_cmp);
        let rank = |share: f64| {
            let index = (share * sorted.len() as f64).ceil() as usize;
            sorted[index.clamp(1, sorted.len()) - 1]
        };
        Percentiles {
            p50: rank(0.50),
            p99: rank(0.99),
            max: sorted[sorted.len() - 1],
            samples: sorted.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles_of_one_to_a_hundred_milliseconds() {
        let samples: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let percentiles = Percentiles::of(&samples);
        assert_eq!(percentiles.p50, 50.0);
        assert_eq!(percentiles.p99, 99.0);
        assert_eq!(percentiles.max, 100.0);
        assert_eq!(percentiles.samples, 100);
    }

    #[test]
    fn no_samples_give_zeros() {
        assert_eq!(Percentiles::of(&[]), Percentiles::default());
    }
}
