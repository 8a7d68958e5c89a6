#!/usr/bin/env python3
"""Same network, same images: NASLib's proxies recomputed in PyTorch on cells exported by zsnas.

`cargo run --release --example export_cell` writes, per NB201 cell, the exact initial weights and
image batch `zsnas score` used, and our score per proxy (see examples/export_cell.rs). This script
loads them into the PyTorch NB201 network of benches/pytorch_reference.py and computes each proxy
the way zero-cost-nas / NASLib's code does (`naslib/predictors/utils/pruners/measures/*.py`),
including the exact double-backward Hessian-vector product for grasp where zsnas uses a finite
difference. With the init and the batch taken out of the comparison, what is left is the
implementation: a proxy whose values agree here and whose per-cell agreement with NASLib's own
scores is low differs from NASLib by the protocol's randomness (which weights, which images).

  python3 benches/same_weights.py EXPORT_DIR [--proxies p,q] [--json]

Prints one line per proxy: cells, the largest and median relative difference |ours − theirs| /
max(|theirs|, tiny), and the Spearman ρ between the two over the cells. `--json` prints every value.
"""

import argparse
import copy
import glob
import json
import math
import os
import statistics
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_reference import Nb201, prunable, synflow_of  # noqa: E402  (the network is defined once, there)

PROXIES = ["l2_norm", "grad_norm", "plain", "snip", "synflow", "nwot", "fisher", "jacob_cov", "epe_nas", "grasp", "ntk_cond"]


# ---------------------------------------------------------------------------------------------
# Loading an exported cell.

EDGE_ORDER = [(0, 1), (0, 2), (1, 2), (0, 3), (1, 3), (2, 3)]  # (from, to) in arch-string order


def arch_string(ops):
    """Six edge ops in NB201 order -> '|op~0|+|op~0|op~1|+|op~0|op~1|op~2|'."""
    nodes = []
    for to in (1, 2, 3):
        nodes.append("|" + "|".join(f"{ops[e]}~{f}" for e, (f, t) in enumerate(EDGE_ORDER) if t == to) + "|")
    return "+".join(nodes)


def feature_position(cell):
    """Index in Nb201.features of cell `cell` (0..14): stem conv + bn, reductions after 5 and 10."""
    return 2 + cell + (cell >= 5) + (cell >= 10)


def torch_name(ours):
    """zsnas parameter name -> the state_dict key of the same tensor in pytorch_reference.Nb201."""
    leaf = {"weight": "weight", "gamma": "weight", "beta": "bias", "bias": "bias"}
    parts = ours.split(".")
    kind = leaf[parts[-1]]
    if parts[0] == "stem":
        return f"features.{0 if parts[1] == 'conv' else 1}.{kind}"
    if parts[0] == "lastact":
        return f"features.19.{kind}"
    if parts[0] == "classifier":
        return f"classifier.{kind}"
    sub = {"conv": 1, "bn": 2}
    if parts[0] == "cells":  # cells.{i}.edge_{from}_{to}.{conv|bn}.{leaf}
        f, t = (int(v) for v in parts[2].split("_")[1:])
        return f"features.{feature_position(int(parts[1]))}.ops.{EDGE_ORDER.index((f, t))}.{sub[parts[3]]}.{kind}"
    if parts[0].startswith("reduce"):  # reduce{s}.{conv_a|conv_b}.{conv|bn}.{leaf} | reduce{s}.downsample.weight
        pos = 7 if parts[0] == "reduce1" else 13
        if parts[1] == "downsample":
            return f"features.{pos}.shortcut.1.{kind}"
        return f"features.{pos}.{parts[1][-1]}.{sub[parts[2]]}.{kind}"
    raise ValueError(f"unknown parameter {ours}")


def load_cell(path_json):
    meta = json.load(open(path_json))
    blob = np.fromfile(path_json[: -len(".json")] + ".f32", dtype="<f4")
    net = Nb201(arch_string(meta["ops"]), classes=meta["classes"])
    state = net.state_dict()
    assigned, at = set(), 0
    for p in meta["params"]:
        n = int(np.prod(p["shape"]))
        key = torch_name(p["name"])
        if list(state[key].shape) != p["shape"]:
            raise ValueError(f"{p['name']} -> {key}: shape {p['shape']} vs {list(state[key].shape)}")
        state[key].copy_(torch.from_numpy(blob[at : at + n].reshape(p["shape"])))
        assigned.add(key)
        at += n
    learnable = {k for k, _ in net.named_parameters()}
    if assigned != learnable:
        raise ValueError(f"parameters not covered: {sorted(learnable ^ assigned)}")
    res = meta["resolution"]
    x = torch.from_numpy(blob[at:].copy()).reshape(-1, 3, res, res)
    y = torch.tensor(meta["labels"], dtype=torch.long)
    if x.shape[0] != y.shape[0]:
        raise ValueError(f"{path_json}: {x.shape[0]} images, {y.shape[0]} labels")
    net.train()  # batch statistics, the default protocol
    return meta, net, x, y


