#!/usr/bin/python3
"""Exports a PulseLab example with `pulselab-cli export-nir` and checks, with h5py alone, the structure that NIR
readers (neuromorphs/NIR nir/serialization.py, Pedersen et al. 2024) expect: a root string `version`, a group
`node` whose `type` is "NIRGraph", one group per node under `node/nodes` with a string `type` and the
parameters of that type with consistent shapes, and `node/edges` of shape (E, 2) naming existing nodes.

Usage: check_nir_h5py.py PULSELAB_CLI PROJECT OUT.nir
The example is cuba.pulselab: default.pulselab is a rate-based predictive-coding project with no spiking
populations, which NIR cannot express (export-nir refuses it).
"""
import subprocess
import sys

import h5py
import numpy as np

PARAMETERS = {
    "CubaLIF": ["tau_syn", "tau_mem", "r", "v_leak", "v_threshold", "v_reset", "w_in"],
    "Linear": ["weight"],
    "Delay": ["delay"],
    "Input": ["shape"],
    "Output": ["shape"],
}


def text(dataset):
    value = dataset[()]
    return value.decode("utf8") if isinstance(value, bytes) else str(value)


def main():
    cli, project, out = sys.argv[1:4]
    subprocess.run([cli, "export-nir", project, out], check=True)
    with h5py.File(out, "r") as f:
        assert text(f["version"]), "empty version"
        graph = f["node"]
        assert text(graph["type"]) == "NIRGraph", text(graph["type"])
        nodes = graph["nodes"]
        sizes = {}
        for name, node in nodes.items():
            kind = text(node["type"])
            assert kind in PARAMETERS, f"{name}: unexpected type {kind}"
            for key in PARAMETERS[kind]:
                assert key in node, f"{name} ({kind}): missing {key}"
                assert np.issubdtype(node[key].dtype, np.number), f"{name}/{key}: not numeric"
            if kind == "CubaLIF":
                shapes = {node[key].shape for key in PARAMETERS[kind]}
                assert len(shapes) == 1 and len(shapes.pop()) == 1, f"{name}: parameter shapes differ"
                sizes[name] = node["v_threshold"].shape[0]
                assert np.all(node["tau_mem"][()] > 0) and np.all(node["tau_mem"][()] < 10), "tau_mem in seconds"
            elif kind in ("Input", "Output"):
                sizes[name] = int(np.prod(node["shape"][()]))
        edges = graph["edges"][()]
        assert edges.ndim == 2 and edges.shape[1] == 2, f"edges shape {edges.shape}"
        assert edges.shape[0] > 0, "no edges"
        names = set(nodes.keys())
        for source, target in edges:
            source, target = source.decode("utf8"), target.decode("utf8")
            assert source in names and target in names, f"edge {source} -> {target}: unknown node"
            if text(nodes[target]["type"]) == "Linear":
                # weight is (output, input): its input side is the source's size
                assert nodes[target]["weight"].shape[1] == sizes.get(source, nodes[target]["weight"].shape[1])
            if text(nodes[source]["type"]) == "Linear":
                assert nodes[source]["weight"].shape[0] == sizes[target], f"{source} -> {target}: shape"
        kinds = [text(n["type"]) for n in nodes.values()]
        assert kinds.count("CubaLIF") == 2 and kinds.count("Linear") == 4, kinds
    print(f"{out}: NIR structure ok ({len(names)} nodes, {edges.shape[0]} edges)")


if __name__ == "__main__":
    main()
