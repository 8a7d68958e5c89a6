//! A URL query string as ordered key/value pairs: percent-decoding and -encoding written out
//! (arch strings carry `|`, `~` and `+`), so parsing never depends on the browser and never fails.

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Decodes `%XX` escapes and `+` (space); a malformed escape is kept as written.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push(hi * 16 + lo);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes everything but unreserved characters and `,` (lists stay readable).
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~,".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The pairs of a query string, with or without its leading `?`; empty keys are skipped.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let k = decode(k);
            (!k.is_empty()).then(|| (k, decode(v)))
        })
        .collect()
}

/// `?k=v&…` from pairs (just `?` when there are none, so the link still replaces the query).
pub fn format_query(pairs: &[(&str, String)]) -> String {
    let body: Vec<String> = pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
    format!("?{}", body.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_an_arch_string() {
        let arch = "|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|none~0|avg_pool_3x3~1|nor_conv_3x3~2|";
        let q = format_query(&[("page", "score".into()), ("cell", arch.into())]);
        assert!(!q.contains('|') && !q.contains('+'));
        assert_eq!(
            parse_query(&q),
            vec![("page".to_string(), "score".to_string()), ("cell".to_string(), arch.to_string())]
        );
    }

    #[test]
    fn malformed_escapes_and_odd_pairs_never_fail() {
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("a+b%2Bc"), "a b+c");
        assert_eq!(decode("%C3%A9"), "é");
        assert_eq!(decode("%FF"), "\u{FFFD}");
        assert_eq!(parse_query("?&=x&flag&a=1=2"), vec![("flag".into(), String::new()), ("a".into(), "1=2".into())]);
        assert_eq!(format_query(&[]), "?");
    }
}