# ---------------------------------------------------------------------------------------------
# The proxies, as zero-cost-nas / NASLib compute them (each on a fresh copy of the network).


def weight_grads(net, x, y):
    net.zero_grad()
    F.cross_entropy(net(x), y).backward()
    return [(m.weight.detach(), m.weight.grad.detach()) for m in prunable(net)]


def l2_norm(net, x, y, meta):
    return sum(m.weight.norm().item() for m in prunable(net))


def grad_norm(net, x, y, meta):
    return sum(g.norm().item() for _, g in weight_grads(net, x, y))


def plain(net, x, y, meta):
    return sum((w * g).double().sum().item() for w, g in weight_grads(net, x, y))


def snip(net, x, y, meta):
    return sum((w * g).abs().double().sum().item() for w, g in weight_grads(net, x, y))


def synflow(net, x, y, meta):
    net = copy.deepcopy(net)
    for module in list(net.modules()):
        for child_name, child in list(module.named_children()):
            if isinstance(child, nn.BatchNorm2d):
                setattr(module, child_name, nn.Identity())
    return synflow_of(net, x.shape[1:])


def nwot(net, x, y, meta):
    k = torch.zeros(x.shape[0], x.shape[0], dtype=torch.float64)

    def hook(module, inp, out):
        c = (inp[0].reshape(inp[0].shape[0], -1) > 0).double()
        k.add_(c @ c.t() + (1.0 - c) @ (1.0 - c.t()))

    handles = [m.register_forward_hook(hook) for m in net.modules() if isinstance(m, nn.ReLU)]
    with torch.no_grad():
        net(x)
    for h in handles:
        h.remove()
    return torch.linalg.slogdet(k)[1].item()


def fisher(net, x, y, meta):
    """zero-cost-nas fisher.py: per conv/linear output z, del_k = ½ mean_n (Σ_spatial z·∂L/∂z)²;
    reshape_elements broadcasts each channel's value to all of its weights before the sum."""
    acts = []

    def hook(module, inp, out):
        out.retain_grad()
        acts.append((module, out))

    layers = prunable(net)
    handles = [m.register_forward_hook(hook) for m in layers]
    net.zero_grad()
    F.cross_entropy(net(x), y).backward()
    for h in handles:
        h.remove()
    total = 0.0
    for module, z in acts:
        g = z * z.grad
        g_nk = g.sum(dim=(2, 3)) if g.dim() == 4 else g
        del_k = g_nk.pow(2).mean(0).mul(0.5).double()
        per_channel_weights = module.weight[0].numel()  # fan-in: c_in·k·k, or `in`
        total += (del_k.sum() * per_channel_weights).item()
    return total


def input_jacobian(net, x):
    x = x.clone().requires_grad_(True)
    net.zero_grad()
    out = net(x)
    out.backward(torch.ones_like(out))
    return x.grad.detach().reshape(x.shape[0], -1).numpy().astype(np.float64)


def jacob_cov(net, x, y, meta):
    v, _ = np.linalg.eig(np.corrcoef(input_jacobian(net, x)))
    k = 1e-5
    return float(-np.sum(np.log(v + k) + 1.0 / (v + k)).real)


def epe_nas(net, x, y, meta):
    """NASLib epe_nas.py eval_score_perclass, verbatim in structure (including its except)."""
    jacob, labels, n_classes, k = input_jacobian(net, x), y.numpy(), meta["classes"], 1e-5
    per_class = {}
    for i, label in enumerate(labels):
        per_class[label] = np.vstack((per_class[label], jacob[i])) if label in per_class else jacob[i]
    scores = {}
    for c, rows in per_class.items():
        try:
            corrs = np.array(np.corrcoef(rows))
            s = np.sum(np.log(abs(corrs) + k))
            if n_classes > 100:
                s /= len(corrs)  # a one-sample class: len() of a 0-d array raises, and it is skipped
        except TypeError:
            continue
        scores[c] = s
    if n_classes <= 100:
        return float(sum(np.absolute(s) for s in scores.values()))
    total = sum(np.absolute(scores[a] - scores[b]) for a in scores for b in scores)
    return float(total / len(scores)) if scores else 0.0


