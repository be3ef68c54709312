"""What the layer fixture scripts share: deterministic inputs and output gradients, values printed
short, torch's error text, and a forward plus backward. Imported by scripts/gen_*_fixtures.py
(run from the repository root with Debian's /usr/bin/python3; the scripts' folder is on the path).
"""
import math

import torch


def values(shape, fn):
    n = math.prod(shape)
    return torch.tensor([fn(k) for k in range(n)], dtype=torch.float64).to(torch.float32).reshape(shape)


def inputs(shape):
    return values(shape, lambda k: math.sin(0.7 * k + 0.3))


def grads(shape):
    return values(shape, lambda k: math.cos(1.3 * k))


def flat(t, digits=7):
    # float32 printed short (7 significant digits by default), within the tests' tolerance
    return [float(f"{v:.{digits}g}") for v in t.detach().flatten().tolist()]


def error_of(fn):
    try:
        fn()
    except (RuntimeError, ValueError, TypeError, NotImplementedError, IndexError, AssertionError) as e:
        return f"{type(e).__name__}: {str(e).splitlines()[0]}"
    raise AssertionError("torch accepted an error case")


def run(fn, shape, digits=7):
    """fn on the standard input of `shape`, backward with the standard gradient: (output, input grad)."""
    x = inputs(shape).requires_grad_()
    y = fn(x)
    y.backward(grads(list(y.shape)))
    return {"shape": list(y.shape), "values": flat(y, digits)}, flat(x.grad, digits)
