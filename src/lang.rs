//! The language a person reads, and the one mechanism every text for people goes through.
//!
//! A [`Phrase`] holds a text in every language the linter speaks (a word, a sentence or a
//! template with `{name}` holes); a [`Message`] is a phrase with the values of its holes. Rules,
//! readers and pages build a `Message` once, with no language in sight; the language is chosen when
//! it is rendered ([`Message::render`]), the only place that picks one.
//!
//! ```
//! use jixiao_lint::Lang;
//! use jixiao_lint::lang::{Phrase, Message};
//!
//! static ABOVE: Phrase = Phrase::new("高于", "above");
//! static SAYS: Phrase = Phrase::new("{now} {cmp}上年，却写作“{said}”", "{now} is {cmp} last year's, yet the text says {said}");
//! let t = Message::new(&SAYS).arg("now", "1.99 万元").arg("cmp", &ABOVE).arg("said", "减少");
//! assert_eq!(t.render(Lang::Zh), "1.99 万元 高于上年，却写作“减少”");
//! assert_eq!(t.render(Lang::En), "1.99 万元 is above last year's, yet the text says 减少");
//! ```

use serde::{Deserialize, Serialize};
use std::fmt;

/// Language of messages.
///
/// ```
/// use jixiao_lint::Lang;
/// assert_eq!(Lang::default(), Lang::Zh);
/// let en: Lang = serde_json::from_str("\"en\"").unwrap();
/// assert_eq!(en, Lang::En);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese (default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The language's short code (`zh`, `en`), as `--lang` and the review server's `?lang=`
    /// take it.
    ///
    /// ```
    /// assert_eq!(jixiao_lint::Lang::En.code(), "en");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The language's tag for an HTML `lang` attribute (`zh-CN`, `en`).
    ///
    /// ```
    /// assert_eq!(jixiao_lint::Lang::Zh.tag(), "zh-CN");
    /// ```
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

