// P3 Autofeeding: footprints of feed services in the text, automation clients, and the
// platform's own "automated" label.
#include "rule.h"

namespace notwork::rules {
namespace {

const std::vector<Term> kFootprints = {
    {R"(\bnew (?:blog )?post\s*[:\-–»])", 1.0},
    {R"(^\s*\[(?:blog|new post|rss|feed|news|update)\])", 1.0},
    {R"(#rss\b|#feed\b)", 1.0},
    {R"(\bautomatically (?:posted|shared|tweeted|generated|published)\b)", 1.2},
    {R"(\(\s*via (?:buffer|hootsuite|dlvr\.?it|ifttt|twitterfeed|feedly|tweetdeck|socialoomph|zapier)\s*\))", 1.2},
    {R"(\bvia @?(?:bufferapp|buffer|hootsuite|dlvrit|dlvr\.it|ifttt|twitterfeed|feedly|paper\.li|sharethis|addthis|addtoany|tweetmeme|po_st|feedburner|networkedblogs)\b)", 1.0},
    {R"(\b(?:posted|shared|sent) (?:via|with|using|from) (?:ifttt|dlvr\.it|buffer|hootsuite|twitterfeed|feedburner|zapier|rss)\b)", 1.2},
    {R"(\bi (?:liked|favorited|added|uploaded) a @?youtube video\b)", 1.2},
    {R"(\b(?:daily|weekly) is out\b)", 1.2},
    {R"(\bstories via @)", 0.8},
    {R"(\bunfollowers?\b)", 1.0},
    {R"(\bvia (?:tweepsmap|unfollowers|justunfollow|crowdfireapp|statusbrew|who\.unfollowed\.me)\b)", 1.0},
    {R"(\bmy (?:daily|weekly) (?:twitter )?stats\b)", 0.8},
    // WordPress pingbacks and trackbacks: "Pingback: Title URL", "[…] excerpt […]".
    {R"(^\s*(?:pingback|trackback)\s*:)", 1.0},
    {R"((?s)^\s*\[(?:…|\.\.\.)\].*\[(?:…|\.\.\.)\]\s*$)", 1.0},
};

// Link hosts that only automation services produce (feed and scheduler shorteners).
const std::vector<Term> kFeedHosts = {
    {R"(^(?:dlvr\.it|ift\.tt|buff\.ly|trib\.al|ping\.fm|lnk\.ms|twitthis\.com|dld\.bz|rss\.|feeds\.|feedproxy\.google\.com|feedburner\.com))", 1.0},
    {R"(^goo\.gl/fb/)", 1.0},
};

class FeedFootprint : public BasicRule {
 public:
  FeedFootprint()
      : BasicRule({"P3.feed_footprint", "P3", Label::Autofeed, 1.6,
                   "Carries a feed or automation footprint (P3: automated posts are not sharing)",
                   Scope::Post}),
        lex_(make_lexicon(kFootprints, Field::Text)),
        hosts_(make_lexicon(kFeedHosts)) {}
  void check(const RuleInput& in, Hits& out) const override {
    std::string phrase;
    double s = strongest(*lex_, kFootprints, in, &phrase);
    if (s > 0) {
      out.add(s, "feed footprint " + quoted(phrase));
      return;
    }
    for (const Link& l : in.f.links) {
      if (l.obfuscated) continue;
      if (strongest(*hosts_, kFeedHosts, l.host + l.path, &phrase) > 0) {
        out.add(0.8, "link made by a feed service " + quoted(l.host));
        return;
      }
    }
  }

 private:
  std::unique_ptr<Lexicon> lex_;
  std::unique_ptr<Lexicon> hosts_;
};

// Feed and scheduling services: posting through them is automated (bots and humans alike).
const std::vector<Term> kClients = {
    {R"(twitterfeed)", 1.0},       {R"(dlvr\.?it)", 1.0},
    {R"(\bifttt\b)", 1.0},         {R"(\bbuffer\b)", 0.7},
    {R"(hootsuite)", 0.6},         {R"(socialoomph)", 1.0},
    {R"(\bzapier\b)", 1.0},        {R"(feedburner|rss ?graffiti|rss2twitter|twittbot)", 1.0},
    {R"(networkedblogs)", 1.0},    {R"(\bpaper\.li\b)", 1.0},
    {R"(^(?:pingback|trackback)$)", 1.0},
    {R"(tweet ?old ?post|revive ?old ?post|missinglettr)", 1.0},
    {R"(\bauto ?(?:post|tweet|share)|autopost|\bbot\b|\bfeed\b|\brss\b)", 0.8},
    {R"(sprout ?social|socialflow|coschedule|sendible|\blater\b|publer|tweetdeck scheduler)", 0.5},
    {R"(wordpress\.com|\bpublicize\b|\bblogger\b|jetpack)", 0.4},
};

class AutomationClient : public BasicRule {
 public:
  AutomationClient()
      : BasicRule({"P3.automation_client", "P3", Label::Autofeed, 1.4,
                   "Posted through a feed or scheduling service (P3: no human touch needed)",
                   Scope::Post}),
        lex_(make_lexicon(kClients)) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (in.post.source_client.empty()) return;
    std::string phrase;
    double s = strongest(*lex_, kClients, in.post.source_client, &phrase);
    if (s > 0) out.add(s, "posting client " + quoted(in.post.source_client));
  }

 private:
  std::unique_ptr<Lexicon> lex_;
};

class PlatformAutomated : public BasicRule {
 public:
  PlatformAutomated()
      : BasicRule({"P3.platform_automated", "P3", Label::Autofeed, 2.0,
                   "The platform labels this account as automated (P3)", Scope::Post}) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (in.post.automated) out.add(1.0, "platform label: automated account");
  }
};

}  // namespace

void add_feed_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<FeedFootprint>());
  out.push_back(std::make_unique<AutomationClient>());
  out.push_back(std::make_unique<PlatformAutomated>());
}

}  // namespace notwork::rules
