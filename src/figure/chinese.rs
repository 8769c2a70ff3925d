//! Chinese numerals (spec/numbers.md §4.4), ten-thousand system with colloquial elision.

use rust_decimal::Decimal;

/// Value of a Chinese digit character.
pub fn digit_value(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '兩' | '贰' | '貳' => 2,
        '三' | '叁' | '叄' | '参' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Value of a small unit (十百千).
pub fn small_unit(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// Parse a whole string of Chinese numeral characters. Returns `None` when the string is
/// not a well-formed numeral.
pub fn parse_chinese_numeral(s: &str) -> Option<Decimal> {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return None;
    }
    let mut total: i128 = 0;
    let mut section: i128 = 0;
    let mut num: Option<i128> = None;
    let mut saw_any = false;
    let mut last_unit: i128 = 0;
    let mut zero_before_tail = false;
    for &c in &chars {
        if let Some(d) = digit_value(c) {
            if d == 0 {
                num = None;
                zero_before_tail = true;
            } else {
                if num.is_some() {
                    return None; // two digits in a row (三四) is a vague count
                }
                num = Some(d as i128);
            }
        } else if let Some(u) = small_unit(c) {
            let n = match num {
                Some(n) => n,
                None if u == 10 && !saw_any => 1,
                None if u == 10 && zero_before_tail => 1,
                None => return None,
            };
            section = section.checked_add(n.checked_mul(u as i128)?)?;
            num = None;
            last_unit = u as i128;
            zero_before_tail = false;
        } else if c == '廿' {
            section += 20;
            last_unit = 10;
        } else if c == '卅' {
            section += 30;
            last_unit = 10;
        } else if c == '万' {
            section += num.unwrap_or(0);
            if section == 0 && total == 0 {
                section = 1;
            }
            total = total.checked_add(section.checked_mul(10_000)?)?;
            section = 0;
            num = None;
            last_unit = 10_000;
            zero_before_tail = false;
        } else if c == '亿' {
            let base = total + section + num.unwrap_or(0);
            let base = if base == 0 { 1 } else { base };
            total = base.checked_mul(100_000_000)?;
            section = 0;
            num = None;
            last_unit = 100_000_000;
            zero_before_tail = false;
        } else {
            return None;
        }
        saw_any = true;
    }
    let tail = match num {
        Some(d) if !zero_before_tail && last_unit >= 100 => d * last_unit / 10,
        Some(d) => d,
        None => 0,
    };
    let v = total.checked_add(section)?.checked_add(tail)?;
    Decimal::try_from_i128_with_scale(v, 0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{NUMERAL_CHARS, is_numeral_char};

    #[test]
    fn numeral_characters_are_digits_units_and_myriads() {
        assert_eq!(NUMERAL_CHARS.chars().count(), 35);
        for c in NUMERAL_CHARS.chars() {
            assert!(is_numeral_char(c), "{c}");
            assert_eq!(
                digit_value(c).is_some() || small_unit(c).is_some(),
                !matches!(c, '万' | '亿' | '廿' | '卅'),
                "{c}"
            );
        }
        for c in "元年个1a，\u{4DFF}\u{9FFF}\u{A000}\u{3006}".chars() {
            assert!(!is_numeral_char(c), "{c}");
        }
    }

    fn v(s: &str) -> i64 {
        use rust_decimal::prelude::ToPrimitive;
        parse_chinese_numeral(s).unwrap().to_i64().unwrap()
    }

    #[test]
    fn reference_cases() {
        assert_eq!(v("一百零一"), 101);
        assert_eq!(v("一千零十"), 1010);
        assert_eq!(v("十万零一"), 100001);
        assert_eq!(v("一千零一亿一千零一万一千零一"), 100110011001);
        assert_eq!(v("三万五"), 35000);
        assert_eq!(v("十三万五"), 135000);
        assert_eq!(v("两千六"), 2600);
        assert_eq!(v("一百二"), 120);
        assert_eq!(v("一百二十万三"), 1203000);
        assert_eq!(v("一亿五千万零六千三百五十五"), 150006355);
        assert_eq!(v("十"), 10);
        assert_eq!(v("三千"), 3000);
        assert_eq!(v("两万"), 20000);
        assert_eq!(v("一万五"), 15000);
        assert_eq!(v("一万亿"), 1_000_000_000_000);
        assert_eq!(v("三亿五"), 350000000);
        assert!(parse_chinese_numeral("三四").is_none());
        assert!(parse_chinese_numeral("").is_none());
    }
}
