#!/usr/bin/python3
"""Golden fixtures for the activation layers of issue 12, from PyTorch.

SiLU, Hardswish, Hardsigmoid, Mish, ELU (alpha), PReLU (numParameters 1 or C, its weight's
gradient), GELU (approximate 'none' and 'tanh'), Softmax / LogSoftmax (dim), Dropout2d (eval mode,
p = 0 and p = 1: the values that do not depend on torch's random stream), and PyTorch's error
messages for bad options and shapes.

Run with Debian's PyTorch:  /usr/bin/python3 scripts/gen_activation_fixtures.py
Writes test/fixtures/activations.json (committed; CI never needs torch).
"""
import json
import warnings
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

warnings.simplefilter("ignore")
ROOT = Path(__file__).resolve().parent.parent
gen = torch.Generator().manual_seed(20261212)


def randn(*shape):
    return torch.randn(list(shape), generator=gen)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def values(t):
    return {"shape": list(t.shape), "data": flat(t)}


# element-wise cases: special points (the kinks at ±3 and 0, overflow, signed zeros) and random ones
special = torch.tensor([-1e4, -100.0, -30.0, -20.0, -5.5, -3.0, -2.999, -1.0, -1e-3, -0.0, 0.0, 1e-3, 0.5, 1.0,
                        2.999, 3.0, 3.001, 5.5, 20.0, 30.0, 100.0, 1e4])
shapes = [[special.numel() + 60], [2, 3, 4], [0, 3], [2, 0, 5], []]


def input_for(shape):
    if shape == [special.numel() + 60]:
        return torch.cat([special, randn(60) * 3])
    return randn(*shape) * 3


ELEMENTWISE = {
    "silu": lambda x: F.silu(x),
    "hardswish": lambda x: F.hardswish(x),
    "hardsigmoid": lambda x: F.hardsigmoid(x),
    "mish": lambda x: F.mish(x),
    "elu": lambda x: F.elu(x),
    "elu alpha=0.5": lambda x: F.elu(x, alpha=0.5),
    "elu alpha=2": lambda x: F.elu(x, alpha=2.0),
    "gelu approximate=none": lambda x: F.gelu(x, approximate="none"),
    "gelu approximate=tanh": lambda x: F.gelu(x, approximate="tanh"),
    "identity": lambda x: nn.Identity()(x),
}

elementwise = []
for shape in shapes:
    x0 = input_for(shape)
    g = randn(*shape)
    for name, f in ELEMENTWISE.items():
        x = x0.clone().requires_grad_()
        y = f(x)
        y.backward(g)
        elementwise.append({"op": name, "input": values(x0), "output": values(y), "gradOutput": values(g), "gradInput": values(x.grad)})

# PReLU: the layer (numParameters 1 or C, weights drawn), and the functional with a 0-d weight
prelu = []
for shape, n in [([2, 3, 4], 3), ([2, 3, 4], 1), ([4, 5], 5), ([6], 1), ([], 1), ([2, 3, 2, 2], 3), ([0, 3], 3), ([2, 4, 0], 4), ([1, 2, 2, 2, 2], 2)]:
    x0 = randn(*shape) * 2
    w0 = randn(n) * 0.5
    g = randn(*shape)
    layer = nn.PReLU(n)
    with torch.no_grad():
        layer.weight.copy_(w0)
    x = x0.clone().requires_grad_()
    y = layer(x)
    y.backward(g)
    prelu.append({"numParameters": n, "weightShape": [n], "input": values(x0), "weight": flat(w0), "output": values(y), "gradOutput": values(g),
                  "gradInput": values(x.grad), "gradWeight": flat(layer.weight.grad)})
for shape in [[2, 3], []]:
    x0 = randn(*shape)
    w0 = torch.tensor(0.3)
    g = randn(*shape)
    x = x0.clone().requires_grad_()
    w = w0.clone().requires_grad_()
    y = F.prelu(x, w)
    y.backward(g)
    prelu.append({"numParameters": 1, "weightShape": [], "input": values(x0), "weight": [0.3], "output": values(y), "gradOutput": values(g),
                  "gradInput": values(x.grad), "gradWeight": flat(w.grad)})

