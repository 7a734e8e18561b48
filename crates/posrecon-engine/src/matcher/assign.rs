//! Best total assignment for the fallback (time-window) pass.
//!
//! The window pass guesses, and accepting its candidates greedily (best single candidate first)
//! can lose a pair: terminal attempts at 10:00 and 10:03, settled rows at 10:02 and 10:06, a
//! 5-minute window. Greedy pairs 10:03 with 10:02 (the closest) and leaves 10:00 alone, because
//! 10:06 is out of its window; pairing 10:00-10:02 and 10:03-10:06 explains both. So ambiguity is
//! resolved by the best *total* score instead:
//!
//! 1. as many pairs as possible (every unexplained record becomes a finding);
//! 2. then as many pairs with agreeing card last 4 as possible;
//! 3. then the smallest sum of time distances;
//! 4. then the fewest differing 凭证号.
//!
//! Candidates fall into connected components (records linked by a candidate). Components are
//! small in practice (a few sales of one amount within minutes), and each small one is solved
//! exactly by a search over which settled rows are taken. A component too big for that (hundreds
//! of identical amounts minutes apart with no identifiers) falls back to greedy best-first, which
//! is what the exact search approximates anyway. Ties are broken on the canonical position of the
//! records, never on input order.

use std::collections::BTreeMap;

use super::{Candidate, Ctx, LookupMap, accept_greedily};

/// Largest number of settled rows (or attempts) in a component solved exactly (2^12 states).
const EXACT_LIMIT: usize = 12;

/// Total score of a partial assignment; smaller is better.
type Score = (i64, i64, i64, i64);

fn add(a: Score, c: &Candidate) -> Score {
    (a.0 - 1, a.1 + c.rank[0], a.2 + c.rank[1], a.3 + c.rank[2])
}

/// Accepts window candidates so that the total score is best; marks the records used.
pub(crate) fn best_total(
    ctx: &Ctx,
    candidates: Vec<Candidate>,
    used: &mut [bool],
) -> Vec<Candidate> {
    let candidates: Vec<Candidate> =
        candidates.into_iter().filter(|c| !used[c.left] && !used[c.right]).collect();
    // Union-find over record indices that appear in candidates.
    let mut parent: LookupMap<usize, usize> = LookupMap::default();
    fn find(parent: &mut LookupMap<usize, usize>, x: usize) -> usize {
        let mut root = x;
        while let Some(&p) = parent.get(&root) {
            if p == root {
                break;
            }
            root = p;
        }
        let mut cur = x;
        while cur != root {
            let next = parent[&cur];
            parent.insert(cur, root);
            cur = next;
        }
        root
    }
    for c in &candidates {
        parent.entry(c.left).or_insert(c.left);
        parent.entry(c.right).or_insert(c.right);
        let (a, b) = (find(&mut parent, c.left), find(&mut parent, c.right));
        if a != b {
            parent.insert(a.max(b), a.min(b));
        }
    }
    // Components keyed by the smallest canonical rank in them (content order, not input order).
    let mut components: BTreeMap<usize, Vec<Candidate>> = BTreeMap::new();
    let mut key_of_root: LookupMap<usize, usize> = LookupMap::default();
    for c in &candidates {
        let root = find(&mut parent, c.left);
        let key = key_of_root.entry(root).or_insert(usize::MAX);
        *key = (*key).min(ctx.rank[c.left]).min(ctx.rank[c.right]);
    }
    for c in candidates {
        let root = find(&mut parent, c.left);
        components.entry(key_of_root[&root]).or_default().push(c);
    }

    let mut accepted = Vec::new();
    for (_, component) in components {
        accepted.extend(solve(ctx, component, used));
    }
    accepted
}

/// One component: exact when small, greedy otherwise.
fn solve(ctx: &Ctx, mut component: Vec<Candidate>, used: &mut [bool]) -> Vec<Candidate> {
    let mut lefts: Vec<usize> = component.iter().map(|c| c.left).collect();
    let mut rights: Vec<usize> = component.iter().map(|c| c.right).collect();
    for side in [&mut lefts, &mut rights] {
        side.sort_by_key(|&i| ctx.rank[i]);
        side.dedup();
    }
    if component.len() == 1 || rights.len() > EXACT_LIMIT || lefts.len() > EXACT_LIMIT {
        return accept_greedily(ctx, component, used);
    }
    // Options of each attempt, best single candidate first (the tie-break order).
    component.sort_by(|a, b| {
        a.rank.cmp(&b.rank).then_with(|| ctx.rank[a.right].cmp(&ctx.rank[b.right]))
    });
    let right_bit: LookupMap<usize, usize> =
        rights.iter().enumerate().map(|(b, &r)| (r, b)).collect();
    let options: Vec<Vec<&Candidate>> =
        lefts.iter().map(|&l| component.iter().filter(|c| c.left == l).collect()).collect();

    // best[i][mask]: best score for attempts i.. with the settled rows in `mask` taken, and the
    // choice made for attempt i (None = left alone).
    let states = 1usize << rights.len();
    let mut best: Vec<Vec<(Score, Option<usize>)>> =
        vec![vec![((0, 0, 0, 0), None); states]; lefts.len() + 1];
    for i in (0..lefts.len()).rev() {
        for mask in 0..states {
            let mut choice = (best[i + 1][mask].0, None);
            for (o, c) in options[i].iter().enumerate() {
                let bit = 1 << right_bit[&c.right];
                if mask & bit != 0 {
                    continue;
                }
                let score = add(best[i + 1][mask | bit].0, c);
                if score < choice.0 {
                    choice = (score, Some(o));
                }
            }
            best[i][mask] = choice;
        }
    }
    let mut mask = 0;
    let mut out = Vec::new();
    for i in 0..lefts.len() {
        if let Some(o) = best[i][mask].1 {
            let c = options[i][o];
            mask |= 1 << right_bit[&c.right];
            used[c.left] = true;
            used[c.right] = true;
            out.push(c.clone());
        }
    }
    out
}
