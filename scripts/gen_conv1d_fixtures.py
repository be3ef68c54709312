#!/usr/bin/python3
"""Generates test/fixtures/conv1d.json from PyTorch (the oracle) for test/conv1d.test.ts.

Run with Debian's PyTorch:  /usr/bin/python3 scripts/gen_conv1d_fixtures.py
Deterministic (fixed seeds). Layers: Conv1d, MaxPool1d, AvgPool1d, AdaptiveAvgPool1d (issue 12).
Each case holds the layer, its options (camelCased as shapecheck takes them), the input, torch's
output, and the gradients torch.autograd gives for the loss sum(output * g) with a random g
(input, and weight/bias for Conv1d). Error cases record the configuration and torch's exception.
Values are rounded to 6 significant digits to keep the file small.
"""
import json
import random
from pathlib import Path

import torch
import torch.nn as nn

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test" / "fixtures" / "conv1d.json"
rng = random.Random(20261206)
torch.manual_seed(20261206)


def r(t):
    return [float(f"{v:.6g}") for v in t.detach().flatten().tolist()]


def build(layer, o):
    if layer == "Conv1d":
        return nn.Conv1d(o["inChannels"], o["outChannels"], o["kernelSize"], stride=o.get("stride", 1),
                         padding=o.get("padding", 0), dilation=o.get("dilation", 1), groups=o.get("groups", 1),
                         bias=o.get("bias", True), padding_mode=o.get("paddingMode", "zeros"))
    if layer == "MaxPool1d":
        return nn.MaxPool1d(o["kernelSize"], stride=o.get("stride"), padding=o.get("padding", 0),
                            dilation=o.get("dilation", 1), ceil_mode=o.get("ceilMode", False))
    if layer == "AvgPool1d":
        return nn.AvgPool1d(o["kernelSize"], stride=o.get("stride"), padding=o.get("padding", 0),
                            ceil_mode=o.get("ceilMode", False), count_include_pad=o.get("countIncludePad", True))
    return nn.AdaptiveAvgPool1d(o["outputSize"])


cases, errors = [], []


def add(layer, shape, opts):
    name = f"{layer} x={shape} {json.dumps(opts, separators=(',', '='))}"
    try:
        m = build(layer, opts)
        x = (torch.randint(-40, 41, shape).to(torch.float32) / 8).requires_grad_()
        y = m(x)
        if y.numel() == 0 and layer == "MaxPool1d":
            raise RuntimeError("max_pool1d() Invalid computed output size: 0 (PyTorch 2; torch 1.13 returns an empty tensor)")
    except (RuntimeError, ValueError, TypeError) as e:
        errors.append({"name": name, "layer": layer, "input": shape, "options": opts, "torch": f"{type(e).__name__}: {str(e).splitlines()[0]}"})
        return
    g = torch.randn(y.shape)
    (y * g).sum().backward()
    case = {"name": name, "layer": layer, "options": opts,
            "input": {"shape": list(x.shape), "values": r(x)},
            "output": {"shape": list(y.shape), "values": r(y)},
            "gradOutput": r(g), "gradInput": r(x.grad)}
    if layer == "Conv1d":
        case["weight"] = r(m.weight)
        case["gradWeight"] = r(m.weight.grad)
        if m.bias is not None:
            case["bias"] = r(m.bias)
            case["gradBias"] = r(m.bias.grad)
    cases.append(case)


def random_conv():
    g = rng.choice([1, 1, 1, 2, 3])
    o = {"inChannels": g * rng.randint(1, 3), "outChannels": g * rng.randint(1, 3), "kernelSize": rng.randint(1, 4)}
    if g > 1:
        o["groups"] = g
    if rng.random() < 0.3:
        o["dilation"] = rng.randint(2, 3)
    pr = rng.random()
    if pr < 0.2:
        o["padding"] = "same"
    elif pr < 0.3:
        o["padding"] = "valid"
    elif pr < 0.7:
        o["padding"] = rng.randint(1, 3)
    if o.get("padding") != "same" and rng.random() < 0.4:
        o["stride"] = rng.randint(2, 3)
    if o.get("padding") not in (None, "valid") and rng.random() < 0.5:
        o["paddingMode"] = rng.choice(["reflect", "replicate", "circular"])
    if rng.random() < 0.2:
        o["bias"] = False
    length = rng.randint(4, 12)
    shape = [o["inChannels"], length] if rng.random() < 0.3 else [rng.randint(1, 2), o["inChannels"], length]
    return shape, o


