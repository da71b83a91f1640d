// The JSON-in / JSON-out facade used by the CLI and the WebAssembly exports.
#include "notwork/api.h"

#include <stdexcept>

#include "json_io.h"
#include "notwork/audit.h"
#include "notwork/config.h"
#include "notwork/engine.h"
#include "state.h"

namespace notwork {

using nlohmann::json;

namespace {
json errors_json(const std::vector<ConfigError>& errors) {
  json list = json::array();
  for (const auto& e : errors) list.push_back({{"path", e.path}, {"message", e.message}});
  return list;
}

json thresholds_json(const Config& c) {
  json t = json::object();
  for (int i = 0; i < kLabelCount; ++i) t[label_name(static_cast<Label>(i))] = c.thresholds[i];
  return t;
}
}  // namespace

Session::Session() : engine_(std::make_unique<Engine>()) {}
Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

std::string Session::configure(std::string_view config_json) {
  Config config;
  std::vector<ConfigError> errors = parse_config(config_json, &config);
  if (errors.empty()) engine_->apply(config);
  return dump(json{{"ok", errors.empty()}, {"errors", errors_json(errors)}});
}

std::string Session::score_batch(std::string_view posts_json) {
  std::vector<Post> posts = posts_from_json(posts_json);  // throws before scoring anything
  std::string out = "[";
  out.reserve(posts.size() * 640);
  const std::vector<Result>& results = engine_->score_all(posts);
  for (size_t i = 0; i < results.size(); ++i) {
    if (i) out += ',';
    append_result(out, results[i]);
  }
  out += ']';
  return out;
}

std::string Session::audit(std::string_view posts_json) const {
  return audit_json(posts_from_json(posts_json), engine_->config());
}

void Session::reset_context() { engine_->reset_context(); }

std::string Session::export_state(std::string_view options_json) const {
  StateOptions options;
  std::string problem = parse_state_options(options_json, /*import=*/false, &options);
  if (!problem.empty()) throw std::invalid_argument(problem);
  return notwork::export_state(engine_->context(), options);
}

std::string Session::import_state(std::string_view state, std::string_view options_json) {
  StateOptions options;
  StateImport r;
  r.error = parse_state_options(options_json, /*import=*/true, &options);
  if (r.error.empty()) r = notwork::import_state(engine_->context(), state, options);
  return dump(json{{"ok", r.error.empty()},
                   {"error", r.error},
                   {"authors", r.authors},
                   {"posts", r.posts},
                   {"comments", r.comments},
                   {"expired", r.expired}});
}

std::string validate_config(std::string_view config_json) {
  Config config;
  std::vector<ConfigError> errors = parse_config(config_json, &config);
  return dump(json{{"ok", errors.empty()}, {"errors", errors_json(errors)}});
}

std::string validate_pattern(std::string_view pattern) {
  std::string error = pattern_error(std::string(pattern));
  if (pattern.empty()) error = "pattern is empty";
  return dump(json{{"ok", error.empty()}, {"error", error}});
}

std::string catalogue() {
  json rules = json::array();
  for (const auto& r : builtin_rules()) {
    const RuleInfo& i = r->info();
    rules.push_back({{"id", i.id},
                     {"principle", i.principle},
                     {"label", label_name(i.label)},
                     {"weight", default_weight(i)},
                     {"description", i.description},
                     {"scope", scope_name(i.scope)}});
  }
  json labels = json::array();
  for (int i = 0; i <= kLabelCount; ++i) labels.push_back(label_name(static_cast<Label>(i)));
  return dump(json{{"version", 1},
                   {"labels", labels},
                   {"thresholds", thresholds_json(Config())},
                   {"rules", rules},
                   {"retired", retired_rules()},
                   {"limits",
                    {{"max_weight", kMaxWeight},
                     {"max_patterns", kMaxPatterns},
                     {"max_pattern_length", kMaxPatternLength}}}});
}

std::string default_config() {
  Config c;
  json rules = json::object();
  for (const auto& r : builtin_rules())
    rules[r->info().id] = {{"weight", default_weight(r->info())}, {"enabled", true}};
  return dump(json{{"version", 1},
                   {"rules", rules},
                   {"thresholds", thresholds_json(c)},
                   {"patterns", json::array()},
                   {"context",
                    {{"max_authors", c.max_authors},
                     {"max_posts_per_author", c.max_posts_per_author},
                     {"max_comments", c.max_comments}}}});
}

}  // namespace notwork
