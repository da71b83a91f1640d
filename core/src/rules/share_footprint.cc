// P3 Autofeeding: the text an app or a share button writes for you — "I liked a @YouTube
// video", "Check out this listing on @Etsy", "Shared via …", "Ho pubblicato una nuova foto su
// Facebook", "I'm at … (4sq.com)", "A new favorite: … on #SoundCloud". Pressing a button is
// not writing a post. (The feed services' own footprints — "via @sharethis", "(via Buffer)",
// "New post:" — are P3.feed_footprint.) Words in en, es, pt, fr, de and it
// (core/src/lexicons/<lang>/footprint.inc).
#include "rule.h"
#include "single_post.h"

namespace notwork::rules {
namespace {

const std::vector<Term> kAppFootprints = {
#include "lexicons/en/footprint.inc"
#include "lexicons/es/footprint.inc"
#include "lexicons/pt/footprint.inc"
#include "lexicons/fr/footprint.inc"
#include "lexicons/de/footprint.inc"
#include "lexicons/it/footprint.inc"
};

// Shared by ShareFootprint and app_template() (built with the rules, so it joins the scan).
const Lexicon& footprint_lexicon() {
  static const Lexicon* lex = make_lexicon(kAppFootprints, Field::Text).release();
  return *lex;
}

class ShareFootprint : public BasicRule {
 public:
  ShareFootprint()
      : BasicRule({"P3.share_footprint", "P3", Label::Autofeed, 1.0,
                   "Written by an app's share button, not by a person (P3; words in en, es, pt, fr, de, it)",
                   Scope::Post}) {
    footprint_lexicon();
  }
  void check(const RuleInput& in, Hits& out) const override {
    if (in.post.kind == Kind::Dm || in.post.kind == Kind::Invitation) return;
    std::string phrase;
    const double s = strongest(footprint_lexicon(), kAppFootprints, in, &phrase);
    if (s > 0) out.add(s, "share-button text " + quoted(phrase));
  }
};

}  // namespace

bool app_template(const RuleInput& in) { return any(footprint_lexicon(), in); }

void add_share_footprint_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<ShareFootprint>());
}

}  // namespace notwork::rules
