//! Character folding and the character classes the readers look for. Every fold maps one
//! character to one character, so positions in a folded stream correspond one-to-one to
//! characters of the original text.

/// Traditional → simplified pairs for the vocabulary of budget and performance reports.
/// Written as consecutive (traditional, simplified) character pairs.
const TRAD_SIMP: &str = "萬万億亿預预數数執执資资總总額额當当財财撥拨結结轉转標标際际實实進进產产質质\
時时濟济會会態态續续響响滿满對对級级優优計计餘余長长減减較较個个項项績绩評评價价報报單单門门\
員员費费經经務务車车購购運运維维護护議议訓训幣币區区縣县鄉乡鎮镇補补專专衛卫驗验規规劃划發发\
佈布與与為为於于並并從从來来這这過过還还開开關关係系歲岁兩两參参權权設设備备辦办處处屬属糧粮\
農农業业醫医療疗學学師师檢检視视複复雜杂據据條条構构導导歷历範范圍围準准確确職职責责營营線线\
網网絡络錄录檔档聯联繫系織织組组體体製制調调節节約约擬拟應应歸归屆届紀纪監监舉举辭辞認认識识\
說说請请讀读變变動动勞劳傳传統统園园廳厅庫库廠厂廣广東东貴贵雲云陝陕遼辽寧宁蘇苏閩闽臺台灣湾\
滬沪漢汉兒儿婦妇殘残殯殡養养險险災灾環环氣气電电燈灯熱热鐵铁鋼钢礦矿書书畫画藝艺劇剧聲声樂乐\
賽赛獎奖勵励貼贴給给著着點点黨党團团隊队軍军層层齡龄戶户問问題题達达誤误錯错現现狀状況况則则\
細细測测決决審审覈核們们麗丽執执違违責责停停滿满陳陈勝胜這这絕绝顯显幾几機机構构覽览館馆藥药\
濟济稅税貸贷債债償偿幫帮扶扶貧贫鄰邻處处華华陸陆萬万圓圆壹壹貳贰參叁叄叁陸陆捌捌玖玖拾拾佰佰\
仟仟億亿兆兆無无歲岁壓压縮缩擴扩減减徵征屆届異异質质並并誌志週周遞递選选舉举罰罚衝冲彙汇匯汇\
盡尽寶宝際际協协會会鄉乡築筑築筑穩稳錢钱銀银險险療疗證证験验獲获盤盘滙汇\
國国內内厲厉貫贯徹彻興兴術术頭头負负擔担賬账潔洁廢废義义舊旧獻献轄辖壩坝橋桥輛辆駕驾駛驶貨货輸输場场銷销買买賣卖賠赔論论講讲課课習习綠绿損损創创雙双遠远邊边離离難难觀观獨独齊齐慶庆歡欢樣样勢势戰战擊击圖图類类間间鬧闹聞闻閱阅闊阔陽阳陰阴隨随雞鸡靈灵韓韩頁页順顺須须領领頻频風风飛飞馬马髮发鬥斗魚鱼鳥鸟麥麦黃黄齒齿龍龙";

/// First code point of the CJK Unified Ideographs block covered by the lookup table.
const CJK_BASE: u32 = 0x4E00;
/// Size of the table (U+4E00–U+9FFF).
const CJK_LEN: usize = 0xA000 - 0x4E00;

/// Traditional → simplified as a direct lookup table over the CJK block (0 = unchanged),
/// built at compile time from [`TRAD_SIMP`].
static TRAD: [u16; CJK_LEN] = trad_table();

/// Decode the UTF-8 character at `i` of `b`: (code point, byte length).
const fn decode_at(b: &[u8], i: usize) -> (u32, usize) {
    let b0 = b[i] as u32;
    if b0 < 0x80 {
        (b0, 1)
    } else if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F), 2)
    } else if b0 < 0xF0 {
        (
            ((b0 & 0x0F) << 12) | ((b[i + 1] as u32 & 0x3F) << 6) | (b[i + 2] as u32 & 0x3F),
            3,
        )
    } else {
        (
            ((b0 & 0x07) << 18)
                | ((b[i + 1] as u32 & 0x3F) << 12)
                | ((b[i + 2] as u32 & 0x3F) << 6)
                | (b[i + 3] as u32 & 0x3F),
            4,
        )
    }
}

