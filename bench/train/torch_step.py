# The PyTorch side of bench/train/run.mjs: a server on stdin/stdout, one line of JSON per request
# and per answer, so that its timed steps take their turn in the same rounds as the Node engines.
#
#   {"op": "build", "model": "lenet"|"resnet", "classes": 10, "params": [{"name", "shape", "file"}],
#    "x": {"file", "shape"}, "y": {"file", "shape"}, "steps": 2}
#       builds the model (train mode), copies the given float32 weights into its parameters in
#       order (shapes checked), makes Adam(lr 1e-3), and answers the losses of `steps` training
#       steps on 1 thread: {"losses": [...], "parameters": n}
#   {"op": "time", "threads": t, "reps": k, "warm": w}
#       w untimed steps, then k steps each timed with time.perf_counter(): {"times": [ms, ...]}
#
# A step is what the Node engines time: zero_grad(set_to_none=True), forward, cross_entropy (mean),
# backward, Adam step. ResNet-18 is torchvision.models.resnet18's structure written out (BasicBlock,
# the same parameter names and order), since torchvision may be missing.
import json, sys, time

def answer(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()

try:
    import numpy as np
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except Exception as e:  # no torch: the column says n/a
    answer({"error": f"torch unavailable: {e}"})
    sys.exit(0)


def lenet5(classes):
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, classes),
    )


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + identity)


class ResNet18(nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        self.layer1 = nn.Sequential(BasicBlock(64, 64, 1), BasicBlock(64, 64, 1))
        self.layer2 = nn.Sequential(BasicBlock(64, 128, 2), BasicBlock(128, 128, 1))
        self.layer3 = nn.Sequential(BasicBlock(128, 256, 2), BasicBlock(256, 256, 1))
        self.layer4 = nn.Sequential(BasicBlock(256, 512, 2), BasicBlock(512, 512, 1))
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(512, classes)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


def load(path, shape):
    return torch.from_numpy(np.fromfile(path, dtype=np.float32).reshape(shape).copy())


state = {}

def step():
    model, opt, x, y = state["model"], state["opt"], state["x"], state["y"]
    opt.zero_grad(set_to_none=True)
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    opt.step()
    return loss


answer({"version": torch.__version__})
for line in sys.stdin:
    req = json.loads(line)
    try:
        if req["op"] == "build":
            torch.set_num_threads(1)
            model = lenet5(req["classes"]) if req["model"] == "lenet" else ResNet18(req["classes"])
            params = list(model.parameters())
            if len(params) != len(req["params"]):
                raise ValueError(f"{len(params)} parameters in torch, {len(req['params'])} given")
            with torch.no_grad():
                for (name, p), given in zip(model.named_parameters(), req["params"]):
                    if list(p.shape) != given["shape"]:
                        raise ValueError(f"{name}: torch shape {list(p.shape)}, given {given['name']} {given['shape']}")
                    p.copy_(load(given["file"], given["shape"]))
            model.train()
            state.update(
                model=model,
                opt=torch.optim.Adam(model.parameters(), lr=1e-3),
                x=load(req["x"]["file"], req["x"]["shape"]),
                y=load(req["y"]["file"], req["y"]["shape"]).long(),
            )
            losses = [float(step()) for _ in range(req.get("steps", 1))]
            answer({"losses": losses, "parameters": sum(p.numel() for p in params)})
        elif req["op"] == "time":
            torch.set_num_threads(req["threads"])
            for _ in range(req.get("warm", 0)):
                step()
            times = []
            for _ in range(req["reps"]):
                t = time.perf_counter()
                step()
                times.append((time.perf_counter() - t) * 1e3)
            answer({"times": times})
        else:
            raise ValueError(f"unknown op {req['op']}")
    except Exception as e:
        answer({"error": f"{type(e).__name__}: {e}"})
