//! Test support: pseudo-random texts for the property tests of the text scanners.

/// `count` texts of up to 63 pieces each, drawn from `pieces` by a linear congruential
/// generator started at `seed`: the same texts on every run, with every piece next to
/// every other somewhere.
pub(crate) fn random_texts<'a>(
    pieces: &'a [&'a str],
    seed: u64,
    count: usize,
) -> impl Iterator<Item = String> + 'a {
    let mut seed = seed;
    (0..count).map(move |_| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let len = (seed >> 58) as usize;
        (0..len)
            .map(|k| {
                let r = seed.rotate_left(7 * k as u32) ^ (k as u64).wrapping_mul(0x9e37_79b9);
                pieces[(r % pieces.len() as u64) as usize]
            })
            .collect()
    })
}
