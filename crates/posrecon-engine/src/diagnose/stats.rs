//! Exact tail probabilities for the period-wide comparisons (one terminal against the others, one
//! card issuer against the others, a fault window against the whole period).
//!
//! ## Why exact tests, and why here
//! The counts are small (seven `A0` in twelve days) and the rates near zero, exactly where normal
//! approximations (chi-square, z-tests) are wrong by orders of magnitude. The two tests used are
//! textbook and exact:
//!
//! - [`fisher_greater`]: Fisher's exact test, one-sided, on the 2×2 table (this group's failures
//!   and attempts against everyone's). It conditions on the total number of failures, so it needs
//!   no assumed "normal" rate: it only asks whether the failures fell on this group more than a
//!   random draw of attempts would put there. A busy terminal with proportionally more failures is
//!   therefore not flagged.
//! - [`span_at_most`]: for a merchant with one terminal there is nothing to compare with, so the
//!   question becomes whether `k` failures crowd into a stretch of the period: the exact
//!   probability that `k` of `n` attempts chosen at random lie within `w` consecutive attempts.
//! - [`binomial_greater`]: also for a lone terminal, for the codes a healthy terminal does not
//!   return (keys, batch, registration): the exact binomial upper tail of its count against a
//!   fixed ceiling rate, whatever the spread over the period.
//!
//! Both sum hypergeometric-style terms in log space with [`ln_factorial`] (exact sums below 256,
//! Stirling's series above, accurate to about 1e-13 relative), in `f64`, with no crate: the engine
//! also runs on wasm32. Probabilities are only compared with a threshold and shown rounded, so the
//! last bits of `exp`/`ln` (which may differ between platforms) never change a report.

/// `ln(n!)`.
pub(crate) fn ln_factorial(n: u64) -> f64 {
    if n < 256 {
        return (2..=n).map(|i| (i as f64).ln()).sum();
    }
    // Stirling's series; the first omitted term is below 1/(1680 n^7) < 1e-20 for n >= 256.
    let x = n as f64;
    let inv = 1.0 / x;
    let inv2 = inv * inv;
    x * x.ln() - x
        + 0.5 * (2.0 * std::f64::consts::PI * x).ln()
        + inv * (1.0 / 12.0 - inv2 * (1.0 / 360.0 - inv2 / 1260.0))
}

/// `ln C(n, k)`; `-inf` when `k > n`.
pub(crate) fn ln_choose(n: u64, k: u64) -> f64 {
    if k > n {
        return f64::NEG_INFINITY;
    }
    ln_factorial(n) - ln_factorial(k) - ln_factorial(n - k)
}

/// One-sided Fisher exact test: the probability that a group of `group` attempts out of `total`
/// holds at least `hits` of the `all_hits` failures, when failures fall on attempts at random
/// (hypergeometric upper tail `P(X >= hits)`).
pub(crate) fn fisher_greater(hits: u64, group: u64, all_hits: u64, total: u64) -> f64 {
    debug_assert!(group <= total && all_hits <= total && hits <= group.min(all_hits));
    let top = group.min(all_hits);
    if hits == 0 {
        return 1.0;
    }
    if hits > top {
        return 0.0;
    }
    let denom = ln_choose(total, group);
    let mut sum = 0.0;
    for x in hits..=top {
        let term = (ln_choose(all_hits, x) + ln_choose(total - all_hits, group - x) - denom).exp();
        sum += term;
        // Past the mode the terms only shrink; stop once they no longer count.
        if term < sum * 1e-17 {
            break;
        }
    }
    sum.min(1.0)
}

