#pragma once
// Test fixture shared by the sweep tests (core and dialog): 100 Poisson generators ("drive", rate_hz) drive
// 20 LIF neurons ("pop") all-to-all; rest is below threshold, so the input makes them fire.
#include "core/model/project_file.h"

#include <stdexcept>
#include <string>

inline pulselab::core::Project poissonLifProject(double durationMs = 300.0) {
    const std::string text = R"({
      "format": "pulselab-project", "format_version": 1,
      "network": {
        "populations": [{"name": "pop", "model": "lif_cuba", "size": 20,
                         "parameters": {"v_rest_mv": -60.0, "v_reset_mv": -60.0, "v_th_mv": -50.0}}],
        "inputs": [{"name": "drive", "kind": "poisson", "size": 100, "parameters": {"rate_hz": 20.0}}],
        "projections": [{"name": "drive_pop", "source": "drive", "target": "pop",
                         "connectivity": "all_to_all", "receptor": "excitatory", "weight": 1.0}]
      },
      "run": {"dt_ms": 0.1, "duration_ms": )" +
                             std::to_string(durationMs) + R"(, "seed": 3}
    })";
    pulselab::core::ProjectLoad load = pulselab::core::parseProject(text, "poisson_lif");
    if (!load.project)
        throw std::logic_error("fixture: " + load.error);
    return *load.project;
}
