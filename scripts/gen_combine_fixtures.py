#!/usr/bin/python3
"""Golden fixtures for torch.add (broadcasting) and torch.cat, from PyTorch.

Run with Debian's PyTorch (the `python3` on PATH may lack torch):

    /usr/bin/python3 scripts/gen_combine_fixtures.py

Writes test/fixtures/combine.json (committed; CI never needs torch), one case per line:

  "add":    torch.add(a, b) on seeded float32 data: input shapes and values, output shape and values
  "cat":    torch.cat(inputs, dim): dims 0..rank-1 and negative, 1 to 4 tensors, empty tensors
  "errors": calls torch rejects, with the exception class and the first line of its message

Values are written as the shortest decimal that reads back to the same float32 (so JSON stays
small and `Math.fround(Number(text))` is the exact float32 torch saw). Deterministic: a seeded
torch.Generator, no randomness elsewhere; an unchanged torch rewrites identical bytes.
"""
import json
import re
import struct
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test" / "fixtures" / "combine.json"
gen = torch.Generator().manual_seed(20261201)
torch.set_num_threads(1)


def f32_short(value):
    """The shortest decimal text whose float32 rounding is `value` (a float32 value)."""
    bits = struct.pack("<f", value)
    if value == 0:
        return -0.0 if bits[-1] & 0x80 else 0.0
    for digits in range(1, 10):
        text = f"{value:.{digits}g}"
        if struct.pack("<f", float(text)) == bits:
            return float(text)
    raise AssertionError(value)


def tensor_json(t):
    assert t.dtype == torch.float32
    return {"shape": list(t.shape), "data": [f32_short(v) for v in t.reshape(-1).tolist()]}


def randn(shape):
    return torch.randn(*shape, generator=gen, dtype=torch.float32) if shape else torch.randn((), generator=gen)


def fmt(shape):
    return "[" + ", ".join(str(d) for d in shape) + "]"


names = set()


def unique(name):
    assert name not in names, f"duplicate case name {name}"
    names.add(name)
    return name


# ---------------------------------------------------------------- add
ADD = [
    # equal shapes
    ([3], [3]), ([1], [1]), ([2, 3], [2, 3]), ([2, 3, 4], [2, 3, 4]), ([1, 4, 3, 3], [1, 4, 3, 3]), ([1, 1], [1, 1]),
    # scalar-like: [1], all-ones, 0-d
    ([2, 3], [1]), ([1], [2, 3]), ([2, 3, 4], [1, 1, 1]), ([4], []), ([], [4]), ([], []), ([1], []), ([2, 3], []),
    # trailing dims (rank differences)
    ([2, 3], [3]), ([3], [2, 3]), ([2, 3, 4], [4]), ([2, 3, 4], [3, 4]), ([2], [3, 1, 1, 2]), ([3, 1, 2], [2]),
    # dims of 1, leading 1s
    ([1, 3], [2, 1]), ([2, 1], [1, 3]), ([2, 1, 3], [4, 3]), ([8, 1, 6, 1], [7, 1, 5]), ([1, 4, 3, 3], [4, 1, 1]),
    ([1, 2, 3], [2, 3]), ([3, 1], [3, 4]), ([2, 3, 1], [1, 1, 4]), ([1, 1, 2], [3, 1]), ([1, 4, 3, 3], [1, 4, 1, 1]),
    # zero-size dims
    ([0], [1]), ([0, 3], [3]), ([0, 3], [1, 3]), ([2, 0, 3], [1, 1]), ([2, 0], [2, 1]), ([0], []), ([1, 0], [3, 1]),
    ([0, 1], [1, 0]), ([0], [0]),
    # 5-D
    ([2, 1, 3, 1, 2], [1, 2, 1, 2, 1]), ([2, 3, 1, 2, 2], [2, 2]), ([1, 1, 1, 1, 1], [2, 1, 2]),
    ([1, 2, 1, 3, 1], [2, 1, 3, 1, 2]), ([2, 2, 2, 2, 2], [2, 2, 2, 2, 2]),
]

