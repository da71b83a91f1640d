// P17 Comment and reply spam: plugs for the commenter's own channel, calls to action aimed
// at the reader, generic praise that fits under any post, promotional tails, commenters
// named after a product or keyword, and near-duplicate comments under different names.
#include "rule.h"
#include "single_post.h"

namespace notwork::rules {
namespace {

const std::vector<Term> kPlugs = {
    {R"(\b(?:check|checkout|chek|chk) (?:out )?(?:my|our|me)\b)", 1.0},
    {R"(\b(?:subscribe|subscribing|sub|subs|subscription) (?:to|2) (?:me|my|us|our)\b|\bsubscribe (?:me|pl[sz]|please)\b|\bplease (?:\w+ )?subscribe\b)", 1.0},
    {R"(\b(?:my|our) (?:\w+ ){0,2}(?:channel|chanel|vlog|vids?|videos?|song|songs|music|mixtape|covers?|playlist|page|blog|website|site|shop|store|band|account|profile|instagram|twitter|facebook|soundcloud|twitch|stream|app|game|book|ebook|podcast|rap|raps|remix(?:es)?|beats?|tracks?|album|ep|single|project|art|drawings?|photos?|pics|movie|film|animation|clip|petition|campaign|fundraiser|kickstarter|indiegogo|course|masterclass|webinar|newsletter|coaching|program|group|discord|server)\b)", 1.0},
    {R"(\blink (?:is )?in (?:my |the )?(?:bio|profile)\b|\b(?:dm|message|inbox) me\b)", 1.0},
    {R"(\b(?:if i|help me|get me to|to get|i need|want to|trying to) (?:\w+ ){0,3}\d[\d,.]*k? (?:subs|subscribers|likes|views|followers)\b)", 1.0},
    {R"(\b(?:visit|go to|come to|watch|listen to|view|look at|take a look at|have a look at|give) (?:my|our)\b)", 1.0},
    {R"(\b(?:like|share|comment|subscribe|rate)(?: and| &|,)+ (?:like|share|comment|subscribe|rate)\b)", 0.9},
    {R"(\b(?:follow|add|support|help) (?:me|us)\b(?: on| at| in| and| &| here|,|!|\.|\s*[+@]|$))", 0.8},
    {R"(\b(?:follow|add|find) (?:me|us) (?:on|at) (?:twitter|instagram|ig|insta|facebook|fb|snapchat|snap|tiktok|soundcloud|twitch|youtube|kik|tumblr|vine|spotify)\b|\b(?:follow|add) (?:me|us)\s*[+@]\w)", 1.0},
    {R"(\b(?:i|we)(?:'ve| have)? (?:just )?(?:made|started|created|launched|opened|did|recorded|uploaded|posted|wrote) (?:a|an|my|our|some) (?:new |first |little )?(?:\w+ )?(?:channel|vlog|blog|website|site|shop|store|band|podcast|page|app|game|cover|covers|remix|song|rap|track|video|vids)\b)", 1.0},
    {R"(\bi(?:'m| am) (?:a |an )?(?:new |small |little |upcoming |up and coming |young |aspiring )*(?:youtuber|rapper|singer|artist|producer|musician|band|gamer|vlogger|channel)\b)", 0.8},
    {R"(\b(?:help|get) me (?:to )?(?:reach|get|hit) (?:\w+ ){0,3}(?:subscribers|subs|views|likes|followers)\b)", 1.0},
    {R"(\b(?:give|gimme) (?:me|my \w+) a (?:chance|try|shot|listen)\b)", 0.8},
    {R"(\b(?:thumbs up|like) (?:this comment|if you|so (?:more )?people)\b|\bso (?:more )?people (?:can )?see (?:this|it|me)\b)", 0.8},
};

// Shared by ChannelPlug and plugs_own_stuff() (built with the rules, so it joins the scan).
const Lexicon& plugs_lexicon() {
  static const Lexicon* lex = make_lexicon(kPlugs, Field::Text).release();
  return *lex;
}

// Under a video, even a bare "subscribe" or "channel" is about the commenter's own.
const std::vector<Term> kCommentPlugs = {
    {R"(\bsu\w{0,2}s?cri(?:be|bing|ption)\b|\bsub\b)", 1.0},
    {R"(\bsu\w{0,2}s?crib(?:ed|ers?)\b|\bsubs\b)", 0.6},
    {R"(\bchannel\b)", 0.6},
};

class ChannelPlug : public BasicRule {
 public:
  ChannelPlug()
      : BasicRule({"P17.channel_plug", "P17", Label::PurePromo, 1.6,
                   "Plugs the commenter's own channel or page (P17: comment spam)", Scope::Post}),
        comment_lex_(make_lexicon(kCommentPlugs, Field::Text)) {
    plugs_lexicon();
  }
  void check(const RuleInput& in, Hits& out) const override {
    std::string phrase, comment_phrase;
    double total = 0, comment_total = 0;
    double s = strongest(plugs_lexicon(), kPlugs, in, &phrase, &total, 1.6);
    const bool comment = is_comment(in.post);
    if (comment) {
      double c = strongest(*comment_lex_, kCommentPlugs, in, &comment_phrase, &comment_total);
      if (c > s) phrase = comment_phrase;
      s = s > c ? s : c;
      total = total + comment_total < 1.6 ? total + comment_total : 1.6;
    }
    if (s <= 0) return;
    out.add(comment ? total : total * 0.6, "self-promotion " + quoted(phrase));
  }

