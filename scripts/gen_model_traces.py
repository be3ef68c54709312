#!/usr/bin/python3
"""Shape traces of small torchvision models: every leaf module's output shape, in execution order.

Run with Debian's PyTorch and torchvision (the `python3` on PATH may lack them):

    /usr/bin/python3 scripts/gen_model_traces.py

Writes test/fixtures/models.json (committed; CI never needs torch). For each model: a forward
hook on every leaf module (a module without children), one forward in eval mode under
torch.no_grad() on zeros of the input shape, and one trace entry per hook call
`{"name": <module path>, "kind": <class name>, "shape": <output shape>}` (a module called twice,
like BasicBlock's ReLU, appears twice). Plus "input", "output", "params" (all parameters),
"trainable" (those with requires_grad), "stateDict" (state_dict()'s keys and shapes, in order) and "notes": what the forward computes functionally,
outside any module, and so has no trace entry. Shapes do not depend on the weights, which are
torch's default random initialisation (seeded; no download).
"""
import json
from pathlib import Path

import torch
import torch.nn as nn
import torchvision
from torchvision.models.mobilenetv2 import InvertedResidual

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test" / "fixtures" / "models.json"
torch.manual_seed(0)
torch.set_num_threads(1)


def lenet5():
    """LeNet-5 as in the PyTorch tutorial ("Neural Networks"), as an nn.Sequential."""
    return nn.Sequential(
        nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10),
    )


class UNet(nn.Module):
    """The U-Net of examples/unet.ts: 16, 32, 64 channels, max-pool encoder, ConvTranspose2d decoder,
    skips joined by torch.cat on the channels (skip first), 2 classes."""

    @staticmethod
    def double(cin, cout):
        return nn.Sequential(
            nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(),
            nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(),
        )

    def __init__(self):
        super().__init__()
        self.inc = UNet.double(3, 16)
        self.down1 = nn.Sequential(nn.MaxPool2d(2), UNet.double(16, 32))
        self.down2 = nn.Sequential(nn.MaxPool2d(2), UNet.double(32, 64))
        self.up2 = nn.ConvTranspose2d(64, 32, 2, stride=2)
        self.dec2 = UNet.double(64, 32)
        self.up1 = nn.ConvTranspose2d(32, 16, 2, stride=2)
        self.dec1 = UNet.double(32, 16)
        self.outc = nn.Conv2d(16, 2, 1)

    def forward(self, x):
        x1 = self.inc(x)
        x2 = self.down1(x1)
        y2 = self.dec2(torch.cat([x2, self.up2(self.down2(x2))], 1))
        return self.outc(self.dec1(torch.cat([x1, self.up1(y2)], 1)))


