#!/usr/bin/python3
"""Generates test/fixtures/pool2d.json from PyTorch (the oracle) for test/pool2d.test.ts.

Run with Debian's PyTorch:  /usr/bin/python3 scripts/gen_pool2d_fixtures.py
Deterministic (fixed seeds). Each case holds the options (camelCased as shapecheck takes them),
the input (shape and flat float32 values), and torch's output (shape and flat values) for
F.max_pool2d / F.avg_pool2d forward. Error cases record the configuration and the exception torch
raised for it; shapecheck must reject each of them too. Non-finite values are written as strings
("inf", "-inf", "nan").
"""
import json
import math
import random
from pathlib import Path

import torch
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test" / "fixtures" / "pool2d.json"
rng = random.Random(20261126)
torch.manual_seed(20261126)


def number(v):
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def size_option(pair):
    """A [h, w] pair as shapecheck takes it: a number when both are equal (half the time)."""
    if pair[0] == pair[1] and rng.random() < 0.5:
        return pair[0]
    return list(pair)


def run(op, shape, opts):
    """Calls torch; returns (output tensor, None) or (None, 'Error: message')."""
    x = torch.randint(-40, 41, shape).to(torch.float32) / 8
    kwargs = {"kernel_size": opts["kernelSize"], "padding": opts.get("padding", 0), "ceil_mode": opts.get("ceilMode", False)}
    if "stride" in opts:
        kwargs["stride"] = opts["stride"]
    try:
        if op == "MaxPool2d":
            kwargs["dilation"] = opts.get("dilation", 1)
            y = F.max_pool2d(x, **kwargs)
        else:
            kwargs["count_include_pad"] = opts.get("countIncludePad", True)
            if "divisorOverride" in opts:
                kwargs["divisor_override"] = opts["divisorOverride"]
            y = F.avg_pool2d(x, **kwargs)
        return x, y, None
    except (RuntimeError, ValueError, TypeError) as e:
        return x, None, f"{type(e).__name__}: {str(e).splitlines()[0]}"


