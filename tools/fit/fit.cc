// notwork-fit: the mass-check and rescoring run that produces core/data/weights.json
// (SpamAssassin's mass-check + rescoring, with logistic regression instead of a perceptron).
//
//   notwork-fit [--corpora DIR] [--out FILE] [--predictions FILE] [--check FILE]
//               [--careful-people-links]
//
// 1. Mass-check: every labelled post of the corpora is scored by the engine with every rule
//    at weight 1, so each (rule, label) pair's summed strength on the post is a feature.
//    Posts are seen as a reader meets them (views.h): corpora replayed as timelines (pages of
//    mixed authors, 1-4 posts per author per page, context reset between pages), and the
//    labelled single tweets alone.
// 2. Fit: per flagged label, L2-regularised logistic regression (LIBLINEAR, primal solver:
//    deterministic). A weight that comes out negative drops its feature and the fit is
//    redone (a rule's strength carries its sign; weights stay >= 0). C is chosen by grouped
//    cross-validation (folds by author, YouTube by video: never by row); the threshold is
//    the lowest one whose F0.5 on the out-of-fold probabilities is within 0.005 of the best.
// 3. Output: the weights document (every number to 4 decimals, keys sorted: byte for byte
//    reproducible), and with --predictions every post's out-of-fold and fitted-on-all
//    verdicts in every view, for scripts/eval.mjs. --check FILE compares instead of writing.
// --careful-people-links fits the other operating point of docs/quality.md ("What the labels
// allow"): people's link posts count only where the careful reader labelled them.
#include <linear.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "dataset.h"
#include "json_io.h"
#include "notwork/engine.h"
#include "notwork/weights.h"
#include "sha256.h"

using namespace notwork;
using namespace notwork::fit;

