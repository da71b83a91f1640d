// Configuration parsing and validation: every problem is reported with its JSON Pointer;
// the document is applied only when there is none.
#include "notwork/config.h"

#include <re2/re2.h>

#include <cmath>
#include <memory>
#include <set>

#include "json_io.h"
#include "util.h"
#include "lexicon.h"
#include "notwork/engine.h"

namespace notwork {

using nlohmann::json;

// The thresholds of labels scored with hand weights (evidence / (1 + evidence)).
constexpr double kHandThresholds[kLabelCount] = {0.6, 0.6, 0.6, 0.5};

Config::Config() {
  for (int i = 0; i < kLabelCount; ++i) thresholds[i] = kHandThresholds[i];
  const Weights& w = shipped_weights();
  for (int i = 0; i < kLabelCount; ++i)
    if (w.labels[i].fitted) thresholds[i] = w.labels[i].threshold;
}

const char* natural_principle(Label label) {
  switch (label) {
    case Label::Autofeed: return "P3";
    case Label::PurePromo: return "P2";
    case Label::GenuineShare: return "P16";
    case Label::Conversation: return "P16";
    case Label::Neutral: break;
  }
  return "P3";
}

namespace {

// A custom pattern compiled on its own with the custom-pattern options; *error is RE2's
// error text, or "" when it compiles.
std::unique_ptr<RE2> compile_pattern(const std::string& pattern, std::string* error) {
  RE2::Options o;
  o.set_max_mem(kPatternMaxMem);
  o.set_log_errors(false);
  auto re = std::make_unique<RE2>(pattern, o);
  *error = re->ok() ? "" : re->error();
  return re;
}

// A checked pattern is kept for quoting its matches (Lexicon::adopt) when its program is at
// most this many instructions: RE2's matchers then have room enough in the 1 MB budget the
// check compiles it with (the engine's own copy would get 16 MB), and 200 of them stay a few
// hundred KB. A larger one is compiled again on the first match it quotes, as before.
constexpr int kKeptProgramSize = 256;

}  // namespace

std::string pattern_error(const std::string& pattern) {
  if (pattern.size() > kMaxPatternLength) return "pattern is longer than 1000 characters";
  std::string error;
  compile_pattern(pattern, &error);
  return error;
}

namespace {

const char* type_name(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::discarded: return "invalid";
    default: return "a number";
  }
}

struct Validator {
  std::vector<ConfigError> errors;
  void error(const std::string& path, const std::string& message) {
    errors.push_back(ConfigError{path, message});
  }
  bool expect(const json& j, json::value_t t, const std::string& path, const char* what) {
    bool ok = j.type() == t ||
              (t == json::value_t::number_float && j.is_number()) ||
              (t == json::value_t::number_integer && j.is_number_integer());
    if (!ok) error(path, std::string("must be ") + what + ", not " + type_name(j));
    return ok;
  }
  bool number_in(const json& j, const std::string& path, double lo, double hi, double* out) {
    if (!expect(j, json::value_t::number_float, path, "a number")) return false;
    double v = j.get<double>();
    if (!std::isfinite(v) || v < lo || v > hi) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "must be between %g and %g", lo, hi);
      error(path, buf);
      return false;
    }
    *out = v;
    return true;
  }
  bool int_in(const json& j, const std::string& path, int64_t lo, int64_t hi, int* out) {
    if (!j.is_number_integer()) {
      error(path, std::string("must be a whole number, not ") +
                      (j.is_number() ? "a fraction" : type_name(j)));
      return false;
    }
    int64_t v = j.is_number_unsigned() && j.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)
                    ? INT64_MAX
                    : j.get<int64_t>();
    if (v < lo || v > hi) {
      error(path, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
      return false;
    }
    *out = static_cast<int>(v);
    return true;
  }
};

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (unsigned char c : id)
    if (!(std::isalnum(c) || c == '_' || c == '-' || c == '.')) return false;
  return true;
}

bool valid_principle(const std::string& p) {
  if (p.size() < 2 || p.size() > 3 || p[0] != 'P') return false;
  int n = 0;
  for (size_t i = 1; i < p.size(); ++i) {
    if (p[i] < '0' || p[i] > '9') return false;
    n = n * 10 + (p[i] - '0');
  }
  return n >= 1 && n <= 18 && p[1] != '0';
}

}  // namespace

