//! One result table printed three ways (`--format table|csv|json`), so commands build rows
//! once instead of writing three printers each.

use serde_json::Value;

/// Column names and rows of JSON values (numbers, strings, null).
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// Column names.
    pub headers: Vec<String>,
    /// Rows, each as long as `headers`.
    pub rows: Vec<Vec<Value>>,
}

/// A number as JSON, `null` when not finite (JSON has no NaN).
pub fn num(x: f64) -> Value {
    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
}

/// An optional value as JSON (`null` when absent; a non-finite float is `null` too).
pub fn opt<T: Into<Value>>(x: Option<T>) -> Value {
    x.map_or(Value::Null, Into::into)
}

fn cell_text(v: &Value, human: bool) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) if human => match n.as_f64() {
            Some(x) if n.is_f64() && x != 0.0 && (x.abs() >= 1e6 || x.abs() < 1e-3) => format!("{x:.4e}"),
            Some(x) if n.is_f64() => format!("{x:.4}"),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

fn csv_field(s: String) -> String {
    if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

impl Table {
    /// A table with these column names and no rows.
    pub fn new(headers: &[&str]) -> Table {
        Table { headers: headers.iter().map(|h| h.to_string()).collect(), rows: Vec::new() }
    }

    /// Appends a row.
    pub fn push(&mut self, row: Vec<Value>) {
        self.rows.push(row);
    }

    /// Renders as `table` (aligned text), `csv`, `json` (array of objects) or `md` (a Markdown
    /// table, for docs).
    pub fn render(&self, format: &str) -> Result<String, String> {
        match format {
            "md" => {
                let row = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
                let mut out = row(self.headers.clone());
                out.push('\n');
                out.push_str(&row(self.headers.iter().map(|_| "---".to_string()).collect()));
                for r in &self.rows {
                    out.push('\n');
                    out.push_str(&row(r.iter().map(|v| cell_text(v, true).replace('|', "\\|")).collect()));
                }
                Ok(out)
            }
            "csv" => {
                let mut out = self.headers.iter().cloned().map(csv_field).collect::<Vec<_>>().join(",");
                for row in &self.rows {
                    out.push('\n');
                    out.push_str(&row.iter().map(|v| csv_field(cell_text(v, false))).collect::<Vec<_>>().join(","));
                }
                Ok(out)
            }
            "json" => {
                let objects: Vec<Value> = self
                    .rows
                    .iter()
                    .map(|row| Value::Object(self.headers.iter().cloned().zip(row.iter().cloned()).collect()))
                    .collect();
                serde_json::to_string_pretty(&objects).map_err(|e| e.to_string())
            }
            "table" => {
                let texts: Vec<Vec<String>> =
                    self.rows.iter().map(|r| r.iter().map(|v| cell_text(v, true)).collect()).collect();
                let widths: Vec<usize> = (0..self.headers.len())
                    .map(|c| {
                        let body = texts.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count());
                        body.chain([self.headers[c].chars().count()]).max().unwrap_or(0)
                    })
                    .collect();
                let line = |cells: &[String]| {
                    cells
                        .iter()
                        .zip(&widths)
                        .map(|(s, &w)| format!("{s:<w$}"))
                        .collect::<Vec<_>>()
                        .join("  ")
                        .trim_end()
                        .to_string()
                };
                let mut out = line(&self.headers);
                for r in &texts {
                    out.push('\n');
                    out.push_str(&line(r));
                }
                Ok(out)
            }
            other => Err(format!("unknown format '{other}' (table, csv, json or md)")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_three_ways() {
        let mut t = Table::new(&["name", "value"]);
        t.push(vec![Value::from("a,b"), num(1.5)]);
        t.push(vec![Value::from("c"), num(f64::NAN)]);
        assert_eq!(t.render("csv").unwrap(), "name,value\n\"a,b\",1.5\nc,");
        let json: Value = serde_json::from_str(&t.render("json").unwrap()).unwrap();
        assert_eq!(json[0]["value"], 1.5);
        assert!(json[1]["value"].is_null());
        assert_eq!(t.render("table").unwrap(), "name  value\na,b   1.5000\nc");
        assert_eq!(t.render("md").unwrap(), "| name | value |\n| --- | --- |\n| a,b | 1.5000 |\n| c |  |");
        assert!(t.render("xml").is_err());
    }
}
