// P3 Autofeeding: a title plus a link and nothing of one's own; titles truncated with an
// ellipsis right before the link (feeds cut headlines to fit).
#include "rule.h"

namespace notwork::rules {
namespace {

class TitleLink : public BasicRule {
 public:
  TitleLink()
      : BasicRule({"P3.title_link", "P3", Label::Autofeed, 0.5,
                   "Just a title and a link, no words of the poster's own (P3)", Scope::Post}) {}
  void check(const RuleInput& in, Hits& out) const override {
    const Features& f = in.f;
    if (f.links.empty() || !f.title_like || is_comment(in.post) || in.post.is_reply) return;
    if (f.own_word_count > 30 || f.mentions.size() > 1) return;
    double s = 1.0;
    if (f.links.size() >= 2 && f.ends_with_link) s = 1.3;  // headline + article + card links
    else if (!f.ends_with_link) s = 0.6;
    out.add(s, "headline-style text followed by a link");
  }
};

// A feed cuts the title mid-text with exactly "..." or "…" glued to the last word, right
// before the link. People trail off with "....." or ". . ." after a space; a re-share's
// text is cut by the platform, not by a feed.
const std::vector<Term> kFeedCut = {
    {R"([^\s.](?:\.\.\.|…)\s*(?:https?://|www\.))", 1.0},
};

class TruncatedTitle : public BasicRule {
 public:
  TruncatedTitle()
      : BasicRule({"P3.truncated_title", "P3", Label::Autofeed, 1.2,
                   "A title cut off with “…” right before the link, as feeds do (P3)",
                   Scope::Post}),
        cut_(make_lexicon(kFeedCut)) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (!in.f.ellipsis_before_link || in.f.own_word_count < 8 || in.post.is_reply ||
        in.post.is_repost || in.f.retweet || in.f.starts_with_mention)
      return;
    std::string phrase;
    if (strongest(*cut_, kFeedCut, in.f.text, &phrase) <= 0) return;
    out.add(in.f.first_person ? 0.5 : 1.0, "text truncated with an ellipsis before its link");
  }

 private:
  std::unique_ptr<Lexicon> cut_;
};

}  // namespace

void add_title_link_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<TitleLink>());
  out.push_back(std::make_unique<TruncatedTitle>());
}

}  // namespace notwork::rules