const fn trad_table() -> [u16; CJK_LEN] {
    let mut t = [0u16; CJK_LEN];
    let b = TRAD_SIMP.as_bytes();
    let mut i = 0;
    let mut pending: u32 = 0;
    while i < b.len() {
        let (c, len) = decode_at(b, i);
        i += len;
        if c < 0x80 {
            continue;
        }
        if pending == 0 {
            pending = c;
            continue;
        }
        let (tr, si) = (pending, c);
        pending = 0;
        if tr != si && tr >= CJK_BASE && tr < CJK_BASE + CJK_LEN as u32 && si <= u16::MAX as u32 {
            t[(tr - CJK_BASE) as usize] = si as u16;
        }
    }
    t
}

/// One bit per character of the CJK block: set for characters that fold to another one or
/// can be part of a numeral. Clear bits are "plain" ideographs, the bulk of every report,
/// which a per-character pass copies without any other test (2.6 KB, unlike the 42 KB
/// folding table, stays in the first-level cache).
static SPECIAL_BITS: [u64; CJK_LEN / 64] = special_bits();

const fn special_bits() -> [u64; CJK_LEN / 64] {
    let mut t = numeral_bits();
    let trad = trad_table();
    let mut k = 0;
    while k < CJK_LEN {
        if trad[k] != 0 {
            t[k / 64] |= 1 << (k % 64);
        }
        k += 1;
    }
    t
}

/// True for a CJK ideograph that folds to itself and is not a numeral character.
#[inline(always)]
pub fn is_plain_ideograph(c: char) -> bool {
    let k = (c as u32).wrapping_sub(CJK_BASE) as usize;
    k < CJK_LEN && SPECIAL_BITS[k / 64] & (1 << (k % 64)) == 0
}

/// A CJK unified ideograph (the basic block and extension A): the one test of "a Chinese
/// character" for every reader.
pub fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// Every character that can be part of a Chinese numeral.
pub(crate) const NUMERAL_CHARS: &str =
    "零〇一壹二两兩贰貳三叁叄参四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿廿卅";

/// One bit per character of the CJK block: set for numeral characters. A bit test has no
/// data-dependent branches, unlike a long `match`, which matters in per-character passes.
static NUMERAL_BITS: [u64; CJK_LEN / 64] = numeral_bits();

const fn numeral_bits() -> [u64; CJK_LEN / 64] {
    let mut t = [0u64; CJK_LEN / 64];
    let b = NUMERAL_CHARS.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let (c, len) = decode_at(b, i);
        i += len;
        if c >= CJK_BASE && c < CJK_BASE + CJK_LEN as u32 {
            let k = (c - CJK_BASE) as usize;
            t[k / 64] |= 1 << (k % 64);
        }
    }
    t
}

/// True for any character that can be part of a Chinese numeral.
#[inline(always)]
pub fn is_numeral_char(c: char) -> bool {
    let k = (c as u32).wrapping_sub(CJK_BASE) as usize;
    if k < CJK_LEN {
        NUMERAL_BITS[k / 64] & (1 << (k % 64)) != 0
    } else {
        c == '〇'
    }
}

/// True for a character that ends a sentence: 。 ! ? (full-width forms included).
#[inline]
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | '！' | '？')
}

/// Latin letters, accented ones included (pinyin with tone marks); × and ÷ are not.
#[inline]
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{C0}'..='\u{24F}').contains(&c) && c != '×' && c != '÷'
}

