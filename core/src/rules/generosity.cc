// P16 Generous, other-centred, helpful: crediting sources, recommending others' work with a
// reason in one's own words, thanking, asking and answering. These are evidence FOR
// genuine_share / conversation and against promo and feeds.
#include "rule.h"

namespace notwork::rules {
namespace {

const std::vector<Term> kCredit = {
    {R"((?:^|\s)(?:h/t|ht|hat ?tip|hattip|via|cc|by|thanks to|props to|credit(?: to)?:?) @\w+)", 1.0},
    {R"(\b(?:great|good|excellent|fascinating|brilliant|thoughtful|interesting) (?:piece|post|article|thread|talk|write-?up|essay|read|work|story) (?:by|from) )", 1.0},
};

// Feed services also appear as "via @x": not a person to credit.
const std::vector<Term> kFeedMentions = {
    {R"(via @(?:bufferapp|buffer|hootsuite|dlvrit|ifttt|twitterfeed|feedly|addthis|sharethis|youtube|po_st|tweetmeme|addtoany|paper_li|instagram)\b)", 1.0},
};

class Credit : public BasicRule {
 public:
  Credit()
      : BasicRule({"P16.credit", "P16", Label::GenuineShare, 1.0,
                   "Credits the source or author (P16: h/t, via @person)", Scope::Post}),
        lex_(make_lexicon(kCredit, Field::Text)),
        feeds_(make_lexicon(kFeedMentions, Field::Text)) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (in.f.retweet) return;
    std::string phrase;
    double s = strongest(*lex_, kCredit, in, &phrase);
    if (s <= 0 || any(*feeds_, in)) return;
    out.add(s, "credits " + quoted(phrase));
    out.add(Label::Autofeed, -0.3, "credits a person");
  }

 private:
  std::unique_ptr<Lexicon> lex_;
  std::unique_ptr<Lexicon> feeds_;
};

const std::vector<Term> kReasons = {
    {R"(\b(?:because|since|so that|which is why|the part (?:about|where)|especially|in particular)\b)", 1.0},
    {R"(\b(?:recommend|worth (?:a |the )?(?:read|listen|watch|look|your time)|highly suggest|learned|learnt|taught me|helped me|made me (?:think|laugh|cry)|changed (?:my|how))\b)", 1.0},
    {R"(\b(?:great|good|excellent|fascinating|brilliant|thoughtful|insightful|useful|helpful|clear|beautiful|smart) (?:explanation|overview|guide|analysis|summary|thread|piece|read|post|article|write-?up|take|example|point)\b)", 0.8},
    {R"(\b(?:if you(?:'re| are)? (?:into|interested|curious|working|learning)|for anyone (?:who|interested|working|learning))\b)", 1.0},
};

class OwnTake : public BasicRule {
 public:
  OwnTake()
      : BasicRule({"P16.own_take", "P16", Label::GenuineShare, 1.1,
                   "Shares someone else's work with a reason in the poster's own words (P16)",
                   Scope::Post}),
        lex_(make_lexicon(kReasons, Field::OwnWords)) {}
  void check(const RuleInput& in, Hits& out) const override {
    const Features& f = in.f;
    if (f.links.empty() || f.own_word_count < 6 || in.post.kind == Kind::Comment ||
        in.post.kind == Kind::Dm || in.post.kind == Kind::Invitation)
      return;
    if (!links_to_others(f, in.post)) return;
    std::string phrase;
    double s = strongest(*lex_, kReasons, in, &phrase);
    if (s > 0) {
      out.add(s, "a reason in the poster's words " + quoted(phrase));
      out.add(Label::Autofeed, -0.5, "has a reason of the poster's own");
    } else if (f.first_person && !f.title_like && f.own_word_count >= 8) {
      out.add(0.5, "the poster's own words about someone else's link");
      out.add(Label::Autofeed, -0.3, "has words of the poster's own");
    }
  }

