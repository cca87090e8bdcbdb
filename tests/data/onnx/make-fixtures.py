#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the ONNX files test-import-onnx.c reads, and expected.json.

Run once, by hand, from this folder (Debian's python3-torch and
python3-onnx): the files are committed, so the tests need neither.

Models come from torch.onnx.export where PyTorch can make them (the files
people have), and from onnx.helper for what PyTorch never writes (auto_pad,
uneven pads, old opsets' attributes). Every expected shape is ONNX's own
shape inference; every expected count is the numel of a node's float
initializers, and the totals are PyTorch's parameters and buffers.
"""

import io
import json

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import TensorProto, helper, numpy_helper, shape_inference

torch.manual_seed(0)
np.random.seed(0)
expected = {"models": [], "errors": []}

# Ops that Strata draws nothing for when they work on constants only.
FOLDED = {"Constant", "Shape", "Gather", "Unsqueeze", "Squeeze", "Concat", "Cast", "Identity",
          "Slice", "Reshape", "Add", "Sub", "Mul", "Div", "ConstantOfShape", "Transpose"}


def dims_of(value_info):
    return [d.dim_value if d.HasField("dim_value") else None
            for d in value_info.type.tensor_type.shape.dim]


# Ops whose float initializers are weights; others' (Clip's bounds,
# Resize's scales, Dropout's ratio) are not.
WEIGHTED = {"Conv", "ConvTranspose", "Gemm", "MatMul", "BatchNormalization",
            "InstanceNormalization", "PRelu", "FusedConv"}


def describe(model, name, torch_params=None, torch_buffers=None, extra=(), dropped=(),
             known=None):
    """The expectations of @model: every node's inferred shape and counts.
    @known gives shapes ONNX's inference leaves open: PyTorch's own (its
    modules' outputs in a forward pass), or for ops newer than onnx 1.12
    (opset 18 and later) the spec's formula worked out by hand."""
    # Data propagation infers the shapes PyTorch computes in the graph (its
    # pads); onnx 1.12 crashes with it on the hand-built opset 18 graph.
    inferred = shape_inference.infer_shapes(model, data_prop=name.startswith("torch"))
    graph = inferred.graph
    shapes = {v.name: dims_of(v) for v in list(graph.value_info) + list(graph.output)
              + list(graph.input)}
    floats = {t.name: int(np.prod(t.dims)) for t in graph.initializer
              if t.data_type == TensorProto.FLOAT}
    # Weights given as graph inputs (as ONNX's conformance cases do).
    for v in list(graph.input)[1:]:
        floats[v.name] = int(np.prod(dims_of(v)))
    constant = set(t.name for t in graph.initializer)
    producer = {}
    for node in graph.node:
        for out in node.output:
            producer[out] = node
    readers = {}
    for node in graph.node:
        for i in node.input:
            readers.setdefault(i, []).append(node)
    layers = []
    for node in graph.node:
        label = node.name or node.output[0]
        inputs = [i for i in node.input if i]
        if node.op_type in FOLDED and (all(i in constant for i in inputs) or node.op_type == "Shape"):
            constant.update(node.output)
            continue
        if node.op_type in ("Identity", "Cast") or label in dropped:
            continue
        params = sum(floats.get(i, 0) for i in node.input[1:]) if node.op_type in WEIGHTED else 0
        if node.op_type == "Add" and any(producer.get(i) is not None and
                                         producer[i].op_type == "MatMul" for i in inputs) and \
                any(i in floats for i in inputs):
            continue  # the bias of the dense layer before it
        if node.op_type == "MatMul":
            for r in readers.get(node.output[0], []):
                if r.op_type == "Add":
                    params += sum(floats.get(i, 0) for i in r.input)
        if node.op_type in ("Add", "Sub", "Mul", "Div") and len([i for i in inputs
                                                                  if i not in constant]) == 1:
            continue  # a constant operand: dropped
        shape = shapes.get(node.output[0])
        if known and (shape is None or None in shape or not shape) and label in known:
            shape = known[label]
        layers.append({"name": label, "op": node.op_type, "shape": shape,
                       "params": params,
                       "non_trainable": params // 2 if node.op_type == "BatchNormalization" else 0})
    for e in extra:
        layers.append({"name": e[0], "op": None, "shape": e[1], "params": 0, "non_trainable": 0})
    entry = {"file": name + ".onnx", "opset": model.opset_import[0].version, "layers": layers}
    if torch_params is not None:
        entry["torch_params"] = torch_params
        entry["torch_buffers"] = torch_buffers
    expected["models"].append(entry)
    onnx.save(model, name + ".onnx")


def export(module, shape, name, opset, **kwargs):
    """PyTorch's export, keeping BatchNorm unless told otherwise. Every
    weight is moved a little from its initial value, or the exporter would
    merge equal initializers (a BatchNorm's ones) into one."""
    module.eval()
    with torch.no_grad():
        for t in list(module.parameters()) + [b for n, b in module.named_buffers()
                                              if "running" in n]:
            t.add_(torch.rand_like(t) * 1e-3)
    kwargs.setdefault("training", torch.onnx.TrainingMode.PRESERVE)
    f = io.BytesIO()
    torch.onnx.export(module, torch.zeros(*shape), f, opset_version=opset, input_names=["input"],
                      output_names=["output"], **kwargs)
    model = onnx.load_from_string(f.getvalue())
    params = sum(p.numel() for p in module.parameters())
    buffers = sum(b.numel() for n, b in module.named_buffers() if "running" in n)
    return model, params, buffers, module_shapes(module, shape, model)


def module_shapes(module, shape, model):
    """The output shape of each node made by a module (named
    /path/to/module/Op by the exporter) in PyTorch's forward pass."""
    outputs = {}
    hooks = [m.register_forward_hook(lambda m, i, o, n=n: outputs.__setitem__(n, list(o.shape)))
             for n, m in module.named_modules() if n]
    with torch.no_grad():
        module(torch.zeros(*shape))
    for h in hooks:
        h.remove()
    known = {}
    for node in model.graph.node:
        parts = node.name.split("/")
        if len(parts) >= 3 and parts[-2] in outputs:
            known[node.name] = outputs[parts[-2]]
    return known


class Chain(nn.Module):
    """Convolutions, pools and activations of every kind Strata has, then
    PyTorch's x.view(x.size(0), -1) and two linear layers."""

    def __init__(self, hardswish):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU6(),
            nn.MaxPool2d(3, stride=2, ceil_mode=True),
            nn.Conv2d(8, 8, 3, padding=2, dilation=2, groups=2), nn.LeakyReLU(0.1),
            nn.Conv2d(8, 16, 3, padding=1, groups=8, bias=False), nn.ELU(),
            nn.Upsample(scale_factor=2),
            nn.AvgPool2d(3, stride=2, padding=1, ceil_mode=True, count_include_pad=False),
            nn.Hardswish() if hardswish else nn.Sigmoid(),
            nn.Conv2d(16, 6, (3, 5), stride=(2, 1), padding=(0, 2)), nn.Tanh(),
            nn.AdaptiveAvgPool2d(1))
        self.fc1 = nn.Linear(6, 12, bias=False)
        self.fc2 = nn.Linear(12, 5)

    def forward(self, x):
        x = self.features(x)
        x = x.view(x.size(0), -1)
        return torch.softmax(self.fc2(torch.tanh(self.fc1(x))), dim=1)


for opset in (9, 11, 13, 17):
    m, p, b, k = export(Chain(opset >= 14), (1, 3, 21, 19), "torch-chain-%d" % opset, opset)
    describe(m, "torch-chain-%d" % opset, p, b, known=k)

# Exported for inference: BatchNorm is folded into the convolution before
# it, so the file has fewer parameters than the PyTorch model.
m, p, b, k = export(Chain(True), (1, 3, 21, 19), "torch-chain-fused", 14,
                    training=torch.onnx.TrainingMode.EVAL)
describe(m, "torch-chain-fused", known=k)


class Branches(nn.Module):
    """Residual, squeeze-and-excitation, uneven padding, transposed
    convolution, bilinear upsampling and joins along each axis."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(8)
        self.down = nn.Conv2d(8, 16, 1, stride=2, bias=False)
        self.body = nn.Conv2d(8, 16, 3, stride=2, padding=1)
        self.se1 = nn.Conv2d(16, 4, 1)
        self.se2 = nn.Conv2d(4, 16, 1)
        self.up = nn.ConvTranspose2d(16, 8, 3, stride=2, padding=1, output_padding=1)
        self.pad_conv = nn.Conv2d(8, 8, 2)
        self.head = nn.Linear(8 * 2, 3)
        self.bn1d = nn.BatchNorm1d(3)

    def forward(self, x):
        x = torch.relu(self.bn(self.stem(x)))
        y = self.body(x) + self.down(x)
        s = torch.sigmoid(self.se2(torch.relu(self.se1(F.adaptive_avg_pool2d(y, 1)))))
        y = y * s
        u = self.up(y)
        v = self.pad_conv(F.pad(u, (0, 1, 1, 0)))
        w = F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False)
        w = F.max_pool2d(w, 2)
        z = torch.cat([torch.max(v, w) - u, v], dim=2)
        z = torch.cat([z, z], dim=3)
        g = F.adaptive_max_pool2d(z, 1).flatten(1)
        g = torch.cat([g, g], dim=1)
        return self.bn1d(self.head(g))


m, p, b, k = export(Branches(), (1, 3, 16, 16), "torch-branches", 13)
describe(m, "torch-branches", p, b, known=k)


def tensor(name, dims):
    return numpy_helper.from_array(np.random.rand(*dims).astype(np.float32), name)


def ints(name, values):
    return numpy_helper.from_array(np.array(values, dtype=np.int64), name)


def build(name, opset, nodes, inputs, initializers, outputs, value_info=(), domains=(),
          **expect):
    graph = helper.make_graph(nodes, name, inputs, outputs, initializers, value_info=value_info)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)] +
                              [helper.make_opsetid(d, 1) for d in domains])
    model.ir_version = 7
    describe(model, name, **expect)


def image(name, c, h, w, batch=1):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, [batch, c, h, w])


def out(name):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, None)


N = helper.make_node
# auto_pad, uneven pads (a zero padding layer before the window), pools
# whose pads are more than half the window, ConvTranspose's output_shape
# and uneven pads, Gemm without transB, MatMul with a bias Add, merges.
build("helper-windows", 13, [
    N("Conv", ["x", "w1", "b1"], ["c1"], "same_upper", auto_pad="SAME_UPPER", strides=[2, 2]),
    N("Conv", ["c1", "w2"], ["c2"], "same_lower", auto_pad="SAME_LOWER", kernel_shape=[2, 2]),
    N("Conv", ["c2", "w3"], ["c3"], "valid", auto_pad="VALID", dilations=[2, 1]),
    N("Conv", ["c3", "w4", "b4"], ["c4"], "uneven", pads=[1, 0, 2, 1]),
    N("MaxPool", ["c4"], ["p1"], "maxpool_same", kernel_shape=[3, 3], strides=[2, 2],
      auto_pad="SAME_UPPER"),
    N("AveragePool", ["p1"], ["p2"], "avgpool_uneven", kernel_shape=[2, 2], pads=[0, 0, 1, 1]),
    N("MaxPool", ["p2"], ["p3"], "maxpool_dilated", kernel_shape=[2, 2], dilations=[2, 2],
      pads=[1, 1, 1, 1]),
    N("ConvTranspose", ["p3", "wt1"], ["t1"], "transpose_shape", strides=[2, 2],
      output_shape=[8, 7]),
    N("ConvTranspose", ["t1", "wt2", "bt2"], ["t2"], "transpose_uneven", strides=[2, 2],
      pads=[0, 1, 1, 1]),
    N("ConvTranspose", ["t2", "wt3"], ["t3"], "transpose_same", strides=[2, 2],
      auto_pad="SAME_UPPER", group=2),
    N("Relu", ["t3"], ["r1"], "relu"),
    N("Concat", ["r1", "r1"], ["j1"], "join_width", axis=3),
    N("Concat", ["j1", "j1"], ["j2"], "join_height", axis=-2),
    N("Sum", ["j2", "j2", "j2"], ["s1"], "sum3"),
    N("Mean", ["s1", "j2"], ["s2"], "mean"),
    N("Min", ["s2", "j2"], ["s3"], "min"),
    N("Div", ["s3", "two"], ["s4"], "div_constant"),
    N("GlobalMaxPool", ["s4"], ["g"], "global_max"),
    N("Flatten", ["g"], ["f"], "flatten"),
    N("Gemm", ["f", "wg", "bg"], ["d1"], "gemm_plain", alpha=0.5),
    N("MatMul", ["d1", "wm"], ["d2"], "matmul"),
    N("Add", ["d2", "bm"], ["d3"], "matmul_bias"),
], [image("x", 3, 15, 13)], [
    tensor("w1", [8, 3, 3, 3]), tensor("b1", [8]), tensor("w2", [8, 8, 2, 2]),
    tensor("w3", [6, 8, 3, 3]), tensor("w4", [6, 6, 3, 2]), tensor("b4", [6]),
    tensor("wt1", [6, 4, 3, 3]), tensor("wt2", [4, 4, 2, 3]), tensor("bt2", [4]),
    tensor("wt3", [4, 3, 2, 2]), numpy_helper.from_array(np.array(2.0, np.float32), "two"),
    tensor("wg", [6, 10]), tensor("bg", [10]), tensor("wm", [10, 7]), tensor("bm", [7]),
], [out("d3")], extra=[("uneven_pad", [1, 6, 7, 6]), ("avgpool_uneven_pad", [1, 6, 4, 4])])

# Opset 7: Upsample's scales, Clip's and Dropout's attributes, Pad's pads.
build("helper-opset7", 7, [
    N("Pad", ["x"], ["p"], "pad", pads=[0, 0, 1, 2, 0, 0, 3, 0], mode="reflect"),
    N("Conv", ["p", "w"], ["c"], "conv", kernel_shape=[3, 3]),
    N("BatchNormalization", ["c", "s", "bb", "m", "v"], ["n"], "bn"),
    N("Clip", ["n"], ["r6"], "relu6", min=0.0, max=6.0),
    N("Clip", ["r6"], ["r"], "relu", min=0.0),
    N("Upsample", ["r"], ["u"], "upsample", scales=[1.0, 1.0, 2.0, 3.0]),
    N("Dropout", ["u"], ["d"], "dropout", ratio=0.25),
    N("Max", ["d", "u"], ["mx"], "max"),
    N("Sub", ["mx", "d"], ["sb"], "sub"),
    N("Mul", ["sb", "mx"], ["ml"], "mul"),
    N("Pad", ["ml"], ["cr"], "crop", pads=[0, 0, -1, -1, 0, 0, 0, -2]),
    N("Softmax", ["cr"], ["y"], "softmax", axis=1),
], [image("x", 2, 6, 5)], [
    tensor("w", [4, 2, 3, 3]), tensor("s", [4]), tensor("bb", [4]), tensor("m", [4]),
    tensor("v", [4]),
], [out("y")])

# Opset 10: Resize reads (X, scales); Upsample is gone; Dropout's ratio is an attribute.
build("helper-opset10", 10, [
    N("Resize", ["x", "scales"], ["u"], "resize", mode="linear"),
    N("Dropout", ["u"], ["d"], "dropout", ratio=0.1),
    N("Flatten", ["d"], ["f"], "flatten", axis=1),
], [image("x", 3, 4, 5)], [
    numpy_helper.from_array(np.array([1, 1, 2, 2], np.float32), "scales"),
], [out("f")])

# Opset 12: Dropout's ratio and Clip's bounds are inputs; Squeeze's axes an attribute.
build("helper-opset12", 12, [
    N("Clip", ["x", "zero", "six"], ["r"], "relu6"),
    N("Dropout", ["r", "ratio"], ["d"], "dropout"),
    N("GlobalAveragePool", ["d"], ["g"], "gap"),
    N("Squeeze", ["g"], ["q"], "squeeze", axes=[2, 3]),
    N("Unsqueeze", ["q"], ["uq"], "unsqueeze", axes=[2, 3]),
    N("Conv", ["uq", "w"], ["c"], "conv", kernel_shape=[1, 1]),
], [image("x", 5, 3, 3)], [
    numpy_helper.from_array(np.array(0, np.float32), "zero"),
    numpy_helper.from_array(np.array(6, np.float32), "six"),
    numpy_helper.from_array(np.array(0.3, np.float32), "ratio"),
    tensor("w", [2, 5, 1, 1]),
], [out("c")])

# Opset 18: Pad with axes, Resize by sizes, Reshape with a shape computed
# by Shape, Gather, Unsqueeze, Concat and Constant (as PyTorch emits it).
build("helper-opset18", 18, [
    N("Constant", [], ["pads"], "pads", value=ints("pads_value", [1, 2, 0, 1])),
    N("Constant", [], ["axes"], "axes", value=ints("axes_value", [2, 3])),
    N("Pad", ["x", "pads", "", "axes"], ["p"], "pad"),
    N("Resize", ["p", "", "", "sizes"], ["u"], "resize", mode="nearest"),
    N("Shape", ["u"], ["shape"], "shape"),
    N("Constant", [], ["zero"], "zero", value=ints("zero_value", 0)),
    N("Gather", ["shape", "zero"], ["batch"], "gather", axis=0),
    N("Unsqueeze", ["batch", "axes0"], ["batch1"], "unsqueeze"),
    N("Constant", [], ["minus1"], "minus1", value=ints("minus1_value", [-1])),
    N("Concat", ["batch1", "minus1"], ["target"], "concat", axis=0),
    N("Reshape", ["u", "target"], ["flat"], "reshape"),
    N("Reshape", ["flat", "image_shape"], ["back"], "reshape_image"),
    N("Elu", ["back"], ["y"], "elu"),
], [image("x", 2, 3, 3, batch="N")], [
    ints("sizes", [1, 2, 8, 12]), ints("axes0", [0]), ints("image_shape", [0, 4, 12, 4]),
], [out("y")], known={"pad": [1, 2, 4, 6], "resize": [1, 2, 8, 12], "reshape": [1, 192],
                      "reshape_image": [1, 4, 12, 4], "elu": [1, 4, 12, 4]})

# Opset 21, the newest Strata reads: Gelu (opset 20) and a graph whose
# nodes are not in order.
build("helper-opset21", 21, [
    N("Gelu", ["c"], ["y"], "gelu"),
    N("Conv", ["x", "w"], ["c"], "conv", kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
], [image("x", 1, 5, 5)], [tensor("w", [3, 1, 3, 3])], [out("y")],
      known={"gelu": [1, 3, 5, 5]})


# Weights as graph inputs, as ONNX's conformance cases write them: their
# dims are stated, their values are given apart.
build("conformance-weights", 11, [
    N("Conv", ["x", "W", "B"], ["c"], "conv", strides=[2, 2], pads=[1, 1, 1, 1]),
    N("BatchNormalization", ["c", "s", "bias", "mean", "var"], ["y"], "bn"),
], [image("x", 1, 7, 5)] + [helper.make_tensor_value_info(n, TensorProto.FLOAT, d)
                            for n, d in (("W", [2, 1, 3, 3]), ("B", [2]), ("s", [2]),
                                         ("bias", [2]), ("mean", [2]), ("var", [2]))],
      [], [out("y")])


# Ops Strata has no kind for, in a file that states their shapes (as
# files that went through shape inference do): kept as opaque layers.
build("helper-opaque", 13, [
    N("LRN", ["x"], ["l"], "lrn", size=3),
    N("InstanceNormalization", ["l", "scale", "bias"], ["n"], "instance_norm"),
    N("PRelu", ["n", "slope"], ["p"], "prelu"),
    N("Div", ["p", "n"], ["d"], "divide"),
    N("FusedConv", ["d", "w"], ["f"], "fused", domain="com.microsoft", kernel_shape=[3, 3]),
    N("Relu", ["f"], ["y"], "relu"),
], [image("x", 4, 6, 6)], [tensor("scale", [4]), tensor("bias", [4]), tensor("slope", [4, 1, 1]),
                           tensor("w", [2, 4, 3, 3])],
      [out("y")], value_info=[image(v, 4, 6, 6) for v in "lnpd"] + [image("f", 2, 4, 4)],
      domains=["com.microsoft"], known={"fused": [1, 2, 4, 4], "relu": [1, 2, 4, 4]})


def refuse(name, opset, nodes, inputs, initializers, code, contains, input_option=None):
    graph = helper.make_graph(nodes, name, inputs, [out("y")], initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 7
    onnx.save(model, name + ".onnx")
    entry = {"file": name + ".onnx", "error": code, "contains": contains}
    if input_option:
        entry["input"] = input_option
    expected["errors"].append(entry)


relu = [N("Relu", ["x"], ["y"], "relu")]
refuse("error-spatial-symbolic", 13, relu, [image("x", 3, "H", "W")], [], "NEEDS_INPUT", "--input")
# The same file with --input 3x10x12: imported.
refuse("error-1d", 13, [N("Conv", ["x", "w"], ["y"], "conv1d", kernel_shape=[3])],
       [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 20])],
       [tensor("w", [4, 3, 3])], "NOT_2D", "2-D image networks")
refuse("error-3d", 13, relu, [helper.make_tensor_value_info("x", TensorProto.FLOAT,
                                                           [1, 3, 4, 4, 4])], [],
       "NOT_2D", "2-D image networks")
refuse("error-unknown-op", 13, [N("LRN", ["x"], ["y"], "lrn", size=3)], [image("x", 3, 4, 4)], [],
       "UNSUPPORTED", "“lrn” (LRN)")
refuse("error-cycle", 13, [N("Add", ["x", "b"], ["a"], "first"), N("Relu", ["a"], ["b"], "second"),
                           N("Relu", ["b"], ["y"], "last")],
       [image("x", 3, 4, 4)], [], "INVALID", "cycle")
refuse("error-missing-input", 13, [N("Add", ["x", "nowhere"], ["y"], "add")],
       [image("x", 3, 4, 4)], [], "INVALID", "“nowhere”")
refuse("error-weights", 13, [N("Conv", ["x", "w"], ["y"], "conv", kernel_shape=[3, 3])],
       [image("x", 3, 8, 8)], [tensor("w", [4, 2, 3, 3])], "INVALID", "4 × 2 × 3 × 3")
refuse("error-negative-dim", 13, relu, [image("x", 3, -4, 8)], [], "INVALID", "impossible")
refuse("error-huge-dim", 13, relu, [image("x", 3, 1 << 40, 8)], [], "INVALID", "impossible")
refuse("error-stated-shape", 13,
       [N("MaxPool", ["x"], ["y"], "pool", kernel_shape=[2, 2], strides=[2, 2])],
       [image("x", 3, 8, 8)], [], "INVALID", "states the shape")
# The file states 5 × 5 for the pool's output, which is 4 × 4.
bad = onnx.load("error-stated-shape.onnx")
bad.graph.output[0].CopyFrom(helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 3, 5, 5]))
onnx.save(bad, "error-stated-shape.onnx")

with open("expected.json", "w") as f:
    json.dump(expected, f, indent=1)
    f.write("\n")
