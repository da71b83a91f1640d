// P16 Generous, other-centred: a genuine share is a person's own words reacting to, or
// recommending, someone else's linked or credited work — "great read on X by @y", "worth
// your time: …", "this thread by … is excellent", "ottimo articolo di …", "très bon papier
// de …", "Love this! RT @x: …". The evidence is positive for such reactions next to a link to
// others' work (or a credited re-share) and negative when the only "own words" are the
// copied title, or there are none. An app's share template or a call to action is not a
// reaction. Reaction words in en, es, pt, fr, de and it (core/src/lexicons/<lang>/credit.inc);
// the structure (comment before a re-share, copied title) works in any language.
#include "rule.h"
#include "single_post.h"

namespace notwork::rules {
namespace {

const std::vector<Term> kReactions = {
#include "lexicons/en/credit.inc"
#include "lexicons/es/credit.inc"
#include "lexicons/pt/credit.inc"
#include "lexicons/fr/credit.inc"
#include "lexicons/de/credit.inc"
#include "lexicons/it/credit.inc"
};

// A price in the text ("$254,000", "€ 30"): "must see" there is a listing's, not a reader's.
bool priced(const std::string& t) {
  for (size_t i = 0; i < t.size(); ++i) {
    size_t len = t[i] == '$' ? 1 : t.compare(i, 2, "£") == 0 ? 2 : t.compare(i, 3, "€") == 0 ? 3 : 0;
    if (len == 0) continue;
    size_t j = i + len;
    if (j < t.size() && t[j] == ' ') ++j;
    if (j < t.size() && is_ascii_digit(static_cast<unsigned char>(t[j]))) return true;
  }
  return false;
}

class GenuineShare : public BasicRule {
 public:
  GenuineShare()
      : BasicRule({"P16.genuine_share", "P16", Label::GenuineShare, 1.0,
                   "Own words that react to or recommend someone else's linked or credited work "
                   "(P16; reaction words in en, es, pt, fr, de, it)",
                   Scope::Post}),
        lex_(make_lexicon(kReactions, Field::OwnWords)) {}
  void check(const RuleInput& in, Hits& out) const override {
    const Features& f = in.f;
    const Post& p = in.post;
    if (p.kind == Kind::Dm || p.kind == Kind::Invitation || p.automated || is_pingback(p)) return;
    const bool others = links_to_others(f, p);
    const bool reshare_comment = comment_before_retweet(f) || (!p.quoted_author.empty() && f.own_word_count >= 2);
    if (!others && !reshare_comment) return;
    // Under someone else's post a recommendation is a share only when it says whose work it
    // is (otherwise it is the classic plug, P17).
    if (is_comment(p) && credited_person(in).empty()) return;
    if (f.retweet && !reshare_comment) return;  // a bare re-share has no words of one's own
    if (app_template(in) || calls_to_action(in) || plugs_own_stuff(in)) return;
    std::string phrase;
    const double s = priced(f.text) ? 0 : strongest(*lex_, kReactions, in, &phrase);
    if (s > 0) {
      out.add(s, "own words about someone else's work " + quoted(phrase));
      out.add(Label::Autofeed, -0.5, "reacts in the poster's own words");
      return;
    }
    if (reshare_comment) {
      out.add(0.8, "own words before a re-shared post");
      out.add(Label::Autofeed, -0.4, "comments on what it re-shares");
      return;
    }
    if (f.link_only) {
      out.add(-0.5, "a link without words of the poster's own");
      return;
    }
    std::string source;
    if (f.title_like && (headline_source(f, &source) || f.ellipsis_before_link || headline_case(f)))
      out.add(-0.6, "the only words are the linked page's title");
  }

 private:
  std::unique_ptr<Lexicon> lex_;
};

}  // namespace

void add_genuine_share_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<GenuineShare>());
}

}  // namespace notwork::rules
