// P17 Comment and reply spam, on a network: a link pushed at a stack of accounts that are not
// part of any conversation ("Great deal! http://… @a @b @c @d"). A reply starts with the
// people it answers; mentions after that, or a link sent to a crowd of handles at once, are
// the promotion accounts' way of reaching strangers. Structural: any language.
#include <set>

#include "rule.h"
#include "single_post.h"

namespace notwork::rules {
namespace {

class MentionStack : public BasicRule {
 public:
  MentionStack()
      : BasicRule({"P17.mention_stack", "P17", Label::PurePromo, 1.0,
                   "A link pushed at a stack of @mentioned accounts outside any conversation (P17; any language)",
                   Scope::Post}) {}
  void check(const RuleInput& in, Hits& out) const override {
    const Features& f = in.f;
    const Post& p = in.post;
    if (f.links.empty() || f.mentions.size() < 3 || f.retweet || p.is_repost) return;
    if (p.kind == Kind::Dm || p.kind == Kind::Invitation) return;
    // An old-style quoted re-share ("\"@someone: …\"" or “@someone: …”) carries its mentions.
    const std::string& t = f.text;
    const size_t first = t.find_first_not_of(" \t\n");
    if (first != std::string::npos && (t.compare(first, 2, "\"@") == 0 || t.compare(first, 4, "“@") == 0)) return;
    std::string leading;
    const int lead = leading_mentions(f, &leading);
    const std::string me = ascii_lower(p.author), to = ascii_lower(p.reply_to);
    std::set<std::string> body, opening;
    for (const std::string& m : f.mentions) {
      if (m.empty() || m == me || (!to.empty() && m == to)) continue;
      if (leading.find(" " + m + " ") != std::string::npos) opening.insert(m);
      else body.insert(m);
    }
    const int n = static_cast<int>(body.size());
    if (n >= 3) {
      const double s = n >= 7 ? 1.5 : 1.0 + 0.125 * (n - 3);
      out.add(s, "a link and " + std::to_string(n) + " mentions of other accounts");
    } else if (lead >= 4 && !p.is_reply && f.questions == 0 && opening.size() >= 4) {
      out.add(0.5, "a link sent to " + std::to_string(opening.size()) + " accounts at once");
    }
  }
};

}  // namespace

void add_mention_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<MentionStack>());
}

}  // namespace notwork::rules
