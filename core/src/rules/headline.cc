// P3 Autofeeding, read from one post's shape alone (no author history, any language): a copied
// headline — a title and a link, nobody addressed, no question or exclamation — and the signs
// of how a feed writes it: the outlet's name at the end ("| Outlet", " - Site", "via Site"),
// Title Case, the link first ("URL Title"), the title cut short right before the link
// ("Orange County May Have Misspent Grant Money...http://"). (P3.link_first and
// P3.truncated_title were rules of their own; each fired on too few feed posts to earn a
// fitted weight, so they are now signs of the one headline rule, which has one.)
#include "rule.h"
#include "single_post.h"

namespace notwork::rules {

bool own_words_to_all(const RuleInput& in) {
  const Post& p = in.post;
  return !p.is_reply && !p.is_repost && !in.f.retweet && !in.f.starts_with_mention;
}

bool broadcast_post(const RuleInput& in) { return in.post.kind == Kind::Post && own_words_to_all(in); }

namespace {

const std::vector<Term> kFeedCut = {
    {R"([^\s.](?:\.\.\.|…)\s*(?:https?://|www\.))", 1.0},
};

class HeadlineShape : public BasicRule {
 public:
  HeadlineShape()
      : BasicRule({"P3.headline_shape", "P3", Label::Autofeed, 1.0,
                   "Reads like a copied headline: a title and a link, nobody addressed; the signs of "
                   "a feed — the outlet's name at the end, Title Case, the link first, the title "
                   "cut short before the link (P3; any language)",
                   Scope::Post}),
        cut_(make_lexicon(kFeedCut)) {}
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
    // Feed services write "URL Title".
    if (!f.skeleton.empty() && f.skeleton[0] == 'U' && f.title_like && f.mentions.empty())
      out.add(sure, "starts with its link, then a title");
    // A feed cuts the title mid-text with exactly "..." or "…" glued to the last word, right
    // before the link. People trail off with "....." or ". . ." after a space.
    std::string cut;
    if (f.ellipsis_before_link && f.own_word_count >= 8 && !f.first_person &&
        strongest(*cut_, kFeedCut, f.text, &cut) > 0)
      out.add(sure, "a title cut short right before its link");
  }

 private:
  std::unique_ptr<Lexicon> cut_;
};

}  // namespace

void add_headline_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<HeadlineShape>());
}

}  // namespace notwork::rules
