#!/usr/bin/python3
"""Golden fixtures for whole training runs: a small CNN trained 5 steps by PyTorch.

Run with Debian's PyTorch:  /usr/bin/python3 scripts/gen_train_fixtures.py
Writes test/fixtures/train.json (committed; CI never needs torch). Read by test/train-torch.test.ts.

The model (the same one test/train-torch.test.ts writes as a typed Sequential), on [4, 3, 8, 8]:

    0 Conv2d(3, 4, 3, padding=1, bias=False)            [4, 4, 8, 8]
    1 BatchNorm2d(4)
    2 ReLU
    3 MaxPool2d(2)                                       [4, 4, 4, 4]
    4 Residual: main  0 Conv2d(4, 8, 3, stride=2, padding=1, bias=False), 1 BatchNorm2d(8), 2 ReLU,
                      3 Conv2d(8, 8, 3, padding=1, bias=False), 4 BatchNorm2d(8)
                shortcut  0 Conv2d(4, 8, 1, stride=2, bias=False), 1 BatchNorm2d(8)   [4, 8, 2, 2]
    5 ReLU
    6 Residual: main  0 Conv2d(8, 8, 3, padding=1, bias=False), 1 BatchNorm2d(8); identity shortcut
    7 ReLU
    8 Flatten                                            [4, 32]
    9 Linear(32, 5)

Convolutions followed by a BatchNorm have no bias, as in torchvision: such a bias has a gradient
that is rounding noise (BatchNorm subtracts it again), which Adam would scale up to ±lr.

The fixture also holds the model's `state_dict()` keys and shapes, in PyTorch's order and names
(`running_mean`, `num_batches_tracked`), for `stateDict()`.

Each run starts from the same initial weights (PyTorch's default initialisation, seeded) and the
same 5 batches (x seeded standard normal, y seeded classes 0..4), in train mode, and records after
every step the loss of that step (before the update), every parameter and every buffer
(running_mean, running_var, num_batches_tracked), under shapecheck's names (which are the names
of this module tree: `4.shortcut.0.weight`).
"""
import json
from pathlib import Path

import torch
from torch import nn
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parent.parent
STEPS = 5
BATCH = 4
CLASSES = 5
torch.set_num_threads(1)


class Residual(nn.Module):
    """main(x) + shortcut(x), main's layers named 0, 1, ... and the shortcut `shortcut`."""

    def __init__(self, main, shortcut=None):
        super().__init__()
        for i, layer in enumerate(main):
            self.add_module(str(i), layer)
        self.n = len(main)
        self.shortcut = nn.Sequential(*shortcut) if shortcut else None

    def forward(self, x):
        y = x
        for i in range(self.n):
            y = getattr(self, str(i))(y)
        return y + (self.shortcut(x) if self.shortcut is not None else x)


def model():
    return nn.Sequential(
        nn.Conv2d(3, 4, 3, padding=1, bias=False),
        nn.BatchNorm2d(4),
        nn.ReLU(),
        nn.MaxPool2d(2),
        Residual(
            [nn.Conv2d(4, 8, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU(),
             nn.Conv2d(8, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8)],
            [nn.Conv2d(4, 8, 1, stride=2, bias=False), nn.BatchNorm2d(8)],
        ),
        nn.ReLU(),
        Residual([nn.Conv2d(8, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8)]),
        nn.ReLU(),
        nn.Flatten(),
        nn.Linear(32, CLASSES),
    )


def values(t):
    # float32 values written with 9 significant digits: they read back as the same float32
    return [float('%.9g' % x) for x in t.detach().double().reshape(-1).tolist()]


def camel(name):
    """A buffer's name as shapecheck's modules name it: `4.1.running_mean` is `4.1.runningMean`."""
    head, _, last = name.rpartition('.')
    parts = last.split('_')
    return (head + '.' if head else '') + parts[0] + ''.join(p.title() for p in parts[1:])


def state(m):
    return {
        'params': {name: values(p) for name, p in m.named_parameters()},
        'buffers': {camel(name): values(b) for name, b in m.named_buffers()},
    }


RUNS = [
    # (name, optimizer, torch options, shapecheck options, loss options)
    ('SGD lr=0.05 momentum=0.9 nesterov weightDecay=1e-3', torch.optim.SGD,
     dict(lr=0.05, momentum=0.9, nesterov=True, weight_decay=1e-3),
     dict(lr=0.05, momentum=0.9, nesterov=True, weightDecay=1e-3), {}),
    ('Adam lr=0.01 amsgrad weightDecay=1e-2, crossEntropy labelSmoothing=0.1', torch.optim.Adam,
     dict(lr=0.01, amsgrad=True, weight_decay=1e-2), dict(lr=0.01, amsgrad=True, weightDecay=1e-2),
     {'labelSmoothing': 0.1}),
    ('AdamW lr=0.01 weightDecay=0.1', torch.optim.AdamW,
     dict(lr=0.01, weight_decay=0.1), dict(lr=0.01, weightDecay=0.1), {}),
]


def main():
    torch.manual_seed(20261206)
    initial = model()
    start = state(initial)
    gen = torch.Generator().manual_seed(7)
    batches = [(torch.randn(BATCH, 3, 8, 8, generator=gen), torch.randint(0, CLASSES, (BATCH,), generator=gen))
               for _ in range(STEPS)]
    runs = []
    for name, kind, torch_options, options, loss_options in RUNS:
        m = model()
        m.load_state_dict(initial.state_dict())
        m.train()
        optimizer = kind(m.parameters(), **torch_options)
        steps = []
        for x, y in batches:
            optimizer.zero_grad()
            loss = F.cross_entropy(m(x), y, label_smoothing=loss_options.get('labelSmoothing', 0.0))
            loss.backward()
            optimizer.step()
            steps.append({'loss': float('%.9g' % loss.item()), **state(m)})
        runs.append({'name': name, 'optimizer': kind.__name__, 'options': options, 'loss': loss_options, 'steps': steps})
    fixture = {
        'torch': torch.__version__,
        # PyTorch's state_dict of the model: keys (its names, buffers included) in order, and shapes
        'stateDict': [[key, list(value.shape)] for key, value in initial.state_dict().items()],
        # named_modules(): every module's name ('' the model), depth first, and its class
        'namedModules': [[name, type(m).__name__] for name, m in initial.named_modules()],
        'batches': [{'x': values(x), 'y': [int(v) for v in y.tolist()]} for x, y in batches],
        'initial': start,
        'runs': runs,
    }
    out = ROOT / 'test' / 'fixtures' / 'train.json'
    out.write_text(json.dumps(fixture, separators=(',', ':')) + '\n')
    print(f'wrote {out} ({out.stat().st_size // 1024} KB): {len(runs)} runs of {STEPS} steps')


if __name__ == '__main__':
    main()
