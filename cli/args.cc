#include "args.h"

#include <algorithm>

namespace notwork::cli {

Args::Args(int argc, char** argv, int first, const std::vector<OptionSpec>& options) {
  bool options_done = false;
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (options_done || arg == "-" || arg.size() < 2 || arg[0] != '-') {
      positional_.push_back(arg);
      continue;
    }
    if (arg == "--") { options_done = true; continue; }
    if (arg == "-h") arg = "--help";
    if (arg.rfind("--", 0) != 0) throw UsageError("unknown option '" + arg + "'");
    std::string name = arg.substr(2), value;
    bool inline_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.erase(eq);
      inline_value = true;
    }
    auto spec = std::find_if(options.begin(), options.end(),
                             [&](const OptionSpec& o) { return o.name == name; });
    if (name == "help") {
      flags_.insert("help");
      continue;
    }
    if (spec == options.end()) throw UsageError("unknown option '--" + name + "'");
    if (!spec->takes_value) {
      if (inline_value) throw UsageError("option '--" + name + "' takes no value");
      flags_.insert(name);
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= argc) throw UsageError("option '--" + name + "' needs a value");
      value = argv[++i];
    }
    values_[name] = value;
  }
}

std::string Args::value(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

void Args::expect_positional(std::size_t min, std::size_t max, const std::string& what) const {
  if (positional_.size() < min) throw UsageError("missing " + what);
  if (positional_.size() > max)
    throw UsageError("unexpected argument '" + positional_[max] + "'");
}

}  // namespace notwork::cli
