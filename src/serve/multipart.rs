//! `multipart/form-data` bodies: the parts of an upload, as ranges of the body (no copies).

/// One part of a multipart body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// Form field name.
    pub name: String,
    /// File name, for file parts.
    pub filename: Option<String>,
    /// The bytes, as a range of the body.
    pub data: std::ops::Range<usize>,
}

/// The boundary of a `multipart/form-data` content type.
pub fn multipart_boundary(content_type: &str) -> Option<String> {
    let mut it = content_type.split(';');
    let kind = it.next()?.trim();
    if !kind.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    for p in it {
        let Some((k, v)) = p.split_once('=') else {
            continue;
        };
        if k.trim().eq_ignore_ascii_case("boundary") {
            let v = v.trim().trim_matches('"');
            if !v.is_empty() && v.len() <= 200 {
                return Some(v.to_string());
            }
        }
    }
    None
}

/// Split a `multipart/form-data` body (RFC 7578). At most `max_parts` parts; part headers at
/// most 16 KiB.
pub fn parse_multipart(body: &[u8], boundary: &str, max_parts: usize) -> Result<Vec<Part>, String> {
    let delim = format!("--{boundary}");
    let delim = delim.as_bytes();
    let next_delim = format!("\r\n--{boundary}");
    let finder = memchr::memmem::Finder::new(next_delim.as_bytes());
    let mut pos = match memchr::memmem::find(body, delim) {
        Some(p) => p + delim.len(),
        None => return Err("no boundary".into()),
    };
    let mut parts = Vec::new();
    loop {
        if body[pos..].starts_with(b"--") {
            return Ok(parts);
        }
        // transport padding, then CRLF
        while pos < body.len() && (body[pos] == b' ' || body[pos] == b'\t') {
            pos += 1;
        }
        if !body[pos..].starts_with(b"\r\n") {
            return Err("malformed boundary line".into());
        }
        pos += 2;
        if parts.len() >= max_parts {
            return Err(format!("more than {max_parts} parts"));
        }
        let head_end =
            memchr::memmem::find(&body[pos..body.len().min(pos + 16 * 1024)], b"\r\n\r\n")
                .ok_or("part headers missing or too long")?;
        let head = String::from_utf8_lossy(&body[pos..pos + head_end]);
        let data_start = pos + head_end + 4;
        let data_len = finder
            .find(&body[data_start..])
            .ok_or("the upload ends inside a file")?;
        let (mut name, mut filename) = (String::new(), None);
        for line in head.split("\r\n") {
            let Some((k, v)) = line.split_once(':') else {
                continue;
            };
            if !k.trim().eq_ignore_ascii_case("content-disposition") {
                continue;
            }
            for (pk, pv) in disposition_params(v) {
                match pk.as_str() {
                    "name" => name = pv,
                    "filename" => filename = Some(pv),
                    _ => {}
                }
            }
        }
        parts.push(Part {
            name,
            filename,
            data: data_start..data_start + data_len,
        });
        pos = data_start + data_len + next_delim.len();
    }
}

/// `form-data; name="x"; filename="a b.docx"` → [(name, x), (filename, a b.docx)]. Browsers
/// escape `"` as `%22` and line breaks as `%0A`/`%0D` in file names.
fn disposition_params(v: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let chars: Vec<char> = v.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        // key
        while i < chars.len() && (chars[i] == ';' || chars[i].is_whitespace()) {
            i += 1;
        }
        let ks = i;
        while i < chars.len() && chars[i] != '=' && chars[i] != ';' {
            i += 1;
        }
        let key: String = chars[ks..i]
            .iter()
            .collect::<String>()
            .trim()
            .to_ascii_lowercase();
        if i >= chars.len() || chars[i] == ';' {
            continue;
        }
        i += 1; // '='
        let mut val = String::new();
        if i < chars.len() && chars[i] == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    i += 1;
                }
                val.push(chars[i]);
                i += 1;
            }
            i += 1;
        } else {
            while i < chars.len() && chars[i] != ';' {
                val.push(chars[i]);
                i += 1;
            }
            val = val.trim().to_string();
        }
        let val = val
            .replace("%22", "\"")
            .replace("%0A", " ")
            .replace("%0D", " ");
        out.push((key, val));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(parts: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
        let mut b = Vec::new();
        for (name, file, data) in parts {
            b.extend_from_slice(b"--XyZ\r\nContent-Disposition: form-data; name=\"");
            b.extend_from_slice(name.as_bytes());
            b.push(b'"');
            if let Some(f) = file {
                b.extend_from_slice(b"; filename=\"");
                b.extend_from_slice(f.as_bytes());
                b.push(b'"');
            }
            b.extend_from_slice(b"\r\nContent-Type: application/octet-stream\r\n\r\n");
            b.extend_from_slice(data);
            b.extend_from_slice(b"\r\n");
        }
        b.extend_from_slice(b"--XyZ--\r\n");
        b
    }

    #[test]
    fn multipart_round_trip_keeps_bytes_and_names() {
        let data: &[u8] = b"a\r\n--Xy not the boundary\r\n\x00\xff";
        let b = body(&[
            ("files", Some("自评报告 %22终稿%22.txt"), data),
            ("note", None, b"x"),
        ]);
        let p = parse_multipart(&b, "XyZ", 10).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].filename.as_deref(), Some("自评报告 \"终稿\".txt"));
        assert_eq!(&b[p[0].data.clone()], data);
        assert_eq!(p[1].name, "note");
        assert_eq!(p[1].filename, None);
    }

    #[test]
    fn multipart_rejects_truncated_and_excess() {
        let b = body(&[("files", Some("a.txt"), b"hello")]);
        assert!(parse_multipart(&b[..b.len() - 12], "XyZ", 10).is_err());
        assert!(parse_multipart(b"garbage", "XyZ", 10).is_err());
        let many = body(&[("a", None, b"1"), ("b", None, b"2"), ("c", None, b"3")]);
        assert!(parse_multipart(&many, "XyZ", 2).is_err());
        assert_eq!(parse_multipart(&many, "XyZ", 3).unwrap().len(), 3);
    }

    #[test]
    fn boundary_from_content_type() {
        assert_eq!(
            multipart_boundary("multipart/form-data; boundary=----WebKitFormBoundaryAb1"),
            Some("----WebKitFormBoundaryAb1".into())
        );
        assert_eq!(
            multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"q r\""),
            Some("q r".into())
        );
        assert_eq!(multipart_boundary("application/json"), None);
        assert_eq!(
            multipart_boundary("multipart/form-data; odd; boundary=x"),
            Some("x".into())
        );
    }
}
