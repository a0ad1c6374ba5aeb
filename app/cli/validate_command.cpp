// pulselab-cli validate PROJECT: reads a project file and reports what is wrong with it.
#include "app/cli/cli_commands.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace pulselab::cli {

int validateCommand(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    if (args.size() != 1) {
        err << "usage: pulselab-cli validate PROJECT\n";
        return kExitUsage;
    }
    const std::string& path = args[0];
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        err << path << ": cannot open the file\n";
        return kExitInvalidProject;
    }
    std::stringstream text;
    text << file.rdbuf();
    nlohmann::json project;
    try {
        project = nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::parse_error& e) {
        err << path << ": not valid JSON: " << e.what() << "\n";
        return kExitInvalidProject;
    }
    if (!project.is_object() || project.value("format", "") != "pulselab-project") {
        err << path << ": field 'format': expected \"pulselab-project\"\n";
        return kExitInvalidProject;
    }
    out << path << ": valid\n";
    return kExitOk;
}

} // namespace pulselab::cli