add_cases = []
for shape_a, shape_b in ADD:
    a, b = randn(shape_a), randn(shape_b)
    y = torch.add(a, b)
    add_cases.append({
        "name": unique(f"add {fmt(shape_a)} + {fmt(shape_b)}"),
        "a": tensor_json(a), "b": tensor_json(b), "output": tensor_json(y),
    })

# ---------------------------------------------------------------- cat
CAT = [
    # 1-D
    ([[3], [2]], 0), ([[3], [2], [4]], -1), ([[5]], 0),
    # 2-D, every dim, positive and negative
    ([[2, 3], [1, 3]], 0), ([[2, 3], [2, 1]], 1), ([[2, 3], [2, 2]], -1), ([[2, 3], [4, 3]], -2),
    ([[1, 2], [2, 2], [3, 2], [1, 2]], 0), ([[2, 1], [2, 2], [2, 3]], 1),
    # 3-D
    ([[2, 3, 4], [1, 3, 4]], 0), ([[2, 3, 4], [2, 1, 4]], 1), ([[2, 3, 4], [2, 3, 2]], 2),
    ([[2, 3, 4], [2, 3, 1], [2, 3, 2]], -1), ([[2, 1, 4], [2, 2, 4]], -2), ([[1, 3, 2], [2, 3, 2], [1, 3, 2]], -3),
    # 4-D, Inception-style channel joins and the others
    ([[1, 2, 3, 3], [1, 3, 3, 3], [1, 1, 3, 3]], 1), ([[1, 2, 3, 3], [1, 1, 3, 3], [1, 2, 3, 3], [1, 1, 3, 3]], 1),
    ([[1, 2, 2, 2], [2, 2, 2, 2]], 0), ([[1, 2, 2, 3], [1, 2, 1, 3]], 2), ([[1, 2, 2, 1], [1, 2, 2, 3]], 3),
    ([[2, 2, 1, 2], [2, 2, 2, 2]], -2), ([[1, 1, 2, 2], [1, 2, 2, 2]], -3), ([[1, 2, 2, 2], [1, 2, 2, 2]], -4),
    # 5-D
    ([[1, 2, 1, 2, 2], [1, 2, 2, 2, 2]], 2),
    # empty tensors of the same rank
    ([[0, 3], [2, 3]], 0), ([[2, 3], [0, 3], [1, 3]], 0), ([[2, 0], [2, 3]], 1), ([[2, 3], [2, 0]], -1),
    ([[0, 3], [0, 3]], 0), ([[2, 0], [2, 0]], 1), ([[2, 0], [3, 0]], 0), ([[0, 2, 2], [0, 3, 2]], 1),
    ([[0, 3]], 0),
]
# torch 1.13 also skips "legacy" 1-D empty tensors (shape [0]) whatever the other ranks are.
CAT_LEGACY = [([[2, 3], [0]], 0), ([[0], [2, 3]], 1), ([[2, 2, 2], [0], [2, 1, 2]], 1)]

cat_cases = []
for shapes, dim in CAT + CAT_LEGACY:
    inputs = [randn(s) for s in shapes]
    y = torch.cat(inputs, dim)
    case = {
        "name": unique(f"cat {', '.join(fmt(s) for s in shapes)} dim={dim}"),
        "dim": dim, "inputs": [tensor_json(t) for t in inputs], "output": tensor_json(y),
    }
    if (shapes, dim) in CAT_LEGACY:
        case["legacyEmpty"] = True
    cat_cases.append(case)