/// Fold one character: full-width ASCII to ASCII, ideographic and exotic spaces to a space,
/// compatibility forms of `=`, `<`, `>`, `-`, `%` to ASCII, and traditional characters of the
/// report vocabulary to simplified ones. Never changes the number of characters.
#[inline]
pub fn fold_char(c: char) -> char {
    let u = c as u32;
    if u < 0x80 {
        return c;
    }
    if (CJK_BASE..CJK_BASE + CJK_LEN as u32).contains(&u) {
        if is_plain_ideograph(c) {
            return c;
        }
        return match TRAD[(u - CJK_BASE) as usize] {
            0 => c,
            v => char::from_u32(v as u32).unwrap_or(c),
        };
    }
    if (0xFF01..=0xFF5E).contains(&u) {
        // full-width ASCII block
        return char::from_u32(u - 0xFEE0).unwrap_or(c);
    }
    match c {
        '\u{3000}' | '\u{00A0}' | '\u{2009}' | '\u{202F}' | '\u{2002}' | '\u{2003}' => ' ',
        '\u{FE66}' | '\u{2550}' | '\u{30A0}' => '=',
        '\u{FE64}' => '<',
        '\u{FE65}' => '>',
        '\u{2266}' | '\u{2A7D}' => '≤',
        '\u{2267}' | '\u{2A7E}' => '≥',
        '\u{2212}' | '\u{2010}' | '\u{2011}' => '-',
        '\u{FE6A}' => '%',
        '\u{FF0E}' => '.',
        '\u{301C}' => '~',
        _ => c,
    }
}

/// Substring test tuned for the short keys and labels of tables (a few dozen bytes), where
/// the general searcher's set-up costs more than the search.
#[inline]
pub fn has(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = n.split_first() else {
        return true;
    };
    if h.len() < n.len() {
        return false;
    }
    if h.len() > 64 {
        return memchr::memmem::find(h, n).is_some();
    }
    (0..=h.len() - n.len()).any(|i| h[i] == first && &h[i + 1..i + n.len()] == rest)
}

