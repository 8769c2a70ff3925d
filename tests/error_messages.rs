//! The Chinese explanation of an input error names its real cause: the specific causes are
//! tested before the general "over the limit" that several messages share.
use jixiao_lint::Lang;
use jixiao_lint::lint::localize_error;

fn zh(e: &str) -> String {
    localize_error(e, Lang::Zh)
}

#[test]
fn specific_causes_before_the_general_limit() {
    let bomb =
        zh("archive entry word/document.xml expands 1030×, over the limit of 100× (zip bomb?)");
    assert!(bomb.contains("压缩炸弹"), "{bomb}");
    let unpack =
        zh("archive entry xl/sharedStrings.xml unpacks to more than 67108864 bytes (zip bomb?)");
    assert!(unpack.contains("压缩炸弹"), "{unpack}");
    let pdf = zh("the PDF's text is over the limit of 64 MB");
    assert!(pdf.contains("PDF 中的文字过多"), "{pdf}");
    let cells = zh("more than 2000000 cells");
    assert!(cells.contains("单元格过多"), "{cells}");
    let big = zh("file is 70000000 bytes, over the limit of 67108864 bytes");
    assert!(
        big.contains("文件过大（66.8 MB）") && big.contains("64 MB"),
        "{big}"
    );
    let other = zh(
        "archive entry word/document.xml unpacks to 99999999999 bytes, over the limit of 67108864 bytes",
    );
    assert!(
        other.contains("压缩炸弹"),
        "a declared size far over the limit: {other}"
    );
    let empty = zh("the file is empty");
    assert!(empty.starts_with("文件是空的"), "{empty}");
}

#[test]
fn english_is_left_as_written() {
    let e = "archive entry a expands 1030×, over the limit of 100× (zip bomb?)";
    assert_eq!(localize_error(e, Lang::En), e);
}
