#include "common.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace notwork::cli {

void error(const std::string& message) {
  std::fputs(("notwork: " + message + "\n").c_str(), stderr);
}

void note(const std::string& message) { error(message); }

std::string read_input(const std::string& path, std::string& out) {
  std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!f) return std::strerror(errno);
  out.clear();
  char buffer[1 << 16];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) out.append(buffer, n);
  std::string problem = std::ferror(f) ? std::strerror(errno) : "";
  if (f != stdin) std::fclose(f);
  return problem;
}

std::string input_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

int apply_config(const Args& args, Session& session) {
  if (!args.has("config")) return kExitOk;
  const std::string path = args.value("config");
  std::string text;
  if (std::string problem = read_input(path, text); !problem.empty()) {
    error("cannot read config " + path + ": " + problem);
    return kExitBadUsage;
  }
  Json doc;
  if (std::string problem = formats::parse_json(text, doc); !problem.empty()) {
    error("config " + path + " is " + problem);
    return kExitBadUsage;
  }
  Json answer = parse_core(session.configure(text));
  if (answer.value("ok", false)) return kExitOk;
  error("config " + path + " has errors (nothing applied):");
  print_config_errors(answer);
  return kExitBadUsage;
}

void print_config_errors(const Json& answer) {
  for (const auto& e : answer.value("errors", Json::array())) {
    auto text = [&](const char* key) {
      auto it = e.is_object() ? e.find(key) : e.end();
      return it == e.end() ? std::string() : it->is_string() ? it->get<std::string>() : formats::dump(*it);
    };
    std::string where = text("path");
    std::string message = e.is_object() ? text("message") : formats::dump(e);
    std::fputs(("  " + (where.empty() ? std::string("(document)") : where) + ": " + message + "\n").c_str(),
               stderr);
  }
}

Json effective_thresholds(const Args& args) {
  Json thresholds = parse_core(catalogue()).value("thresholds", Json::object());
  if (!args.has("config")) return thresholds;
  std::string text;
  Json doc;
  if (read_input(args.value("config"), text).empty() && formats::parse_json(text, doc).empty() &&
      doc.is_object() && doc.contains("thresholds") && doc["thresholds"].is_object())
    for (const auto& [label, value] : doc["thresholds"].items())
      if (value.is_number()) thresholds[label] = value;
  return thresholds;
}

Json parse_core(const std::string& text) {
  Json value;
  if (std::string problem = formats::parse_json(text, value); !problem.empty())
    throw std::runtime_error("the core returned " + problem);
  return value;
}

void write_out(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }

}  // namespace notwork::cli