/// A text in every language: a word, a sentence, or a template whose `{name}` holes a
/// [`Message`] fills (`{{` and `}}` are literal braces).
///
/// ```
/// use jixiao_lint::{Lang, lang::Phrase};
/// static DIRECTION: Phrase = Phrase::new("方向", "direction");
/// assert_eq!(DIRECTION.get(Lang::En), "direction");
/// ```
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Phrase {
    /// Chinese.
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

impl Phrase {
    /// A phrase from its Chinese and English forms.
    ///
    /// ```
    /// use jixiao_lint::lang::Phrase;
    /// static TOTAL: Phrase = Phrase::new("合计", "total");
    /// assert_eq!(TOTAL.zh, "合计");
    /// ```
    pub const fn new(zh: &'static str, en: &'static str) -> Self {
        Phrase { zh, en }
    }

    /// The phrase in `lang`, holes unfilled.
    ///
    /// ```
    /// use jixiao_lint::{Lang, lang::Phrase};
    /// static HOLE: Phrase = Phrase::new("第{n}行", "line {n}");
    /// assert_eq!(HOLE.get(Lang::En), "line {n}");
    /// ```
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// The value of a hole: the same in every language (a figure, a label quoted from the
/// document), or itself a text to render in the reader's language. A `Message` has no `Display`
/// (it has no language until it is rendered), so it cannot slip in as a value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Arg {
    Value(Box<str>),
    Phrase(&'static Phrase),
    Message(Box<Message>),
    /// Messages with a separator between them (flat: a list of any length renders without
    /// recursion).
    List(Vec<Message>, &'static Phrase),
}

/// A piece of a phrase: text as written, or a hole `{name}` (a name of letters, digits and
/// `_`). `{{` and `}}` are a literal brace; any other brace is itself.
enum Piece<'a> {
    Lit(&'a str),
    Hole(&'a str),
}

/// The pieces of `template`, in order: the one reading of a phrase, for rendering and for the
/// hole check alike.
fn pieces<'a>(template: &'a str, mut f: impl FnMut(Piece<'a>)) {
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        if i > 0 {
            f(Piece::Lit(&rest[..i]));
        }
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            f(Piece::Lit(&tail[..1]));
            rest = &tail[2..];
            continue;
        }
        let name = tail.strip_prefix('{').and_then(|t| {
            let j = t.find('}')?;
            let n = &t[..j];
            let ok = !n.is_empty() && n.chars().all(|c| c.is_alphanumeric() || c == '_');
            ok.then_some(n)
        });
        match name {
            Some(n) => {
                f(Piece::Hole(n));
                rest = &tail[n.len() + 2..];
            }
            None => {
                f(Piece::Lit(&tail[..1]));
                rest = &tail[1..];
            }
        }
    }
    if !rest.is_empty() {
        f(Piece::Lit(rest));
    }
}

/// What a hole can be filled with: a value shown as it is, or a phrase or text rendered in the
/// reader's language.
///
/// ```
/// use jixiao_lint::{Lang, lang::{Phrase, Message}};
/// use rust_decimal::Decimal;
/// static P: Phrase = Phrase::new("{a}/{b}/{c}", "{a}/{b}/{c}");
/// static WORD: Phrase = Phrase::new("预算", "budget");
/// let t = Message::new(&P).arg("a", &Decimal::new(1995, 2)).arg("b", String::from("x")).arg("c", &WORD);
/// assert_eq!(t.render(Lang::En), "19.95/x/budget");
/// ```
pub trait IntoArg: sealed::Sealed {
    #[doc(hidden)]
    fn into_arg(self) -> ArgValue;
}

/// Only the kinds of values above fill holes: the trait is sealed.
mod sealed {
    #[doc(hidden)]
    pub trait Sealed {}
    impl<T: std::fmt::Display + ?Sized> Sealed for &T {}
    impl Sealed for String {}
    impl Sealed for &'static super::Phrase {}
    impl Sealed for super::Message {}
}

/// A filled hole (see [`IntoArg`]).
///
/// ```
/// use jixiao_lint::lang::IntoArg;
/// assert_eq!("x".into_arg(), String::from("x").into_arg());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ArgValue(Arg);

impl<T: fmt::Display + ?Sized> IntoArg for &T {
    fn into_arg(self) -> ArgValue {
        ArgValue(Arg::Value(self.to_string().into_boxed_str()))
    }
}
impl IntoArg for String {
    fn into_arg(self) -> ArgValue {
        ArgValue(Arg::Value(self.into_boxed_str()))
    }
}
impl IntoArg for &'static Phrase {
    fn into_arg(self) -> ArgValue {
        ArgValue(Arg::Phrase(self))
    }
}
impl IntoArg for Message {
    fn into_arg(self) -> ArgValue {
        ArgValue(Arg::Message(Box::new(self)))
    }
}

/// A text for people, not yet in a language: a [`Phrase`] and the values of its holes.
///
/// ```
/// use jixiao_lint::{Lang, lang::{Phrase, Message}};
/// static EXCEEDS: Phrase = Phrase::new("得分 {score} 超过分值 {weight}", "score {score} exceeds the weight {weight}");
/// let t = Message::new(&EXCEEDS).arg("score", "12").arg("weight", "10");
/// assert_eq!(t.render(Lang::Zh), "得分 12 超过分值 10");
/// assert_eq!(t.render(Lang::En), "score 12 exceeds the weight 10");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Message {
    phrase: &'static Phrase,
    args: Vec<(&'static str, Arg)>,
}

impl Message {
    /// A text of `phrase`, its holes not yet filled.
    ///
    /// ```
    /// use jixiao_lint::{Lang, lang::{Phrase, Message}};
    /// static HELLO: Phrase = Phrase::new("你好", "hello");
    /// assert_eq!(Message::new(&HELLO).render(Lang::En), "hello");
    /// ```
    pub fn new(phrase: &'static Phrase) -> Self {
        Message {
            phrase,
            args: Vec::new(),
        }
    }

    /// A text that is the same in every language: a label or a figure quoted from the document.
    ///
    /// ```
    /// use jixiao_lint::{Lang, lang::Message};
    /// let t = Message::verbatim("年度资金总额 {x}");
    /// assert_eq!(t.render(Lang::En), "年度资金总额 {x}");
    /// ```
    pub fn verbatim(text: impl Into<String>) -> Self {
        static VERBATIM: Phrase = Phrase::new("{text}", "{text}");
        Message::new(&VERBATIM).arg("text", text.into())
    }

    /// The texts one after another with `sep` between them (`年度指标值、得分` / `target, score`);
    /// `None` when there are none.
    ///
    /// ```
    /// use jixiao_lint::{Lang, lang::{Phrase, Message}};
    /// static AND: Phrase = Phrase::new("和", " and ");
    /// let t = Message::join([Message::verbatim("甲"), Message::verbatim("乙")], &AND).unwrap();
    /// assert_eq!(t.render(Lang::Zh), "甲和乙");
    /// assert_eq!(t.render(Lang::En), "甲 and 乙");
    /// ```
    pub fn join(parts: impl IntoIterator<Item = Message>, sep: &'static Phrase) -> Option<Self> {
        static LIST: Phrase = Phrase::new("{list}", "{list}");
        let items: Vec<Message> = parts.into_iter().collect();
        if items.is_empty() {
            return None;
        }
        let mut t = Message::new(&LIST);
        t.args.push(("list", Arg::List(items, sep)));
        Some(t)
    }

    /// Fill the hole `{name}`.
    ///
    /// ```
    /// use jixiao_lint::{Lang, lang::{Phrase, Message}};
    /// static P: Phrase = Phrase::new("得分 {s}", "score {s}");
    /// assert_eq!(Message::new(&P).arg("s", "9.5").render(Lang::En), "score 9.5");
    /// ```
    pub fn arg(mut self, name: &'static str, value: impl IntoArg) -> Self {
        self.args.push((name, value.into_arg().0));
        self
    }

    /// The text in `lang`: the one place a language is chosen. A hole with no value is left as
    /// it is written (`{name}`), so a missing value shows instead of vanishing.
    ///
    /// ```
    /// use jixiao_lint::{Lang, lang::{Phrase, Message}};
    /// static P: Phrase = Phrase::new("{a}，{{b}}，{c}", "{a}, {{b}}, {c}");
    /// let t = Message::new(&P).arg("a", "1");
    /// assert_eq!(t.render(Lang::Zh), "1，{b}，{c}"); // an unfilled hole shows
    /// assert_eq!(t.render(Lang::En), "1, {b}, {c}");
    /// ```
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        self.render_into(lang, &mut out);
        out
    }

    fn render_into(&self, lang: Lang, out: &mut String) {
        pieces(self.phrase.get(lang), |p| match p {
            Piece::Lit(t) => out.push_str(t),
            Piece::Hole(h) => match self.args.iter().find(|(n, _)| *n == h) {
                Some((_, arg)) => arg.render_into(lang, out),
                None => {
                    out.push('{');
                    out.push_str(h);
                    out.push('}');
                }
            },
        });
    }

    /// The hole names of the phrase in either language that have no value, and the values no
    /// hole uses (both empty for a well-made text; checked by the rules' tests).
    ///
    /// ```
    /// use jixiao_lint::lang::{Phrase, Message};
    /// static P: Phrase = Phrase::new("{a}{b}", "{a}");
    /// let t = Message::new(&P).arg("a", "1").arg("z", "2");
    /// assert_eq!(t.mismatched_holes(), (vec!["b".to_string()], vec!["z"]));
    /// ```
    pub fn mismatched_holes(&self) -> (Vec<String>, Vec<&'static str>) {
        let (mut missing, mut unused) = (Vec::new(), Vec::new());
        let mut holes = Vec::new();
        for lang in [Lang::Zh, Lang::En] {
            pieces(self.phrase.get(lang), |p| {
                if let Piece::Hole(h) = p {
                    holes.push(h);
                }
            });
        }
        for h in &holes {
            if !self.args.iter().any(|(n, _)| n == h) && !missing.iter().any(|m| m == h) {
                missing.push(h.to_string());
            }
        }
        for (n, arg) in &self.args {
            if !holes.contains(n) {
                unused.push(*n);
            }
            // the texts inside are checked alike
            let inner: Vec<&Message> = match arg {
                Arg::Message(t) => vec![t],
                Arg::List(ts, _) => ts.iter().collect(),
                _ => Vec::new(),
            };
            for t in inner {
                let (m, u) = t.mismatched_holes();
                missing.extend(m);
                unused.extend(u);
            }
        }
        (missing, unused)
    }
}