std::vector<ConfigError> parse_config(std::string_view text, Config* out) {
  Validator v;
  json doc;
  try {
    doc = parse_json(text, "config");
  } catch (const std::invalid_argument& e) {
    v.error("", e.what());
    return v.errors;
  }
  if (!doc.is_object()) {
    v.error("", std::string("the configuration must be a JSON object, not ") + type_name(doc));
    return v.errors;
  }
  Config c;
  bool threshold_given[kLabelCount] = {false, false, false, false};
  std::vector<std::unique_ptr<RE2>> compiled;  // the checked patterns, by index (kept ones)
  std::set<std::string> known_rules;
  for (const auto& r : builtin_rules()) known_rules.insert(r->info().id);

  for (auto it = doc.begin(); it != doc.end(); ++it) {
    const std::string& key = it.key();
    const json& val = it.value();
    const std::string path = "/" + escape_pointer(key);
    if (key == "version") {
      if (!val.is_number_integer() || val.get<int64_t>() != 1) v.error(path, "must be 1");
    } else if (key == "rules") {
      if (!v.expect(val, json::value_t::object, path, "an object")) continue;
      for (auto r = val.begin(); r != val.end(); ++r) {
        const std::string rpath = path + "/" + escape_pointer(r.key());
        if (!known_rules.count(r.key())) {
          if (!is_retired_rule(r.key())) v.error(rpath, "unknown rule id");
          continue;  // a retired rule's setting has no effect (engine.h)
        }
        if (!v.expect(r.value(), json::value_t::object, rpath, "an object")) continue;
        RuleSetting s;
        for (const auto& rule : builtin_rules())
          if (rule->info().id == r.key()) s.weight = default_weight(rule->info());
        for (auto f = r.value().begin(); f != r.value().end(); ++f) {
          const std::string fpath = rpath + "/" + escape_pointer(f.key());
          if (f.key() == "weight") v.number_in(f.value(), fpath, 0, kMaxWeight, &s.weight);
          else if (f.key() == "enabled") {
            if (v.expect(f.value(), json::value_t::boolean, fpath, "true or false"))
              s.enabled = f.value().get<bool>();
          } else v.error(fpath, "unknown key (expected weight or enabled)");
        }
        c.rules[r.key()] = s;
      }
    } else if (key == "thresholds") {
      if (!v.expect(val, json::value_t::object, path, "an object")) continue;
      for (auto t = val.begin(); t != val.end(); ++t) {
        const std::string tpath = path + "/" + escape_pointer(t.key());
        Label label;
        if (!label_from_name(t.key(), &label)) {
          v.error(tpath, "unknown label (expected autofeed, pure_promo, genuine_share or conversation)");
          continue;
        }
        if (v.number_in(t.value(), tpath, 0, 1, &c.thresholds[static_cast<int>(label)]))
          threshold_given[static_cast<int>(label)] = true;
      }
    } else if (key == "weights") {
      std::vector<WeightsError> errors;
      if (parse_weights_json(val, path, &c.weights, &errors)) {
        c.has_weights = true;
      } else {
        for (auto& e : errors) v.error(e.path, e.message);
      }
    } else if (key == "patterns") {
      if (!v.expect(val, json::value_t::array, path, "an array")) continue;
      if (val.size() > kMaxPatterns) {
        v.error(path, "too many patterns (at most " + std::to_string(kMaxPatterns) + ")");
        continue;
      }
      std::set<std::string> ids;
      compiled.resize(val.size());
      for (size_t i = 0; i < val.size(); ++i) {
        const std::string ppath = path + "/" + std::to_string(i);
        const json& p = val[i];
        if (!v.expect(p, json::value_t::object, ppath, "an object")) continue;
        CustomPattern cp;
        bool has_pattern = false, has_label = false;
        for (auto f = p.begin(); f != p.end(); ++f) {
          const std::string fpath = ppath + "/" + escape_pointer(f.key());
          const json& fv = f.value();
          if (f.key() == "pattern") {
            if (!v.expect(fv, json::value_t::string, fpath, "a string")) continue;
            cp.pattern = fv.get<std::string>();
            has_pattern = true;
            if (cp.pattern.empty()) v.error(fpath, "must not be empty");
            else if (cp.pattern.size() > kMaxPatternLength)
              v.error(fpath, "is too long (at most " + std::to_string(kMaxPatternLength) + " characters)");
            else {
              std::string err;
              std::unique_ptr<RE2> re = compile_pattern(cp.pattern, &err);
              if (!err.empty()) v.error(fpath, err);
              else if (re->ProgramSize() <= kKeptProgramSize) compiled[i] = std::move(re);
            }
          } else if (f.key() == "label") {
            if (!v.expect(fv, json::value_t::string, fpath, "a string")) continue;
            has_label = true;
            if (!label_from_name(fv.get<std::string>(), &cp.label))
              v.error(fpath, "unknown label (expected autofeed, pure_promo, genuine_share or conversation)");
          } else if (f.key() == "weight") {
            v.number_in(fv, fpath, 0, kMaxWeight, &cp.weight);
          } else if (f.key() == "id") {
            if (!v.expect(fv, json::value_t::string, fpath, "a string")) continue;
            cp.id = fv.get<std::string>();
            if (!valid_id(cp.id))
              v.error(fpath, "must be 1-64 letters, digits, '_', '-' or '.'");
            else if (!ids.insert(cp.id).second)
              v.error(fpath, "duplicate pattern id");
          } else if (f.key() == "description") {
            if (!v.expect(fv, json::value_t::string, fpath, "a string")) continue;
            cp.description = fv.get<std::string>();
            if (cp.description.size() > 200) v.error(fpath, "is too long (at most 200 characters)");
          } else if (f.key() == "principle") {
            if (!v.expect(fv, json::value_t::string, fpath, "a string")) continue;
            cp.principle = fv.get<std::string>();
            if (!valid_principle(cp.principle)) v.error(fpath, "must be a principle id P1 to P18");
          } else {
            v.error(fpath, "unknown key (expected id, pattern, label, weight, description or principle)");
          }
        }
        if (!has_pattern) v.error(ppath + "/pattern", "is required");
        if (!has_label) v.error(ppath + "/label", "is required");
        c.patterns.push_back(std::move(cp));
      }
    } else if (key == "context") {
      if (!v.expect(val, json::value_t::object, path, "an object")) continue;
      for (auto f = val.begin(); f != val.end(); ++f) {
        const std::string fpath = path + "/" + escape_pointer(f.key());
        if (f.key() == "max_authors") v.int_in(f.value(), fpath, 1, 100000, &c.max_authors);
        else if (f.key() == "max_posts_per_author") v.int_in(f.value(), fpath, 2, 1024, &c.max_posts_per_author);
        else if (f.key() == "max_comments") v.int_in(f.value(), fpath, 0, 20000, &c.max_comments);
        else v.error(fpath, "unknown key (expected max_authors, max_posts_per_author or max_comments)");
      }
    } else {
      v.error(path, "unknown key");
    }
  }
  if (v.errors.empty() && !c.patterns.empty()) {
    std::vector<std::string> list;
    for (const auto& p : c.patterns) list.push_back(p.pattern);
    // The set the engine matches them with (Engine::apply), compiled once, here.
    auto all = std::make_shared<Lexicon>(list, /*case_sensitive=*/true, kPatternMaxMem * 16);
    if (!all->ok()) {
      v.error("/patterns", "the patterns together are too large to match at once");
    } else {
      for (size_t i = 0; i < compiled.size() && i < c.patterns.size(); ++i)
        if (compiled[i]) all->adopt(static_cast<int>(i), std::move(compiled[i]));
      c.compiled_patterns = std::move(all);
    }
  }
  if (c.has_weights) {
    for (int i = 0; i < kLabelCount; ++i) {
      if (threshold_given[i]) continue;
      const LabelWeights& lw = c.weights.labels[i];
      c.thresholds[i] = lw.fitted ? lw.threshold : kHandThresholds[i];
    }
  }
  if (v.errors.empty()) *out = std::move(c);
  return v.errors;
}

}  // namespace notwork
