//! Exports NB201 cells exactly as `zsnas score` builds them — initial weights, batch 0 and our
//! scores — so another implementation can score the identical network and images
//! (`benches/same_weights.sh` recomputes NASLib's proxies from these in PyTorch).
//!
//! `cargo run --release --example export_cell -- DATASET SEED OUT_DIR INDEX[,INDEX…] PROXY[,PROXY…]`
//!
//! Per cell it writes `OUT_DIR/<index>.json` (the six edge ops, classes, resolution, batch 0's
//! labels, every parameter's name and shape in order, our score per proxy) and
//! `OUT_DIR/<index>.f32` (little-endian f32: every parameter in that order, then batch 0's
//! normalised pixels, `[n, 3, res, res]`). Default protocol otherwise (batch 64, PyTorch init,
//! batch-statistics BN, real images).

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> Result<(), String> {
    use burn::tensor::Device;
    use zsnas::cli::{Assets, pool_of};
    use zsnas::net::init::init_values;
    use zsnas::proxy::batch::draw_batches;
    use zsnas::proxy::kind::ProxyKind;
    use zsnas::proxy::protocol::Protocol;
    use zsnas::proxy::session::Session;
    use zsnas::space::nb201::Cell;
    use zsnas::space::{Arch, Dataset};

    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dataset_name, seed, out_dir, indices, proxies] = args.as_slice() else {
        return Err("usage: export_cell DATASET SEED OUT_DIR INDEX[,INDEX…] PROXY[,PROXY…]".into());
    };
    let dataset = Dataset::from_name(dataset_name).ok_or("unknown dataset")?;
    let seed: u64 = seed.parse().map_err(|e| format!("seed: {e}"))?;
    let indices = indices.split(',').map(|s| s.parse::<usize>().map_err(|e| format!("index {s}: {e}")));
    let indices: Vec<usize> = indices.collect::<Result<_, _>>()?;
    let proxies = proxies.split(',').map(|p| ProxyKind::from_name(p).ok_or(format!("unknown proxy {p}")));
    let proxies: Vec<ProxyKind> = proxies.collect::<Result<_, _>>()?;
    let assets = Assets::open(None)?; // ./assets, else the source tree's, as `zsnas score`
    let protocol = Protocol { dataset, seed, ..Protocol::default() };
    let pool = pool_of(&protocol, &assets)?;
    std::fs::create_dir_all(out_dir).map_err(|e| e.to_string())?;
    for index in indices {
        let code = assets.archs.code_of(index).ok_or(format!("no cell {index}"))?;
        let cell = Cell::from_code(code).ok_or("bad arch code")?;
        let batches = draw_batches(&protocol, seed, pool.as_ref()).map_err(|e| e.to_string())?;
        let first = batches[0].clone();
        let session = Session::new(Arch::Nb201(cell), protocol.clone(), seed, Device::flex(), batches)
            .map_err(|e| e.to_string())?;
        let mut blob: Vec<f32> = init_values(&session.program, protocol.init, seed).concat();
        blob.extend_from_slice(&first.pixels);
        let bytes: Vec<u8> = blob.iter().flat_map(|v| v.to_le_bytes()).collect();
        std::fs::write(format!("{out_dir}/{index}.f32"), bytes).map_err(|e| e.to_string())?;
        let mut scores = serde_json::Map::new();
        for &kind in &proxies {
            // A failed score is written as null.
            let value = pollster::block_on(kind.compute(&session)).ok().map(|s| s.value);
            scores.insert(kind.info().name.to_string(), serde_json::json!(value));
        }
        let params: Vec<serde_json::Value> =
            session.program.params.iter().map(|p| serde_json::json!({ "name": p.name, "shape": p.shape })).collect();
        let meta = serde_json::json!({
            "index": index,
            "dataset": dataset.name(),
            "seed": seed,
            "ops": cell.ops.iter().map(|o| o.name()).collect::<Vec<_>>(),
            "classes": dataset.classes(),
            "resolution": first.resolution,
            "labels": first.labels,
            "params": params,
            "scores": scores,
        });
        std::fs::write(format!("{out_dir}/{index}.json"), meta.to_string()).map_err(|e| e.to_string())?;
        eprintln!("exported cell {index}");
    }
    Ok(())
}
