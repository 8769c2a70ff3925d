//! JX302 stray-latin-word.

use super::Ctx;
use crate::lang::{Phrase, tr};
use crate::model::Report;

declare_rule! {
    /// ### What it checks
    /// A Latin-script word standing between Chinese characters in the prose (`思想 and 党的二十大`),
    /// other than upper-case codes and names (VR, GDP, PPP).
    ///
    /// ### Why it matters
    /// A stray English word is a drafting or machine-translation slip that a published report
    /// should not carry.
    ///
    /// ### Example
    /// `学习贯彻习近平新时代中国特色社会主义思想 and 党的二十大精神`: 和.
    ///
    /// ### Arithmetic
    /// None.
    pub static RULE = ("JX302", "stray-latin-word", Hygiene, Info, "a Latin word inside Chinese prose", "中文段落夹杂英文单词");
    pass = [
        "深入学习贯彻习近平新时代中国特色社会主义思想和党的二十大精神。",
        "项目采用 PPP 模式建设，完成 GDP 核算。",
    ];
    fail = [
        "学习贯彻习近平新时代中国特色社会主义思想 and 党的二十大精神。",
    ];
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    for w in &report.facts.latin_words {
        static AND: Phrase = Phrase::new("，应为“和”", "");
        static NO_HINT: Phrase = Phrase::new("", "");
        let hint = if w.value.eq_ignore_ascii_case("and") {
            &AND
        } else {
            &NO_HINT
        };
        let msg = tr!(
            "中文正文中夹有英文单词“{value}”{hint}",
            "the Latin word “{value}” stands inside Chinese prose{hint}",
            value = &w.value,
            hint = hint,
        );
        let help = tr!(
            "如非专有名词或代码，请改为中文",
            "unless it is a name or a code, write it in Chinese"
        );
        let d = ctx
            .diag(msg)
            .with_help(help)
            .at(w.span, tr!("英文单词", "Latin word"));
        ctx.push(d);
    }
}
