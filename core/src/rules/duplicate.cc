// P8 The same post over and over: exact or near duplicates of the author's earlier posts,
// and follower-growth fads ("get followers fast", #teamfollowback).
#include "rule.h"

namespace notwork::rules {
namespace {

constexpr double kNear = 0.7;  // minhash similarity counted as a near duplicate

class NearDuplicate : public BasicRule {
 public:
  NearDuplicate()
      : BasicRule({"P8.near_duplicate", "P8", Label::PurePromo, 1.0,
                   "Your draft repeats one of your earlier posts (P8: the same post over and over)",
                   Scope::Context}) {}
  // In the composer only (Kind::Draft): "you posted this before" is for the writer. On a
  // timeline a repeat is no evidence of promotion (the fit gave it no weight: people repeat
  // themselves more than the feeds and spammers of the corpora do); the audit's P8 item
  // counts an account's repeats.
  void check(const RuleInput& in, Hits& out) const override {
    if (in.post.kind != Kind::Draft) return;
    if (!in.history || in.history->size() == 0 || in.f.own_word_count < 3) return;
    int exact = 0, near = 0;
    const size_t n = in.history->size();
    for (size_t i = 0; i < n; ++i) {
      const Fingerprint& fp = in.history->recent(i);
      if (fp.exact_hash == in.f.exact_hash) ++exact;
      else if (fp.shingles >= 4 && in.f.shingles >= 4 &&
               minhash_similarity(fp.minhash, in.f.minhash) >= kNear)
        ++near;
    }
    if (exact + near == 0) return;
    const int total = exact + near;
    double s = total >= 3 ? 1.5 : total == 2 ? 1.2 : 0.9;
    // The same text again fills timelines and reads like spam (P8).
    out.add(s,
            std::string(exact ? "same text" : "nearly the same text") + " as " +
                std::to_string(total) + " of the author's earlier posts");
  }
};

const std::vector<Term> kFads = {
    {R"(\b(?:get|gain|grow|buy|boost|increase) (?:\w+ ){0,2}(?:followers|subscribers|retweets)\b)", 1.0},
    {R"(\b(?:free|real|instant|cheap|active|targeted) (?:twitter |instagram |youtube )?(?:followers|subscribers|likes|views|retweets)\b)", 1.0},
    {R"(#(?:teamfollowback|followback|f4f|follow4follow|followforfollow|instantfollow|autofollow|ifollowback|tfb|500aday|1000aday|mustfollow|followtrain|sougofollow|l4l|like4like|s4s|sub4sub)\b)", 1.0},
    {R"(\bfollow (?:me )?(?:and|&|n) (?:i(?:'ll| will)?|get) follow(?:ed)? (?:you )?back\b|\bfollow back\b|\bsub ?4 ?sub\b|\bsub for sub\b)", 1.0},
    {R"(\b(?:follow|like|sub|share|rt) ?(?:4|for|4a) ?(?:follow|like|sub|share|rt)\b)", 1.0},
    {R"(\bfollowers? (?:fast|quick|instantly|guaranteed|free)\b|\bfollower (?:growth|boost)\b)", 1.0},
};

class FollowerFad : public BasicRule {
 public:
  FollowerFad()
      : BasicRule({"P8.follower_fad", "P8", Label::PurePromo, 1.6,
                   "Passes on a follower-growth fad (P8)", Scope::Post}),
        lex_(make_lexicon(kFads, Field::Text)) {}
  void check(const RuleInput& in, Hits& out) const override {
    std::string phrase;
    double s = strongest(*lex_, kFads, in, &phrase);
    if (s > 0) out.add(s, "follower-growth wording " + quoted(phrase));
  }

 private:
  std::unique_ptr<Lexicon> lex_;
};

}  // namespace

void add_duplicate_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<NearDuplicate>());
  out.push_back(std::make_unique<FollowerFad>());
}

}  // namespace notwork::rules
