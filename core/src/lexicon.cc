#include "lexicon.h"

#include <algorithm>

namespace notwork {

namespace {
RE2::Options make_options(bool case_sensitive, int64_t max_mem) {
  RE2::Options o;
  o.set_case_sensitive(case_sensitive);
  o.set_max_mem(max_mem);
  o.set_log_errors(false);
  return o;
}
}  // namespace

Lexicon::Lexicon(const std::vector<std::string>& patterns, bool case_sensitive, int64_t max_mem)
    : options_(make_options(case_sensitive, max_mem)), set_(options_, RE2::UNANCHORED) {
  bool all = true;
  for (const std::string& p : patterns) {
    auto re = std::make_unique<RE2>(p, options_);
    std::string error;
    if (!re->ok() || set_.Add(p, &error) < 0) all = false;
    each_.push_back(std::move(re));
  }
  ok_ = all && !patterns.empty() && set_.Compile();
}

bool Lexicon::match(std::string_view text, std::vector<int>* hits) const {
  hits->clear();
  if (!ok_) return false;
  if (!set_.Match(re2::StringPiece(text.data(), text.size()), hits)) return false;
  std::sort(hits->begin(), hits->end());
  return !hits->empty();
}

bool Lexicon::any(std::string_view text) const {
  if (!ok_) return false;
  return set_.Match(re2::StringPiece(text.data(), text.size()), nullptr);
}

std::string Lexicon::phrase(std::string_view text, int i) const {
  if (i < 0 || static_cast<size_t>(i) >= each_.size()) return "";
  re2::StringPiece m;
  re2::StringPiece in(text.data(), text.size());
  if (!each_[i]->Match(in, 0, in.size(), RE2::UNANCHORED, &m, 1)) return "";
  return std::string(m.data(), m.size());
}

}  // namespace notwork
