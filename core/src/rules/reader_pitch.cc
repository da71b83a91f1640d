// P2 Selling, not socialising: a link handed to the reader in the second person ("your",
// "you") that names nobody and speaks for nobody is advertising copy ("Take your business to
// the next level http://…", "Your car insurance http://…"). A person sharing speaks for
// themselves ("I", "we") or to someone by name; a headline speaks to no one.
//
// Structural and language-aware: it reads the voice words of the post's language
// (core/src/lexicons/<lang>/voice.inc) and abstains where they are not known. Never on a
// reply, a re-share, a post naming anyone (@name) or a direct message (P5 reads those).
#include "rule.h"
#include "single_post.h"

namespace notwork::rules {
namespace {

class ReaderPitch : public BasicRule {
 public:
  ReaderPitch()
      : BasicRule({"P2.reader_pitch", "P2", Label::PurePromo, 1.0,
                   "Hands the reader a link in ad copy: “you” and “your”, in nobody's own voice "
                   "and to nobody in particular (P2: selling, not socialising)",
                   Scope::Post}) {}
  void check(const RuleInput& in, Hits& out) const override {
    const Features& f = in.f;
    if (f.links.empty() || !f.voice_known || !f.second_person) return;
    if (f.first_person) return;
    // Comments and drafts too (not only posts, as broadcast_post), never a direct message.
    if (!own_words_to_all(in) || !f.mentions.empty()) return;
    if (in.post.kind == Kind::Dm || f.own_word_count < 3) return;
    out.add(1.0, "speaks to the reader with a link and names no one");
  }
};

}  // namespace

void add_reader_pitch_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<ReaderPitch>());
}

}  // namespace notwork::rules