namespace {

constexpr Label kFitted[] = {Label::Autofeed, Label::PurePromo, Label::GenuineShare};
constexpr double kGrid[] = {0.03, 0.1, 0.3, 1.0, 3.0};
constexpr double kBeta = 0.5;
// Thresholds whose F0.5 is within this of the best are as good as the best on this data (a
// post or two); the lowest of them is chosen (see choose()).
constexpr double kFTolerance = 0.005;
// A rule must fire on at least this many training posts (before replication) to be fitted;
// rarer evidence is not fitted but kept as a prior (prior_weight()).
constexpr int kMinSupport = 25;

std::string fmt4(double x) {
  char buf[64];
  double r = std::round(x * 10000.0) / 10000.0;
  if (r == 0) r = 0;  // no "-0.0000"
  std::snprintf(buf, sizeof buf, "%.4f", r);
  return buf;
}

// A feature space for one label: (rule id) -> column, from the mass-check.
struct Space {
  std::vector<std::string> rules;  // column -> rule id
  std::map<std::string, int> index;
  int column(const std::string& id) {
    auto it = index.find(id);
    if (it != index.end()) return it->second;
    index[id] = static_cast<int>(rules.size());
    rules.push_back(id);
    return static_cast<int>(rules.size()) - 1;
  }
};

struct Example {
  std::vector<std::pair<int, double>> x;  // sorted by column
  int y = 0;
  int weight = 1;  // replication count (LIBLINEAR 2.30 has no instance weights)
  int fold = 0;
  bool comment = false;  // Kind::Comment: the comment_bias column
};

struct FitResult {
  double bias = 0;
  double comment_bias = 0;  // the base rate of comments against posts (any sign)
  std::map<std::string, double> weights;  // > 0 only
  std::vector<std::string> dropped;       // fired on the label but came out negative, sorted
  std::vector<bool> seen;                 // column fired on >= kMinSupport training rows
};

// A rule that (almost) never fires on its own label in the corpora (a platform's
// "automated" label, a posting client, DMs, invitations, drafts: evidence the corpora do
// not carry, or carry on fewer than kMinSupport posts) cannot be fitted. It keeps its hand weight as a prior, rescaled to the fitted label's scale: under
// the hand model, evidence 1.5 alone reached the 0.6 threshold (1.5 / 2.5); here the same
// hand evidence reaches the fitted threshold from the fitted bias.
double prior_weight(double hand, double bias, double threshold) {
  const double needed = std::log(threshold / (1 - threshold)) - bias;
  return std::round(std::min(hand * needed / 1.5, kMaxWeight) * 10000.0) / 10000.0;
}

void quiet(const char*) {}

// One logistic regression on `train` over the allowed columns; negative weights drop their
// column and the fit is redone until none is left.
FitResult fit_once(const std::vector<const Example*>& train, const Space& space, double C) {
  std::vector<bool> allowed(space.rules.size(), true);
  std::vector<int> support(space.rules.size(), 0);
  for (const Example* e : train)
    for (auto& [c, v] : e->x)
      if (v != 0) ++support[static_cast<size_t>(c)];
  std::vector<bool> seen(space.rules.size(), false);
  for (size_t c = 0; c < seen.size(); ++c) seen[c] = support[c] >= kMinSupport;
  for (size_t c = 0; c < allowed.size(); ++c) allowed[c] = seen[c];
  FitResult out;
  for (int round = 0; round < 64; ++round) {
    // Problem: replicated rows, allowed columns (1-based), bias feature.
    std::vector<std::vector<feature_node>> rows;
    std::vector<double> ys;
    for (const Example* e : train) {
      std::vector<feature_node> nodes;
      for (auto& [c, v] : e->x)
        if (allowed[static_cast<size_t>(c)] && v != 0) nodes.push_back({c + 1, v});
      nodes.push_back({static_cast<int>(space.rules.size()) + 1, 1.0});  // bias
      if (e->comment) nodes.push_back({static_cast<int>(space.rules.size()) + 2, 1.0});
      nodes.push_back({-1, 0});
      for (int k = 0; k < e->weight; ++k) {
        rows.push_back(nodes);
        ys.push_back(e->y ? 1.0 : -1.0);
      }
    }
    std::vector<feature_node*> xs;
    for (auto& r : rows) xs.push_back(r.data());
    problem prob;
    prob.l = static_cast<int>(rows.size());
    prob.n = static_cast<int>(space.rules.size()) + 2;
    prob.y = ys.data();
    prob.x = xs.data();
    prob.bias = -1;  // our own bias column above (so that it is regularised like the rest)
    parameter param{};
    param.solver_type = L2R_LR;
    param.C = C;
    param.eps = 1e-4;
    param.nr_weight = 0;
    if (const char* err = check_parameter(&prob, &param)) {
      std::fprintf(stderr, "notwork-fit: LIBLINEAR: %s\n", err);
      std::exit(2);
    }
    model* m = ::train(&prob, &param);
    // LIBLINEAR's first label is the first row's; w is for that label.
    const double sign = m->label[0] == 1 ? 1.0 : -1.0;
    bool changed = false;
    out.weights.clear();
    for (size_t c = 0; c < space.rules.size(); ++c) {
      if (!allowed[c]) continue;
      const double w = sign * m->w[c];
      if (w < 0) {
        allowed[c] = false;
        changed = true;
      } else if (w > 0) {
        out.weights[space.rules[c]] = std::min(w, kMaxWeight);
      }
    }
    out.bias = sign * m->w[space.rules.size()];
    out.comment_bias = sign * m->w[space.rules.size() + 1];
    free_and_destroy_model(&m);
    if (!changed) break;
  }
  for (size_t c = 0; c < space.rules.size(); ++c)
    if (seen[c] && !allowed[c]) out.dropped.push_back(space.rules[c]);
  out.seen = seen;
  std::sort(out.dropped.begin(), out.dropped.end());
  // What the engine will see: weights to 4 decimals (the data file's precision).
  for (auto& [id, w] : out.weights) w = std::round(w * 10000.0) / 10000.0;
  out.bias = std::round(out.bias * 10000.0) / 10000.0;
  out.comment_bias = std::round(out.comment_bias * 10000.0) / 10000.0;
  return out;
}

double probability(const FitResult& fr, const Space& space, const Example& e) {
  double z = e.comment ? fr.bias + fr.comment_bias : fr.bias;
  for (auto& [c, v] : e.x) {
    auto it = fr.weights.find(space.rules[static_cast<size_t>(c)]);
    if (it != fr.weights.end()) z += std::round(it->second * v * 10000.0) / 10000.0;
  }
  return sigmoid(z);
}

struct Choice {
  double C = 1, threshold = 0.5, logloss = 0, fbeta = 0, precision = 0, recall = 0;
};

// Out-of-fold probabilities of every example for one C.
std::vector<double> out_of_fold(const std::vector<Example>& ex, const Space& space, double C,
                                int folds) {
  std::vector<double> p(ex.size(), 0);
  for (int k = 0; k < folds; ++k) {
    std::vector<const Example*> train;
    for (const Example& e : ex)
      if (e.fold != k) train.push_back(&e);
    FitResult fr = fit_once(train, space, C);
    for (size_t i = 0; i < ex.size(); ++i)
      if (ex[i].fold == k) p[i] = probability(fr, space, ex[i]);
  }
  return p;
}

Choice choose(const std::vector<Example>& ex, const Space& space, int folds) {
  Choice best;
  bool first = true;
  for (double C : kGrid) {
    std::vector<double> p = out_of_fold(ex, space, C, folds);
    double ll = 0, n = 0;
    for (size_t i = 0; i < ex.size(); ++i) {
      const double q = std::min(std::max(p[i], 1e-6), 1 - 1e-6);
      ll -= ex[i].weight * (ex[i].y ? std::log(q) : std::log(1 - q));
      n += ex[i].weight;
    }
    ll /= n;
    if (first || ll < best.logloss - 1e-9) {
      first = false;
      best.C = C;
      best.logloss = ll;
      // Threshold: F0.5 over 0.05..0.95 on the out-of-fold probabilities; the lowest
      // threshold within kFTolerance of the best. The curve has plateaus where thresholds
      // far apart differ by a post or two (pure_promo: 0.9529 at 0.64, 0.9550 at 0.92), and
      // the strict maximum jumped between them with any small change to the rules.
      struct Point {
        double f = 0, precision = 0, recall = 0;
      };
      Point at[96];
      double top = -1;
      for (int t = 5; t <= 95; ++t) {
        const double th = t / 100.0;
        double tp = 0, fp = 0, fn = 0;
        for (size_t i = 0; i < ex.size(); ++i) {
          const bool pred = p[i] >= th;
          if (pred && ex[i].y) tp += ex[i].weight;
          else if (pred) fp += ex[i].weight;
          else if (ex[i].y) fn += ex[i].weight;
        }
        const double prec = tp + fp > 0 ? tp / (tp + fp) : 0, rec = tp + fn > 0 ? tp / (tp + fn) : 0;
        const double b2 = kBeta * kBeta;
        at[t] = {prec + rec > 0 ? (1 + b2) * prec * rec / (b2 * prec + rec) : 0, prec, rec};
        top = at[t].f > top ? at[t].f : top;
      }
      for (int t = 5; t <= 95; ++t) {
        if (at[t].f < top - kFTolerance) continue;
        best.fbeta = at[t].f;
        best.threshold = t / 100.0;
        best.precision = at[t].precision;
        best.recall = at[t].recall;
        break;
      }
    }
  }
  return best;
}

// The engine's verdicts on every view's posts, with the given weights (nullptr: shipped).
std::vector<std::vector<Verdict>> verdicts(const Dataset& data, const Weights* w) {
  Config c;
  if (w) {
    c.has_weights = true;
    c.weights = *w;
    for (int i = 0; i < kLabelCount; ++i)
      if (w->labels[i].fitted) c.thresholds[i] = w->labels[i].threshold;
  }
  return score_views(data, c);
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpora = "../shared/corpora", out_path, predictions, check;
  LoadOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "notwork-fit: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--corpora") corpora = next();
    else if (a == "--out") out_path = next();
    else if (a == "--predictions") predictions = next();
    else if (a == "--check") check = next();
    else if (a == "--careful-people-links") options.careful_people_links = true;
    else if (a == "--help" || a == "-h") {
      std::puts("usage: notwork-fit [--corpora DIR] [--out FILE] [--predictions FILE] [--check FILE]\n"
                "                   [--careful-people-links]\n"
                "Fits core/data/weights.json on the labelled corpora (see tools/fit/fit.cc).\n"
                "--careful-people-links: people's link posts are examples only where the careful\n"
                "reader labelled them (an alternative operating point; not the shipped weights).");
      return 0;
    } else {
      std::fprintf(stderr, "notwork-fit: unknown argument %s\n", a.c_str());
      return 2;
    }
  }
  set_print_string_function(quiet);

  Dataset data = load_dataset(corpora, options);
  std::fprintf(stderr, "notwork-fit: %zu posts from %zu corpora, %d folds\n", data.rows.size(),
               data.files.size(), kFolds);

  // Mass-check: every rule at weight 1 on every label.
  Weights ones;
  for (Label l : kFitted) {
    LabelWeights& lw = ones.labels[static_cast<int>(l)];
    lw.fitted = true;
    lw.threshold = 0.5;
    for (const auto& r : builtin_rules()) lw.weights[r->info().id] = 1.0;
  }
  std::vector<std::vector<Verdict>> raw = verdicts(data, &ones);

  // Per label: examples from the training views, fit, choose C and threshold.
  Weights fitted;
  fitted.generated_by = "./dev fit";
  std::ostringstream doc;
  std::map<Label, Choice> choices;
  std::map<Label, FitResult> finals;
  std::map<Label, size_t> counts;
  std::map<Label, std::vector<std::string>> priors;
  std::vector<Weights> fold_weights(kFolds);
  for (Label l : kFitted) {
    Space space;
    for (const auto& r : builtin_rules()) space.column(r->info().id);  // catalogue order
    std::vector<Example> ex;
    for (size_t v = 0; v < data.views.size(); ++v) {
      if (!data.views[v].train) continue;
      for (size_t j = 0; j < data.views[v].order.size(); ++j) {
        const Row& row = data.rows[data.views[v].order[j]];
        const int y = row.target(l);
        if (y < 0) continue;
        Example e;
        e.y = y;
        e.fold = row.fold;
        e.weight = row.weight * data.views[v].weight;
        e.comment = row.kind == "comment";
        std::map<int, double> x;
        for (const auto& [key, s] : raw[v][j].strengths)
          if (key.second == l) x[space.column(key.first)] += s;
        for (auto& [c, s] : x) e.x.push_back({c, s});
        ex.push_back(std::move(e));
      }
    }
    counts[l] = ex.size();
    Choice ch = choose(ex, space, kFolds);
    choices[l] = ch;
    std::vector<const Example*> all;
    for (const Example& e : ex) all.push_back(&e);
    FitResult fr = fit_once(all, space, ch.C);
    auto add_priors = [&](FitResult* r, std::vector<std::string>* names) {
      for (const auto& rule : builtin_rules()) {
        const RuleInfo& info = rule->info();
        const size_t c = static_cast<size_t>(space.index.at(info.id));
        if (info.label != l || r->seen[c]) continue;
        const double w = prior_weight(info.weight, r->bias, ch.threshold);
        if (w > 0) r->weights[info.id] = w;
        if (names) names->push_back(info.id);
      }
    };
    add_priors(&fr, &priors[l]);
    std::sort(priors[l].begin(), priors[l].end());
    finals[l] = fr;
    LabelWeights& lw = fitted.labels[static_cast<int>(l)];
    lw.fitted = true;
    lw.bias = fr.bias;
    lw.comment_bias = fr.comment_bias;
    lw.threshold = ch.threshold;
    lw.weights = fr.weights;
    for (int k = 0; k < kFolds; ++k) {
      std::vector<const Example*> train;
      for (const Example& e : ex)
        if (e.fold != k) train.push_back(&e);
      FitResult ff = fit_once(train, space, ch.C);
      add_priors(&ff, nullptr);
      LabelWeights& fl = fold_weights[static_cast<size_t>(k)].labels[static_cast<int>(l)];
      fl.fitted = true;
      fl.bias = ff.bias;
      fl.comment_bias = ff.comment_bias;
      fl.threshold = ch.threshold;
      fl.weights = ff.weights;
    }
  }

  // The document: fixed layout, sorted keys, 4 decimals.
  doc << "{\n";
  doc << "  \"generated_by\": \"./dev fit\",\n";
  doc << "  \"tool\": \"tools/fit/fit.cc: L2-regularised logistic regression (LIBLINEAR "
      << LIBLINEAR_VERSION / 100 << "." << LIBLINEAR_VERSION % 100
      << ", primal solver) over the rules' strengths; grouped " << kFolds
      << "-fold cross-validation (by author; YouTube by video)\",\n";
  doc << "  \"note\": \"Generated: do not edit by hand. Change a rule, then run ./dev fit and review the diff.\",\n";
  doc << "  \"corpora\": {\n";
  for (size_t i = 0; i < data.files.size(); ++i) {
    doc << "    \"" << data.files[i].name << "\": \"sha256:" << sha256_hex(read_file(data.files[i].path))
        << "\"" << (i + 1 < data.files.size() ? "," : "") << "\n";
  }
  doc << "  },\n";
  doc << "  \"training\": \"" << data.description << "\",\n";
  doc << "  \"labels\": {\n";
  for (size_t li = 0; li < std::size(kFitted); ++li) {
    const Label l = kFitted[li];
    const Choice& ch = choices[l];
    const FitResult& fr = finals[l];
    doc << "    \"" << label_name(l) << "\": {\n";
    doc << "      \"bias\": " << fmt4(fr.bias) << ",\n";
    doc << "      \"comment_bias\": " << fmt4(fr.comment_bias) << ",\n";
    doc << "      \"threshold\": " << fmt4(ch.threshold) << ",\n";
    doc << "      \"cv\": {\"C\": " << fmt4(ch.C) << ", \"log_loss\": " << fmt4(ch.logloss)
        << ", \"precision\": " << fmt4(ch.precision) << ", \"recall\": " << fmt4(ch.recall)
        << ", \"rows\": " << counts[l] << "},\n";
    doc << "      \"weights\": {";
    size_t n = 0;
    for (const auto& [id, w] : fr.weights) {
      doc << (n++ ? ",\n" : "\n") << "        \"" << id << "\": " << fmt4(w);
    }
    doc << (n ? "\n      },\n" : "},\n");
    auto list = [&](const char* key, const std::vector<std::string>& ids, bool last) {
      doc << "      \"" << key << "\": [";
      for (size_t i = 0; i < ids.size(); ++i) doc << (i ? ", " : "") << "\"" << ids[i] << "\"";
      doc << "]" << (last ? "\n" : ",\n");
    };
    list("dropped", fr.dropped, false);
    list("prior", priors[l], true);
    doc << "    }" << (li + 1 < std::size(kFitted) ? "," : "") << "\n";
  }
  doc << "  }\n}\n";
  const std::string text = doc.str();

  if (!check.empty()) {
    if (read_file(check) != text) {
      std::fprintf(stderr,
                   "notwork-fit: %s differs from what the fit produces now: run ./dev fit and "
                   "review the diff\n",
                   check.c_str());
      return 1;
    }
    std::fprintf(stderr, "notwork-fit: %s is what the fit produces (byte for byte)\n", check.c_str());
  }
  if (!out_path.empty()) {
    std::ofstream out(out_path, std::ios::binary);
    out << text;
    if (!out) {
      std::fprintf(stderr, "notwork-fit: cannot write %s\n", out_path.c_str());
      return 2;
    }
    std::fprintf(stderr, "notwork-fit: wrote %s\n", out_path.c_str());
  }
  if (check.empty() && out_path.empty() && predictions.empty()) std::fputs(text.c_str(), stdout);

  if (!predictions.empty()) {
    // Out-of-fold verdicts: each fold's posts scored with the weights fitted without it.
    std::vector<std::vector<std::vector<Verdict>>> per_fold;
    for (int k = 0; k < kFolds; ++k) per_fold.push_back(verdicts(data, &fold_weights[static_cast<size_t>(k)]));
    std::vector<std::vector<Verdict>> all = verdicts(data, &fitted);
    std::ofstream out(predictions, std::ios::binary);
    for (size_t v = 0; v < data.views.size(); ++v) {
      for (size_t j = 0; j < data.views[v].order.size(); ++j) {
        const Row& row = data.rows[data.views[v].order[j]];
        const Verdict& cv = per_fold[static_cast<size_t>(row.fold)][v][j];
        const Verdict& fa = all[v][j];
        nlohmann::json line = {{"view", data.views[v].name},
                               {"corpus", row.file},
                               {"id", row.id},
                               {"author", row.group},
                               {"fold", row.fold},
                               {"gold", row.gold},
                               {"source_label", row.source_label},
                               {"lang", row.lang},
                               {"kind", row.kind},
                               {"page", data.views[v].page.empty() ? -1 : data.views[v].page[j]},
                               {"cv", {{"label", label_name(cv.label)}, {"scores", cv.scores}}},
                               {"all", {{"label", label_name(fa.label)}, {"scores", fa.scores}}}};
        out << dump(line) << "\n";
      }
    }
    std::fprintf(stderr, "notwork-fit: wrote %s\n", predictions.c_str());
  }
  return 0;
}
