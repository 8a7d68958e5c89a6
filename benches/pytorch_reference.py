#!/usr/bin/env python3
"""PyTorch CPU reference timings for `zsnas bench` (see benches/compare.sh and docs/SPEED.md).

A self-contained NAS-Bench-201 network (C=16, N=5, CIFAR-10 head: stem conv3x3+BN, 3 stages of
5 cells with ResNet reduction blocks between them, BN+ReLU, global pool, linear) and six proxies
written the way their reference code computes them:

  nwot       NASWOT (Mellor et al., ICML 2021): ReLU-input binary codes, K += c c^T + (1-c)(1-c)^T,
             slogdet; one no-grad forward.
  snip       zero-cost-nas: sum |W * dL/dW| over conv/linear weights; one forward + backward.
  synflow    zero-cost-nas: BN removed, |W|, float64, one all-ones image, sum of outputs backward.
  jacob_cov  zero-cost-nas: input gradient of sum(logits), np.corrcoef, np.linalg.eig.
  ntk_cond   TE-NAS: one full-batch forward, one backward per sample with retain_graph, grads of
             every parameter named 'weight' (BN gamma included), eigvalsh of the NTK.
  zico       ZiCo (official): two batches, per-weight mean|g| / std(g) across batches, log per layer.

Each timed run builds the network (PyTorch default init) and computes the proxy, as `zsnas bench`
times a proxy on a fresh session (its network is initialised inside the timed region). The input
is Gaussian noise of the CIFAR-10 shape with random labels: timing does not depend on the values.
Prints JSON on standard output.
"""

import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DEFAULT_CELLS = [
    "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|",
    "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|",
    "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|none~1|nor_conv_3x3~2|",
]
PROXIES = ["nwot", "snip", "synflow", "jacob_cov", "ntk_cond", "zico"]
SLOW = {"ntk_cond"}  # B backward passes: timed on --slow-runs runs without warm-up, like zsnas


def bn(c, enabled):
    return nn.BatchNorm2d(c) if enabled else nn.Identity()


class ReLUConvBN(nn.Sequential):
    def __init__(self, c_in, c_out, k, stride, pad, use_bn):
        super().__init__(nn.ReLU(), nn.Conv2d(c_in, c_out, k, stride, pad, bias=False), bn(c_out, use_bn))


class Zero(nn.Module):
    def forward(self, x):
        return x.mul(0.0)


def make_op(name, c, use_bn):
    if name == "none":
        return Zero()
    if name == "skip_connect":
        return nn.Identity()
    if name == "nor_conv_1x1":
        return ReLUConvBN(c, c, 1, 1, 0, use_bn)
    if name == "nor_conv_3x3":
        return ReLUConvBN(c, c, 3, 1, 1, use_bn)
    if name == "avg_pool_3x3":
        return nn.AvgPool2d(3, 1, 1, count_include_pad=False)
    raise ValueError(f"unknown op {name}")


def parse_arch(arch):
    """'|op~0|+|op~0|op~1|+|...|' -> [(node, source, op)]."""
    edges = []
    for node, part in enumerate(arch.split("+"), start=1):
        for token in filter(None, part.split("|")):
            op, src = token.split("~")
            edges.append((node, int(src), op))
    return edges


class Cell(nn.Module):
    def __init__(self, arch, c, use_bn):
        super().__init__()
        self.edges = parse_arch(arch)
        self.ops = nn.ModuleList(make_op(op, c, use_bn) for _, _, op in self.edges)

    def forward(self, x):
        nodes = [x]
        for node in range(1, 4):
            nodes.append(sum(op(nodes[src]) for (n, src, _), op in zip(self.edges, self.ops) if n == node))
        return nodes[3]


class Reduction(nn.Module):
    def __init__(self, c_in, c_out, use_bn):
        super().__init__()
        self.a = ReLUConvBN(c_in, c_out, 3, 2, 1, use_bn)
        self.b = ReLUConvBN(c_out, c_out, 3, 1, 1, use_bn)
        self.shortcut = nn.Sequential(nn.AvgPool2d(2, 2, 0), nn.Conv2d(c_in, c_out, 1, bias=False))

    def forward(self, x):
        return self.shortcut(x) + self.b(self.a(x))