/// The probability that `k` of `n` attempts, chosen at random, all lie within some `w`
/// consecutive attempts (the span from the first to the last is at most `w`).
///
/// A span of exactly `s` can start at `n - s + 1` places, and its `k - 2` inner members are
/// chosen among the `s - 2` positions between its ends: `P = Σ_{s=k}^{w} (n-s+1) C(s-2, k-2) /
/// C(n, k)`.
pub(crate) fn span_at_most(k: u64, n: u64, w: u64) -> f64 {
    if k <= 1 || w >= n {
        return 1.0;
    }
    if w < k {
        return 0.0;
    }
    let denom = ln_choose(n, k);
    let sum: f64 =
        (k..=w).map(|s| (((n - s + 1) as f64).ln() + ln_choose(s - 2, k - 2) - denom).exp()).sum();
    sum.min(1.0)
}

/// One-sided exact binomial test: the probability of at least `k` successes in `n` independent
/// trials of probability `p` (upper tail `P(X >= k)`, `X ~ Bin(n, p)`).
///
/// Used where a rate is compared with a fixed ceiling instead of with other groups: a code that
/// a healthy terminal (almost) never returns, on a merchant's only terminal.
pub(crate) fn binomial_greater(k: u64, n: u64, p: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if k > n || p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let (lp, lq) = (p.ln(), (-p).ln_1p());
    let mut sum = 0.0;
    for x in k..=n {
        let term = (ln_choose(n, x) + x as f64 * lp + (n - x) as f64 * lq).exp();
        sum += term;
        // Past the mode the terms only shrink; stop once they no longer count.
        if x as f64 > n as f64 * p && term < sum * 1e-17 {
            break;
        }
    }
    sum.min(1.0)
}

/// A probability rounded to two significant digits, for the report (stable across platforms).
pub(crate) fn round_p(p: f64) -> f64 {
    if p <= 0.0 || !p.is_finite() {
        return p.max(0.0);
    }
    format!("{p:.1e}").parse().unwrap_or(p)
}