def random_pool(layer):
    k = rng.randint(1, 4)
    o = {"kernelSize": k}
    if rng.random() < 0.6:
        o["stride"] = rng.randint(1, 3)
    if rng.random() < 0.6:
        o["padding"] = rng.randint(0, k // 2)
    if layer == "MaxPool1d" and rng.random() < 0.4:
        o["dilation"] = rng.randint(1, 3)
    if rng.random() < 0.5:
        o["ceilMode"] = True
    if layer == "AvgPool1d" and rng.random() < 0.5:
        o["countIncludePad"] = False
    c, length = rng.randint(1, 3), rng.randint(3, 11)
    return ([c, length] if rng.random() < 0.3 else [rng.randint(1, 2), c, length]), o


# hand-picked coverage
add("Conv1d", [2, 4, 10], {"inChannels": 4, "outChannels": 6, "kernelSize": 3, "stride": 2, "padding": 1})
add("Conv1d", [3, 9], {"inChannels": 3, "outChannels": 2, "kernelSize": 4, "padding": "same", "dilation": 2})
add("Conv1d", [1, 6, 8], {"inChannels": 6, "outChannels": 4, "kernelSize": 3, "groups": 2, "padding": 2, "paddingMode": "reflect"})
add("Conv1d", [1, 2, 5], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "padding": 5, "paddingMode": "circular"})
add("Conv1d", [1, 2, 5], {"inChannels": 2, "outChannels": 3, "kernelSize": 2, "padding": 3, "paddingMode": "replicate", "bias": False})
add("Conv1d", [2, 32, 20], {"inChannels": 32, "outChannels": 16, "kernelSize": 3, "padding": 1})
add("Conv1d", [0, 2, 5], {"inChannels": 2, "outChannels": 3, "kernelSize": 2})
add("MaxPool1d", [1, 2, 9], {"kernelSize": 2, "ceilMode": True})
add("MaxPool1d", [2, 7], {"kernelSize": 3, "stride": 2, "padding": 1, "dilation": 2, "ceilMode": True})
add("AvgPool1d", [1, 1, 5], {"kernelSize": 3, "stride": 2, "padding": 1, "ceilMode": True, "countIncludePad": False})
add("AvgPool1d", [2, 3, 6], {"kernelSize": 4, "padding": 2, "stride": 3, "ceilMode": True})
for size in [1, 2, 3, 5, 7]:
    add("AdaptiveAvgPool1d", [2, 3, 7] if size % 2 else [3, 7], {"outputSize": size})
add("AdaptiveAvgPool1d", [1, 2, 3], {"outputSize": 5})

while len(cases) < 90:
    add("Conv1d", *random_conv())
while len(cases) < 150:
    layer = "MaxPool1d" if len(cases) % 2 == 0 else "AvgPool1d"
    add(layer, *random_pool(layer))

# configurations torch rejects (beside random ones that came out too small)
add("Conv1d", [1, 3, 5, 5], {"inChannels": 3, "outChannels": 2, "kernelSize": 3})
add("Conv1d", [5], {"inChannels": 3, "outChannels": 2, "kernelSize": 3})
add("Conv1d", [1, 4, 5], {"inChannels": 3, "outChannels": 2, "kernelSize": 3})
add("Conv1d", [4, 5], {"inChannels": 3, "outChannels": 2, "kernelSize": 3})
add("Conv1d", [1, 3, 2], {"inChannels": 3, "outChannels": 2, "kernelSize": 3})
add("Conv1d", [1, 3, 2], {"inChannels": 3, "outChannels": 2, "kernelSize": 3, "padding": 2, "paddingMode": "reflect"})
add("Conv1d", [1, 3, 2], {"inChannels": 3, "outChannels": 2, "kernelSize": 3, "padding": 3, "paddingMode": "circular"})
add("Conv1d", [1, 3, 8], {"inChannels": 3, "outChannels": 2, "kernelSize": 3, "stride": 2, "padding": "same"})
add("Conv1d", [1, 3, 8], {"inChannels": 3, "outChannels": 2, "kernelSize": 3, "groups": 2})
add("Conv1d", [1, 4, 8], {"inChannels": 4, "outChannels": 3, "kernelSize": 3, "groups": 2})
add("MaxPool1d", [1, 3, 5, 5], {"kernelSize": 2})
add("MaxPool1d", [5], {"kernelSize": 2})
add("MaxPool1d", [1, 0, 4], {"kernelSize": 2})
add("MaxPool1d", [1, 3, 0], {"kernelSize": 2})
add("MaxPool1d", [1, 3, 4], {"kernelSize": 3, "padding": 2})
add("MaxPool1d", [1, 3, 1], {"kernelSize": 2})
add("MaxPool1d", [1, 3, 4], {"kernelSize": 2, "stride": 0})
add("AvgPool1d", [1, 3, 5, 5], {"kernelSize": 2})
add("AvgPool1d", [1, 3, 1], {"kernelSize": 2})
add("AvgPool1d", [1, 3, 4], {"kernelSize": 3, "padding": 2})
add("AvgPool1d", [1, 3, 4], {"kernelSize": 2, "padding": -1})
add("AdaptiveAvgPool1d", [1, 3, 4, 4], {"outputSize": 2})
add("AdaptiveAvgPool1d", [5], {"outputSize": 2})
add("AdaptiveAvgPool1d", [1, 3, 0], {"outputSize": 2})

OUT.write_text(json.dumps({
    "generator": f"scripts/gen_conv1d_fixtures.py, PyTorch {torch.__version__}",
    "cases": cases,
    "errors": errors,
}, separators=(",", ":")) + "\n")
print(f"{len(cases)} cases, {len(errors)} error cases -> {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")
