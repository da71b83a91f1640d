// P2 Mostly your own stuff: a sales pitch aimed at the reader (offers, prices, "buy now",
// money-making promises) is selling, not socialising.
#include "rule.h"

namespace notwork::rules {
namespace {

const std::vector<Term> kSales = {
    {R"(\b(?:buy|order|shop|book|download|register|apply|call|enrol+) (?:now|today|here|online)\b)", 1.0},
    {R"(\blimited[- ](?:time )?(?:offer|deal|stock|edition|spots?)\b)", 1.0},
    {R"(\b\d{1,2} ?% off\b|\bfree shipping\b|\bpromo(?:tion)? code\b|\bcoupon\b|\bdiscount)", 1.0},
    {R"((?:\$|£|€) ?\d+(?:[.,]\d\d)?\b|\b\d+(?:[.,]\d\d)? ?(?:usd|dollars|bucks)\b)", 0.3},
    {R"(\b(?:make|earn|making|earning) (?:\$|£|€)?\d*[,.]?\d* ?(?:money|cash|income|dollars|a day|per day|a week|online)\b)", 1.2},
    {R"(\b(?:need|get|want|earn|make|win) (?:some |free |extra |easy |real |more )?(?:money|cash)\b)", 1.0},
    {R"(\bwork (?:from|at) home\b|\bget paid\b|\bpassive income\b|\bside hustle\b)", 1.0},
    {R"(\bclick (?:here|the link|this link|below|my link)\b)", 1.0},
    {R"(\bsign up (?:now|today|free|for free|here)\b|\bfree trial\b|\bsubscribe now\b)", 1.0},
    {R"(\b(?:for free|free of charge|no cost)\b)", 0.6},
    {R"(\bgiveaway\b|\benter to win\b|\bwin (?:a|an|free|your)\b|\bchance to win\b)", 0.8},
    {R"(\bhurry\b|\bact now\b|\bdon'?t miss (?:out|this)\b|\bwhile (?:stocks|supplies) last\b)", 0.8},
    {R"(\bcheap(?:est)?\b|\blowest price|\bbest price|\bon sale\b|\bfor only\b|\bfree gift\b)", 0.8},
    {R"(\b(?:weight ?loss|lose (?:weight|\d+ ?(?:lbs|pounds|kg))|diet pills?|viagra|cialis|casino|poker bonus|payday loans?|forex|crypto signals|seo services)\b)", 1.2},
    {R"(\b(?:best|top) (?:seo|marketing|web design|essay|writing) (?:services?|company|agency)\b)", 1.0},
    {R"(\bprofessional (?:writers?|services?)\b|\bhire (?:us|me)\b|\bour services\b)", 0.8},
    {R"(\bfree (?:ipad|iphone|gift ?cards?|xbox|psn|itunes|money|samples?|stuff)\b)", 1.2},
    // Asking the reader for money.
    {R"(\b(?:donate|send|give|tip) (?:\w+ ){0,2}(?:money|bitcoins?|btc|dollars|cash|paypal)\b|\bdonat(?:e|ions?) (?:\w+ ){0,3}(?:to me|to my|at)\b)", 1.0},
};

class SalesPitch : public BasicRule {
 public:
  SalesPitch()
      : BasicRule({"P2.sales_pitch", "P2", Label::PurePromo, 1.0,
                   "Sells to the reader: offers, prices, “buy now” (P2: selling, not socialising)",
                   Scope::Post}),
        lex_(make_lexicon(kSales, Field::Text)) {}
  void check(const RuleInput& in, Hits& out) const override {
    std::string phrase;
    double total = 0;
    double s = strongest(*lex_, kSales, in, &phrase, &total, 2.0);
    if (s <= 0) return;
    // A price alone in a personal sentence ("paid $5 for coffee") is weak evidence.
    if (total < 0.6 && in.f.first_person) return;
    out.add(total, "sales wording " + quoted(phrase));
  }

 private:
  std::unique_ptr<Lexicon> lex_;
};

}  // namespace

void add_sales_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<SalesPitch>());
}

}  // namespace notwork::rules
