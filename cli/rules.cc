// `notwork rules`, `notwork validate-config FILE`, `notwork default-config`.
#include <string>

#include "commands.h"
#include "common.h"
#include "report.h"

namespace notwork::cli {

namespace {

constexpr const char* kRulesHelp = R"(Usage: notwork rules [--json] [--config FILE]

Lists the rule catalogue: id, principle, label, default weight, scope
(post, context or account) and description, then the label thresholds.
With --config, weights and thresholds are shown as that configuration sets them.
)";

constexpr const char* kValidateHelp = R"(Usage: notwork validate-config FILE|-

Checks a configuration document without applying it. Prints "ok" or each
problem with its JSON path. Exit codes: 0 valid, 2 invalid or unreadable.
)";

constexpr const char* kDefaultHelp = R"(Usage: notwork default-config

Prints the default configuration document (a starting point for --config).
)";

}  // namespace

int run_rules(int argc, char** argv, int first) {
  Args args(argc, argv, first, {kConfigOption, {"json", false}});
  if (args.flag("help")) {
    write_out(kRulesHelp);
    return kExitOk;
  }
  args.expect_positional(0, 0, "");
  Session session;  // validates --config like every other command
  if (int rc = apply_config(args, session); rc != kExitOk) return rc;
  Json cat = parse_core(catalogue());
  if (args.has("config")) {
    std::string text;
    Json doc;
    read_input(args.value("config"), text);
    formats::parse_json(text, doc);
    if (doc.is_object() && doc.contains("rules") && doc["rules"].is_object())
      for (auto& rule : cat["rules"]) {
        if (!rule.is_object() || !rule.contains("id") || !rule["id"].is_string()) continue;
        auto it = doc["rules"].find(rule["id"].get<std::string>());
        if (it == doc["rules"].end() || !it->is_object()) continue;
        if (it->contains("weight")) rule["weight"] = (*it)["weight"];
        if (it->contains("enabled") && (*it)["enabled"] == false) rule["scope"] = "(disabled)";
      }
    cat["thresholds"] = effective_thresholds(args);
  }
  write_out(args.flag("json") ? formats::dump(cat) + "\n" : format_rules(cat));
  return kExitOk;
}

int run_validate_config(int argc, char** argv, int first) {
  Args args(argc, argv, first, {});
  if (args.flag("help")) {
    write_out(kValidateHelp);
    return kExitOk;
  }
  args.expect_positional(1, 1, "configuration FILE to validate");
  const std::string path = args.positional()[0];
  std::string text;
  if (std::string problem = read_input(path, text); !problem.empty()) {
    error("cannot read config " + input_name(path) + ": " + problem);
    return kExitBadUsage;
  }
  Json doc;
  if (std::string problem = formats::parse_json(text, doc); !problem.empty()) {
    error("config " + input_name(path) + " is " + problem);
    return kExitBadUsage;
  }
  Json answer = parse_core(validate_config(text));
  if (answer.value("ok", false)) {
    write_out(input_name(path) + ": ok\n");
    return kExitOk;
  }
  error("config " + input_name(path) + " has errors:");
  print_config_errors(answer);
  return kExitBadUsage;
}

int run_default_config(int argc, char** argv, int first) {
  Args args(argc, argv, first, {});
  if (args.flag("help")) {
    write_out(kDefaultHelp);
    return kExitOk;
  }
  args.expect_positional(0, 0, "");
  write_out(parse_core(default_config()).dump(2, ' ', false, Json::error_handler_t::replace) + "\n");
  return kExitOk;
}

}  // namespace notwork::cli