 private:
  std::unique_ptr<Lexicon> lex_;
};

const std::vector<Term> kThanks = {
    {R"(\b(?:thank(?:s| you)|thx|tnx|ty|cheers|much appreciated|grateful|appreciate (?:it|this|you|that))\b)", 1.0},
};
// Thanks that are part of a broadcast or an automated greeting.
const std::vector<Term> kNotThanks = {
    {R"(\bthanks? (?:you )?for (?:the )?(?:follow|following|rt|retweets?|watching|subscribing|reading|visiting|the add|adding me)\b|\bthanks in advance\b)", 1.0},
};

class Thanks : public BasicRule {
 public:
  Thanks()
      : BasicRule({"P16.thanks", "P16", Label::Conversation, 0.9,
                   "Thanks someone (P16)", Scope::Post}),
        lex_(make_lexicon(kThanks, Field::OwnWords)),
        not_(make_lexicon(kNotThanks, Field::OwnWords)) {}
  void check(const RuleInput& in, Hits& out) const override {
    std::string phrase;
    if (strongest(*lex_, kThanks, in, &phrase) <= 0) return;
    if (any(*not_, in)) return;
    // Thanks addressed to someone (a reply, a mention) is conversation; a "thanks" tacked
    // onto a broadcast or a comment's plea is not evidence against promotion.
    const bool addressed = !in.f.mentions.empty() || in.post.is_reply;
    out.add(addressed ? 1.0 : 0.5, "thanks " + quoted(phrase));
    if (addressed) out.add(Label::PurePromo, -0.3, "thanks someone");
  }

 private:
  std::unique_ptr<Lexicon> lex_;
  std::unique_ptr<Lexicon> not_;
};

class Question : public BasicRule {
 public:
  Question()
      : BasicRule({"P16.question", "P16", Label::Conversation, 0.9,
                   "Asks a real question (P16: conversation, not broadcast)", Scope::Post}) {}
  void check(const RuleInput& in, Hits& out) const override {
    const Features& f = in.f;
    if (f.questions == 0 || f.own_word_count < 3) return;
    if (f.links.empty()) {
      out.add(1.0, "asks a question");
      // Under a video, questions are also the opener of a plug ("Do you like games?").
      if (!is_comment(in.post)) out.add(Label::PurePromo, -0.5, "asks a question");
      out.add(Label::Autofeed, -0.6, "asks a question");
    } else {
      out.add(0.4, "asks a question, with a link");
      out.add(Label::Autofeed, -0.3, "asks a question");
    }
  }
};

class Reply : public BasicRule {
 public:
  Reply()
      : BasicRule({"P16.reply", "P16", Label::Conversation, 1.0,
                   "Replies to someone (P16: answer people)", Scope::Post}) {}
  void check(const RuleInput& in, Hits& out) const override {
    const Features& f = in.f;
    const bool reply = in.post.is_reply || (f.starts_with_mention && !f.retweet);
    if (!reply) return;
    if (in.post.kind == Kind::Comment && !in.post.is_reply && f.links.size() > 0) return;
    if (!f.links.empty()) {
      // A reply that hands over a link may be an answer, or a plug aimed at someone.
      out.add(0.5, "a reply with a link");
      out.add(Label::Autofeed, -0.4, "a reply to someone");
      return;
    }
    const double s = f.own_word_count >= 4 ? 1.0 : 0.6;
    out.add(s, f.own_word_count >= 4 ? "a reply with words of its own" : "a short reply");
    out.add(Label::Autofeed, -0.7, "a reply to someone");
    out.add(Label::PurePromo, -0.3, "a reply without links");
  }
};

}  // namespace

void add_generosity_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<Credit>());
  out.push_back(std::make_unique<OwnTake>());
  out.push_back(std::make_unique<Thanks>());
  out.push_back(std::make_unique<Question>());
  out.push_back(std::make_unique<Reply>());
}

}  // namespace notwork::rules