/// Remove pinyin annotations such as `(wèi)` that transcoding sites insert after characters.
pub fn strip_pinyin(s: &str) -> String {
    if !s.contains(['(', '（']) {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '(' || chars[i] == '（' {
            let mut j = i + 1;
            let mut has_tone = false;
            while j < chars.len() && j - i <= 8 && is_pinyin_char(chars[j]) {
                if !chars[j].is_ascii_lowercase() {
                    has_tone = true;
                }
                j += 1;
            }
            if j < chars.len()
                && (chars[j] == ')' || chars[j] == '）')
                && j > i + 1
                && (has_tone || is_toneless_syllable(&chars[i + 1..j]))
            {
                i = j + 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Byte length of a pinyin annotation at the start of `s` (`(yù)`, `（shù）`, `(de)`): an
/// opening bracket, one to eight pinyin letters with a tone mark (or a light-tone syllable),
/// the closing bracket. Text converted between scripts by some tools carries these after
/// characters; readers skip them.
pub(crate) fn pinyin_annotation_len(s: &str) -> Option<usize> {
    let mut it = s.char_indices();
    let (_, open) = it.next()?;
    if open != '(' && open != '（' {
        return None;
    }
    let mut has_tone = false;
    let mut letters: [char; 8] = ['\0'; 8];
    for (n, (k, c)) in it.enumerate() {
        if c == ')' || c == '）' {
            if n == 0 || !(has_tone || is_toneless_syllable(&letters[..n])) {
                return None;
            }
            return Some(k + c.len_utf8());
        }
        if n == 8 || !is_pinyin_char(c) {
            return None;
        }
        has_tone |= !c.is_ascii_lowercase();
        letters[n] = c;
    }
    None
}

fn is_pinyin_char(c: char) -> bool {
    // (tone-marked vowels all lie in U+00E0–U+01DC: other characters skip the search)
    c.is_ascii_lowercase()
        || ('\u{E0}'..='\u{1DC}').contains(&c) && "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c)
}

fn is_toneless_syllable(s: &[char]) -> bool {
    // light-tone syllables such as (de), (men), (zi) carry no tone mark
    let w: String = s.iter().collect();
    matches!(
        w.as_str(),
        "de" | "men" | "zi" | "le" | "ge" | "me" | "ma" | "ne"
    )
}

/// A comparison key for labels and header words: pinyin annotations removed, folded,
/// whitespace, quotes, brackets' contents of units kept, and common punctuation dropped.
pub fn label_key(s: &str) -> String {
    label_key_cow(s).into_owned()
}

/// [`label_key`], borrowing `s` when it is already its own key (the common case for table
/// cells: no spaces, quotes, pinyin, full-width or traditional characters).
pub fn label_key_cow(s: &str) -> std::borrow::Cow<'_, str> {
    let keep = |c: &char| {
        !c.is_whitespace()
            && !matches!(
                c,
                '“' | '”' | '"' | '\'' | '‘' | '’' | '*' | ':' | '：' | '·' | '|'
            )
    };
    // one pass, the common characters (plain ideographs, ASCII) tested first
    let own_key = s.chars().all(|c| {
        is_plain_ideograph(c)
            || if c.is_ascii() {
                !c.is_ascii_whitespace() && !matches!(c, '"' | '\'' | '*' | ':' | '|' | '(')
            } else {
                c != '（' && fold_char(c) == c && keep(&c)
            }
    });
    if own_key {
        return std::borrow::Cow::Borrowed(s);
    }
    // a pinyin annotation needs a bracket and a Latin letter
    let pinyin = s.contains(['(', '（']) && s.chars().any(is_pinyin_char);
    let stripped;
    let src = if pinyin {
        stripped = strip_pinyin(s);
        stripped.as_str()
    } else {
        s
    };
    let mut out = String::with_capacity(src.len());
    for c in src.chars() {
        let c = if is_plain_ideograph(c) {
            c
        } else {
            fold_char(c)
        };
        if keep(&c) {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_and_traditional() {
        let s: String = "５８７．６５萬元％".chars().map(fold_char).collect();
        assert_eq!(s, "587.65万元%");
        let s: String = "年度資金總額".chars().map(fold_char).collect();
        assert_eq!(s, "年度资金总额");
        assert_eq!(fold_char('﹦'), '=');
        assert_eq!(fold_char('①'), '①');
    }

    #[test]
    fn strips_pinyin_annotations_only() {
        assert_eq!(strip_pinyin("衛(wèi)片執(zhí)法"), "衛片執法");
        assert_eq!(strip_pinyin("产出指标(50分)"), "产出指标(50分)");
        assert_eq!(strip_pinyin("(B/A)"), "(B/A)");
        assert_eq!(label_key("績效指標(biāo)"), "绩效指标");
        assert!(matches!(
            label_key_cow("年初预算数"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(label_key_cow("年初 预算数"), "年初预算数");
        assert_eq!(label_key_cow("“全年”執行數："), "全年执行数");
        assert_eq!(label_key_cow("分值(10分)"), "分值(10分)");
    }

    #[test]
    fn compile_time_table_holds_every_pair() {
        let chars: Vec<char> = TRAD_SIMP.chars().filter(|c| !c.is_whitespace()).collect();
        let mut last = std::collections::HashMap::new();
        for pair in chars.chunks(2) {
            last.insert(pair[0], pair[1]);
        }
        assert!(last.len() > 250, "{}", last.len());
        for (tr, si) in last {
            assert_eq!(fold_char(tr), si, "{tr}");
        }
        assert_eq!(fold_char('预'), '预');
        assert_eq!(fold_char('\u{9FFF}'), '\u{9FFF}');
    }

    #[test]
    fn short_substring_test() {
        assert!(has("年初预算数", "预算"));
        assert!(has("年初预算数", "年初预算数"));
        assert!(!has("年初预算", "年初预算数"));
        assert!(!has("预", "算"));
        assert!(has("abc", ""));
        let long = format!("{}得分", "很长的标签".repeat(20));
        assert!(has(&long, "得分"));
        assert!(!has(&long, "分值"));
    }
}