softmax = []
for shape, dim in [([2, 3, 4], 0), ([2, 3, 4], 1), ([2, 3, 4], -1), ([5], 0), ([], 0), ([], -1), ([3, 0], 1), ([3, 0], 0), ([2, 3], -2)]:
    x0 = randn(*shape) * 4
    g = randn(*shape)
    for op, layer in [("Softmax", nn.Softmax(dim=dim)), ("LogSoftmax", nn.LogSoftmax(dim=dim))]:
        x = x0.clone().requires_grad_()
        y = layer(x)
        y.backward(g)
        softmax.append({"op": op, "dim": dim, "input": values(x0), "output": values(y), "gradOutput": values(g), "gradInput": values(x.grad)})

# Dropout2d: the cases that do not depend on the random stream
dropout2d = []
for shape, p, training in [([2, 3, 2, 2], 0.5, False), ([2, 3, 2, 2], 0.0, True), ([2, 3, 2, 2], 1.0, True), ([2, 3], 1.0, True), ([3], 0.5, False),
                           ([], 0.3, False), ([0], 0.5, True), ([2, 3, 4], 1.0, True), ([0, 3, 2, 2], 0.5, True)]:
    x0 = randn(*shape)
    g = randn(*shape)
    x = x0.clone().requires_grad_()
    layer = nn.Dropout2d(p)
    layer.train(training)
    y = layer(x)
    y.backward(g)
    dropout2d.append({"p": p, "training": training, "input": values(x0), "output": values(y), "gradOutput": values(g), "gradInput": values(x.grad)})


def error_of(f):
    try:
        f()
    except Exception as error:  # noqa: BLE001 (recording torch's message, whatever the class)
        return {"type": type(error).__name__, "torch": str(error).splitlines()[0]}
    raise AssertionError("expected an error")


errors = []
errors.append({"case": "gelu approximate='fast'", "op": "gelu", "approximate": "fast", **error_of(lambda: F.gelu(torch.zeros(2), approximate="fast"))})
errors.append({"case": "GELU approximate='Tanh'", "op": "GELU", "approximate": "Tanh", **error_of(lambda: nn.GELU(approximate="Tanh")(torch.zeros(2)))})
errors.append({"case": "elu alpha='x'", "op": "elu", "alpha": "x", **error_of(lambda: F.elu(torch.zeros(2), alpha="x"))})
for shape, n in [([2, 3], 4), ([2, 3, 8, 8], 16), ([5], 3), ([], 2)]:
    errors.append({"case": f"PReLU numParameters={n} input={shape}", "op": "PReLU", "shape": shape, "numParameters": n,
                   **error_of(lambda: nn.PReLU(n)(torch.zeros(list(shape))))})
for shape, weight in [([2, 3], [3, 1]), ([2, 3], [2]), ([], [3])]:
    errors.append({"case": f"prelu input={shape} weight={weight}", "op": "prelu", "shape": shape, "weightShape": weight,
                   **error_of(lambda: F.prelu(torch.zeros(list(shape)), torch.zeros(list(weight))))})
for op, cls in [("Softmax", nn.Softmax), ("LogSoftmax", nn.LogSoftmax)]:
    for shape, dim in [([2, 3], 2), ([2, 3], -3), ([], 1), ([4], -2)]:
        errors.append({"case": f"{op} dim={dim} input={shape}", "op": op, "shape": shape, "dim": dim, **error_of(lambda: cls(dim=dim)(torch.zeros(list(shape))))})
for p in [1.5, -0.1]:
    errors.append({"case": f"Dropout2d p={p}", "op": "Dropout2d", "p": p, **error_of(lambda: nn.Dropout2d(p))})
for shape in [[3], []]:
    errors.append({"case": f"Dropout2d training input={shape}", "op": "Dropout2d", "shape": shape, **error_of(lambda: nn.Dropout2d(0.5)(torch.ones(list(shape))))})

prelu_default = nn.PReLU()
out = {
    "torch": torch.__version__, "generator": "scripts/gen_activation_fixtures.py",
    "preluDefault": {"weight": flat(prelu_default.weight), "keys": list(prelu_default.state_dict().keys())},
    "elementwise": elementwise, "prelu": prelu, "softmax": softmax, "dropout2d": dropout2d, "errors": errors,
}
(ROOT / "test" / "fixtures" / "activations.json").write_text(json.dumps(out) + "\n")
