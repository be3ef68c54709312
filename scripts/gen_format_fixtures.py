#!/usr/bin/python3
"""Generates the tensor printing fixtures from PyTorch (the oracle) for formatTensor.

Run with Debian's PyTorch:  /usr/bin/python3 scripts/gen_format_fixtures.py
Writes test/fixtures/format.json (committed; CI never needs torch), one case a line:

    {"torch": version, "cases": [{"name", "shape", "data", "printed"}, ...]}

`data` holds the float32 elements in row-major order, each the float32 value converted to a
Python float, so `new Float32Array(data)` in JS recreates them exactly. JSON has no nan or
infinities: those are written as the strings "NaN", "Infinity" and "-Infinity" (JS `Number()`
parses them back). `printed` is `str(t)` for the float32 tensor, with the default print options.
The output is deterministic: every random tensor comes from a fixed torch seed.
"""
import json
import math
from pathlib import Path

import torch
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test" / "fixtures" / "format.json"

nan, inf = float("nan"), float("inf")
cases = []


def encode(value):
    """A float32 element as a JSON value: its exact float, or a string for nan and infinities."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def add(name, t):
    t = torch.as_tensor(t, dtype=torch.float32).detach().contiguous()
    cases.append(
        {
            "name": name,
            "shape": list(t.shape),
            "data": [encode(v) for v in t.reshape(-1).tolist()],
            "printed": str(t),
        }
    )


def seeded(seed):
    torch.manual_seed(seed)


# --- seed examples: conv inputs and integer conv results -------------------------------------
x = torch.arange(16.0).reshape(1, 1, 4, 4)
add("arange(16) as (1,1,4,4)", x)
add("arange(16) zero-padded to 6x6", F.pad(x, (1, 1, 1, 1)))
add("arange(16) zero-padded to 8x8", F.pad(x, (2, 2, 2, 2)))
add("conv result 3x3", torch.tensor([[54.0, 63, 72], [99, 108, 117], [144, 153, 162]]).reshape(1, 1, 3, 3))
add("conv result 1x1", torch.tensor([[[[108.0]]]]))
add("3x3 ones conv of arange(16), padding 1", F.conv2d(x, torch.ones(1, 1, 3, 3), padding=1))
add("3x3 ones conv of arange(16), padding 2", F.conv2d(x, torch.ones(1, 1, 3, 3), padding=2))
add("2x2 ones conv of arange(16), stride 2", F.conv2d(x, torch.ones(1, 1, 2, 2), stride=2))
add("arange(25) as (1,1,5,5)", torch.arange(25.0).reshape(1, 1, 5, 5))
add("arange(36) as (2,2,3,3)", torch.arange(36.0).reshape(2, 2, 3, 3))
add("arange(24) as (2,3,4)", torch.arange(24.0).reshape(2, 3, 4))
add("arange(120) as (2,3,4,5)", torch.arange(120.0).reshape(2, 3, 4, 5))
add("arange(48) as (1,2,2,3,4)", torch.arange(48.0).reshape(1, 2, 2, 3, 4))
seeded(1)
add("randint conv output (1,2,5,5)", F.conv2d(torch.randint(0, 10, (1, 3, 7, 7)).float(), torch.randint(-2, 3, (2, 3, 3, 3)).float()))

# --- random normals, ranks 0 to 5 ------------------------------------------------------------
normal_shapes = [
    [], [], [1], [2], [5], [8], [1, 1], [2, 3], [3, 2], [4, 4], [1, 7], [7, 1], [2, 2, 2], [2, 3, 4],
    [3, 1, 2], [1, 1, 1, 1], [1, 2, 3, 3], [2, 2, 2, 2], [2, 1, 3, 2], [1, 1, 1, 1, 1], [2, 2, 1, 2, 2],
    [1, 2, 2, 2, 3], [6, 6], [5, 5, 5],
]
for i, shape in enumerate(normal_shapes):
    seeded(100 + i)
    add(f"randn #{i}", torch.randn(shape))

# --- scaled normals: fixed and scientific, mixed signs ---------------------------------------
scales = [1e-6, 1e-4, 1e-3, 0.01, 0.1, 10.0, 100.0, 1000.0, 1e4, 1e5, 1e7, 1e9, 1e20, 1e-20]
for i, scale in enumerate(scales):
    seeded(200 + i)
    add(f"randn * {scale:g} (3,4)", torch.randn(3, 4) * scale)
for i, scale in enumerate([1e-3, 1e3, 1e6]):
    seeded(220 + i)
    add(f"randn * {scale:g} 0-d", torch.randn(()) * scale)
seeded(230)
add("randn with one huge value", torch.cat([torch.randn(5), torch.tensor([5e4])]))
seeded(231)
add("randn with one tiny value", torch.cat([torch.randn(5), torch.tensor([3e-5])]))
seeded(232)
add("uniform positives", torch.rand(2, 5))
seeded(233)
add("uniform negatives", -torch.rand(2, 5))
seeded(234)
add("exp of randn (positive, wide)", torch.randn(4, 4).mul(4).exp())
seeded(235)
add("randn mixed magnitudes (2,2,3)", torch.randn(2, 2, 3) * torch.tensor([1e-3, 1.0, 1e3]))
add("ratio exactly 1000", torch.tensor([1.0, 1000.0, 2.5]))
add("ratio just over 1000", torch.tensor([1.0, 1000.5, 2.5]))
add("max exactly 1e8, fractional", torch.tensor([1e8, 5e5 + 0.5]))
add("min exactly 1e-4 (float32)", torch.tensor([1e-4, 0.05]))
add("float32 max and min normal", torch.tensor([3.4028234663852886e38, 1.1754943508222875e-38]))
add("subnormal float32", torch.tensor([1e-45, 1.0]))
add("subnormals only", torch.tensor([1e-45, -3e-42]))

# --- integers ---------------------------------------------------------------------------------
seeded(300)
add("randint -50..50 (4,5)", torch.randint(-50, 51, (4, 5)))
seeded(301)
add("randint -5..5 (2,3,3)", torch.randint(-5, 6, (2, 3, 3)))
seeded(302)
add("randint 0..1000 (10,)", torch.randint(0, 1001, (10,)))
add("integers up to 1000 ratio", torch.tensor([1.0, 1000.0, -7.0]))
add("integers over 1000 ratio (sci)", torch.tensor([1.0, 1001.0, -7.0]))
add("integers over 1e8 (sci)", torch.tensor([123456792.0, 200000000.0]))
add("integer exactly 1e8", torch.tensor([100000000.0, 99999.0]))
add("integer 0-d", torch.tensor(3.0))
add("integer 0-d negative", torch.tensor(-42.0))
add("0-d zero", torch.tensor(0.0))
add("0-d large int", torch.tensor(1e10))
add("all zeros (3,3)", torch.zeros(3, 3))
add("all ones (2,2,2)", torch.ones(2, 2, 2))
add("ties in int sci mode", torch.tensor([1.0, 123445.0, 123455.0, 99995.0, -100005.0]))
add("large float32 integers", torch.tensor([16777217.0, 33554432.0, 1.0]))

# --- nan, inf, negative zero ------------------------------------------------------------------
add("nan only", torch.tensor([nan]))
add("nan 0-d", torch.tensor(nan))
add("inf 0-d", torch.tensor(inf))
add("-inf 0-d", torch.tensor(-inf))
add("nan and inf only", torch.tensor([nan, inf, -inf]))
add("nan with integers", torch.tensor([nan, 1.0, 2.0]))
add("inf with integers", torch.tensor([inf, -inf, 1.0, 20.0]))
add("inf with fixed", torch.tensor([inf, 1.5, -2.25]))
add("-inf with sci", torch.tensor([-inf, 1.5, 1e-5]))
add("nan with sci, wide", torch.tensor([nan, 1e10, -3.0]))
add("nan with zero", torch.tensor([nan, 0.0]))
add("nan and inf in a matrix", torch.tensor([[1.5, nan], [-inf, 2.0], [inf, -0.5]]))
seeded(400)
m = torch.randn(3, 4)
m[0, 1], m[2, 3] = nan, -inf
add("randn with nan and -inf", m)
add("negative zero 0-d", torch.tensor(-0.0))
add("negative zero only", torch.tensor([-0.0]))
add("negative zero with integers", torch.tensor([-0.0, 1.0, -2.0]))
add("negative zero with fixed", torch.tensor([-0.0, 1.5, 0.0]))
add("negative zero with sci", torch.tensor([-0.0, 1e-5, 3.0]))
add("zeros of both signs", torch.tensor([[0.0, -0.0], [-0.0, 0.0]]))

# --- rounding -----------------------------------------------------------------------------------
add("0.00005 (sci)", torch.tensor([0.00005]))
add("0.00005 with 1", torch.tensor([0.00005, 1.0]))
add("1234.56785", torch.tensor([1234.56785]))
add("1234.56785 with 2", torch.tensor([1234.56785, 2.0]))
add("2.5 non-int", torch.tensor([2.5, 0.5, 1.5, 3.5]))
add("2.5 in sci", torch.tensor([2.5, 0.5, 1e-6]))
add("binary ties at 4 decimals", torch.tensor([0.03125, 0.09375, 0.15625, 1.03125, -0.21875, 2.0]))
add("binary ties 0-d", torch.tensor(0.03125))
add("round up to next power of ten", torch.tensor([9.99995, 0.5]))
add("round to 10 in sci", torch.tensor([9.99996e-5, 1.0]))
add("sci exponent rounding boundary", torch.tensor([9.99999e9, 1.0, 0.1]))
add("fractions near integers", torch.tensor([0.99999, 1.00001, 2.0]))
add("thirds", torch.tensor([1 / 3, 2 / 3, -1 / 3]))
add("pi multiples", torch.tensor([math.pi * k for k in range(-3, 4)]))
add("sevenths (2,3)", torch.tensor([[k / 7 for k in range(3)], [k / 7 for k in range(3, 6)]]))
add("extreme float32 exponents", torch.tensor([1e-38, 1e38]))
add("negative tiny", torch.tensor([-1.5e-7, 2.0]))
add("0.1 steps", torch.arange(0.0, 1.0, 0.1))
add("0.25 steps", torch.arange(-1.0, 1.0, 0.25))

# --- wrapping at 80 columns ---------------------------------------------------------------------
add("arange 30", torch.arange(30.0))
add("arange 100", torch.arange(100.0))
add("arange 1000 (no summary)", torch.arange(1000.0))
seeded(500)
add("randn [30]", torch.randn(30))
seeded(501)
add("randn [2, 25]", torch.randn(2, 25))
seeded(502)
add("randn [3, 2, 20]", torch.randn(3, 2, 20))
seeded(503)
add("randn sci [40]", torch.randn(40) * 1e6)
seeded(504)
add("randn sci [2, 2, 15]", torch.randn(2, 2, 15) * 1e-6)
seeded(505)
add("randint wide [2, 40]", torch.randint(-100000, 100000, (2, 40)))
add("int width 2 [1, 1, 1, 1, 30]", torch.arange(30.0).reshape(1, 1, 1, 1, 30))
add("sci row at rank 11", (torch.arange(4.0) * 1e30).reshape(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4) + 0.5)
add("one per line at rank 60", (torch.tensor([-1.0, 2.0, 3.0]) * 1e30).reshape([1] * 59 + [3]))
add("indent past the line width, rank 64", torch.arange(2.0).reshape([1] * 63 + [2]))
seeded(506)
add("randn rank 8 with a long row", torch.randn(1, 1, 1, 1, 1, 1, 2, 12) * 1e3)
seeded(507)
add("exactly one line of 11 fixed", torch.randn(11))
seeded(508)
add("one line of 12 fixed wraps", torch.randn(12))
add("long row of nan", torch.full((25,), nan))
add("rank 10 ones", torch.ones([1] * 9 + [3]))

# --- summarization (numel > 1000) -------------------------------------------------------------
add("arange 1001", torch.arange(1001.0))
add("arange 2000", torch.arange(2000.0))
seeded(600)
add("randn [2000]", torch.randn(2000))
seeded(601)
add("randn [40, 40]", torch.randn(40, 40))
seeded(602)
add("randn [3, 20, 20]", torch.randn(3, 20, 20))
seeded(603)
add("randn [1, 2, 30, 30]", torch.randn(1, 2, 30, 30))
add("arange [40, 40]", torch.arange(1600.0).reshape(40, 40))
add("arange [3, 20, 20]", torch.arange(1200.0).reshape(3, 20, 20))
add("arange [1, 2, 30, 30]", torch.arange(1800.0).reshape(1, 2, 30, 30))
seeded(604)
add("randn [2, 600]", torch.randn(2, 600))
seeded(605)
add("randn [600, 2]", torch.randn(600, 2))
seeded(606)
add("randn [7, 7, 7, 7]", torch.randn(7, 7, 7, 7))
seeded(607)
add("randn [6, 6, 6, 6]", torch.randn(6, 6, 6, 6))
seeded(608)
add("randn [1001, 1]", torch.randn(1001, 1))
seeded(609)
add("randn [2, 2, 2, 2, 70]", torch.randn(2, 2, 2, 2, 70))
v = torch.arange(2000.0)
v[1000] = 0.5
add("hidden fraction does not leave int mode", v)
v = torch.ones(2000)
v[500] = 1e12
add("hidden huge value does not force sci", v)
v = torch.ones(2000)
v[1] = 1e12
add("shown huge value forces sci", v)
v = torch.ones(40, 40)
v[20, 20] = nan
v[0, 20] = -inf
add("hidden nan and inf", v)
seeded(610)
add("summarized sci [3000]", torch.randn(3000) * 1e-6)
seeded(611)
add("summarized mixed [10, 200]", torch.randn(10, 200) * 1e4)
add("summarized zeros [50, 50]", torch.zeros(50, 50))
add("summarized -0 [1, 1100]", torch.full((1, 1100), -0.0))

# --- empty tensors ------------------------------------------------------------------------------
for shape in [[0], [0, 3], [3, 0], [0, 0], [2, 0, 4], [1, 0, 1, 0], [0, 1, 2, 3, 4]]:
    add(f"empty {shape}", torch.zeros(shape))
add("empty with a long shape", torch.zeros([2] * 12 + [0] + [3] * 12))

# --- more random rows of many kinds, for breadth -----------------------------------------------
for i in range(24):
    seeded(700 + i)
    rank = i % 5
    shape = torch.randint(1, 6, (rank,)).tolist()
    scale = 10.0 ** torch.randint(-6, 9, ()).item()
    t = torch.randn(shape) * scale
    if i % 3 == 0:
        t = t.round()
    add(f"mixed #{i} scale {scale:g}", t)

OUT.parent.mkdir(parents=True, exist_ok=True)
with OUT.open("w", encoding="utf-8") as f:
    # one case a line, so diffs stay readable
    f.write('{"torch": %s, "cases": [\n' % json.dumps(torch.__version__))
    f.write(",\n".join(json.dumps(case, allow_nan=False) for case in cases))
    f.write("\n]}\n")
print(f"wrote {len(cases)} cases to {OUT.relative_to(ROOT)}")