class Nb201(nn.Module):
    def __init__(self, arch, c=16, n=5, classes=10, use_bn=True):
        super().__init__()
        layers = [nn.Conv2d(3, c, 3, 1, 1, bias=False), bn(c, use_bn)]
        for stage, width in enumerate([c, 2 * c, 4 * c]):
            if stage > 0:
                layers.append(Reduction(width // 2, width, use_bn))
            layers += [Cell(arch, width, use_bn) for _ in range(n)]
        layers += [bn(4 * c, use_bn), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten()]
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Linear(4 * c, classes)

    def forward(self, x):
        return self.classifier(self.features(x))


def prunable(net):
    return [m for m in net.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]


def nwot(arch, x, y, x2, y2):
    net = Nb201(arch)
    k = torch.zeros(x.shape[0], x.shape[0])

    def hook(module, inp, out):
        c = (inp[0].view(inp[0].shape[0], -1) > 0).float()
        k.add_(c @ c.t() + (1.0 - c) @ (1.0 - c.t()))

    for m in net.modules():
        if isinstance(m, nn.ReLU):
            m.register_forward_hook(hook)
    with torch.no_grad():
        net(x)
    return torch.linalg.slogdet(k)[1].item()


def snip(arch, x, y, x2, y2):
    net = Nb201(arch)
    F.cross_entropy(net(x), y).backward()
    return sum((m.weight * m.weight.grad).abs().sum().item() for m in prunable(net))


def synflow_of(net, image_shape):
    """Synflow of a BN-free network (modified in place): |θ| in f64, an all-ones input, R = Σ out."""
    with torch.no_grad():
        for p in net.state_dict().values():
            p.abs_()
    net.double()
    net.zero_grad()
    torch.sum(net(torch.ones((1,) + tuple(image_shape), dtype=torch.float64))).backward()
    return sum((m.weight * m.weight.grad).abs().sum().item() for m in prunable(net))


def synflow(arch, x, y, x2, y2):
    return synflow_of(Nb201(arch, use_bn=False), x.shape[1:])


def jacob_cov(arch, x, y, x2, y2):
    net = Nb201(arch)
    x = x.clone().requires_grad_(True)
    out = net(x)
    out.backward(torch.ones_like(out))
    jacob = x.grad.view(x.shape[0], -1).numpy()
    v, _ = np.linalg.eig(np.corrcoef(jacob))
    k = 1e-5
    return float(-np.sum(np.log(v + k) + 1.0 / (v + k)).real)


def ntk_cond(arch, x, y, x2, y2):
    net = Nb201(arch)
    logits = net(x)
    grads = []
    for i in range(x.shape[0]):
        logits[i : i + 1].backward(torch.ones_like(logits[i : i + 1]), retain_graph=True)
        grads.append(
            torch.cat([w.grad.view(-1).detach() for name, w in net.named_parameters() if "weight" in name and w.grad is not None])
        )
        net.zero_grad()
    g = torch.stack(grads, 0)
    eig = torch.linalg.eigvalsh(g @ g.t())
    return (eig.max() / eig.min()).item()


def zico(arch, x, y, x2, y2):
    net = Nb201(arch)
    per_layer = {}
    for xb, yb in ((x, y), (x2, y2)):
        net.zero_grad()
        F.cross_entropy(net(xb), yb).backward()
        for i, m in enumerate(prunable(net)):
            per_layer.setdefault(i, []).append(m.weight.grad.data.reshape(-1).numpy().copy())
    score = 0.0
    for grads in per_layer.values():
        g = np.array(grads)
        std = np.std(g, axis=0)
        nz = std != 0
        s = np.sum(np.mean(np.abs(g), axis=0)[nz] / std[nz])
        if s != 0:
            score += np.log(s)
    return float(score)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cells", default=",".join(DEFAULT_CELLS), help="comma-separated arch strings")
    ap.add_argument("--proxies", default=",".join(PROXIES))
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--slow-runs", type=int, default=1, help="timed runs of ntk_cond (no warm-up)")
    ap.add_argument("--threads", type=int, default=os.cpu_count(), help="torch.set_num_threads (default: cores)")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    shape = (a.batch_size, 3, 32, 32)
    x, x2 = torch.randn(shape), torch.randn(shape)
    y, y2 = torch.randint(0, 10, (a.batch_size,)), torch.randint(0, 10, (a.batch_size,))
    rows = []
    for arch in a.cells.split(","):
        for name in a.proxies.split(","):
            fn = globals()[name]
            warmup, runs = (0, a.slow_runs) if name in SLOW else (a.warmup, a.runs)
            ms = []
            for run in range(warmup + runs):
                start = time.perf_counter()
                value = fn(arch, x, y, x2, y2)
                elapsed = (time.perf_counter() - start) * 1e3
                if run >= warmup:
                    ms.append(elapsed)
            rows.append(
                {"cell": arch, "proxy": name, "runs": runs, "median_ms": statistics.median(ms), "min_ms": min(ms), "value": value}
            )
            print(f"{name} {arch}: {statistics.median(ms):.1f} ms", file=sys.stderr)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "batch_size": a.batch_size, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
