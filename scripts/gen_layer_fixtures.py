#!/usr/bin/python3
"""Golden fixtures for nn.Linear, nn.Flatten and the activations, from PyTorch.

Run with Debian's PyTorch:  /usr/bin/python3 scripts/gen_layer_fixtures.py
Writes test/fixtures/layers.json (committed; CI never needs torch).
"""
import json
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parent.parent
gen = torch.Generator().manual_seed(20261126)


def randn(*shape):
    return torch.randn(*shape, generator=gen)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


linear_cases = []
for shape, in_f, out_f, bias in [
    ([1, 400], 400, 120, True), ([8, 16], 16, 4, True), ([2, 3, 5], 5, 7, False), ([5], 5, 3, True),
    ([0, 6], 6, 2, True), ([4, 1], 1, 1, True), ([3, 2, 2, 9], 9, 13, True), ([1, 33], 33, 17, False),
]:
    layer = nn.Linear(in_f, out_f, bias=bias)
    with torch.no_grad():
        layer.weight.copy_(randn(out_f, in_f))
        if bias:
            layer.bias.copy_(randn(out_f))
        x = randn(*shape)
        y = layer(x)
    linear_cases.append({
        "name": f"x={shape} in={in_f} out={out_f} bias={'true' if bias else 'false'}".replace(" ", "").replace("in=", " in=").replace("out=", " out=").replace("bias=", " bias="),
        "inFeatures": in_f, "outFeatures": out_f, "bias": bias,
        "input": {"shape": shape, "data": flat(x)},
        "weight": flat(layer.weight), "biasValues": flat(layer.bias) if bias else None,
        "output": {"shape": list(y.shape), "data": flat(y)},
    })

special = torch.tensor([-1e4, -30.0, -5.5, -1.0, -1e-3, -0.0, 0.0, 1e-3, 0.5, 1.0, 2.0, 3.7, 10.0, 30.0, 1e4])
activation_input = torch.cat([special, randn(200) * 3])
activations = {
    "relu": F.relu(activation_input),
    "relu6": F.relu6(activation_input),
    "leakyRelu": F.leaky_relu(activation_input, 0.01),
    "leakyRelu0.2": F.leaky_relu(activation_input, 0.2),
    "sigmoid": torch.sigmoid(activation_input),
    "tanh": torch.tanh(activation_input),
    "gelu": F.gelu(activation_input),
}

flatten_cases = []
for shape, start, end in [([1, 16, 5, 5], 1, -1), ([2, 3, 4], 0, -1), ([2, 3, 4, 5], 1, 2), ([2, 3, 4, 5], -3, -2), ([7], 0, 0), ([2, 0, 3], 1, -1), ([3, 4], -1, -1)]:
    flatten_cases.append({"shape": shape, "startDim": start, "endDim": end, "output": list(nn.Flatten(start, end)(torch.zeros(*shape)).shape)})

errors = []
for shape, in_f, out_f in [([1, 400], 576, 120), ([3], 4, 2)]:
    try:
        nn.Linear(in_f, out_f)(torch.zeros(*shape))
    except RuntimeError as error:
        errors.append({"op": "Linear", "shape": shape, "inFeatures": in_f, "outFeatures": out_f, "torch": str(error).splitlines()[0]})
for shape, start, end in [([2, 3], 4, -1), ([2, 3], 0, 5)]:
    try:
        nn.Flatten(start, end)(torch.zeros(*shape))
    except (RuntimeError, IndexError) as error:
        errors.append({"op": "Flatten", "shape": shape, "startDim": start, "endDim": end, "torch": str(error).splitlines()[0]})

out = {
    "torch": torch.__version__, "generator": "scripts/gen_layer_fixtures.py",
    "linear": linear_cases,
    "activations": {"input": flat(activation_input), "outputs": {k: flat(v) for k, v in activations.items()}},
    "flatten": flatten_cases, "errors": errors,
}
(ROOT / "test" / "fixtures" / "layers.json").write_text(json.dumps(out) + "\n")
print(f"wrote test/fixtures/layers.json: {len(linear_cases)} linear, {len(activations)} activations, {len(flatten_cases)} flatten, {len(errors)} errors")
