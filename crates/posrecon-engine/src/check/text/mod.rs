//! The words of a [`super::check`] answer, one file per language.
//!
//! `zh.rs` and `en.rs` hold the same functions under the same names: each takes the facts of a
//! verdict (or of an addition to one, such as a retry or a cash payment) from `super::facts` and
//! returns the merchant's words. The language is chosen here, in [`words!`], and nowhere else.

/// The English words of every check answer.
pub(super) mod en;
/// The Chinese words of every check answer.
pub(super) mod zh;

/// What a verdict (or an addition to one) says. For an addition, `title` and `explanation` are
/// appended and the lines are placed where the verdict's function in `check.rs` says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Words {
    pub(super) title: String,
    pub(super) explanation: String,
    pub(super) say_to_customer: Vec<String>,
    pub(super) actions: Vec<String>,
}

/// `words!(lang, f(args))` calls `zh::f(args)` or `en::f(args)`.
macro_rules! words {
    ($lang:expr, $f:ident($($arg:expr),* $(,)?)) => {
        match $lang {
            $crate::config::Lang::Zh => $crate::check::text::zh::$f($($arg),*),
            $crate::config::Lang::En => $crate::check::text::en::$f($($arg),*),
        }
    };
}
pub(super) use words;
