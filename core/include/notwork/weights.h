// The fitted model: per flagged label, a bias, a threshold and one weight per rule, produced
// by `./dev fit` (tools/fit: L2-regularised logistic regression with LIBLINEAR over the
// rules' strengths on the corpora, grouped cross-validation) and shipped as the reviewed
// data file core/data/weights.json, compiled into the core.
//
// A fitted label's score is a calibrated probability:
//     p = sigmoid(bias [+ comment_bias for a comment] + sum of weight(rule, label) x strength)
// and the post earns the label when p >= threshold. `comment_bias` is the base rate of a
// comment section against a timeline's (the fit learns it like a weight: comments under a
// popular video are far more often spam than posts on a timeline are promotion). Labels the fit does not cover
// (conversation: no gold exists for it) keep the rules' hand-set weights and the
// evidence / (1 + evidence) squash.
//
// Invariants: weights are >= 0 and finite (the fit drops a rule whose weight would be
// negative, SpamAssassin-style score ranges: a rule's strength carries the sign); a
// threshold is in (0, 1); every weight names a built-in rule; the sigmoid uses only
// +, -, *, / and exact scaling by powers of two, so native and wasm agree bit for bit.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "notwork/post.h"

namespace notwork {

struct LabelWeights {
  bool fitted = false;  // false: hand weights and squash (see above)
  double bias = 0;
  double comment_bias = 0;  // added for Kind::Comment (may be negative; 0 when absent)
  double threshold = 0.5;
  std::map<std::string, double> weights;  // rule id -> weight on this label (absent: 0)
};

struct Weights {
  LabelWeights labels[kLabelCount];
  // Where the weights came from (the data file's header), for `notwork rules` and reviews.
  std::string generated_by;
};

// The shipped weights (core/data/weights.json), parsed once. Never fails at run time: the
// build checks the file (tests/core/weights.cpp).
const Weights& shipped_weights();

// Parses a weights document: {"labels": {"autofeed": {"bias", "comment_bias" (optional),
// "threshold", "weights": {rule: w}}, ...}, ...}. Problems are appended as (JSON Pointer under `path`, message);
// *out is filled only when there is none. `known_rule(id)` says whether a rule exists.
struct WeightsError {
  std::string path, message;
};
bool parse_weights(std::string_view json_text, const std::string& path, Weights* out,
                   std::vector<WeightsError>* errors);

// 1 / (1 + e^-x), deterministic on every IEEE-754 platform (see above).
double sigmoid(double x);

}  // namespace notwork
