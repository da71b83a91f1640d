// The fitted model's data file (core/data/weights.json, embedded at build time as
// weights_data.cc) and the deterministic sigmoid. See notwork/weights.h.
#include "notwork/weights.h"

#include <cmath>
#include <cstdio>
#include <set>
#include <stdexcept>

#include "json_io.h"
#include "util.h"
#include "notwork/engine.h"

namespace notwork {

using nlohmann::json;

// Defined in the generated weights_data.cc (core/CMakeLists.txt).
extern const char* const kShippedWeightsJson;

namespace {

bool known_rule(const std::string& id) {
  static const std::set<std::string>* ids = [] {
    auto* s = new std::set<std::string>();
    for (const auto& r : builtin_rules()) s->insert(r->info().id);
    return s;
  }();
  return ids->count(id) > 0;
}

bool finite_number(const json& j, double lo, double hi, double* out) {
  if (!j.is_number()) return false;
  const double v = j.get<double>();
  if (!std::isfinite(v) || v < lo || v > hi) return false;
  *out = v;
  return true;
}

}  // namespace

bool parse_weights_json(const json& doc, const std::string& path, Weights* out,
                        std::vector<WeightsError>* errors) {
  const size_t before = errors->size();
  auto error = [&](const std::string& p, const std::string& m) { errors->push_back({p, m}); };
  if (!doc.is_object()) {
    error(path, "must be an object with \"labels\"");
    return false;
  }
  Weights w;
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    const std::string p = path + "/" + escape_pointer(it.key());
    if (it.key() == "generated_by") {
      if (it.value().is_string()) w.generated_by = it.value().get<std::string>();
      else error(p, "must be a string");
    } else if (it.key() == "labels") {
      if (!it.value().is_object()) {
        error(p, "must be an object");
        continue;
      }
      for (auto l = it.value().begin(); l != it.value().end(); ++l) {
        const std::string lp = p + "/" + escape_pointer(l.key());
        Label label;
        if (!label_from_name(l.key(), &label)) {
          error(lp, "unknown label (expected autofeed, pure_promo, genuine_share or conversation)");
          continue;
        }
        if (!l.value().is_object()) {
          error(lp, "must be an object with bias, threshold and weights");
          continue;
        }
        LabelWeights& lw = w.labels[static_cast<int>(label)];
        lw.fitted = true;
        bool has_bias = false, has_threshold = false;
        for (auto f = l.value().begin(); f != l.value().end(); ++f) {
          const std::string fp = lp + "/" + escape_pointer(f.key());
          if (f.key() == "bias") {
            has_bias = finite_number(f.value(), -50, 50, &lw.bias);
            if (!has_bias) error(fp, "must be a number between -50 and 50");
          } else if (f.key() == "comment_bias") {
            if (!finite_number(f.value(), -50, 50, &lw.comment_bias))
              error(fp, "must be a number between -50 and 50");
          } else if (f.key() == "threshold") {
            has_threshold = finite_number(f.value(), 0, 1, &lw.threshold) && lw.threshold > 0 &&
                            lw.threshold < 1;
            if (!has_threshold) error(fp, "must be a number strictly between 0 and 1");
          } else if (f.key() == "weights") {
            if (!f.value().is_object()) {
              error(fp, "must be an object of rule id -> weight");
              continue;
            }
            for (auto r = f.value().begin(); r != f.value().end(); ++r) {
              const std::string rp = fp + "/" + escape_pointer(r.key());
              double v;
              if (!known_rule(r.key())) error(rp, "unknown rule id");
              else if (!finite_number(r.value(), 0, kMaxWeight, &v))
                error(rp, "must be a number between 0 and 10");
              else lw.weights[r.key()] = v;
            }
          } else if (f.key() == "cv" || f.key() == "dropped" || f.key() == "prior") {
            // The fit's report (figures, rules it dropped): for reviewers, not for scoring.
          } else {
            error(fp, "unknown key (expected bias, comment_bias, threshold or weights)");
          }
        }
        if (!has_bias && !l.value().contains("bias")) error(lp + "/bias", "is required");
        if (!has_threshold && !l.value().contains("threshold")) error(lp + "/threshold", "is required");
      }
    }
    // Other members (command, corpora checksums, parameters) document the fit.
  }
  if (errors->size() != before) return false;
  *out = std::move(w);
  return true;
}

bool parse_weights(std::string_view json_text, const std::string& path, Weights* out,
                   std::vector<WeightsError>* errors) {
  json doc;
  try {
    doc = parse_json(json_text, "weights");
  } catch (const std::invalid_argument& e) {
    errors->push_back({path, e.what()});
    return false;
  }
  return parse_weights_json(doc, path, out, errors);
}

const Weights& shipped_weights() {
  static const Weights* w = [] {
    auto* out = new Weights();
    std::vector<WeightsError> errors;
    if (!parse_weights(kShippedWeightsJson, "", out, &errors)) {
      // A broken data file is a build defect (tests/core/weights.cpp fails on it); score
      // with the hand weights rather than abort a user's page.
      *out = Weights();
      for (const auto& e : errors)
        std::fprintf(stderr, "notwork: core/data/weights.json%s: %s\n", e.path.c_str(),
                     e.message.c_str());
    }
    return out;
  }();
  return *w;
}

double sigmoid(double x) {
  // e^-x by range reduction: -x = k ln2 + r with |r| <= ln2 / 2, e^r by its Taylor series
  // (14 terms: error below 1e-17 on that range), then exact scaling by 2^k.
  if (x > 40) return 1.0;
  if (x < -40) return 0.0;
  const double y = -x;
  const double ln2 = 0.6931471805599453;
  const double k = std::floor(y / ln2 + 0.5);
  const double r = y - k * ln2;
  double term = 1.0, sum = 1.0;
  for (int i = 1; i <= 14; ++i) {
    term = term * r / i;
    sum += term;
  }
  const double e = std::ldexp(sum, static_cast<int>(k));
  return 1.0 / (1.0 + e);
}

}  // namespace notwork
