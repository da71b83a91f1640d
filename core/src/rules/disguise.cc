// P17 Comment and reply spam: links and words written to get past filters. A link spelt
// "example dot com", "youtube[.]com", "h t t p", "ｈｔｔｐ" (full-width), with a zero-width
// character inside, or a bare "/watch?v=…" path; words whose letters are look-alikes from
// another alphabet ("сheck" with a Cyrillic с) or hidden by invisible characters. Nobody
// writing to be read does this. Structural, any language ("dot" also as punto/ponto/point/punkt).
#include "rule.h"

namespace notwork::rules {
namespace {

const std::vector<Term> kDodges = {
    {R"(\bhxxps?\b|\bh\s+t\s+t\s+p|\bh\s*t\s*t\s*p\s*s?\s*:\s+/\s*/|\bh\s*t\s*t\s*p\s*s?\s*:\s*/\s+/)", 1.0},
    {R"(\bw\s+w\s+w\s*\.|\bwww\s+\.\s*\w|\bwww\s*(?:\[\.\]|\(\.\)|\[dot\]|\(dot\)))", 1.0},
    {R"(\b[a-z0-9][a-z0-9-]{2,}\s*(?:\[\.\]|\(\.\)|\[dot\]|\(dot\)|\{dot\}|<dot>)\s*[a-z]{2,6}\b)", 1.0},
    {R"(\b[a-z0-9][a-z0-9-]{2,}\s+(?:dot|punto|ponto|point|punkt)\s+(?:com|net|org|info|biz|io|co|ru|it|es|fr|de|pt|br|uk|ly|tk)\b)", 1.0},
    {R"(\b[a-z0-9][a-z0-9-]{3,} (?:com|net|org)\s*/\s*[\w?=-]{2,})", 0.8},
    {R"(\b[a-z0-9][a-z0-9-]{1,}\s+\.\s*(?:ly|gl|tk)\b|\b(?:bit|goo|ow|tinyurl)\s*\.\s+(?:ly|gl|com)\b)", 1.0},
    {R"(\byou\s*[\[(]\s*tube\s*[\])]|\byou\s+tube\s*(?:\.|dot)\s*com\b)", 1.0},
    {R"((?:^|[\s(\[])/?watch\?v=[\w-]{6,})", 0.8},
};

class ObfuscatedLink : public BasicRule {
 public:
  ObfuscatedLink()
      : BasicRule({"P17.obfuscated_link", "P17", Label::PurePromo, 1.0,
                   "A link written to dodge link detection: “example dot com”, “[.]”, spaced or "
                   "full-width letters, a bare /watch?v= path (P17; any language)",
                   Scope::Post}),
        lex_(make_lexicon(kDodges, Field::Text)) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (in.post.automated) return;
    for (const Link& l : in.f.links) {
      if (!l.obfuscated) continue;
      out.add(1.0, "a link written in disguise " + quoted(l.url, 30));
      return;
    }
    std::string phrase;
    const double s = strongest(*lex_, kDodges, in, &phrase);
    if (s > 0) out.add(s, "a link written in disguise " + quoted(phrase, 30));
  }

 private:
  std::unique_ptr<Lexicon> lex_;
};

class DisguisedText : public BasicRule {
 public:
  DisguisedText()
      : BasicRule({"P17.disguised_text", "P17", Label::PurePromo, 1.0,
                   "Words disguised from filters: look-alike letters from another alphabet, "
                   "invisible characters inside words, runs of “fancy” Unicode letters (P17; any language)",
                   Scope::Post}) {}
  void check(const RuleInput& in, Hits& out) const override {
    const Features& f = in.f;
    if (f.confusable_chars > 0)
      out.add(f.confusable_chars >= 3 ? 1.0 : 0.5,
              std::to_string(f.confusable_chars) + " look-alike letter" + (f.confusable_chars > 1 ? "s" : "") +
                  " from another alphabet inside Latin words");
    if (f.invisible_chars > 0 && f.disguised_links == 0)
      out.add(0.5, std::to_string(f.invisible_chars) + " invisible character" + (f.invisible_chars > 1 ? "s" : "") +
                       " hiding inside words");
    if (f.folded_chars >= 8) out.add(0.5, "written in “fancy” Unicode letters");
  }
};

}  // namespace

void add_disguise_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<ObfuscatedLink>());
  out.push_back(std::make_unique<DisguisedText>());
}

}  // namespace notwork::rules
