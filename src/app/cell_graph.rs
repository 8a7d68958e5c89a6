//! The NB201 cell drawn as a graph: four nodes, six edges coloured by op; clicking an edge
//! cycles its op, and each edge has a labelled menu for keyboard users.

use leptos::prelude::*;

use crate::space::nb201::{Cell, EDGE_NODES, EDGES, Op};

/// Node centres in the drawing (viewBox 0 0 420 220).
const NODE_XY: [(f64, f64); 4] = [(40.0, 150.0), (150.0, 60.0), (270.0, 60.0), (380.0, 150.0)];

/// Short label and colour class of an op.
pub fn op_short(op: Op) -> &'static str {
    match op {
        Op::None => "none",
        Op::SkipConnect => "skip",
        Op::NorConv1x1 => "conv1×1",
        Op::NorConv3x3 => "conv3×3",
        Op::AvgPool3x3 => "pool3×3",
    }
}

fn edge_path(edge: usize) -> (String, (f64, f64)) {
    let (from, to) = EDGE_NODES[edge];
    let (x1, y1) = NODE_XY[from];
    let (x2, y2) = NODE_XY[to];
    // Bend the long edges (0→2, 1→3, 0→3) down, away from nodes 1 and 2, so that they do not
    // hug the short edges there and every label sits on its own edge.
    let bend = match (from, to) {
        (0, 3) => 70.0,
        (0, 2) | (1, 3) => 28.0,
        _ => 0.0,
    };
    let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0 + bend);
    (format!("M{x1},{y1} Q{mx},{my} {x2},{y2}"), (mx, (my + (y1 + y2) / 2.0) / 2.0))
}

/// The drawn cell with one menu per edge; `cell` is read and written.
#[component]
pub fn CellGraph(cell: RwSignal<Cell>) -> impl IntoView {
    let edges = (0..EDGES)
        .map(|e| {
            let (path, (lx, ly)) = edge_path(e);
            let op = move || cell.get().ops[e];
            let cycle = move |_| {
                cell.update(|c| {
                    let next = (usize::from(c.ops[e].id()) + 1) % Op::ALL.len();
                    c.ops[e] = Op::ALL[next];
                })
            };
            view! {
                <g class="edge" on:click=cycle>
                    <title>{move || format!("edge {}→{}: {} (click to change)", EDGE_NODES[e].0, EDGE_NODES[e].1, op().name())}</title>
                    <path d=path.clone() class=move || format!("edge-line op-{}", op().name()) />
                    <path d=path class="edge-hit" />
                    <text x=lx y=ly class="edge-label">{move || op_short(op())}</text>
                </g>
            }
        })
        .collect_view();
    let nodes = NODE_XY
        .iter()
        .enumerate()
        .map(|(i, &(x, y))| {
            view! {
                <g class="node">
                    <circle cx=x cy=y r="16" />
                    <text x=x y=y dy="5">{i.to_string()}</text>
                </g>
            }
        })
        .collect_view();
    let menus = (0..EDGES)
        .map(|e| {
            let id = format!("edge-{e}");
            let label = format!("{}→{}", EDGE_NODES[e].0, EDGE_NODES[e].1);
            let options =
                Op::ALL.iter().map(|op| view! { <option value=op.name()>{op.name()}</option> }).collect_view();
            view! {
                <label class="edge-menu">
                    <span>{label}</span>
                    <select
                        id=id
                        prop:value=move || cell.get().ops[e].name()
                        on:change=move |ev| {
                            let name = event_target_value(&ev);
                            if let Some(op) = Op::ALL.into_iter().find(|o| o.name() == name) {
                                cell.update(|c| c.ops[e] = op);
                            }
                        }
                    >
                        {options}
                    </select>
                </label>
            }
        })
        .collect_view();
    view! {
        <figure class="cell-graph">
            <svg viewBox="0 0 420 220" role="img" aria-label="The cell as a graph: nodes 0 to 3, one edge per op">
                {edges}
                {nodes}
            </svg>
            <figcaption class="edge-menus">{menus}</figcaption>
        </figure>
    }
}
