// P15 Speak as a person, not a company: corporate announcement voice with no person behind
// it; first-person singular, names and opinions are the opposite.
#include "rule.h"

namespace notwork::rules {
namespace {

const std::vector<Term> kCorporate = {
    {R"(\bwe(?:'re| are) (?:pleased|proud|excited|thrilled|delighted|happy) to (?:announce|introduce|share|launch|present|unveil|welcome)\b)", 1.0},
    {R"(\b(?:for immediate release|press release|announces? the (?:launch|release|availability)|today announced)\b)", 1.0},
    {R"(\bour (?:customers|clients|valued|partners|products?|services|solutions?|company|brand|new (?:product|collection|range|line|store|website))\b)", 0.7},
    {R"(\b(?:leading|premier|trusted) provider of\b|\bindustry[- ]leading\b|\bbest[- ]in[- ]class\b|\bworld[- ]class\b|\bone-stop shop\b|\bcutting[- ]edge solutions?\b)", 1.0},
    {R"(\b(?:contact|call|email|visit) us (?:today|now|at)\b|\bvisit our (?:website|site|store|shop|booth)\b|\bwe offer\b|\bwe provide\b|\bwe specialise|\bwe specialize)", 0.8},
};

class CorporateVoice : public BasicRule {
 public:
  CorporateVoice()
      : BasicRule({"P15.corporate_voice", "P15", Label::PurePromo, 0.8,
                   "Corporate announcement voice with no person behind it (P15)", Scope::Post}),
        lex_(make_lexicon(kCorporate, Field::OwnWords)) {}
  void check(const RuleInput& in, Hits& out) const override {
    std::string phrase;
    double total = 0;
    double s = strongest(*lex_, kCorporate, in, &phrase, &total, 1.5);
    if (s <= 0) return;
    out.add(in.f.first_person ? total * 0.5 : total, "press-release wording " + quoted(phrase));
  }

 private:
  std::unique_ptr<Lexicon> lex_;
};

const std::vector<Term> kOpinion = {
    {R"(\bi (?:think|thought|feel|felt|believe|love|loved|liked|enjoyed|learned|learnt|found|wonder|agree|disagree|recommend|hope|wish|guess|can't believe|didn't know|never knew)\b)", 1.0},
    {R"(\b(?:in my (?:view|opinion|experience)|imo|imho)\b)", 1.0},
    {R"(\bmy (?:take|favou?rite|thoughts?|view|mum|mom|dad|wife|husband|kids?|son|daughter|friend|brother|sister)\b)", 0.7},
};

class PersonalVoice : public BasicRule {
 public:
  PersonalVoice()
      : BasicRule({"P15.personal_voice", "P15", Label::GenuineShare, 0.6,
                   "Speaks as a person: first person, opinions (P15)", Scope::Post}),
        lex_(make_lexicon(kOpinion, Field::OwnWords)) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (!in.f.first_person || in.f.own_word_count < 4) return;
    std::string phrase;
    double s = strongest(*lex_, kOpinion, in, &phrase);
    const std::string what = s > 0 ? "personal voice " + quoted(phrase) : "written in the first person";
    if (s > 0 && links_to_others(in.f, in.post)) out.add(Label::GenuineShare, 0.6 * s, what);
    out.add(Label::Autofeed, s > 0 ? -0.8 : -0.4, what);
    // Under a video, "I love this song" is also the classic opener of a plug (P17).
    if (s > 0 && !is_comment(in.post)) out.add(Label::PurePromo, -0.3, what);
  }

 private:
  std::unique_ptr<Lexicon> lex_;
};

}  // namespace

void add_voice_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<CorporateVoice>());
  out.push_back(std::make_unique<PersonalVoice>());
}

}  // namespace notwork::rules