 private:
  std::unique_ptr<Lexicon> comment_lex_;
};

// Second-person imperatives aimed at the reader.
const std::vector<Term> kCalls = {
    {R"(\b(?:check|checkout|chek) (?:this|it|these|that|out)\b|\bcheck (?:[\w'’]+ ){1,2}out\b)", 1.0},
    {R"(\b(?:go|come|head) (?:to|and|check|over)\b|\bvisit\b|\bclick\b|\btap (?:the|my)\b)", 1.0},
    {R"(\b(?:watch|listen to|see|look at|read) (?:this|my|it|these|the video|the link)\b)", 0.8},
    {R"(\b(?:sign up|join|download|register|earn|win|get (?:your|a|free)|grab (?:your|a)|try (?:it|this) (?:now|free))\b)", 0.8},
    {R"(\b(?:please|pl[sz]|plea?se?) (?:\w+ ){0,3}(?:like|share|watch|visit|support|check|follow|help|vote|donate|look|search|listen|view|give|click|go|add|subscribe)\b)", 1.0},
    {R"(\b(?:search|look up|google) (?:for )?["“]|\bdonat(?:e|ions?)\b|\bvote for\b)", 0.8},
    {R"(\b(?:you (?:should|must|need to|have to|gotta|will) (?:\w+ )?(?:check|see|watch|visit|try|listen))\b)", 0.8},
};

const Lexicon& calls_lexicon() {
  static const Lexicon* lex = make_lexicon(kCalls, Field::Text).release();
  return *lex;
}

class CallToReader : public BasicRule {
 public:
  CallToReader()
      : BasicRule({"P17.call_to_reader", "P17", Label::PurePromo, 0.8,
                   "Tells the reader to go somewhere or do something: subscribe, click, visit, "
                   "sign up, call now, “link in bio” (P17; words in en, es, pt, fr, de, it)",
                   Scope::Post}) {
    calls_lexicon();
    prepare_calls_to_action();  // builds the six languages' lexicon now, so it joins the scan
  }
  void check(const RuleInput& in, Hits& out) const override {
    if (in.post.kind == Kind::Invitation) return;  // P13 reads invitations
    std::string phrase, cta_phrase;
    double total = 0, cta_total = 0;
    double s = strongest(calls_lexicon(), kCalls, in, &phrase, &total, 1.6);
    // The calls of the six languages' lexicons (cta.cc), the stronger phrase shown.
    const double c = strongest_call_to_action(in, &cta_phrase, &cta_total);
    if (c > s) phrase = cta_phrase;
    s = s > c ? s : c;
    total = total + cta_total < 1.6 ? total + cta_total : 1.6;
    if (s <= 0) return;
    const bool link = !in.f.links.empty();
    double strength;
    if (link) {
      // The generic imperatives ("go to", "visit") count less on a post than in a reply; the
      // lexicons' specific calls count in full.
      const double generic = is_response(in.post, in.f) ? s * 1.2 : s * 0.7;
      strength = generic > cta_total ? generic : cta_total;
    } else if (is_comment(in.post)) {
      strength = total;
    } else if (c > 0) {  // the lexicons' specific calls ("link in bio", "call now"), no link
      strength = cta_total * 0.7;
      phrase = cta_phrase;
    } else {
      return;
    }
    if (in.f.retweet || in.post.is_repost) strength *= 0.5;  // someone else's call, passed on
    out.add(strength, "call to action " + quoted(phrase) + (link ? " with a link" : ""));
  }
};

const std::vector<Term> kPraise = {
    {R"(^\W*(?:very |really |so |such a )?(?:nice|great|good|awesome|amazing|cool|beautiful|lovely|excellent|wonderful|interesting|informative|helpful|fantastic|superb)(?: (?:video|vid|song|post|article|blog|work|job|content|share|one|stuff|info|information|music|clip|channel))?\W*$)", 1.0},
    {R"(\b(?:thanks|thank you) for (?:sharing|posting|this (?:post|video|article))\b)", 0.8},
    {R"(\b(?:nice|great|good|awesome|amazing|cool) (?:video|vid|post|article|blog|content|work|job|channel)\b)", 0.6},
};

class GenericPraise : public BasicRule {
 public:
  GenericPraise()
      : BasicRule({"P17.generic_praise", "P17", Label::PurePromo, 0.6,
                   "Generic praise that could sit under any post, next to a plug or link (P17)",
                   Scope::Post}),
        lex_(make_lexicon(kPraise, Field::OwnWords)) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (!is_comment(in.post) || in.f.own_word_count > 25) return;
    std::string phrase;
    double s = strongest(*lex_, kPraise, in, &phrase);
    if (s <= 0) return;
    // On its own, short praise is harmless; it is the opener of a spam comment.
    if (!in.f.links.empty()) out.add(s * 1.2, "generic praise " + quoted(phrase) + " before a link");
    else if (in.f.own_word_count > 6) out.add(s * 0.5, "generic praise " + quoted(phrase));
  }

