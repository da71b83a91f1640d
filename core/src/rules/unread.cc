// P4 Sharing unread: a draft that shares a link the user has not opened, especially with a
// bare "this is great"-style endorsement and no words about the content.
#include "rule.h"

namespace notwork::rules {
namespace {

const std::vector<Term> kEndorse = {
    {R"(\b(?:this|that|it) is (?:great|amazing|awesome|brilliant|excellent|a must)\b)", 1.0},
    {R"(\bmust[- ](?:read|see|watch)\b|\bworth (?:a )?(?:read|look|watch)\b)", 1.0},
    {R"(\b(?:great|good|awesome|amazing|interesting|nice) (?:read|article|post|piece|stuff|video)\b)", 1.0},
    {R"(\bcheck (?:this|it) out\b|\blove (?:this|it)\b|\bso true\b|\bwow\b)", 1.0},
};

std::string norm_url(std::string_view u) {
  size_t s = u.find("://");
  if (s != std::string_view::npos) u.remove_prefix(s + 3);
  if (u.substr(0, 4) == "www.") u.remove_prefix(4);
  while (!u.empty() && u.back() == '/') u.remove_suffix(1);
  return ascii_lower(u);
}

class UnreadShare : public BasicRule {
 public:
  UnreadShare()
      : BasicRule({"P4.unread_share", "P4", Label::Autofeed, 1.0,
                   "Shares a link you have not opened yet (P4: read before you share)",
                   Scope::Post}),
        lex_(make_lexicon(kEndorse, Field::OwnWords, kOnDemand)) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (in.post.kind != Kind::Draft || in.post.unopened_links.empty()) return;
    std::string unread;
    for (const std::string& u : in.post.unopened_links) {
      const std::string nu = norm_url(u);
      if (nu.empty()) continue;
      bool shared = in.f.text.find(u) != std::string::npos;
      for (const Link& l : in.f.links) shared = shared || norm_url(l.url) == nu;
      if (shared) { unread = u; break; }
    }
    if (unread.empty()) return;
    std::string phrase;
    double endorse = strongest(*lex_, kEndorse, in, &phrase);
    if (endorse > 0 && in.f.own_word_count <= 8) {
      out.add(1.0, "endorses " + quoted(phrase) + " a link not opened yet " + quoted(unread, 30));
      out.add(Label::GenuineShare, -1.0, "the shared link was not opened");
    } else {
      out.add(0.5, "shares a link not opened yet " + quoted(unread, 30));
      out.add(Label::GenuineShare, -0.5, "the shared link was not opened");
    }
  }

 private:
  std::unique_ptr<Lexicon> lex_;
};

}  // namespace

void add_unread_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<UnreadShare>());
}

}  // namespace notwork::rules
