#include "lexicon.h"

#include <algorithm>

namespace notwork {

namespace {
RE2::Options make_options(bool case_sensitive, int64_t max_mem) {
  RE2::Options o;
  o.set_case_sensitive(case_sensitive);
  o.set_max_mem(max_mem);
  o.set_log_errors(false);
  return o;
}

// Memory budget of one field's shared set (its DFA cache grows lazily up to this).
constexpr int64_t kBankMaxMem = 32 << 20;
}  // namespace

Lexicon::Lexicon(const std::vector<std::string>& patterns, bool case_sensitive, int64_t max_mem,
                 Field field)
    : options_(make_options(case_sensitive, max_mem)),
      patterns_(patterns),
      field_(field),
      each_once_(std::make_unique<std::once_flag[]>(patterns.size())),
      each_(patterns.size()) {}

bool Lexicon::ok() const {
  std::call_once(set_once_, [this] {
    set_ = std::make_unique<RE2::Set>(options_, RE2::UNANCHORED);
    bool all = !patterns_.empty();
    for (const std::string& p : patterns_)
      if (set_->Add(p, nullptr) < 0) all = false;
    ok_ = all && set_->Compile();
  });
  return ok_;
}

const RE2& Lexicon::pattern(int i) const {
  const size_t k = static_cast<size_t>(i);
  std::call_once(each_once_[k], [&] { each_[k] = std::make_unique<RE2>(patterns_[k], options_); });
  return *each_[k];
}

void Lexicon::adopt(int i, std::unique_ptr<RE2> re) {
  const size_t k = static_cast<size_t>(i);
  if (k >= patterns_.size() || !re || re->pattern() != patterns_[k]) return;
  std::call_once(each_once_[k], [&] { each_[k] = std::move(re); });
}

bool Lexicon::match(std::string_view text, std::vector<int>* hits) const {
  hits->clear();
  if (!ok()) return false;
  if (!set_->Match(re2::StringPiece(text.data(), text.size()), hits)) return false;
  std::sort(hits->begin(), hits->end());
  return !hits->empty();
}

bool Lexicon::any(std::string_view text) const {
  if (!ok()) return false;
  return set_->Match(re2::StringPiece(text.data(), text.size()), nullptr);
}

std::string Lexicon::phrase(std::string_view text, int i) const {
  if (i < 0 || static_cast<size_t>(i) >= patterns_.size()) return "";
  const RE2& re = pattern(i);
  if (!re.ok()) return "";
  re2::StringPiece m;
  re2::StringPiece in(text.data(), text.size());
  if (!re.Match(in, 0, in.size(), RE2::UNANCHORED, &m, 1)) return "";
  return std::string(m.data(), m.size());
}

LexiconBank& LexiconBank::instance() {
  static LexiconBank* bank = new LexiconBank();
  return *bank;
}

void LexiconBank::join(Lexicon* lexicon) {
  if (next_step_ > 0 || lexicon->field_ == Field::Other || lexicon->patterns_.empty()) return;
  lexicon->slot_ = static_cast<int>(lexicons_.size());
  lexicons_.push_back(lexicon);
}

void LexiconBank::plan() {
  for (int f = 0; f < kScannedFields; ++f) {
    size_t total = 0;
    for (const Lexicon* lex : lexicons_)
      if (static_cast<int>(lex->field_) == f) total += lex->patterns_.size();
    // In join order, a lexicon goes to the part its first pattern falls in (never split).
    size_t before = 0;
    for (const Lexicon* lex : lexicons_) {
      if (static_cast<int>(lex->field_) != f) continue;
      const size_t k = total == 0 ? 0 : before * kPartsPerField / total;
      parts_[f * kPartsPerField + static_cast<int>(k)].lexicons.push_back(lex->slot_);
      before += lex->patterns_.size();
    }
  }
}

int LexiconBank::compile_next(std::vector<std::string>* failures) {
  if (next_step_ == kCompileSteps) return 0;
  if (next_step_ == 0) plan();
  Part& part = parts_[next_step_ / 2];
  if (next_step_ % 2 == 0) {
    // Parse: every pattern of the part's lexicons joins its set.
    part.set = std::make_unique<RE2::Set>(make_options(false, kBankMaxMem), RE2::UNANCHORED);
    for (int slot : part.lexicons) {
      const Lexicon* lex = lexicons_[static_cast<size_t>(slot)];
      for (size_t t = 0; t < lex->patterns_.size(); ++t) {
        // The set is case-insensitive; a case-sensitive lexicon says so per pattern.
        std::string pattern =
            lex->options_.case_sensitive() ? "(?-i:" + lex->patterns_[t] + ")" : lex->patterns_[t];
        if (part.set->Add(pattern, nullptr) < 0) {
          part.added_ok = false;
          failures->push_back(lex->patterns_[t]);
        }
        part.entries.push_back(Entry{slot, static_cast<int>(t)});
      }
    }
  } else if (!part.entries.empty()) {
    // Compile them into one program.
    part.ok = part.added_ok && part.set->Compile();
    if (part.added_ok && !part.ok) failures->push_back("(a shared set is too large)");
  }
  ++next_step_;
  return kCompileSteps - next_step_;
}

void LexiconScan::run(std::string_view text, std::string_view own_words) {
  screen(text, own_words, &matches_);
  load(matches_, text, own_words);
}

void LexiconScan::screen(std::string_view text, std::string_view own_words, ScanMatches* out) {
  const LexiconBank& bank = LexiconBank::instance();
  const std::string_view fields[kScannedFields] = {text, own_words};
  for (int p = 0; p < kMaxParts; ++p) {
    const LexiconBank::Part& part = bank.parts_[p];
    std::vector<int>& ids = out->ids[p];
    ids.clear();
    out->fallback[p] = false;
    if (part.entries.empty()) continue;
    const std::string_view field = fields[p / kPartsPerField];
    RE2::Set::ErrorInfo error{};
    const re2::StringPiece in(field.data(), field.size());
    if (part.ok && part.set->Match(in, &ids, &error)) {
      std::sort(ids.begin(), ids.end());  // set order = lexicon order, then term order
      continue;
    }
    ids.clear();
    // The shared set could not run (out of DFA memory on a pathological text): load()
    // gets the same answer one lexicon at a time.
    out->fallback[p] = !(part.ok && error.kind == RE2::Set::kNoError);
  }
}

void LexiconScan::load(const ScanMatches& matches, std::string_view text, std::string_view own_words) {
  const LexiconBank& bank = LexiconBank::instance();
  hits_.resize(bank.lexicons_.size());
  for (auto& h : hits_) h.clear();
  const std::string_view fields[kScannedFields] = {text, own_words};
  for (int p = 0; p < kMaxParts; ++p) {
    const LexiconBank::Part& part = bank.parts_[p];
    for (int i : matches.ids[p]) {
      const LexiconBank::Entry& e = part.entries[static_cast<size_t>(i)];
      hits_[static_cast<size_t>(e.slot)].push_back(e.term);
    }
    if (matches.fallback[p])
      for (int slot : part.lexicons)
        bank.lexicons_[static_cast<size_t>(slot)]->match(fields[p / kPartsPerField],
                                                        &hits_[static_cast<size_t>(slot)]);
  }
}

const std::vector<int>& LexiconScan::hits(const Lexicon& lexicon) const {
  static const std::vector<int> none;
  const int slot = lexicon.slot();
  if (slot < 0 || static_cast<size_t>(slot) >= hits_.size()) return none;
  return hits_[static_cast<size_t>(slot)];
}

}  // namespace notwork