/// A probability for the merchant's text: `0.36`, `0.01`, or `4.7e-4` when below a thousandth.
pub(crate) fn show_p(p: f64) -> String {
    let p = round_p(p);
    if p >= 1e-3 || p == 0.0 { format!("{p}") } else { format!("{p:e}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Exact binomial coefficient for the brute-force checks.
    fn choose(n: u64, k: u64) -> u128 {
        if k > n {
            return 0;
        }
        (0..k).fold(1u128, |acc, i| acc * u128::from(n - i) / u128::from(i + 1))
    }

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs().max(1e-300)
    }

    #[test]
    fn ln_factorial_matches_the_sum_of_logs_on_both_sides_of_the_switch() {
        for n in [0, 1, 2, 10, 255, 256, 257, 1000, 50_000, 1_000_000] {
            let exact: f64 = (2..=n).map(|i| (i as f64).ln()).sum();
            assert!(close(ln_factorial(n), exact, 1e-12), "n={n}: {} vs {exact}", ln_factorial(n));
        }
    }

    #[test]
    fn fisher_against_exact_fractions() {
        // (hits, group, all_hits, total, numerator over C(total, group))
        let cases: &[(u64, u64, u64, u64)] = &[
            (3, 4, 4, 8),  // the lady tasting tea: 17/70
            (1, 4, 4, 8),  // 69/70
            (0, 4, 4, 8),  // 1
            (2, 5, 3, 20), // a small table
            (3, 10, 3, 30),
            (5, 12, 9, 40),
        ];
        for &(hits, group, all_hits, total) in cases {
            let num: u128 = (hits..=group.min(all_hits))
                .map(|x| choose(all_hits, x) * choose(total - all_hits, group - x))
                .sum();
            let want = num as f64 / choose(total, group) as f64;
            let got = fisher_greater(hits, group, all_hits, total);
            assert!(
                close(got, want, 1e-10),
                "{hits}/{group} of {all_hits}/{total}: {got} vs {want}"
            );
        }
        assert!(close(fisher_greater(3, 4, 4, 8), 17.0 / 70.0, 1e-12));
    }

    #[test]
    fn fisher_the_issue_example_and_its_quiet_twins() {
        // Seven A0 on one terminal of 347 attempts, none on the others' 700: C(347,7)/C(1047,7).
        let want: f64 = (0..7).map(|i| (347.0 - i as f64) / (1047.0 - i as f64)).product();
        let got = fisher_greater(7, 347, 7, 1047);
        assert!(close(got, want, 1e-10), "{got} vs {want}");
        assert!(got < 1e-3, "{got}");
        // A single stray A0: a third of the attempts, a third of the chance.
        assert!(fisher_greater(1, 347, 1, 1047) > 0.3);
        // A busy terminal (half the attempts) with half the failures is ordinary.
        assert!(fisher_greater(10, 600, 20, 1200) > 0.4);
        // Large counts stay finite and sane.
        let p = fisher_greater(400, 100_000, 1000, 1_000_000);
        assert!(p > 0.0 && p < 1e-100, "{p}");
    }

    #[test]
    fn binomial_against_exact_sums_and_the_ceiling_examples() {
        // Fair coin: P(X >= 8 | n = 10) = (45 + 10 + 1) / 1024.
        assert!(close(binomial_greater(8, 10, 0.5), 56.0 / 1024.0, 1e-12));
        for n in [1u64, 5, 12, 40] {
            for k in 0..=n {
                for p in [0.001f64, 0.05, 0.3, 0.9] {
                    let want: f64 = (k..=n)
                        .map(|x| {
                            choose(n, x) as f64 * p.powi(x as i32) * (1.0 - p).powi((n - x) as i32)
                        })
                        .sum();
                    let got = binomial_greater(k, n, p);
                    assert!(close(got, want, 1e-9), "k={k} n={n} p={p}: {got} vs {want}");
                }
            }
        }
        // The lone terminal of issue 9: seven A0 in 340 attempts against a ceiling of one in a
        // thousand is far below any threshold; a single stray A0 is ordinary (p ≈ 0.29).
        assert!(binomial_greater(7, 340, 0.001) < 1e-6);
        assert!(close(binomial_greater(1, 340, 0.001), 1.0 - 0.999f64.powi(340), 1e-12));
        assert!(binomial_greater(1, 340, 0.001) > 0.25);
        // Large counts stay finite and sane.
        let p = binomial_greater(400, 100_000, 0.001);
        assert!(p > 0.0 && p < 1e-100, "{p}");
    }

    #[test]
    fn span_against_enumeration() {
        for n in 2..=12u64 {
            for k in 2..=n.min(5) {
                for w in 1..=n {
                    // Enumerate k-subsets by bitmask.
                    let (mut hit, mut all) = (0u64, 0u64);
                    for mask in 0u32..(1 << n) {
                        if u64::from(mask.count_ones()) != k {
                            continue;
                        }
                        all += 1;
                        let lo = u64::from(mask.trailing_zeros());
                        let hi = 31 - u64::from(mask.leading_zeros());
                        if hi - lo < w {
                            hit += 1;
                        }
                    }
                    let want = hit as f64 / all as f64;
                    let got = span_at_most(k, n, w);
                    assert!(close(got, want, 1e-9), "k={k} n={n} w={w}: {got} vs {want}");
                }
            }
        }
        // Seven failures inside 80 of 1000 attempts is no accident; spread over 900 it is.
        assert!(span_at_most(7, 1000, 80) < 1e-5);
        assert!(span_at_most(7, 1000, 900) > 0.5);
    }

    #[test]
    fn rounding_keeps_two_significant_digits() {
        for (p, want) in
            [(0.000_443_21, 0.000_44), (0.5, 0.5), (1.0, 1.0), (0.0, 0.0), (0.123_456, 0.12)]
        {
            assert_eq!(round_p(p), want);
        }
        let shown: Vec<String> = [0.000_443_21, 0.01, 0.36, 0.001, 0.0].map(show_p).to_vec();
        assert_eq!(shown, ["4.4e-4", "0.01", "0.36", "0.001", "0"]);
    }
}