# ---------------------------------------------------------------- errors
ADD_ERRORS = [
    ([2, 4], [3]), ([3], [2, 4]), ([5, 2, 4], [3, 1]), ([1, 2, 3], [2, 2, 2]), ([2, 3, 4, 5, 6], [3, 1, 6]),
    ([0], [2]), ([2, 0], [3]), ([1, 64, 56, 56], [1, 128, 56, 56]),
    # several mismatching dims: torch reports the LAST one (it compares from the right)
    ([2, 3], [3, 2]), ([4, 2, 3], [5, 1, 2]), ([1, 64, 56, 56], [1, 128, 28, 28]),
    ([1, 64, 56, 56], [1, 64, 28, 28]),  # a residual without its downsample
]
CAT_ERRORS = [
    ("rank", [[2, 2], [2]], 0), ("rank", [[2, 3, 4], [2, 3]], 2), ("rank", [[2, 3, 4], [2, 3, 4], [2, 3]], -1),
    ("rank", [[1, 4, 2, 2], [1, 4, 2]], 1),
    ("size", [[1, 4, 2], [1, 3, 5]], 1), ("size", [[1, 4, 2], [1, 3, 2], [2, 3, 2]], 1),
    ("size", [[2, 3, 4], [2, 5, 5]], 0), ("size", [[2, 3, 4], [3, 3, 5]], 2), ("size", [[2, 3], [2, 4]], -2),
    ("size", [[2, 3], [2, 4], [2]], 0), ("size", [[2, 0], [3, 3]], 0), ("size", [[1, 64, 28, 28], [1, 32, 14, 14]], 1),
    ("range", [[2, 2]], 2), ("range", [[2, 2]], -3), ("range", [[2, 3], [2, 3]], 5), ("range", [[2], [2, 3]], 1),
    ("range", [[2, 3], [2, 3, 4]], 2), ("range", [[1, 2, 3, 3], [1, 2, 3, 3]], 4),
    ("zero-dim", [[], []], 0), ("empty list", [], 0),
]


def first_line(error):
    return str(error).splitlines()[0]


def ints(text):
    return [int(n) for n in re.findall(r"-?\d+", text)]


errors = []
for shape_a, shape_b in ADD_ERRORS:
    try:
        torch.add(torch.zeros(shape_a), torch.zeros(shape_b))
    except RuntimeError as error:
        message = first_line(error)
        errors.append({
            "name": unique(f"add {fmt(shape_a)} + {fmt(shape_b)}"), "op": "add", "kind": "broadcast",
            "shapes": [shape_a, shape_b], "torchError": type(error).__name__, "torchMessage": message,
            "essential": ints(message),  # sizes of a and b, then the dimension
        })
    else:
        raise AssertionError(f"torch accepted add {shape_a} + {shape_b}")

for kind, shapes, dim in CAT_ERRORS:
    try:
        torch.cat([torch.zeros(s) for s in shapes], dim)
    except (RuntimeError, IndexError) as error:
        message = first_line(error)
        if kind in ("size", "rank"):
            essential = ints(message)  # dim, expected, got, index | the two ranks
        elif kind == "range":
            essential = [dim]  # the dim that was given (torch adds the valid range)
        else:
            essential = []
        errors.append({
            "name": unique(f"cat {', '.join(fmt(s) for s in shapes) or '(no tensors)'} dim={dim}"), "op": "cat", "kind": kind,
            "shapes": shapes, "dim": dim, "torchError": type(error).__name__, "torchMessage": message,
            "essential": essential,
        })
    else:
        raise AssertionError(f"torch accepted cat {shapes} dim={dim}")

# coverage the brief asks for
assert len({len(c["a"]["shape"]) for c in add_cases} | {len(c["b"]["shape"]) for c in add_cases}) == 6  # ranks 0..5
assert any(0 in c["output"]["shape"] for c in add_cases)
assert {c["dim"] for c in cat_cases} >= {0, 1, 2, 3, -1, -2, -3, -4}
assert {len(c["inputs"]) for c in cat_cases} == {1, 2, 3, 4}
assert {e["kind"] for e in errors} == {"broadcast", "rank", "size", "range", "zero-dim", "empty list"}

out = {"torch": torch.__version__, "generator": "scripts/gen_combine_fixtures.py"}
lines = [json.dumps(out)[:-1] + ","]
for key, cases in (("add", add_cases), ("cat", cat_cases), ("errors", errors)):
    body = ",\n".join("  " + json.dumps(c, separators=(", ", ": ")) for c in cases)
    lines.append(f'"{key}": [\n{body}\n]' + ("," if key != "errors" else ""))
lines.append("}")
text = "\n".join(lines) + "\n"
json.loads(text)
OUT.write_text(text)
print(f"wrote {OUT.relative_to(ROOT)}: {len(add_cases)} add, {len(cat_cases)} cat "
      f"({len(CAT_LEGACY)} legacy-empty), {len(errors)} errors")
