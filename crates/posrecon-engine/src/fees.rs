//! Contracted fee rates (签约费率) and the fee they imply for one settled row.
//!
//! Acquirers charge a percentage of each transaction (the merchant discount rate, 商户扣率), with
//! caps set by regulation and contract: since 2016 a debit card fee is capped per transaction
//! (e.g. 0.5% capped at 20 元) while credit cards are not (domain notes §2c). The acquirer rounds
//! the fee per row, half-up to the fen, and settles `结算金额 = 交易金额 − 手续费`.
//!
//! The engine does not know the merchant's contract, so rates come from [`crate::config::Settings`]
//! (`fee_rates`, usually from the `--config` settings file). Rates and money stay integers: a
//! rate is written per 10 000 (`38` = 0.38%), so `fee = round_half_up(amount × rate / 10 000)`
//! needs no float. With no rates configured nothing is checked.

use crate::model::CardType;

pub use crate::config::FeeRate;

impl FeeRate {
    /// The contracted fee for `amount_cents` (positive): rate, rounded half-up per row, capped.
    pub fn fee_for(&self, amount_cents: i64) -> i64 {
        let fee = (amount_cents.abs() * self.rate_per_10000 + 5_000) / 10_000;
        self.cap_cents.map_or(fee, |cap| fee.min(cap))
    }

    /// The rate as a percentage text, e.g. `0.38%`.
    pub fn percent(&self) -> String {
        percent_per_10000(self.rate_per_10000)
    }
}

/// `38` -> `0.38%`, `60` -> `0.6%`, `125` -> `1.25%`.
pub fn percent_per_10000(rate: i64) -> String {
    let sign = if rate < 0 { "-" } else { "" };
    let rate = rate.abs();
    let frac = format!("{:02}", rate % 100);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{sign}{}%", rate / 100)
    } else {
        format!("{sign}{}.{frac}%", rate / 100)
    }
}

/// The rate that applies to a row of `merchant_id` paid with `card_type`, if any.
pub fn rate_for<'a>(
    rates: &'a [FeeRate],
    merchant_id: Option<&str>,
    card_type: Option<CardType>,
) -> Option<&'a FeeRate> {
    let mut best: Option<(u8, &FeeRate)> = None;
    for rate in rates {
        let merchant_ok = match (&rate.merchant_id, merchant_id) {
            (None, _) => true,
            (Some(want), Some(have)) => want.trim() == have.trim(),
            (Some(_), None) => false,
        };
        let card_ok = match (rate.card_type, card_type) {
            (None, _) => true,
            (Some(want), Some(have)) => want == have,
            (Some(_), None) => false,
        };
        if !(merchant_ok && card_ok) {
            continue;
        }
        let specificity =
            u8::from(rate.merchant_id.is_some()) * 2 + u8::from(rate.card_type.is_some());
        if best.is_none_or(|(s, _)| specificity > s) {
            best = Some((specificity, rate));
        }
    }
    best.map(|(_, rate)| rate)
}

/// The effective rate of a row per 10 000, rounded half-up: what the acquirer really charged.
pub fn effective_per_10000(fee_cents: i64, amount_cents: i64) -> Option<i64> {
    (amount_cents != 0).then(|| (fee_cents * 20_000 / amount_cents + 1).div_euclid(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(merchant: Option<&str>, card: Option<CardType>, per: i64, cap: Option<i64>) -> FeeRate {
        FeeRate {
            merchant_id: merchant.map(str::to_owned),
            card_type: card,
            rate_per_10000: per,
            cap_cents: cap,
        }
    }

    #[test]
    fn fees_round_half_up_per_row_and_cap() {
        // (rate, cap, amount, fee)
        let cases: &[(i64, Option<i64>, i64, i64)] = &[
            (38, None, 26800, 102),            // 101.84 -> 102
            (38, None, 13158, 50),             // 50.0004 -> 50
            (38, None, 1316, 5),               // 5.0008 -> 5
            (50, None, 100, 1),                // 0.5 -> 1 (half-up)
            (50, None, 99, 0),                 // 0.495 -> 0
            (50, Some(2000), 1_000_000, 2000), // 5000 capped at 20 元
            (60, None, 4550, 27),              // 27.3 -> 27
        ];
        for &(per, cap, amount, fee) in cases {
            assert_eq!(rate(None, None, per, cap).fee_for(amount), fee, "{per} {cap:?} {amount}");
        }
    }

    #[test]
    fn the_most_specific_rate_applies() {
        let rates = vec![
            rate(None, None, 60, None),
            rate(None, Some(CardType::Debit), 50, Some(2000)),
            rate(Some("898"), None, 38, None),
            rate(Some("898"), Some(CardType::Debit), 35, Some(2000)),
        ];
        let per = |m, c| rate_for(&rates, m, c).map(|r| r.rate_per_10000);
        assert_eq!(per(None, None), Some(60));
        assert_eq!(per(None, Some(CardType::Debit)), Some(50));
        assert_eq!(per(Some("1"), Some(CardType::Credit)), Some(60));
        assert_eq!(per(Some("898"), Some(CardType::Credit)), Some(38));
        assert_eq!(per(Some("898"), Some(CardType::Debit)), Some(35));
        assert_eq!(rate_for(&[], None, None), None);
        let debit_only = vec![rate(None, Some(CardType::Debit), 50, None)];
        assert_eq!(rate_for(&debit_only, None, None), None, "the file does not say the card type");
    }

    #[test]
    fn percent_and_effective_rate() {
        assert_eq!(percent_per_10000(38), "0.38%");
        assert_eq!(percent_per_10000(60), "0.6%");
        assert_eq!(percent_per_10000(100), "1%");
        assert_eq!(percent_per_10000(5), "0.05%");
        assert_eq!(effective_per_10000(161, 26800), Some(60));
        assert_eq!(effective_per_10000(102, 26800), Some(38));
        assert_eq!(effective_per_10000(1, 0), None);
    }
}
