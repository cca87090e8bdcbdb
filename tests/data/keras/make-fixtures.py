#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the Keras fixtures of tests/test-import-keras.c from the reference
networks (the refs folder beside the repository, given as the argument).

Run once; its output is committed. Nothing here computes a shape or a
count: the Keras 3 files carry the shapes the references state.

- NAME.keras3.json: the reference's model.to_json() rewritten in the Keras 3
  form: each call {"args": [...], "kwargs": {}} of __keras_tensor__ objects
  with keras_history, merges' tensors as a list inside args, batch_shape on
  InputLayer (a Sequential gets one as its first layer), module,
  registered_name, build_config and DTypePolicy objects.
- resnet_mini.keras: a .keras archive (zip) with metadata.json, config.json
  (the Keras 3 form) and a stand-in for model.weights.h5.
- no-config.keras: an archive of metadata and weights without config.json.
- bomb.keras: an archive whose config.json inflates past Strata's limit.
- lenet5.h5: the Keras 2 config as the root's variable-length string
  attribute model_config; ng_cnn-fixed.h5 the same as a fixed-length one;
  no-config.h5: a root with keras_version and backend but no model_config.
"""

import copy
import io
import json
import os
import sys
import zipfile

import h5py
import numpy

REFS = sys.argv[1]
OUT = os.path.dirname(os.path.abspath(__file__))
MODELS = ["keras/ng_cnn", "keras/lenet5", "keras/vgg16_like", "keras_functional/resnet_mini"]


def load(path):
    with open(os.path.join(REFS, path)) as f:
        return json.load(f)


def dtype_policy():
    return {"module": "keras", "class_name": "DTypePolicy",
            "config": {"name": "float32"}, "registered_name": None}


def tensor(shapes, name, node, index):
    return {"class_name": "__keras_tensor__",
            "config": {"shape": shapes[name], "dtype": "float32",
                       "keras_history": [name, node, index]}}


def keras3_layer(layer, input_shape):
    out = {"module": "keras.layers", "class_name": layer["class_name"],
           "config": copy.deepcopy(layer["config"]), "registered_name": None}
    config = out["config"]
    config.pop("batch_input_shape", None)
    if "dtype" in config or layer["class_name"] != "InputLayer":
        config["dtype"] = dtype_policy()
    if layer["class_name"] == "InputLayer":
        config["batch_shape"] = layer["config"]["batch_input_shape"]
        config["dtype"] = "float32"
    else:
        out["build_config"] = {"input_shape": input_shape}
    return out


def keras3(model, summary):
    rows = {row["name"]: row for row in summary["rows"]}
    shapes = {name: row["output_shape"] for name, row in rows.items()}
    top = {"module": "keras", "class_name": None, "config": {}, "registered_name": None}
    config = model["config"]
    if model["class_name"] == "Sequential":
        first = config["layers"][0]
        layers = [{"module": "keras.layers", "class_name": "InputLayer",
                   "config": {"batch_shape": first["config"]["batch_input_shape"],
                              "dtype": "float32", "sparse": False, "name": "input_layer"},
                   "registered_name": None}]
        for layer in config["layers"]:
            layers.append(keras3_layer(layer, rows[layer["config"]["name"]]["input_shape"]))
        top["class_name"] = "Sequential"
        top["config"] = {"name": config["name"], "trainable": True, "dtype": dtype_policy(),
                         "layers": layers}
        top["build_config"] = {"input_shape": first["config"]["batch_input_shape"]}
        return top

    layers = []
    for layer in config["layers"]:
        out = keras3_layer(layer, rows[layer["name"]]["input_shape"])
        out["name"] = layer["name"]
        calls = []
        for call in layer["inbound_nodes"]:
            tensors = [tensor(shapes, t[0], t[1], t[2]) for t in call]
            calls.append({"args": [tensors] if len(tensors) > 1 else tensors, "kwargs": {}})
        out["inbound_nodes"] = calls
        layers.append(out)
    top["class_name"] = "Functional"
    top["registered_name"] = "Functional"
    top["config"] = {"name": config["name"], "trainable": True, "layers": layers,
                     "input_layers": config["input_layers"],
                     "output_layers": config["output_layers"]}
    return top


def write_json(name, data):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")


def main():
    converted = {}
    for ref in MODELS:
        folder, name = ref.split("/")
        model = load(ref + ".keras.json")
        summary = load(ref + ".summary.json")
        converted[name] = keras3(model, summary)
        write_json(name + ".keras3.json", converted[name])

    metadata = json.dumps({"keras_version": "3.3.3", "date_saved": "2024-05-01@12:00:00"})
    with zipfile.ZipFile(os.path.join(OUT, "resnet_mini.keras"), "w",
                         zipfile.ZIP_DEFLATED) as z:
        z.writestr("metadata.json", metadata)
        z.writestr("config.json", json.dumps(converted["resnet_mini"]))
        z.writestr("model.weights.h5", b"\0" * 64)

    with zipfile.ZipFile(os.path.join(OUT, "no-config.keras"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("metadata.json", metadata)
        z.writestr("model.weights.h5", b"\0" * 64)

    # Spaces are valid JSON around an object, so only the size stops it.
    with zipfile.ZipFile(os.path.join(OUT, "bomb.keras"), "w", zipfile.ZIP_DEFLATED,
                         compresslevel=9) as z:
        z.writestr("metadata.json", metadata)
        z.writestr("config.json", json.dumps(converted["lenet5"]) + " " * (65 * 1024 * 1024))

    for name, fixed in (("lenet5", False), ("ng_cnn", True)):
        text = json.dumps(load("keras/%s.keras.json" % name))
        with h5py.File(os.path.join(OUT, name + (".h5" if not fixed else "-fixed.h5")), "w") as f:
            f.attrs["model_config"] = numpy.bytes_(text.encode()) if fixed else text
            f.attrs["keras_version"] = "2.15.0"
            f.attrs["backend"] = "tensorflow"
            f.create_group("model_weights")
    with h5py.File(os.path.join(OUT, "no-config.h5"), "w") as f:
        f.attrs["keras_version"] = "2.15.0"
        f.attrs["backend"] = "tensorflow"
        f.create_group("model_weights")


main()
