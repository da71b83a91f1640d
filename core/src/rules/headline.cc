// P3 Autofeeding, read from one post's shape alone (no author history, any language): a copied
// headline — a title and a link, nobody addressed, no question or exclamation, often ending
// with the outlet's name ("| Outlet", " - Site", "via Site") — and posts that open with their
// link, as feed services write them ("URL Title").
#include "rule.h"
#include "single_post.h"

namespace notwork::rules {

bool broadcast_post(const RuleInput& in) {
  const Post& p = in.post;
  return p.kind == Kind::Post && !p.is_reply && !p.is_repost && !in.f.retweet && !in.f.starts_with_mention;
}

namespace {

class HeadlineShape : public BasicRule {
 public:
  HeadlineShape()
      : BasicRule({"P3.headline_shape", "P3", Label::Autofeed, 1.0,
                   "Reads like a copied headline: a title and a link, nobody addressed, often with "
                   "the outlet's name at the end (P3; any language)",
                   Scope::Post}) {}
  void check(const RuleInput& in, Hits& out) const override {
    const Features& f = in.f;
    if (f.links.empty() || !broadcast_post(in)) return;
    if (f.own_word_count < 3 || f.own_word_count > 40 || f.questions > 0 || f.exclamations > 0) return;
    // "Why I Left" and "Your Strategy" appear in Title Case headlines; elsewhere I and you
    // are a person talking.
    const bool title_case = headline_case(f);
    if ((f.first_person || f.second_person) && !title_case) return;
    // "Nobody addressed" is read from the voice words of the post's language; in a language
    // they do not cover (known, but not voice_known) the absence proves less: half strength.
    const double sure = f.voice_known || f.lang.empty() ? 1.0 : 0.5;
    std::string source;
    if (headline_source(f, &source))
      out.add(sure, "a headline ending with its source " + quoted(source, 30));
    if (title_case) out.add(0.5 * sure, "headline capitalisation");
  }
};

class LinkFirst : public BasicRule {
 public:
  LinkFirst()
      : BasicRule({"P3.link_first", "P3", Label::Autofeed, 1.0,
                   "Opens with its link, then a title, as feed services write posts (P3; any language)",
                   Scope::Post}) {}
  void check(const RuleInput& in, Hits& out) const override {
    const Features& f = in.f;
    if (f.skeleton.empty() || f.skeleton[0] != 'U' || !broadcast_post(in)) return;
    if (f.own_word_count < 2) return;  // a bare link is P12.link_only
    const bool headline = f.title_like && f.mentions.empty() && f.questions == 0;
    out.add(headline ? 1.0 : 0.4, headline ? "starts with a link, then a title" : "starts with a link");
  }
};

}  // namespace

void add_headline_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<HeadlineShape>());
  out.push_back(std::make_unique<LinkFirst>());
}

}  // namespace notwork::rules
