#!/usr/bin/python3
"""Golden fixtures for torch.optim (SGD, Adam, AdamW) and two LR schedulers (StepLR, CosineAnnealingLR).

Run with Debian's PyTorch:  /usr/bin/python3 scripts/gen_optim_fixtures.py
Writes test/fixtures/optim.json (committed; CI never needs torch).

Each optimizer case: two parameters ([3, 4] and [5]), the option combination (camelCased, as
shapecheck names them), optional parameter groups, a fixed sequence of gradients (set on `.grad`
directly, so no autograd op is involved; `null` where a parameter has no gradient at that step)
and the parameters after each of the 5 steps. Some cases run a scheduler after each step. Each
scheduler case: the learning rates of every group after construction and after each `step()`.
"""
import json
from pathlib import Path

import torch
from torch.optim import SGD, Adam, AdamW
from torch.optim.lr_scheduler import CosineAnnealingLR, StepLR

ROOT = Path(__file__).resolve().parent.parent
STEPS = 5
torch.set_num_threads(1)
gen = torch.Generator().manual_seed(20261206)

CAMEL = {
    'lr': 'lr', 'momentum': 'momentum', 'dampening': 'dampening', 'nesterov': 'nesterov',
    'weight_decay': 'weightDecay', 'maximize': 'maximize', 'betas': 'betas', 'eps': 'eps',
    'amsgrad': 'amsgrad', 'step_size': 'stepSize', 'gamma': 'gamma', 'T_max': 'tMax',
    'eta_min': 'etaMin', 'last_epoch': 'lastEpoch',
}
OPTIMIZERS = {'SGD': SGD, 'Adam': Adam, 'AdamW': AdamW}
SCHEDULERS = {'StepLR': StepLR, 'CosineAnnealingLR': CosineAnnealingLR}


def camel(options):
    return {CAMEL[k]: (list(v) if isinstance(v, tuple) else v) for k, v in options.items()}


def values(t):
    return [float(x) for x in t.detach().reshape(-1).tolist()]


def optimizer_case(name, kind, options, groups=None, missing=(), scheduler=None):
    """`groups`: None (one list of both params) or a list of (param indices, group options);
    `missing`: (step, param) pairs without a gradient; `scheduler`: (kind, options) stepped after each step."""
    params = [torch.randn(3, 4, generator=gen), torch.randn(5, generator=gen)]
    grads = [[torch.randn(p.shape, generator=gen) for p in params] for _ in range(STEPS)]
    live = [p.clone().requires_grad_(True) for p in params]
    if groups is None:
        optimizer = OPTIMIZERS[kind](live, **options)
    else:
        optimizer = OPTIMIZERS[kind]([dict(params=[live[i] for i in idx], **o) for idx, o in groups], **options)
    sched = SCHEDULERS[scheduler[0]](optimizer, **scheduler[1]) if scheduler else None
    steps, grad_record, lrs = [], [], []
    for s in range(STEPS):
        row = []
        for i, p in enumerate(live):
            if (s, i) in missing:
                p.grad = None
                row.append(None)
            else:
                p.grad = grads[s][i].clone()
                row.append(values(grads[s][i]))
        grad_record.append(row)
        optimizer.step()
        if sched:
            sched.step()
            lrs.append([g['lr'] for g in optimizer.param_groups])
        steps.append([values(p) for p in live])
    case = {
        'name': name,
        'optimizer': kind,
        'options': camel(options),
        'params': [{'shape': list(p.shape), 'data': values(p)} for p in params],
        'grads': grad_record,
        'steps': steps,
    }
    if groups is not None:
        case['groups'] = [{'params': list(idx), 'options': camel(o)} for idx, o in groups]
    if sched:
        case['scheduler'] = {'kind': scheduler[0], 'options': camel(scheduler[1]), 'lrs': lrs}
    return case


def scheduler_case(name, kind, options, lrs, steps):
    params = [torch.zeros(1, requires_grad=True) for _ in lrs]
    optimizer = SGD([{'params': [p], 'lr': lr} for p, lr in zip(params, lrs)], lr=lrs[0])
    sched = SCHEDULERS[kind](optimizer, **options)
    sequence = [list(sched.get_last_lr())]
    for _ in range(steps):
        optimizer.step()
        sched.step()
        sequence.append(list(sched.get_last_lr()))
    return {'name': name, 'scheduler': kind, 'options': camel(options), 'lrs': lrs, 'sequence': sequence}


