// P7 Affiliate links: an affiliate link with no personal experience attached is promotion.
#include "rule.h"

namespace notwork::rules {
namespace {

// Matched against each link's host + path.
const std::vector<Term> kAffiliate = {
    {R"([?&](?:tag|ref|aff|affid|aff_id|affiliate|affiliate_id|ref_id|refid|partner|partnerid|associate|clickid|subid|campid|irgwc)=)", 1.0},
    {R"([?&]utm_(?:campaign|medium)=(?:[^&]*(?:affiliate|aff|partner|influencer))?)", 0.5},
    {R"(^(?:amzn\.to|amzn\.com|hop\.clickbank\.net|[a-z0-9.]*clickbank\.net|shareasale\.com|click\.linksynergy\.com|go\.skimresources\.com|rstyle\.me|shopstyle\.|[a-z0-9.]*awin1\.com|anrdoezrs\.net|jdoqocy\.com|tkqlhce\.com|dpbolvw\.net|kqzyfj\.com|avantlink\.com|rover\.ebay\.com|s\.click\.aliexpress\.com|go\.redirectingat\.com|prf\.hn|shrsl\.com|bit\.ly/aff))", 1.0},
    {R"(/(?:ref|aff|affiliate|go|recommends|refer)/[a-z0-9_-]+)", 0.6},
};

const std::vector<Term> kExperience = {
    {R"(\bi(?:'ve| have)? (?:use[ds]?|using|bought|tried|own|owned|read|wear|wore|love)\b)", 1.0},
    {R"(\bmy (?:favou?rite|go-to|own|review|experience)\b|\bin my experience\b)", 1.0},
};

class Affiliate : public BasicRule {
 public:
  Affiliate()
      : BasicRule({"P7.affiliate", "P7", Label::PurePromo, 1.3,
                   "An affiliate link with no personal experience attached (P7)", Scope::Post}),
        links_(make_lexicon(kAffiliate)),
        experience_(make_lexicon(kExperience, Field::OwnWords, kOnDemand)) {}
  void check(const RuleInput& in, Hits& out) const override {
    for (const Link& l : in.f.links) {
      if (l.obfuscated) continue;
      std::string target = l.host + l.path;
      std::string phrase;
      double s = strongest(*links_, kAffiliate, target, &phrase);
      if (s <= 0) continue;
      if (any(*experience_, in)) {
        out.add(s * 0.3, "affiliate link " + quoted(phrase) + ", with personal experience");
      } else {
        // The host itself ("amzn.to") or the host and the matched path or query ("… ?tag=").
        const bool in_host = l.host.find(phrase) != std::string::npos;
        out.add(s, "affiliate link " + quoted(in_host ? l.host : l.host + " " + phrase));
      }
      return;
    }
  }

 private:
  std::unique_ptr<Lexicon> links_;
  std::unique_ptr<Lexicon> experience_;
};

}  // namespace

void add_affiliate_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<Affiliate>());
}

}  // namespace notwork::rules
