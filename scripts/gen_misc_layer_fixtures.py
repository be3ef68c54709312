#!/usr/bin/python3
"""Generates test/fixtures/misc-layers.json from PyTorch (the oracle) for test/misc-layers.test.ts.

Run with Debian's PyTorch:  /usr/bin/python3 scripts/gen_misc_layer_fixtures.py
Deterministic. Inputs and upstream gradients are not stored: both sides compute them,
input[k] = float32(sin(0.7·k + 0.3)) and gradOutput[k] = float32(cos(1.3·k)), so the file holds
only torch's results: for ZeroPad2d / ReflectionPad2d / ReplicationPad2d over paddings and
shapes (and the other layers of issue 12's misc part, section by section) the output and the
input's gradient from torch.autograd, and the errors torch raises (first line of its message).
"""
import json
import math
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test" / "fixtures" / "misc-layers.json"


# the standard inputs, gradients, printing and torch's error text (shared with the other layer scripts)
from fixture_inputs import error_of, flat, grads, inputs, run, values  # noqa: E402


PAD_LAYERS = {"ZeroPad2d": nn.ZeroPad2d, "ReflectionPad2d": nn.ReflectionPad2d, "ReplicationPad2d": nn.ReplicationPad2d}


def pad_section():
    cases, errors = [], []
    paddings = [0, 1, 2, [1, 0, 0, 0], [0, 2, 1, 0], [2, 1, 0, 3], [1, 2, 3, 1]]
    shapes = [[1, 1, 3, 4], [2, 3, 4, 4], [2, 5, 3], [1, 2, 4, 5]]
    for layer, cls in PAD_LAYERS.items():
        for p in paddings:
            for s in shapes:
                arg = tuple(p) if isinstance(p, list) else p
                if layer == "ReflectionPad2d":
                    q = [p] * 4 if isinstance(p, int) else p
                    if max(q[0], q[1]) >= s[-1] or max(q[2], q[3]) >= s[-2]:
                        continue
                out, gin = run(cls(arg), s)
                cases.append({"layer": layer, "padding": p, "input": s, "output": out, "gradInput": gin})
        if layer == "ZeroPad2d":
            for p, s in [([-1, 0, 0, -1], [1, 2, 3, 4]), ([-1, -1, 1, 1], [2, 3, 4]), (2, [3, 4]), (1, [2, 1, 2, 3, 3])]:
                out, gin = run(cls(tuple(p) if isinstance(p, list) else p), s)
                cases.append({"layer": layer, "padding": p, "input": s, "output": out, "gradInput": gin})
    for layer, p, s in [
        ("ReflectionPad2d", 3, [1, 1, 3, 3]),
        ("ReflectionPad2d", [1, 1, 3, 0], [1, 1, 3, 3]),
        ("ReflectionPad2d", [0, 4, 0, 0], [2, 3, 4]),
        ("ReflectionPad2d", 1, [3, 3]),
        ("ReflectionPad2d", 1, [1, 1, 1, 3, 3]),
        ("ReplicationPad2d", 1, [3, 3]),
        ("ReplicationPad2d", 1, [1, 1, 1, 3, 3]),
        ("ReplicationPad2d", 0, [1, 1, 0, 3]),
        ("ZeroPad2d", [-2, -2, 0, 0], [1, 1, 3, 3]),
        ("ZeroPad2d", [0, 0, -3, -1], [1, 3, 3]),
    ]:
        cls = PAD_LAYERS[layer]
        errors.append({"layer": layer, "padding": p, "input": s, "torch": error_of(lambda: cls(tuple(p) if isinstance(p, list) else p)(torch.zeros(s)))})
    return cases, errors


def ties(shape):
    # few distinct values: ties, where the first max in row-major order wins
    return values(shape, lambda k: math.floor(2 * math.sin(0.7 * k + 0.3)))


def adaptive_max_section():
    cases, errors = [], []
    for s, size in [([1, 1, 5, 7], 3), ([2, 3, 6, 6], [2, 4]), ([3, 7, 5], [None, 2]), ([1, 2, 4, 9], [4, None]),
                    ([2, 2, 3, 3], 5), ([1, 1, 8, 8], 1), ([2, 7, 4], 2)]:
        for kind in ["sin", "ties"]:
            x = (inputs(s) if kind == "sin" else ties(s)).requires_grad_()
            arg = tuple(size) if isinstance(size, list) else size
            y, idx = F.adaptive_max_pool2d(x, arg, return_indices=True)
            y.backward(grads(list(y.shape)))
            cases.append({"input": s, "inputKind": kind, "outputSize": size, "output": {"shape": list(y.shape), "values": flat(y)},
                          "indices": [int(v) for v in idx.flatten().tolist()], "gradInput": flat(x.grad)})
    for s, size in [([3, 7], 2), ([1, 3, 0, 7], 2), ([2, 0, 4, 4], 2), ([1, 3, 4, 7], -1), ([1, 3, 4, 7], [1, 2, 3])]:
        errors.append({"input": s, "outputSize": size, "torch": error_of(lambda: nn.AdaptiveMaxPool2d(tuple(size) if isinstance(size, list) else size)(torch.zeros(s)))})
    return cases, errors


