// The configuration document (docs/ARCHITECTURE.md): rule weights and switches, thresholds,
// custom RE2 patterns and context caps. Validation reports every problem with its JSON
// Pointer path; a document with any error is never applied.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "notwork/post.h"
#include "notwork/weights.h"

namespace notwork {

class Lexicon;

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
  Config();  // the defaults: the shipped weights' thresholds on fitted labels
  std::map<std::string, RuleSetting> rules;  // overrides of the defaults, by rule id
  // Per label; on a fitted label a probability (notwork/weights.h).
  double thresholds[kLabelCount] = {0.6, 0.6, 0.6, 0.5};
  // A whole weights document in place of the shipped one ("weights" in the configuration
  // document, same schema as core/data/weights.json): how the fit scores a fold with
  // weights that never saw it. Thresholds not set explicitly come from it.
  bool has_weights = false;
  Weights weights;
  std::vector<CustomPattern> patterns;
  // The patterns as parse_config compiled them to check them (their RE2::Set, and the small
  // ones each on its own), so that Engine::apply does not compile them again; null in a
  // Config built in code (apply then compiles the patterns itself). Immutable, shared by
  // copies; apply uses it only when its patterns are exactly `patterns`'.
  std::shared_ptr<const Lexicon> compiled_patterns;
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