 private:
  std::unique_ptr<Lexicon> lex_;
};

// A promotional tail advertises the commenter's OWN content: a link to their site or page,
// a disguised link, or a link elsewhere with nothing to say whose work it is. A comment that
// credits someone else for the linked work (“Ana Ruiz wrote a follow-up: …”) is a share, and
// a pingback or trackback is the linking site's automatic notice (P3), not a person's plug.
// A link in disguise: the reader is told what to search for instead of given a link.
const std::vector<Term> kDisguisedLinks = {
    {R"(\b(?:search|look up|google|type in|find)\s*(?:for\s*)?(?:["“][^"”]{3,}["”]|(?:me|my (?:name|channel|page|song|video)s?)\b))", 1.0},
};

class PromoTail : public BasicRule {
 public:
  PromoTail()
      : BasicRule({"P17.promo_tail", "P17", Label::PurePromo, 1.0,
                   "A comment that sends readers to the commenter's own content (P17)",
                   Scope::Post}),
        disguised_(make_lexicon(kDisguisedLinks, Field::Text)) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (!is_comment(in.post) || is_pingback(in.post)) return;
    if (in.f.links.empty()) {
      std::string phrase;
      if (strongest(*disguised_, kDisguisedLinks, in, &phrase) > 0)
        out.add(1.6, "a link in disguise " + quoted(phrase, 30));
      return;
    }
    const Link& l = in.f.links.back();
    // Linking to the video site itself is often its share button ("Title: youtu.be/..").
    const bool platform = l.domain == "youtube.com" || l.domain == "youtu.be";
    if (l.obfuscated) out.add(1.6, "a disguised link " + quoted(l.url, 30));
    else if (l.own) out.add(1.6, "a link to the commenter's own " + std::string(platform ? "page " : "site ") + quoted(l.domain, 30));
    else if (!credited_person(in).empty()) return;  // someone else's work, credited
    else if (platform) out.add(0.7, "a link to another video " + quoted(l.url, 30));
    else out.add(1.6, "a link to elsewhere " + quoted(l.domain, 30));
  }

 private:
  std::unique_ptr<Lexicon> disguised_;
};

