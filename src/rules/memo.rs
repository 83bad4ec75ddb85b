//! Answers computed from a piece of text and one compiled rule part (a gazetteer, a set of
//! frames), remembered on each thread across documents: the same words recur through a
//! corpus, and the answer depends on nothing else, so remembering it changes nothing but
//! the time taken.

/// A number no other compiled gazetteer or set of frames has (0 is left to empty
/// defaults), so that what a [`Memo`] holds for one is never taken for another's.
pub(crate) fn next_instance() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Answers by text for one rule part at a time, up to a limit.
#[derive(Debug)]
pub(crate) struct Memo<V> {
    /// The rule part (see [`next_instance`]) the answers belong to.
    instance: u64,
    limit: usize,
    answers: foldhash::HashMap<Box<str>, V>,
}

impl<V: Copy> Memo<V> {
    /// A memo that starts afresh whenever it holds `limit` answers.
    pub(crate) fn new(limit: usize) -> Memo<V> {
        Memo {
            instance: 0,
            limit,
            answers: foldhash::HashMap::default(),
        }
    }

    /// The answer for `key` under rule part `instance`: remembered, or computed and kept.
    /// Answers for another instance are dropped first.
    pub(crate) fn get(&mut self, instance: u64, key: &str, compute: impl FnOnce() -> V) -> V {
        if self.instance != instance || self.answers.len() >= self.limit {
            self.answers.clear();
            self.instance = instance;
        }
        if let Some(&answer) = self.answers.get(key) {
            return answer;
        }
        let answer = compute();
        self.answers.insert(key.into(), answer);
        answer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_belong_to_one_instance_and_the_memo_starts_afresh_at_its_limit() {
        let mut memo = Memo::new(2);
        // Each computed answer is the number of answers computed so far.
        let mut computed = 0;
        let mut ask = |instance, key: &str| {
            memo.get(instance, key, || {
                computed += 1;
                computed
            })
        };
        assert_eq!(ask(1, "ab"), 1);
        assert_eq!(ask(1, "ab"), 1, "remembered");
        assert_eq!(ask(2, "ab"), 2, "not instance 1's answer");
        assert_eq!(ask(2, "abc"), 3);
        assert_eq!(
            ask(2, "ab"),
            4,
            "two answers held, the limit: computed afresh"
        );
        assert_eq!(ask(2, "ab"), 4);
    }
}