def main():
    optimizers = []
    sgd = [
        ('lr=0.1', dict(lr=0.1)),
        ('lr=0.1 momentum=0.9', dict(lr=0.1, momentum=0.9)),
        ('lr=0.05 momentum=0.9 dampening=0.5', dict(lr=0.05, momentum=0.9, dampening=0.5)),
        ('lr=0.1 momentum=0.9 nesterov', dict(lr=0.1, momentum=0.9, nesterov=True)),
        ('lr=0.1 weightDecay=0.01', dict(lr=0.1, weight_decay=0.01)),
        ('lr=0.1 momentum=0.8 weightDecay=0.05', dict(lr=0.1, momentum=0.8, weight_decay=0.05)),
        ('lr=0.1 momentum=0.9 nesterov weightDecay=0.01', dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)),
        ('lr=0.1 maximize', dict(lr=0.1, maximize=True)),
        ('lr=0.1 momentum=0.9 dampening=0.1 weightDecay=0.1 maximize', dict(lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.1, maximize=True)),
        ('lr=0.02 momentum=0.99 nesterov maximize', dict(lr=0.02, momentum=0.99, nesterov=True, maximize=True)),
    ]
    for name, options in sgd:
        optimizers.append(optimizer_case(f'SGD {name}', 'SGD', options))
    adam = [
        ('defaults', dict()),
        ('lr=0.01', dict(lr=0.01)),
        ('lr=0.01 betas=[0.8,0.99] eps=1e-6', dict(lr=0.01, betas=(0.8, 0.99), eps=1e-6)),
        ('lr=0.01 weightDecay=0.1', dict(lr=0.01, weight_decay=0.1)),
        ('lr=0.01 amsgrad', dict(lr=0.01, amsgrad=True)),
        ('lr=0.01 maximize', dict(lr=0.01, maximize=True)),
        ('lr=0.05 betas=[0.5,0.9] weightDecay=0.05 amsgrad maximize', dict(lr=0.05, betas=(0.5, 0.9), weight_decay=0.05, amsgrad=True, maximize=True)),
        ('lr=0.01 betas=[0,0.5] eps=0.1', dict(lr=0.01, betas=(0.0, 0.5), eps=0.1)),
    ]
    for kind in ('Adam', 'AdamW'):
        for name, options in adam:
            optimizers.append(optimizer_case(f'{kind} {name}', kind, options))
    # parameter groups with their own options, the rest from the defaults
    optimizers.append(optimizer_case('SGD groups [{lr: 0.1}, {}] momentum=0.9', 'SGD', dict(lr=0.01, momentum=0.9),
                                     groups=[((0,), dict(lr=0.1)), ((1,), dict())]))
    optimizers.append(optimizer_case('SGD groups [{nesterov, weightDecay: 0.1}, {momentum: 0}]', 'SGD', dict(lr=0.05, momentum=0.5),
                                     groups=[((0,), dict(nesterov=True, weight_decay=0.1)), ((1,), dict(momentum=0))]))
    optimizers.append(optimizer_case('Adam groups [{lr: 0.1, amsgrad}, {betas: [0.5,0.6]}]', 'Adam', dict(lr=0.01),
                                     groups=[((0,), dict(lr=0.1, amsgrad=True)), ((1,), dict(betas=(0.5, 0.6)))]))
    optimizers.append(optimizer_case('AdamW groups [{weightDecay: 0}, {weightDecay: 0.5}]', 'AdamW', dict(lr=0.02),
                                     groups=[((0,), dict(weight_decay=0)), ((1,), dict(weight_decay=0.5))]))
    # a parameter without a gradient at a step is skipped (its state does not advance)
    missing = {(0, 1), (2, 0), (3, 1)}
    optimizers.append(optimizer_case('SGD lr=0.1 momentum=0.9, some grads null', 'SGD', dict(lr=0.1, momentum=0.9), missing=missing))
    optimizers.append(optimizer_case('Adam lr=0.01, some grads null', 'Adam', dict(lr=0.01), missing=missing))
    optimizers.append(optimizer_case('AdamW lr=0.01 amsgrad, some grads null', 'AdamW', dict(lr=0.01, amsgrad=True), missing=missing))
    # a scheduler stepped after each optimizer step
    optimizers.append(optimizer_case('SGD lr=0.1 momentum=0.9 + StepLR stepSize=2 gamma=0.5', 'SGD', dict(lr=0.1, momentum=0.9),
                                     scheduler=('StepLR', dict(step_size=2, gamma=0.5))))
    optimizers.append(optimizer_case('Adam lr=0.05 + CosineAnnealingLR tMax=3 etaMin=0.001', 'Adam', dict(lr=0.05),
                                     scheduler=('CosineAnnealingLR', dict(T_max=3, eta_min=0.001))))

    schedulers = [
        scheduler_case('StepLR stepSize=3 (gamma 0.1)', 'StepLR', dict(step_size=3), [0.1, 0.01], 12),
        scheduler_case('StepLR stepSize=1 gamma=0.5', 'StepLR', dict(step_size=1, gamma=0.5), [1.0], 8),
        scheduler_case('StepLR stepSize=4 gamma=2', 'StepLR', dict(step_size=4, gamma=2.0), [0.001, 0.3], 10),
        scheduler_case('CosineAnnealingLR tMax=4', 'CosineAnnealingLR', dict(T_max=4), [0.1], 20),
        scheduler_case('CosineAnnealingLR tMax=5 etaMin=0.01', 'CosineAnnealingLR', dict(T_max=5, eta_min=0.01), [0.1, 0.5], 23),
        scheduler_case('CosineAnnealingLR tMax=1', 'CosineAnnealingLR', dict(T_max=1), [0.2], 6),
        scheduler_case('CosineAnnealingLR tMax=10 etaMin=0.05', 'CosineAnnealingLR', dict(T_max=10, eta_min=0.05), [1.0], 30),
    ]
    out = {'torch': torch.__version__, 'generator': 'scripts/gen_optim_fixtures.py', 'optimizers': optimizers, 'schedulers': schedulers}
    text = json.dumps(out, separators=(',', ':'))
    (ROOT / 'test' / 'fixtures' / 'optim.json').write_text(text + '\n')
    print(f'optim.json: {len(optimizers)} optimizer cases, {len(schedulers)} scheduler cases, {len(text)} bytes')


if __name__ == '__main__':
    main()