def pool_indices_section():
    """MaxPool2d(return_indices=True), then MaxUnpool2d of its output: values, indices, gradients."""
    cases, errors = [], []
    for s, opts in [([1, 1, 4, 4], {"kernelSize": 2}), ([2, 3, 5, 7], {"kernelSize": 3, "stride": 2, "padding": 1}),
                    ([1, 2, 6, 5], {"kernelSize": [2, 3], "stride": [2, 1], "padding": [1, 0], "dilation": [2, 1], "ceilMode": True}),
                    ([3, 5, 5], {"kernelSize": 2, "stride": 1}), ([1, 2, 7, 7], {"kernelSize": 3, "stride": 2, "ceilMode": True})]:
        for kind in ["sin", "ties"]:
            kw = {"kernel_size": tuple(opts["kernelSize"]) if isinstance(opts["kernelSize"], list) else opts["kernelSize"]}
            for a, b in [("stride", "stride"), ("padding", "padding"), ("dilation", "dilation"), ("ceilMode", "ceil_mode")]:
                if a in opts:
                    kw[b] = tuple(opts[a]) if isinstance(opts[a], list) else opts[a]
            x = (inputs(s) if kind == "sin" else ties(s)).requires_grad_()
            y, idx = F.max_pool2d(x, return_indices=True, **kw)
            y.backward(grads(list(y.shape)))
            entry = {"input": s, "inputKind": kind, "options": opts, "output": {"shape": list(y.shape), "values": flat(y)},
                     "indices": [int(v) for v in idx.flatten().tolist()], "gradInput": flat(x.grad)}
            # unpooling the pooled values (no dilation or ceil mode: MaxUnpool2d's parameters are kernel, stride, padding)
            if "dilation" not in opts and "ceilMode" not in opts:
                ukw = {k: v for k, v in kw.items() if k in ("kernel_size", "stride", "padding")}
                sizes = [None, list(s[-2:])]
                entry["unpool"] = []
                for size in sizes:
                    z = y.detach().clone().requires_grad_()
                    u = F.max_unpool2d(z, idx, output_size=size, **ukw)
                    u.backward(grads(list(u.shape)))
                    entry["unpool"].append({"outputSize": size, "output": {"shape": list(u.shape), "values": flat(u)}, "gradInput": flat(z.grad)})
            cases.append(entry)
    y, idx = F.max_pool2d(inputs([1, 2, 4, 4]), 2, return_indices=True)
    for name, fn in [
        ("outputSize [6, 5]", lambda: nn.MaxUnpool2d(2)(y, idx, output_size=[6, 5])),
        ("outputSize [4]", lambda: nn.MaxUnpool2d(2)(y, idx, output_size=[4])),
        ("indices of another shape", lambda: nn.MaxUnpool2d(2)(y, idx[:, :1])),
        ("2-D input", lambda: nn.MaxUnpool2d(2)(y[0, 0], idx[0, 0])),
        ("an index outside the output", lambda: nn.MaxUnpool2d(2)(y, idx + 100)),
        ("empty channels", lambda: nn.MaxUnpool2d(2)(torch.zeros(1, 0, 2, 2), torch.zeros(1, 0, 2, 2, dtype=torch.long))),
    ]:
        errors.append({"name": name, "torch": error_of(fn)})
    return cases, errors


def embedding_section():
    """F.embedding with weight[k] = sin(0.7k + 0.3): outputs and the weight's gradient (scatter-add)."""
    cases, errors = [], []
    for n, d, idx, pad in [(10, 3, [[1, 2, 4, 5], [4, 3, 2, 9]], None), (10, 3, [[0, 2, 0, 5], [4, 3, 2, 9]], 0),
                           (5, 4, [3, 3, 1, 3], -1), (7, 2, [[[6, 0], [2, 2]], [[1, 6], [5, 4]]], 2), (4, 5, 2, None)]:
        w = inputs([n, d]).requires_grad_()
        i = torch.tensor(idx, dtype=torch.long)
        y = F.embedding(i, w, padding_idx=pad)
        y.backward(grads(list(y.shape)))
        cases.append({"numEmbeddings": n, "embeddingDim": d, "indices": idx, "paddingIdx": pad,
                      "output": {"shape": list(y.shape), "values": flat(y)}, "gradWeight": flat(w.grad)})
    for name, fn in [("index out of range", lambda: nn.Embedding(10, 3)(torch.tensor([1, 10]))),
                     ("paddingIdx out of range", lambda: nn.Embedding(10, 3, padding_idx=10)),
                     ("paddingIdx below -numEmbeddings", lambda: nn.Embedding(10, 3, padding_idx=-11))]:
        errors.append({"name": name, "torch": error_of(fn)})
    return cases, errors


def main():
    pad_cases, pad_errors = pad_section()
    am_cases, am_errors = adaptive_max_section()
    pi_cases, pi_errors = pool_indices_section()
    data = {"pad2d": pad_cases, "pad2dErrors": pad_errors, "adaptiveMax": am_cases, "adaptiveMaxErrors": am_errors,
            "poolIndices": pi_cases, "unpoolErrors": pi_errors}
    data["embedding"], data["embeddingErrors"] = embedding_section()
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"{OUT}: {OUT.stat().st_size} bytes, {len(pad_cases)} pad cases, {len(pad_errors)} pad errors")


if __name__ == "__main__":
    main()
