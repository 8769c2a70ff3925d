//! Issue 2 acceptance: each edit of seed 003 yields the named diagnostic at the edited line,
//! plus only the consequences the edit really causes.

mod common;
use common::*;

#[test]
fn seed_003_table_baseline() {
    let f = findings(SEED_003);
    assert!(f.contains(&("deviation-unexplained".into(), 138)), "{f:?}");
    assert!(f.contains(&("incomplete-row".into(), 139)), "{f:?}");
    for line in 113..=140 {
        if line == 138 || line == 139 {
            continue;
        }
        assert!(
            !f.iter().any(|(_, l)| *l == line),
            "line {line} must be clean: {f:?}"
        );
    }
}

#[test]
fn grade_changed_to_liang() {
    let e = edit_line(SEED_003, 140, "等级：优", "等级：良");
    assert_eq!(new_findings(SEED_003, &e), set(&[("grade-band", 140)]));
}

#[test]
fn total_changed_to_97() {
    let e = edit_line(SEED_003, 140, "\t98\t", "\t97\t");
    assert_eq!(new_findings(SEED_003, &e), set(&[("total-score", 140)]));
}

#[test]
fn row_score_above_weight() {
    let e = edit_line(SEED_003, 120, "\t5\t5\t", "\t5\t6\t");
    assert_eq!(
        new_findings(SEED_003, &e),
        set(&[("score-exceeds-weight", 120), ("total-score", 140)])
    );
}

#[test]
fn execution_rate_95() {
    let e = edit_line(SEED_003, 113, "100%", "95%");
    // 10 × 95% = 9.5 still rounds to the printed score 10, so only the rate is wrong
    assert_eq!(new_findings(SEED_003, &e), set(&[("execution-rate", 113)]));
}

#[test]
fn execution_score_9() {
    let e = edit_line(SEED_003, 113, "100%\t10", "100%\t9");
    assert_eq!(
        new_findings(SEED_003, &e),
        set(&[("execution-score", 113), ("total-score", 140)])
    );
}

#[test]
fn fund_row_budget_580_65() {
    let e = edit_line(SEED_003, 114, "587.65", "580.65");
    assert_eq!(new_findings(SEED_003, &e), set(&[("fund-rows-sum", 114)]));
}

#[test]
fn met_target_with_points_deducted() {
    let e = edit_line(SEED_003, 121, "\t5\t5\t", "\t5\t3\t");
    let n = new_findings(SEED_003, &e);
    assert!(n.contains(&("total-score".into(), 140)), "{n:?}");
    let at_row: Vec<_> = n
        .iter()
        .filter(|(_, l)| *l == 121)
        .map(|(r, _)| r.as_str())
        .collect();
    assert!(!at_row.is_empty(), "{n:?}");
    assert!(
        at_row
            .iter()
            .all(|r| *r == "attainment-score" || *r == "deviation-unexplained"),
        "{n:?}"
    );
    assert!(n.iter().all(|(_, l)| *l == 121 || *l == 140), "{n:?}");
}