def grasp(net, x, y, meta):
    """zero-cost-nas grasp.py: g = ∇L (detached), z = gᵀ∇L with create_graph, z.backward() gives
    Hg exactly; score = Σ −W ⊙ Hg over conv and linear weights."""
    weights = [m.weight for m in prunable(net)]
    net.zero_grad()
    g = [t.detach() for t in torch.autograd.grad(F.cross_entropy(net(x), y), weights)]
    gf = torch.autograd.grad(F.cross_entropy(net(x), y), weights, create_graph=True)
    z = sum((a * b).sum() for a, b in zip(g, gf))
    net.zero_grad()
    z.backward()
    return sum((-w.detach() * w.grad).double().sum().item() for w in weights)


def ntk_cond(net, x, y, meta):
    """TE-NAS's κ over conv and linear weights (zsnas's θ; TE-NAS's code adds BN γ): one full-batch
    forward in train mode, one backward per sample with retain_graph."""
    logits = net(x)
    rows = []
    for i in range(x.shape[0]):
        net.zero_grad()
        logits[i : i + 1].backward(torch.ones_like(logits[i : i + 1]), retain_graph=True)
        rows.append(torch.cat([m.weight.grad.reshape(-1).double() for m in prunable(net)]))
    g = torch.stack(rows)
    eig = torch.linalg.eigvalsh(g @ g.t())
    return (eig.max() / eig.min()).item() if eig.min() > 0 else float("nan")


# ---------------------------------------------------------------------------------------------


def spearman(a, b):
    def ranks(v):
        order = sorted(range(len(v)), key=lambda i: v[i])
        r = [0.0] * len(v)
        i = 0
        while i < len(v):
            j = i
            while j + 1 < len(v) and v[order[j + 1]] == v[order[i]]:
                j += 1
            for t in range(i, j + 1):
                r[order[t]] = (i + j) / 2.0
            i = j + 1
        return r

    ra, rb = ranks(a), ranks(b)
    ma, mb = statistics.fmean(ra), statistics.fmean(rb)
    num = sum((p - ma) * (q - mb) for p, q in zip(ra, rb))
    den = math.sqrt(sum((p - ma) ** 2 for p in ra) * sum((q - mb) ** 2 for q in rb))
    return num / den if den > 0 else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("export_dir")
    ap.add_argument("--proxies", default=",".join(PROXIES))
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--json", action="store_true", help="print every value as JSON")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    proxies = a.proxies.split(",")
    for p in proxies:
        if p not in PROXIES:
            sys.exit(f"same_weights.py: unknown proxy {p} (known: {','.join(PROXIES)})")
    files = sorted(glob.glob(os.path.join(a.export_dir, "*.json")), key=lambda f: int(os.path.basename(f)[:-5]))
    if not files:
        sys.exit(f"same_weights.py: no exported cells in {a.export_dir}")
    values = {p: [] for p in proxies}  # (index, ours, theirs)
    dataset = None
    for path in files:
        meta, net, x, y = load_cell(path)
        dataset = meta["dataset"]
        for p in proxies:
            if p not in meta["scores"]:
                continue
            theirs = globals()[p](copy.deepcopy(net), x, y, meta)
            values[p].append((meta["index"], meta["scores"][p], theirs))
        print(f"cell {meta['index']} done", file=sys.stderr)
    if a.json:
        print(json.dumps({p: [{"index": i, "ours": o, "theirs": t} for i, o, t in v] for p, v in values.items()}, indent=1))
        return
    print(f"{dataset}, seed {meta['seed']}, batch {x.shape[0]}: ours (zsnas) vs PyTorch on the same weights and images")
    # A failed score (ours: null; theirs: NaN/inf) on both sides is agreement; on one side only,
    # a disagreement, counted apart.
    print(f"{'proxy':<10} {'cells':>5} {'both failed':>11} {'one failed':>10} {'max rel diff':>12} {'median rel':>11} {'Spearman':>9}")
    for p in proxies:
        ok = [(o is not None and math.isfinite(o), math.isfinite(t)) for _, o, t in values[p]]
        both, one = sum(not a and not b for a, b in ok), sum(a != b for a, b in ok)
        pairs = [(o, t) for (_, o, t), (a, b) in zip(values[p], ok) if a and b]
        head = f"{p:<10} {len(values[p]):>5} {both:>11} {one:>10}"
        if not pairs:
            print(head)
            continue
        rel = [abs(o - t) / max(abs(t), 1e-30) for o, t in pairs]
        rho = spearman([o for o, _ in pairs], [t for _, t in pairs]) if len(pairs) > 2 else float("nan")
        print(f"{head} {max(rel):>12.2e} {statistics.median(rel):>11.2e} {rho:>9.4f}")


if __name__ == "__main__":
    main()