const std::vector<Term> kKeywordNames = {
    {R"(\b(?:shop|store|buy|cheap|online|seo|deals?|discount|free|official|loans?|casino|pills?|insurance|marketing|services?|solutions?|agency|promo|sale|outlet|replica|bitcoin|crypto|forex|download|movies?|hd|tv|music|records|productions?|entertainment|media|studio|channel|official|vevo|tutorials?|tips|news)\b)", 1.0},
    {R"(\.(?:com|net|org|info|biz|ru)\b|www\.)", 1.0},
};

// Names of businesses and search keywords, as blog comment spammers sign (WordPress's
// "Name" field is the anchor text of the commenter's link): a trade or product, a keyword
// phrase ("Cheap Flights London", "Best SEO Services", "Plumber Near Me", "buy-viagra").
const std::vector<Term> kCommercialNames = {
    {R"(\b(?:flights?|hotels?|loans?|insurance|lawyers?|attorneys?|dentist(?:s|ry)?|plumb(?:er|ers|ing)|repairs?|cleaning|cleaners|removals?|movers|rentals?|escorts?|essays?|pharmacy|viagra|cialis|cbd|vapes?|keto|garcinia|supplements?|casino|betting|slots?|poker|handbags?|jerseys?|sunglasses|backlinks?|followers|coupons?|wholesale|trading|realty|real estate|mortgages?|roofing|hvac|locksmiths?|rehab|detox|solar panels?|mattress(?:es)?|carpets?|flooring|limo|taxi|car hire|tours?|visas?|immigration|bail bonds|payday|credit repair|web design|hosting|seo|smm|marketing|weight loss|diet|pills?|replica|watches|shoes|outlet|clinic|salon|catering)\b)", 1.0},
    {R"(^\s*(?:cheap|cheapest|best|top|buy|affordable|professional|discount|quality|luxury|wholesale|online|free|custom|local|emergency|certified|expert|reliable|trusted)\s+\w+)", 0.8},
    {R"(\bnear me\b|\b(?:services?|company|agency|experts?|specialists?|solutions|shop|store|online) (?:in|near|for) \w+)", 1.0},
};

// A keyword stuffed into a name: lowercase words joined by hyphens or underscores, or words
// ("best-seo-company", "cheap_loans"): how strongly (0 when the name does not look like one;
// "dave_k", "mike85" and "randman21" are usernames, not keywords).
double keyword_shaped(const std::string& name) {
  if (name.size() < 6 || name.find(' ') != std::string::npos) return 0;
  int joins = 0, upper = 0, digits = 0, letters = 0;
  for (unsigned char c : name) {
    if (c == '-' || c == '_') ++joins;
    else if (c >= 'A' && c <= 'Z') ++upper;
    else if (is_ascii_digit(c)) ++digits;
    else if (c >= 'a' && c <= 'z') ++letters;
    else return 0;
  }
  if (upper > 0) return 0;
  if (joins >= 2 && letters >= 8) return 0.8;
  if (joins == 1 && letters >= 8) return 0.5;
  return 0;
}

