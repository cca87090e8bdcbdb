#!/usr/bin/python3
# make-fixtures.py: the torchvision prints and per-module rows that test-import-torch reads.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by hand with Debian's python3-torch and python3-torchvision (torch 1.13,
# torchvision 0.14); the tests never run it. For each model it writes NAME.txt,
# the text of print(model), and NAME.json: one row per call of a leaf module
# during one forward pass on a 1 x 3 x 224 x 224 input, with the module's
# output shape (NCHW), its own parameters and its float buffers (BatchNorm's
# running mean and variance). GoogLeNet runs in training mode, so that its
# auxiliary classifiers are called and have rows too. "merges" counts the
# residual additions, concatenations and squeeze-and-excitation products that
# forward() does without a module.
import json
import os
import sys

import torch
import torchvision
import torchvision.models as models

MODELS = {
    "alexnet": lambda: models.alexnet(weights=None),
    "densenet121": lambda: models.densenet121(weights=None),
    "efficientnet_b0": lambda: models.efficientnet_b0(weights=None),
    "googlenet": lambda: models.googlenet(weights=None, init_weights=False),
    "mnasnet0_5": lambda: models.mnasnet0_5(weights=None),
    "mobilenet_v2": lambda: models.mobilenet_v2(weights=None),
    "resnet50": lambda: models.resnet50(weights=None),
    "squeezenet1_0": lambda: models.squeezenet1_0(weights=None),
}
TRAINING = {"googlenet"}
INPUT = [1, 3, 224, 224]


def float_buffers(module):
    return sum(b.numel() for b in module.buffers(recurse=False) if b.is_floating_point())


def rows_of(name, model):
    rows = []
    calls = {}

    def hook(module_name):
        def record(module, inputs, output):
            call = calls.get(module_name, 0)
            calls[module_name] = call + 1
            row = {
                "name": module_name,
                "type": type(module).__name__,
                "call": call,
                "input_shape": list(inputs[0].shape),
                "output_shape": list(output.shape),
                "params": sum(p.numel() for p in module.parameters(recurse=False)),
                "float_buffer_numel": float_buffers(module),
            }
            if isinstance(module, torch.nn.AvgPool2d):
                row["hparams"] = {"ceil_mode": module.ceil_mode}
            rows.append(row)
        return record

    for module_name, module in model.named_modules():
        if not list(module.children()):
            module.register_forward_hook(hook(module_name))
    model.train(name in TRAINING)
    torch.manual_seed(0)
    with torch.no_grad():
        model(torch.zeros(INPUT) if name not in TRAINING else torch.rand(INPUT))
    return rows


def merges_of(model):
    """The additions and concatenations forward() does without a module."""
    adds = cats = muls = 0
    for module in model.modules():
        kind = type(module).__name__
        if kind in ("BasicBlock", "Bottleneck"):
            adds += 1
        elif kind == "InvertedResidual" and module.use_res_connect:
            adds += 1
        elif kind == "_InvertedResidual" and module.apply_residual:
            adds += 1
        elif kind in ("MBConv", "FusedMBConv") and module.use_res_connect:
            adds += 1
        elif kind == "SqueezeExcitation":
            muls += 1
        elif kind in ("Fire", "Inception"):
            cats += 1
        elif kind == "_DenseBlock":
            # Each layer but the first concatenates what came before it;
            # the block concatenates everything.
            cats += len(module)
    return {"add": adds, "concatenate": cats, "multiply": muls}


def main(folder):
    for name, make in MODELS.items():
        model = make()
        with open(os.path.join(folder, name + ".txt"), "w") as out:
            out.write(str(model) + "\n")
        rows = rows_of(name, model)
        summary = {
            "model": name,
            "versions": {"torch": torch.__version__, "torchvision": torchvision.__version__},
            "mode": "train()" if name in TRAINING else "eval()",
            "input_shape": INPUT,
            "total_params": sum(p.numel() for p in model.parameters()),
            "float_buffer_numel": sum(float_buffers(m) for m in model.modules()),
            "merges": merges_of(model),
            "rows": rows,
        }
        with open(os.path.join(folder, name + ".json"), "w") as out:
            json.dump(summary, out, indent=None, separators=(",", ":"))
            out.write("\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
