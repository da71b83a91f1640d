// The configuration document (docs/ARCHITECTURE.md): rule weights and switches, thresholds,
// custom RE2 patterns and context caps. Validation reports every problem with its JSON
// Pointer path; a document with any error is never applied.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "notwork/post.h"

namespace notwork {

struct RuleSetting {
  double weight = 1.0;
  bool enabled = true;
};

struct CustomPattern {
  std::string id;          // rule id is "custom.<id>" (or "custom.<index>")
  std::string pattern;     // RE2 syntax
  Label label = Label::PurePromo;
  double weight = 1.0;
  std::string description;
  std::string principle;   // defaults to the label's natural principle
};

struct ConfigError {
  std::string path;     // JSON Pointer
  std::string message;  // plain words
};

struct Config {
  std::map<std::string, RuleSetting> rules;  // overrides of the defaults, by rule id
  double thresholds[kLabelCount] = {0.6, 0.6, 0.6, 0.5};
  std::vector<CustomPattern> patterns;
  int max_authors = 2000;
  int max_posts_per_author = 64;
  int max_comments = 2000;
};

// Limits.
constexpr double kMaxWeight = 10.0;
constexpr size_t kMaxPatterns = 200;
constexpr size_t kMaxPatternLength = 1000;
constexpr int64_t kPatternMaxMem = 1 << 20;  // RE2 memory budget per custom pattern

// Parses and validates; fills *out (starting from defaults) only when there is no error.
std::vector<ConfigError> parse_config(std::string_view json, Config* out);

// RE2's own error text for a pattern, or "" when it compiles (with the custom-pattern options).
std::string pattern_error(const std::string& pattern);

// The label's natural principle for custom patterns.
const char* natural_principle(Label label);

}  // namespace notwork
