// Shared pieces for rule files: a base class holding the rule's catalogue entry, lexicon
// helpers, and the factory of every rule (listed in registry.cc, in catalogue order).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "lexicon.h"
#include "notwork/engine.h"
#include "util.h"

namespace notwork::rules {

class BasicRule : public Rule {
 public:
  explicit BasicRule(RuleInfo info) : info_(std::move(info)) {}
  const RuleInfo& info() const override { return info_; }

 protected:
  RuleInfo info_;
};

// A lexicon entry: an RE2 pattern and how strongly it speaks for the rule's label.
struct Term {
  const char* pattern;
  double strength;
};

// Patterns of built-in lexicons that failed to compile in the shared scan (empty when all
// is well; builtin_pattern_failures() also compiles every lexicon on its own).
std::vector<std::string>& lexicon_failures();
// Every lexicon make_lexicon() built (they live as long as the process).
std::vector<const Lexicon*>& built_lexicons();
// Compiles credited_person()'s pattern now rather than on the first reply (prepare_step()).
void prepare_credit();

// Builds a lexicon from terms (case-insensitive). A Text or OwnWords lexicon joins the
// shared scan (screened with every other one in one pass per post) unless it is only
// needed for some kinds of post (DMs, invitations, drafts): those match on demand.
constexpr bool kOnDemand = false;
std::unique_ptr<Lexicon> make_lexicon(const std::vector<Term>& terms, Field field = Field::Other,
                                      bool shared = true);

// Matches `text` once; returns the strongest term's strength (0 if none) and its phrase.
// `total` (optional) gets the capped sum over distinct matches.
double strongest(const Lexicon& lex, const std::vector<Term>& terms, std::string_view text,
                 std::string* phrase, double* total = nullptr, double cap = 2.0);
// The same for a scanned lexicon, on the post's text or own words (the lexicon's field),
// from the post's shared scan.
double strongest(const Lexicon& lex, const std::vector<Term>& terms, const RuleInput& in,
                 std::string* phrase, double* total = nullptr, double cap = 2.0);
// Whether any term of a scanned lexicon matched the post.
bool any(const Lexicon& lex, const RuleInput& in);

bool is_comment(const Post& p);
// Comments and replies: text written under someone else's post (P17 applies to both).
bool is_response(const Post& p, const Features& f);
bool links_to_others(const Features& f, const Post& p);   // a link that is not the author's own
bool link_is_own(const Link& l, const Post& p);            // domain matches handle/name/author_url
// A pingback or trackback: a site's automatic notice that it linked to the post (P3).
bool is_pingback(const Post& p);
// The post plugs the author's own stuff to the reader ("check out my course", "link in bio",
// "follow me and RT", "subscribe to my channel"). (P2, P17)
bool plugs_own_stuff(const RuleInput& in);
// In a comment or reply: the name of someone other than the author whose work it credits
// (“Ana Ruiz wrote a follow-up”, “this article by Grant Sanderson”, “h/t @sam”), or "". (P16)
std::string credited_person(const RuleInput& in);

// Factories (one per rule or group; see registry.cc).
void add_feed_rules(std::vector<std::unique_ptr<Rule>>& out);        // P3 footprints, clients, automated
void add_title_link_rules(std::vector<std::unique_ptr<Rule>>& out);  // P3 title+link, truncated
void add_template_rules(std::vector<std::unique_ptr<Rule>>& out);    // P3 templates, intervals
void add_own_domain_rules(std::vector<std::unique_ptr<Rule>>& out);  // P2
void add_sales_rules(std::vector<std::unique_ptr<Rule>>& out);       // P2 sales pitch
void add_reader_pitch_rules(std::vector<std::unique_ptr<Rule>>& out);// P2 ad copy at the reader
void add_unread_rules(std::vector<std::unique_ptr<Rule>>& out);      // P4
void add_promo_dm_rules(std::vector<std::unique_ptr<Rule>>& out);    // P5
void add_sponsored_rules(std::vector<std::unique_ptr<Rule>>& out);   // P6
void add_affiliate_rules(std::vector<std::unique_ptr<Rule>>& out);   // P7
void add_duplicate_rules(std::vector<std::unique_ptr<Rule>>& out);   // P8
void add_burst_rules(std::vector<std::unique_ptr<Rule>>& out);       // P9
void add_vain_reshare_rules(std::vector<std::unique_ptr<Rule>>& out);// P10
void add_cross_post_rules(std::vector<std::unique_ptr<Rule>>& out);  // P11
void add_link_only_rules(std::vector<std::unique_ptr<Rule>>& out);   // P12
void add_invitation_rules(std::vector<std::unique_ptr<Rule>>& out);  // P13
void add_voice_rules(std::vector<std::unique_ptr<Rule>>& out);       // P15
void add_generosity_rules(std::vector<std::unique_ptr<Rule>>& out);  // P16
void add_comment_spam_rules(std::vector<std::unique_ptr<Rule>>& out);// P17
void add_own_feed_rules(std::vector<std::unique_ptr<Rule>>& out);    // P18
void add_headline_rules(std::vector<std::unique_ptr<Rule>>& out);    // P3 headline shape, link first
void add_section_tag_rules(std::vector<std::unique_ptr<Rule>>& out); // P3 news-section hashtags
void add_converses_rules(std::vector<std::unique_ptr<Rule>>& out);   // P16 authors who answer people
void add_share_footprint_rules(std::vector<std::unique_ptr<Rule>>& out);  // P3 app share templates
void add_genuine_share_rules(std::vector<std::unique_ptr<Rule>>& out);    // P16 genuine share
void add_mention_rules(std::vector<std::unique_ptr<Rule>>& out);     // P17 mention stacks
void add_disguise_rules(std::vector<std::unique_ptr<Rule>>& out);    // P17 disguised links, text
void add_blog_comment_rules(std::vector<std::unique_ptr<Rule>>& out);// P17 CommentLuv, template praise

}  // namespace notwork::rules
