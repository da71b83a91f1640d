// A lexicon: many RE2 patterns screened in ONE pass with RE2::Set; the individual pattern is
// run only for the entries that matched, to quote the phrase in a reason's detail.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace notwork {

class Lexicon {
 public:
  // Patterns are RE2 syntax, matched case-insensitively (unless they say otherwise).
  explicit Lexicon(const std::vector<std::string>& patterns, bool case_sensitive = false,
                   int64_t max_mem = 8 << 20);
  // Indices of matching patterns, ascending. Returns false when none matched.
  bool match(std::string_view text, std::vector<int>* hits) const;
  bool any(std::string_view text) const;
  // The text matched by pattern i (first occurrence), or "" when it does not match.
  std::string phrase(std::string_view text, int i) const;
  size_t size() const { return each_.size(); }
  bool ok() const { return ok_; }

 private:
  RE2::Options options_;
  RE2::Set set_;
  std::vector<std::unique_ptr<RE2>> each_;
  bool ok_ = false;
};

}  // namespace notwork