impl Arg {
    fn render_into(&self, lang: Lang, out: &mut String) {
        match self {
            Arg::Value(v) => out.push_str(v),
            Arg::Phrase(p) => out.push_str(p.get(lang)),
            Arg::Message(t) => t.render_into(lang, out),
            Arg::List(items, sep) => {
                for (i, t) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(sep.get(lang));
                    }
                    t.render_into(lang, out);
                }
            }
        }
    }
}

impl From<&'static Phrase> for Message {
    fn from(p: &'static Phrase) -> Self {
        Message::new(p)
    }
}

/// A [`Message`] from a phrase written at the call site: `tr!("中文 {x}", "English {x}", x = v)`.
/// The phrase becomes a `static`; each `name = value` fills the hole `{name}`.
macro_rules! tr {
    ($zh:literal, $en:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        static PHRASE: $crate::lang::Phrase = $crate::lang::Phrase::new($zh, $en);
        $crate::lang::Message::new(&PHRASE) $(.arg(stringify!($name), $value))*
    }};
}
pub(crate) use tr;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holes_are_filled_in_the_chosen_language() {
        let t = tr!(
            "{a}高于{b}",
            "{a} is above {b}",
            a = "1",
            b = tr!("上年", "last year")
        );
        assert_eq!(t.render(Lang::Zh), "1高于上年");
        assert_eq!(t.render(Lang::En), "1 is above last year");
        assert_eq!(t.mismatched_holes(), (vec![], vec![]));
    }

    #[test]
    fn lists_join_with_each_language_separator() {
        static SEP: Phrase = Phrase::new("、", ", ");
        let words = [
            tr!("得分", "score"),
            tr!("分值", "weight"),
            tr!("实际完成值", "actual"),
        ];
        let t = Message::join(words, &SEP).unwrap();
        assert_eq!(t.render(Lang::Zh), "得分、分值、实际完成值");
        assert_eq!(t.render(Lang::En), "score, weight, actual");
        assert_eq!(
            Message::join([tr!("一", "one")], &SEP)
                .unwrap()
                .render(Lang::En),
            "one"
        );
        assert!(Message::join(Vec::new(), &SEP).is_none());
    }

    #[test]
    fn braces_and_missing_values_stay_visible() {
        let t = tr!("{{x}} {y} {", "{{x}} {y} }", z = "v");
        assert_eq!(t.render(Lang::Zh), "{x} {y} {");
        assert_eq!(t.render(Lang::En), "{x} {y} }");
        assert_eq!(t.mismatched_holes(), (vec!["y".into()], vec!["z"]));
    }

    #[test]
    fn render_and_the_hole_check_read_braces_alike() {
        // a hole is `{name}` of letters, digits and `_`; other braces are text
        let t = tr!("{x}}|{a {x}|{x}}y}", "{x}", x = "V");
        assert_eq!(t.render(Lang::Zh), "V}|{a V|V}y}");
        assert_eq!(t.mismatched_holes(), (vec![], vec![]));
        let t = tr!("{ x }{数量}", "{数量}", 数量 = "3");
        assert_eq!(t.render(Lang::Zh), "{ x }3");
        assert_eq!(t.mismatched_holes(), (vec![], vec![]));
    }

    #[test]
    fn nested_texts_are_checked_and_long_lists_render_flat() {
        let inner = tr!("{a}{b}", "{a}", a = "1");
        let t = tr!("<{i}>", "<{i}>", i = inner);
        assert_eq!(t.mismatched_holes(), (vec!["b".into()], vec![]));
        static SEP: Phrase = Phrase::new("、", ", ");
        let many = Message::join((0..200_000).map(|_| Message::verbatim("x")), &SEP).unwrap();
        assert_eq!(many.render(Lang::En).len(), 200_000 + 2 * 199_999);
    }

    #[test]
    fn a_hole_name_that_is_a_prefix_of_another_is_not_confused() {
        let t = tr!("{ab}{a}", "{a}{ab}", a = "1", ab = "2");
        assert_eq!(t.render(Lang::Zh), "21");
        assert_eq!(t.render(Lang::En), "12");
    }
}