MODELS = [
    ("lenet5", "nn.Sequential(Conv2d(1,6,5), ReLU, MaxPool2d(2), Conv2d(6,16,5), ReLU, MaxPool2d(2), Flatten, "
               "Linear(400,120), ReLU, Linear(120,84), ReLU, Linear(84,10)) (the PyTorch tutorial's LeNet-5)",
     lenet5, [1, 1, 32, 32],
     "Every operation is a module (Flatten included): nothing is functional."),
    ("vgg11", "torchvision.models.vgg11()", torchvision.models.vgg11, [1, 3, 224, 224],
     "VGG.forward calls torch.flatten(x, 1) between avgpool [1, 512, 7, 7] and classifier.0 "
     "(no entry; classifier.0 receives [1, 25088]). Dropout is a module: identity in eval mode, "
     "it has entries."),
    ("resnet18", "torchvision.models.resnet18()", torchvision.models.resnet18, [1, 3, 224, 224],
     "ResNet._forward_impl calls torch.flatten(x, 1) between avgpool [1, 512, 1, 1] and fc (no entry; "
     "fc receives [1, 512]). Each BasicBlock adds its shortcut functionally (`out += identity`, after "
     "bn2 and the downsample, if any) with no entry, then calls its single ReLU module a second time: "
     "the relu entries appear twice per block (after bn1, and after the sum). The downsample "
     "(1x1 Conv2d stride 2 + BatchNorm2d, in layer2.0, layer3.0, layer4.0) runs on the block's input, "
     "after bn2."),
    ("mobilenetv2_block", "torchvision.models.mobilenetv2.InvertedResidual(24, 24, stride=1, expand_ratio=6)",
     lambda: InvertedResidual(24, 24, stride=1, expand_ratio=6), [1, 24, 56, 56],
     "stride 1 and inp == oup, so use_res_connect: forward returns `x + self.conv(x)`, the residual sum "
     "done functionally (no entry). Expansion to 24*6 = 144 channels (conv.0, 1x1), depthwise 3x3 "
     "(conv.1, groups=144), linear 1x1 projection (conv.2, conv.3: no activation)."),
    ("mobilenetv2_block_s2", "torchvision.models.mobilenetv2.InvertedResidual(24, 32, stride=2, expand_ratio=6)",
     lambda: InvertedResidual(24, 32, stride=2, expand_ratio=6), [1, 24, 56, 56],
     "stride 2 (and inp != oup): no residual, forward returns self.conv(x); nothing functional. "
     "The depthwise 3x3 (conv.1.0, padding 1, stride 2) halves 56 to 28."),
    ("unet", "UNet (this script: examples/unet.ts's U-Net, 16/32/64 channels, 2 classes)", UNet, [1, 3, 64, 64],
     "The skips are joined by torch.cat([skip, up], 1) in forward (no entry). Leaves in execution order: "
     "inc, down1 (pool, convs), down2 (pool, convs), up2 (ConvTranspose2d), dec2, up1, dec1, outc."),
    # issue 12: today's architectures
    ("mobilenet_v3_small", "torchvision.models.mobilenet_v3_small()", torchvision.models.mobilenet_v3_small, [1, 3, 224, 224],
     "MobileNetV3._forward_impl calls torch.flatten(x, 1) between avgpool [1, 576, 1, 1] and classifier.0 "
     "(no entry; classifier.0 receives [1, 576]). Each SqueezeExcitation returns `scale * input` (the product "
     "done functionally, no entry) after its avgpool, fc1, activation, fc2, scale_activation (entries in that "
     "order; registered avgpool, fc1, fc2, activation, scale_activation). An InvertedResidual with stride 1 and "
     "as many channels out as in (features.3, 5, 6, 7, 8, 10, 11) returns `result + input`, functionally. "
     "Dropout is a module: identity in eval mode, it has an entry."),
    ("efficientnet_b0", "torchvision.models.efficientnet_b0()", torchvision.models.efficientnet_b0, [1, 3, 224, 224],
     "EfficientNet._forward_impl calls torch.flatten(x, 1) between avgpool [1, 1280, 1, 1] and classifier.0 "
     "(Dropout, an entry; classifier.1 receives [1, 1280]). Each SqueezeExcitation returns `scale * input` "
     "functionally (no entry). An MBConv with stride 1 and as many channels out as in (features.2.1, 3.1, "
     "4.1, 4.2, 5.1, 5.2, 6.1, 6.2, 6.3) calls its stochastic_depth (an entry, identity in eval mode) and then "
     "adds the input functionally (no entry); the other MBConvs hold a StochasticDepth module they never "
     "call (no entry; no parameters or buffers). p = 0.2 * block index / 16."),
    ("convnext_tiny", "torchvision.models.convnext_tiny()", torchvision.models.convnext_tiny, [1, 3, 224, 224],
     "Each CNBlock computes `result = self.layer_scale * self.block(input)` functionally (no entry; "
     "layer_scale is the block's own parameter [C, 1, 1], listed before its block's in state_dict), "
     "then calls stochastic_depth (an entry, identity in eval mode) and adds the input functionally "
     "(no entry). LayerNorm2d (stem, downsampling layers, classifier.0) is one module: it permutes, "
     "layer-norms and permutes back inside its forward (one entry). Permute is a module "
     "(torchvision.ops.misc.Permute, entries), and so is the classifier's Flatten (an entry). "
     "p = 0.1 * block index / 17."),
]


def trace(model, input_shape):
    leaves = [(name, m) for name, m in model.named_modules() if not list(m.children())]
    entries = []
    handles = [
        m.register_forward_hook(lambda m, args, out, name=name: entries.append(
            {"name": name, "kind": type(m).__name__, "shape": list(out.shape)}))
        for name, m in leaves
    ]
    model.eval()
    with torch.no_grad():
        y = model(torch.zeros(input_shape))
    for h in handles:
        h.remove()
    return entries, list(y.shape)


models = []
for key, description, build, input_shape, notes in MODELS:
    model = build()
    entries, output = trace(model, input_shape)
    assert entries[-1]["shape"] == output, key
    models.append({
        "name": key, "model": description, "input": input_shape, "output": output,
        "params": sum(p.numel() for p in model.parameters()),
        "trainable": sum(p.numel() for p in model.parameters() if p.requires_grad),
        "notes": notes,
        # state_dict(): keys (parameters and buffers, torchvision's names) in order, with shapes
        "stateDict": [[k, list(v.shape)] for k, v in model.state_dict().items()],
        "trace": entries,
    })

by = {m["name"]: m for m in models}
assert by["lenet5"]["params"] == 61706
assert by["resnet18"]["params"] == 11689512
assert by["vgg11"]["params"] == 132863336
assert sum(e["kind"] == "ReLU" for e in by["resnet18"]["trace"]) == 1 + 8 * 2
assert by["mobilenet_v3_small"]["params"] == 2542856
assert by["efficientnet_b0"]["params"] == 5288548
assert by["convnext_tiny"]["params"] == 28589128

lines = [json.dumps({"torch": torch.__version__, "torchvision": torchvision.__version__,
                     "generator": "scripts/gen_model_traces.py"})[:-1] + ',\n"models": [']
for i, m in enumerate(models):
    head = {k: v for k, v in m.items() if k != "trace"}
    lines.append("  " + json.dumps(head)[:-1] + ', "trace": [')
    lines.append(",\n".join("    " + json.dumps(e) for e in m["trace"]))
    lines.append("  ]}" + ("," if i < len(models) - 1 else ""))
lines.append("]}")
text = "\n".join(lines) + "\n"
json.loads(text)
OUT.write_text(text)
print(f"wrote {OUT.relative_to(ROOT)}: " + ", ".join(f"{m['name']} {len(m['trace'])} entries" for m in models))
