// P13 Generic invitations: an invitation sent with the default template, nothing personal.
#include "rule.h"

namespace notwork::rules {
namespace {

const std::vector<Term> kTemplates = {
    {R"(\bi'?d like to (?:add you to my (?:professional )?network|connect with you|join your (?:\w+ )?network)\b)", 1.0},
    {R"(\bplease accept my (?:invitation|request)\b|\bi want to connect\b|\blet'?s connect\b)", 1.0},
    {R"(\bi'?m inviting you to (?:connect|join)\b|\bjoin my network\b|\badd me to your network\b)", 1.0},
    {R"(\bi (?:came across|found) your profile\b|\bexpand (?:my|our) (?:professional )?network\b)", 0.6},
};

const std::vector<Term> kPersonal = {
    {R"(\bwe met\b|\bmet (?:you )?at\b|\benjoyed (?:your|our|the)\b|\bwe (?:talked|spoke|discussed|chatted)\b)", 1.0},
    {R"(\byour (?:talk|article|post|paper|book|work|project|question|comment)\b|\bat the (?:conference|meetup|event|workshop)\b)", 1.0},
    {R"(\bthanks? for\b|\bfollowing up\b|\bas promised\b|\bmutual friend\b|\bintroduced\b)", 0.8},
};

class DefaultInvitation : public BasicRule {
 public:
  DefaultInvitation()
      : BasicRule({"P13.default_invitation", "P13", Label::Autofeed, 2.0,
                   "An invitation with the default template and nothing personal (P13)",
                   Scope::Post}),
        templates_(make_lexicon(kTemplates, Field::OwnWords, kOnDemand)),
        personal_(make_lexicon(kPersonal, Field::OwnWords, kOnDemand)) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (in.post.kind != Kind::Invitation) return;
    std::string personal;
    double p = strongest(*personal_, kPersonal, in, &personal);
    std::string phrase;
    double s = strongest(*templates_, kTemplates, in, &phrase);
    if (p > 0) {
      if (s > 0) out.add(0.3, "template wording " + quoted(phrase) + " but a personal note too");
      out.add(Label::Conversation, 0.8, "personal detail " + quoted(personal));
      return;
    }
    if (s > 0) out.add(s, "default invitation text " + quoted(phrase));
    else if (in.f.own_word_count < 8) out.add(0.8, "an invitation with (almost) no message");
  }

 private:
  std::unique_ptr<Lexicon> templates_;
  std::unique_ptr<Lexicon> personal_;
};

}  // namespace

void add_invitation_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<DefaultInvitation>());
}

}  // namespace notwork::rules
