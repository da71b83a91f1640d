// P11 Careless cross-posting: another network's artefacts leaking into this one, and
// hashtag stacks. In the composer only (Kind::Draft): they are a habit to point out to the
// writer, not evidence that a post on a timeline is a feed or an advert. Fitted on the
// corpora they carried no weight (people cross-post carelessly far more often than feeds do),
// so on the timeline they stay silent; a draft is nudged with their hand weight (a prior:
// tools/fit).
#include "rule.h"

namespace notwork::rules {
namespace {

const std::vector<Term> kArtefacts = {
    {R"(\(via (?:twitter|facebook|instagram|linkedin|tumblr|google\+?)\)|\bvia @(?:twitter|facebook|instagram|linkedin)\b)", 1.0},
    {R"((?:^|\s)#(?:fb|li|in|ig)\b)", 1.0},
    {R"(\bjust posted a (?:photo|video)\b|\bposted a (?:new )?photo to facebook\b|\binstagram\.com/p/)", 0.8},
    {R"(\bfrom my (?:iphone|ipad|android|blackberry)\b)", 0.3},
};

bool twitter_like(const std::string& site) {
  return site.empty() || site == "twitter" || site == "x" || site == "mastodon" || site == "bluesky";
}

class CrossPost : public BasicRule {
 public:
  CrossPost()
      : BasicRule({"P11.cross_post", "P11", Label::Autofeed, 0.8,
                   "Your draft carries another network's artefacts (P11: not every message belongs everywhere)",
                   Scope::Post}),
        lex_(make_lexicon(kArtefacts, Field::Text)) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (in.post.kind != Kind::Draft) return;
    std::string phrase;
    double s = strongest(*lex_, kArtefacts, in, &phrase);
    if (s > 0) out.add(s, "cross-posting artefact " + quoted(phrase));
    const std::string& site = in.post.site;
    if (!twitter_like(site) && site != "youtube") {
      if (in.f.retweet) out.add(1.0, "a Twitter-style “RT” on " + clip(site, 20));
      else if (in.f.starts_with_mention && !in.post.is_reply)
        out.add(0.8, "an @reply posted on " + clip(site, 20));
    }
  }

 private:
  std::unique_ptr<Lexicon> lex_;
};

class HashtagStack : public BasicRule {
 public:
  HashtagStack()
      : BasicRule({"P11.hashtag_stack", "P11", Label::Autofeed, 0.5,
                   "Your draft is a stack of hashtags with few words of its own (P11)", Scope::Post}) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (in.post.kind != Kind::Draft) return;
    const int tags = static_cast<int>(in.f.hashtags.size());
    if (tags < 5 || tags * 2 < in.f.own_word_count) return;
    out.add(tags >= 8 ? 1.0 : 0.7, std::to_string(tags) + " hashtags");
  }
};

}  // namespace

void add_cross_post_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<CrossPost>());
  out.push_back(std::make_unique<HashtagStack>());
}

}  // namespace notwork::rules
