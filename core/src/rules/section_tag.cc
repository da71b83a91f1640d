// P3 Autofeeding, read from one post alone (no history needed): a headline that opens or
// ends with the news section it was filed under ("... in new offense #sports", "#local 1
// dead in collapse", "#politica"), as feed services add it. The post must read as a headline
// (Features::title_like: no voice, no question or exclamation, one sentence without a full
// stop): a person who tags an opinion #politics is not a feed. Section words in en, es, pt,
// fr, de and it (core/src/lexicons/<lang>/sections.inc); the shape works in every language.
#include <string_view>
#include <unordered_set>

#include "rule.h"
#include "single_post.h"

namespace notwork::rules {
namespace {

const std::unordered_set<std::string_view>& section_tags() {
  static const auto* tags = new std::unordered_set<std::string_view>{
#include "lexicons/en/sections.inc"
#include "lexicons/es/sections.inc"
#include "lexicons/pt/sections.inc"
#include "lexicons/fr/sections.inc"
#include "lexicons/de/sections.inc"
#include "lexicons/it/sections.inc"
  };
  return *tags;
}

class SectionTag : public BasicRule {
 public:
  SectionTag()
      : BasicRule({"P3.section_tag", "P3", Label::Autofeed, 1.0,
                   "A headline filed under a news section's hashtag, as feeds append it "
                   "(P3: #news, #sports, #politica; words in en, es, pt, fr, de, it)",
                   Scope::Post}) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (!broadcast_post(in) || !in.f.title_like || in.f.hashtags.empty()) return;
    // The section tag opens or closes the post (only links or other tags after it).
    const std::string& sk = in.f.skeleton;
    const auto& tags = section_tags();
    if (sk[0] == 'H' && tags.count(in.f.hashtags.front())) {
      out.add(1.0, "a headline filed under #" + clip(in.f.hashtags.front(), 24));
      return;
    }
    // The closing run of hashtags (links between them allowed): at most its last 3 tags.
    size_t trailing = 0;
    for (size_t end = sk.size(); end > 0; --end) {
      const char c = sk[end - 1];
      if (c == 'H') ++trailing;
      else if (c != 'U' && c != ' ') break;
    }
    const size_t n = in.f.hashtags.size();
    for (size_t k = 0; k < trailing && k < 3 && k < n; ++k) {
      const std::string& tag = in.f.hashtags[n - 1 - k];
      if (tags.count(tag)) {
        out.add(1.0, "a headline filed under #" + clip(tag, 24));
        return;
      }
    }
  }
};

}  // namespace

void add_section_tag_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<SectionTag>());
}

}  // namespace notwork::rules