// One word glued from a trade or product and something else ("WebDesignPro", "LoansNow24",
// "bestcasinosites").
bool commercial_compound(const std::string& name) {
  if (name.find(' ') != std::string::npos || name.size() < 7) return false;
  static constexpr std::string_view kStems[] = {
      "seo", "loan", "casino", "pharma", "viagra", "cialis", "webdesign", "marketing", "hosting",
      "deals", "shop", "store", "escort", "replica", "followers", "essay", "crypto", "forex",
      "insurance", "bitcoin", "betting", "pills", "discount", "cheap", "wholesale", "outlet"};
  const std::string s = squeeze(name);
  for (std::string_view stem : kStems)
    if (s.find(stem) != std::string::npos && s.size() > stem.size() + 2) return true;
  return false;
}

class KeywordName : public BasicRule {
 public:
  KeywordName()
      : BasicRule({"P17.keyword_name", "P17", Label::PurePromo, 0.5,
                   "The commenter is named after a product, shop or keyword (P17)", Scope::Post}),
        lex_(make_lexicon(kKeywordNames)),
        commercial_(make_lexicon(kCommercialNames)) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (!is_comment(in.post)) return;
    const std::string& name = in.post.author_name.empty() ? in.post.author : in.post.author_name;
    if (name.empty()) return;
    std::string phrase;
    double s = strongest(*lex_, kKeywordNames, name, &phrase);
    const double c = strongest(*commercial_, kCommercialNames, name, &phrase);
    if (c > s) s = c;
    const double shaped = keyword_shaped(name);
    if (shaped > s) s = shaped;
    if (s < 0.8 && commercial_compound(name)) s = 0.8;
    // A site's name that is the commenter's name too ("Cheap Flights London" at
    // cheapflightslondon.co.uk) is a business signing, when the name is commercial.
    if (s > 0 && !in.post.author_url.empty()) {
      const std::string squeezed = squeeze(name);
      if (squeezed.size() >= 8 && ascii_lower(in.post.author_url).find(squeezed) != std::string::npos) s += 0.3;
    }
    if (s > 0) out.add(s, "commenter name " + quoted(name, 30));
  }

 private:
  std::unique_ptr<Lexicon> lex_;
  std::unique_ptr<Lexicon> commercial_;
};

constexpr double kNear = 0.6;
// CommentRing's bands find every pair with at least 10 of 16 MinHash values equal.
static_assert(kNear * Features::kMinHashes > 9, "near-duplicates must share a MinHash band");

class CrossAuthorDuplicate : public BasicRule {
 public:
  CrossAuthorDuplicate()
      : BasicRule({"P17.cross_author_duplicate", "P17", Label::PurePromo, 1.1,
                   "Nearly the same comment as others posted under different names (P17)",
                   Scope::Context}) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (!is_comment(in.post) || !in.comments || in.comments->size() == 0) return;
    if (in.f.own_word_count < 4 && in.f.links.empty()) return;
    const uint64_t me = in.author_hash;
    const bool anonymous = me == 0;
    const bool banded = in.f.shingles >= CommentRing::kMinShingles;
    std::vector<const Fingerprint*> candidates;
    in.comments->candidates(in.f.exact_hash, in.f.minhash, banded, &candidates);
    int same = 0;
    for (const Fingerprint* fp : candidates) {
      if (!anonymous && fp->author_hash == me) continue;  // the author's own repeats are P8
      if ((in.f.exact_hash != 0 && fp->exact_hash == in.f.exact_hash) ||
          (fp->shingles >= CommentRing::kMinShingles && banded &&
           minhash_similarity(fp->minhash, in.f.minhash) >= kNear))
        ++same;
    }
    if (same == 0) return;
    out.add(same >= 2 ? 1.3 : 1.0,
            "nearly the same as " + std::to_string(same) + " other recent comment" + (same > 1 ? "s" : ""));
  }
};

}  // namespace

bool plugs_own_stuff(const RuleInput& in) { return any(plugs_lexicon(), in); }

void add_comment_spam_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<ChannelPlug>());
  out.push_back(std::make_unique<CallToReader>());
  out.push_back(std::make_unique<GenericPraise>());
  out.push_back(std::make_unique<PromoTail>());
  out.push_back(std::make_unique<KeywordName>());
  out.push_back(std::make_unique<CrossAuthorDuplicate>());
}

}  // namespace notwork::rules