def random_options(op):
    k = (rng.randint(1, 4), rng.randint(1, 4)) if rng.random() < 0.5 else (rng.randint(1, 4),) * 2
    opts = {"kernelSize": size_option(k)}
    if rng.random() < 0.6:
        opts["stride"] = size_option((rng.randint(1, 3), rng.randint(1, 3)))
    if rng.random() < 0.6:
        opts["padding"] = size_option((rng.randint(0, k[0] // 2), rng.randint(0, k[1] // 2)))
    if op == "MaxPool2d" and rng.random() < 0.4:
        opts["dilation"] = size_option((rng.randint(1, 3), rng.randint(1, 3)))
    if rng.random() < 0.5:
        opts["ceilMode"] = True
    if op == "AvgPool2d":
        if rng.random() < 0.5:
            opts["countIncludePad"] = False
        if rng.random() < 0.25:
            opts["divisorOverride"] = rng.choice([1, 2, 3, 5, 7, -2])
    return opts


def random_shape():
    h, w = rng.randint(1, 9), rng.randint(1, 9)
    c = rng.randint(1, 3)
    return [c, h, w] if rng.random() < 0.3 else [rng.randint(1, 2), c, h, w]


cases, errors = [], []


def add(op, shape, opts, name=None):
    x, y, err = run(op, shape, opts)
    label = name or f"{op} x={shape} {json.dumps(opts, separators=(',', '='))}"
    if err is None:
        cases.append({
            "name": label,
            "op": op,
            "options": opts,
            "input": {"shape": list(x.shape), "values": [number(v) for v in x.flatten().tolist()]},
            "output": {"shape": list(y.shape), "values": [number(v) for v in y.flatten().tolist()]},
        })
    else:
        errors.append({"name": label, "op": op, "input": shape, "options": opts, "torch": err})


# hand-picked coverage: the usual layers, ceil mode's last-window rule, batch 0
add("MaxPool2d", [1, 2, 8, 8], {"kernelSize": 3, "stride": 2, "padding": 1})
add("MaxPool2d", [1, 1, 6, 6], {"kernelSize": 2, "stride": 2, "padding": 1, "ceilMode": True})
add("MaxPool2d", [1, 1, 5, 5], {"kernelSize": 2, "ceilMode": True})
add("MaxPool2d", [2, 1, 7, 5], {"kernelSize": [3, 2], "stride": [2, 1], "dilation": [2, 1], "ceilMode": True})
add("MaxPool2d", [0, 2, 4, 4], {"kernelSize": 2})
add("MaxPool2d", [1, 1, 1, 1], {"kernelSize": 3, "padding": 1, "dilation": 2})
add("AvgPool2d", [1, 1, 5, 5], {"kernelSize": 3, "stride": 2, "padding": 1, "ceilMode": True})
add("AvgPool2d", [1, 1, 5, 5], {"kernelSize": 3, "stride": 2, "padding": 1, "ceilMode": True, "countIncludePad": False})
add("AvgPool2d", [1, 1, 4, 4], {"kernelSize": 2, "padding": 1, "ceilMode": True, "stride": 3})
add("AvgPool2d", [2, 3, 3], {"kernelSize": 2, "divisorOverride": 3})
add("AvgPool2d", [1, 1, 6, 6], {"kernelSize": [4, 2], "padding": [2, 1], "stride": [3, 3], "ceilMode": True})
add("AvgPool2d", [0, 1, 4, 4], {"kernelSize": 2})

while len(cases) < 160:
    op = "MaxPool2d" if len(cases) % 2 == 0 else "AvgPool2d"
    shape = random_shape()
    add(op, shape, random_options(op))

# configurations torch rejects (beside the random ones that came out too small)
errors_before = len(errors)
add("MaxPool2d", [1, 1, 8, 8], {"kernelSize": 3, "padding": 2})
add("AvgPool2d", [1, 1, 8, 8], {"kernelSize": [4, 3], "padding": [2, 2]})
add("MaxPool2d", [1, 1, 4, 4], {"kernelSize": 5})
add("AvgPool2d", [1, 1, 2, 9], {"kernelSize": 3, "stride": 1})
add("MaxPool2d", [1, 1, 5, 5], {"kernelSize": 2, "dilation": 5})
add("MaxPool2d", [1, 0, 4, 4], {"kernelSize": 2})
add("AvgPool2d", [1, 2, 0, 4], {"kernelSize": 2})
add("MaxPool2d", [0, 4, 4], {"kernelSize": 2})
add("MaxPool2d", [4, 4], {"kernelSize": 2})
add("AvgPool2d", [1, 1, 1, 4, 4], {"kernelSize": 2})
add("MaxPool2d", [1, 1, 4, 4], {"kernelSize": 0})
add("MaxPool2d", [1, 1, 4, 4], {"kernelSize": 2, "stride": 0})
add("MaxPool2d", [1, 1, 4, 4], {"kernelSize": 2, "dilation": 0})
add("AvgPool2d", [1, 1, 4, 4], {"kernelSize": 2, "padding": -1})
add("AvgPool2d", [1, 1, 4, 4], {"kernelSize": 2, "divisorOverride": 0})
add("AvgPool2d", [1, 1, 4, 4], {"kernelSize": 2, "divisorOverride": 0, "countIncludePad": False})
assert len(errors) - errors_before == 16, errors[errors_before:]

OUT.write_text(json.dumps({
    "generator": f"scripts/gen_pool2d_fixtures.py, PyTorch {torch.__version__}",
    "cases": cases,
    "errors": errors,
}, indent=None, separators=(",", ":")) + "\n")
print(f"{len(cases)} cases, {len(errors)} error cases -> {OUT.relative_to(ROOT)}")
