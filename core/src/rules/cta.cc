// Calls to action aimed at the reader — subscribe, follow me, click, visit my…, download,
// sign up, call now, "txt STOP to 80082", "link in bio" — in en, es, pt, fr, de and it
// (core/src/lexicons/<lang>/cta.inc); silent in other languages. Read by P17.call_to_reader
// (comment_spam.cc) and, as "this is no genuine share", by P16.genuine_share. (A separate
// P2.call_to_action rule read these words too; it fired on the same posts as
// P17.call_to_reader, the fit kept only one of the two, and they were merged.)
#include "rule.h"
#include "single_post.h"

namespace notwork::rules {
namespace {

const std::vector<Term> kCta = {
#include "lexicons/en/cta.inc"
#include "lexicons/es/cta.inc"
#include "lexicons/pt/cta.inc"
#include "lexicons/fr/cta.inc"
#include "lexicons/de/cta.inc"
#include "lexicons/it/cta.inc"
};

// Built with the rules (P17.call_to_reader asks for it), so it joins the scan.
const Lexicon& cta_lexicon() {
  static const Lexicon* lex = make_lexicon(kCta, Field::Text).release();
  return *lex;
}

}  // namespace

void prepare_calls_to_action() { cta_lexicon(); }

bool calls_to_action(const RuleInput& in) { return any(cta_lexicon(), in); }

double strongest_call_to_action(const RuleInput& in, std::string* phrase, double* total) {
  return strongest(cta_lexicon(), kCta, in, phrase, total, 1.6);
}

}  // namespace notwork::rules
