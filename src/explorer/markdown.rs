//! Just enough Markdown to show `assets/PROVENANCE.md` on the About page: headings, paragraphs,
//! bullet lists, fenced code and `inline code`. Anything else is kept as plain text, so the page
//! never depends on a parser's corner cases.

/// A block of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// `#`-heading with its level (1–6).
    Heading(usize, Vec<Span>),
    /// A paragraph (consecutive text lines joined by spaces).
    Paragraph(Vec<Span>),
    /// A bullet list, one entry per `- ` line.
    List(Vec<Vec<Span>>),
    /// A fenced code block, verbatim.
    Code(String),
}

/// A run of inline text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    /// Plain text.
    Text(String),
    /// `inline code`.
    Code(String),
}

/// Splits a line into text and `code` spans (an unmatched backtick stays text).
pub fn spans(line: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find('`') {
        let Some(len) = rest[start + 1..].find('`') else { break };
        if start > 0 {
            out.push(Span::Text(rest[..start].to_string()));
        }
        out.push(Span::Code(rest[start + 1..start + 1 + len].to_string()));
        rest = &rest[start + 2 + len..];
    }
    if !rest.is_empty() {
        out.push(Span::Text(rest.to_string()));
    }
    out
}

/// The blocks of `text`.
pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut list: Vec<Vec<Span>> = Vec::new();
    let mut code: Option<Vec<&str>> = None;
    let flush = |blocks: &mut Vec<Block>, paragraph: &mut Vec<&str>, list: &mut Vec<Vec<Span>>| {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(spans(&paragraph.join(" "))));
            paragraph.clear();
        }
        if !list.is_empty() {
            blocks.push(Block::List(std::mem::take(list)));
        }
    };
    for line in text.lines() {
        if let Some(lines) = code.as_mut() {
            if line.trim_start().starts_with("```") {
                blocks.push(Block::Code(lines.join("\n")));
                code = None;
            } else {
                lines.push(line);
            }
            continue;
        }
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            flush(&mut blocks, &mut paragraph, &mut list);
            code = Some(Vec::new());
        } else if trimmed.is_empty() {
            flush(&mut blocks, &mut paragraph, &mut list);
        } else if let Some(item) = trimmed.strip_prefix("- ") {
            if !paragraph.is_empty() {
                flush(&mut blocks, &mut paragraph, &mut list);
            }
            list.push(spans(item));
        } else if trimmed.starts_with('#') && trimmed.trim_start_matches('#').starts_with(' ') {
            flush(&mut blocks, &mut paragraph, &mut list);
            let level = trimmed.len() - trimmed.trim_start_matches('#').len();
            blocks.push(Block::Heading(level.min(6), spans(trimmed.trim_start_matches('#').trim())));
        } else if !list.is_empty() && line.starts_with("  ") {
            if let Some(last) = list.last_mut() {
                last.push(Span::Text(" ".into()));
                last.extend(spans(trimmed));
            }
        } else {
            if !list.is_empty() {
                flush(&mut blocks, &mut paragraph, &mut list);
            }
            paragraph.push(trimmed);
        }
    }
    if let Some(lines) = code {
        blocks.push(Block::Code(lines.join("\n")));
    }
    flush(&mut blocks, &mut paragraph, &mut list);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_block_kind() {
        let doc =
            "# Title\n\nSome `x` text\ncontinues.\n\n- one\n- two `b`\n  wrapped\n\n```sh\ncargo run\n```\n## Sub\nend";
        let blocks = parse(doc);
        assert_eq!(blocks.len(), 6, "{blocks:?}");
        assert_eq!(blocks[0], Block::Heading(1, vec![Span::Text("Title".into())]));
        assert_eq!(
            blocks[1],
            Block::Paragraph(vec![
                Span::Text("Some ".into()),
                Span::Code("x".into()),
                Span::Text(" text continues.".into())
            ])
        );
        assert!(matches!(&blocks[2], Block::List(items) if items.len() == 2 && items[1].len() == 4));
        assert_eq!(blocks[3], Block::Code("cargo run".into()));
        assert!(matches!(blocks[4], Block::Heading(2, _)));
    }

    #[test]
    fn unclosed_things_do_not_break() {
        assert_eq!(spans("a ` b"), vec![Span::Text("a ` b".into())]);
        assert_eq!(parse("```\nno end"), vec![Block::Code("no end".into())]);
        assert_eq!(parse("#nospace"), vec![Block::Paragraph(vec![Span::Text("#nospace".into())])]);
    }

    #[test]
    fn the_bundled_provenance_parses_into_one_section_per_asset() {
        let blocks = parse(include_str!("../../assets/PROVENANCE.md"));
        let headings = blocks.iter().filter(|b| matches!(b, Block::Heading(2, _))).count();
        assert!(headings >= 12, "{headings}");
    }
}
