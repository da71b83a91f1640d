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

// Named credit in a comment or reply (case matters: names are capitalised). Group 1 is the
// person: "this article by Grant Sanderson", "Lena Parks wrote…", "Ana Ruiz's essay".
const char kNamedCredit[] =
    R"((?:\b(?i:(?:article|essay|post|piece|video|talk|book|paper|thread|blog|write-?up|newsletter|zine|course|guide|lecture|series|one|explanation|tutorial|work|written|made|explained|created|drawn|recorded|directed|produced|recommended|sent|shared|posted) (?:by|from)|thanks to|props to|credit to|hat tip to|h/t) )((?:[A-Z][\w'’-]+)(?: [A-Z][\w'’-]+){0,2})\b)"
    R"(|\b((?:[A-Z][\w-]+)(?: [A-Z][\w-]+){0,2})(?:'s|’s)? (?i:wrote|writes|has written|explains|explained|argues|argued|published|posted|put together|walks through|covers|covered) )"
    R"(|\b((?:[A-Z][\w-]+)(?: [A-Z][\w-]+){0,2})(?:'s|’s) (?i:(?:\w+ )?(?:article|essay|post|piece|video|talk|book|paper|thread|blog|write-?up|newsletter|zine|course|guide|lecture|series))\b)"
    // A reference cited the academic way: "(Vaswani et al.)", "Smith and Jones et al. 2019".
    R"(|\b([A-Z][\w'’-]+(?: (?:and|&) [A-Z][\w'’-]+)?) et al\b)";

// Capitalised words that start sentences rather than name people.
bool not_a_name(std::string_view first) {
  static constexpr std::string_view kWords[] = {
      "I", "We", "He", "She", "They", "It", "This", "That", "These", "Those", "You", "My",
      "Our", "Your", "His", "Her", "Their", "Someone", "Somebody", "Everyone", "Nobody",
      "Anyone", "The", "A", "An", "And", "But", "So", "Also", "Then", "Here", "There",
      "Great", "Nice", "Thanks", "Thank", "Wow", "Yes", "No", "Who", "What", "Which"};
  for (std::string_view w : kWords)
    if (first == w) return true;
  return false;
}

bool is_author(const std::string& name, const Post& p) {
  const std::string n = squeeze(name);
  if (n.size() < 3) return false;
  for (const std::string* who : {&p.author, &p.author_name}) {
    const std::string w = squeeze(*who);
    if (w.size() >= 3 && (w.find(n) != std::string::npos || n.find(w) != std::string::npos)) return true;
  }
  return false;
}

class Credit : public BasicRule {
 public:
  Credit()
      : BasicRule({"P16.credit", "P16", Label::GenuineShare, 1.0,
                   "Credits the source or author (P16: h/t, via @person, “an essay by …”)",
                   Scope::Post}),
        lex_(make_lexicon(kCredit, Field::Text)),
        feeds_(make_lexicon(kFeedMentions, Field::Text)) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (in.f.retweet) return;
    std::string phrase;
    double s = strongest(*lex_, kCredit, in, &phrase);
    if (s > 0 && any(*feeds_, in)) return;
    const bool response = is_response(in.post, in.f);
    if (s <= 0 && response) {
      phrase = credited_person(in);
      s = phrase.empty() ? 0 : 1.0;
    }
    if (s <= 0) return;
    out.add(s, "credits " + quoted(phrase));
    out.add(Label::Autofeed, -0.3, "credits a person");
    // Under someone else's post, pointing to a third person's work is sharing, not a plug.
    if (response && links_to_others(in.f, in.post))
      out.add(Label::PurePromo, -0.5, "credits someone else's work");
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
    if (f.links.empty() || f.own_word_count < 6 || in.post.kind == Kind::Dm ||
        in.post.kind == Kind::Invitation)
      return;
    if (!links_to_others(f, in.post)) return;
    // Under someone else's post, a link with a reason is a share only when it says whose
    // work it is (a comment that does not is the classic plug, P17).
    if (in.post.kind == Kind::Comment && credited_person(in).empty()) return;
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
    // "Want 10,000 followers? Check out my course": a rhetorical question opening a plug.
    if (plugs_own_stuff(in)) return;
    if (f.links.empty()) {
      // A question with some substance (a sentence, not "what?") is conversation on its own.
      out.add(f.own_word_count >= 8 ? 1.2 : 1.0, "asks a question");
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

namespace {
const RE2& named_credit() {
  static const RE2* named = [] {
    RE2::Options o;
    o.set_max_mem(4 << 20);
    o.set_log_errors(false);
    return new RE2(kNamedCredit, o);
  }();
  return *named;
}

std::string find_credited_person(const RuleInput& in) {
  if (!is_response(in.post, in.f) || is_pingback(in.post) || in.post.automated) return "";
  const RE2& named = named_credit();
  re2::StringPiece text(in.f.text);
  re2::StringPiece m[5];
  size_t pos = 0;
  while (pos < in.f.text.size() && named.Match(text, pos, text.size(), RE2::UNANCHORED, m, 5)) {
    for (int g = 1; g <= 4; ++g) {
      if (m[g].empty()) continue;
      std::string name(m[g].data(), m[g].size());
      const std::string_view first = std::string_view(name).substr(0, name.find(' '));
      if (!not_a_name(first) && !is_author(name, in.post)) return name;
    }
    pos = static_cast<size_t>(m[0].data() - in.f.text.data()) + (m[0].empty() ? 1 : m[0].size());
  }
  // "h/t @sam", "via @lena": a handle other than the author's.
  if (in.f.mentions.empty()) return "";
  const std::string lowered = ascii_lower(in.f.text);
  for (const std::string& handle : in.f.mentions) {
    for (const char* lead : {"h/t @", "via @", "by @", "thanks to @", "credit to @"}) {
      if (lowered.find(lead + handle) != std::string::npos && !is_author(handle, in.post)) return "@" + handle;
    }
  }
  return "";
}
}  // namespace

void prepare_credit() { named_credit(); }

std::string credited_person(const RuleInput& in) {
  if (!in.memo.credit_known) {
    in.memo.credited = find_credited_person(in);
    in.memo.credit_known = true;
  }
  return in.memo.credited;
}

void add_generosity_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<Credit>());
  out.push_back(std::make_unique<OwnTake>());
  out.push_back(std::make_unique<Thanks>());
  out.push_back(std::make_unique<Question>());
  out.push_back(std::make_unique<Reply>());
}

}  // namespace notwork::rules
