// P17 Comment spam on blogs (WordPress and the like): a CommentLuv-style tail that advertises
// the commenter's latest post ("Ana would love you to read … My Last Post", "Bob recently
// posted..Title"), and boilerplate praise that fits under any post ("Great post, thanks for
// sharing!", "I will bookmark your blog", "I found your site via Google") — the spammer's way
// of looking like a reader without having read anything. Words in en, es, pt, fr, de and it
// (core/src/lexicons/<lang>/tail.inc and praise.inc).
#include "rule.h"

namespace notwork::rules {
namespace {

const std::vector<Term> kTails = {
#include "lexicons/en/tail.inc"
#include "lexicons/es/tail.inc"
#include "lexicons/pt/tail.inc"
#include "lexicons/fr/tail.inc"
#include "lexicons/de/tail.inc"
#include "lexicons/it/tail.inc"
};

class CommentLuvTail : public BasicRule {
 public:
  CommentLuvTail()
      : BasicRule({"P17.commentluv_tail", "P17", Label::PurePromo, 1.0,
                   "A comment ending with an advert for the commenter's latest post, CommentLuv "
                   "style (P17; words in en, es, pt, fr, de, it)",
                   Scope::Post}),
        lex_(make_lexicon(kTails, Field::Text)) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (!is_comment(in.post) || is_pingback(in.post)) return;
    std::string phrase;
    const double s = strongest(*lex_, kTails, in, &phrase);
    if (s <= 0) return;
    const bool linked = !in.f.links.empty() || !in.post.author_url.empty();
    out.add(linked ? s : 0.7 * s, "a tail advertising the commenter's post " + quoted(phrase));
  }

 private:
  std::unique_ptr<Lexicon> lex_;
};

const std::vector<Term> kTemplatePraise = {
#include "lexicons/en/praise.inc"
#include "lexicons/es/praise.inc"
#include "lexicons/pt/praise.inc"
#include "lexicons/fr/praise.inc"
#include "lexicons/de/praise.inc"
#include "lexicons/it/praise.inc"
};

class TemplatePraise : public BasicRule {
 public:
  TemplatePraise()
      : BasicRule({"P17.template_praise", "P17", Label::PurePromo, 1.0,
                   "Boilerplate praise that fits under any post: “great post, thanks for sharing”, "
                   "“I will bookmark your blog” (P17; words in en, es, pt, fr, de, it)",
                   Scope::Post}),
        lex_(make_lexicon(kTemplatePraise, Field::OwnWords)) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (!is_comment(in.post) || is_pingback(in.post)) return;
    std::string phrase;
    double total = 0;
    if (strongest(*lex_, kTemplatePraise, in, &phrase, &total, 1.6) <= 0) return;
    // A long comment that also praises has room for specifics: weaker evidence.
    const double s = in.f.own_word_count > 80 ? total * 0.4 : in.f.own_word_count > 40 ? total * 0.7 : total;
    out.add(s, "praise that fits any post " + quoted(phrase));
  }

 private:
  std::unique_ptr<Lexicon> lex_;
};

}  // namespace

void add_blog_comment_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<CommentLuvTail>());
  out.push_back(std::make_unique<TemplatePraise>());
}

}  // namespace notwork::rules
