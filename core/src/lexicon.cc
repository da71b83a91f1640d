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
  if (next_field_ > 0 || lexicon->field_ == Field::Other || lexicon->patterns_.empty()) return;
  lexicon->slot_ = static_cast<int>(lexicons_.size());
  lexicons_.push_back(lexicon);
}

int LexiconBank::compile_next(std::vector<std::string>* failures) {
  if (next_field_ == kScannedFields) return 0;
  const int f = next_field_++;
  FieldSet& fs = fields_[f];
  fs.set = std::make_unique<RE2::Set>(make_options(false, kBankMaxMem), RE2::UNANCHORED);
  bool all = true;
  for (Lexicon* lex : lexicons_) {
    if (static_cast<int>(lex->field_) != f) continue;
    fs.lexicons.push_back(lex->slot_);
    for (size_t t = 0; t < lex->patterns_.size(); ++t) {
      // The set is case-insensitive; a case-sensitive lexicon says so per pattern.
      std::string pattern =
          lex->options_.case_sensitive() ? "(?-i:" + lex->patterns_[t] + ")" : lex->patterns_[t];
      if (fs.set->Add(pattern, nullptr) < 0) {
        all = false;
        failures->push_back(lex->patterns_[t]);
      }
      fs.entries.push_back(Entry{lex->slot_, static_cast<int>(t)});
    }
  }
  fs.ok = all && !fs.entries.empty() && fs.set->Compile();
  if (all && !fs.entries.empty() && !fs.ok) failures->push_back("(the shared set is too large)");
  return kScannedFields - next_field_;
}

void LexiconScan::run(std::string_view text, std::string_view own_words) {
  screen(text, own_words, &matches_);
  load(matches_, text, own_words);
}

void LexiconScan::screen(std::string_view text, std::string_view own_words, ScanMatches* out) {
  const LexiconBank& bank = LexiconBank::instance();
  const std::string_view fields[kScannedFields] = {text, own_words};
  for (int f = 0; f < kScannedFields; ++f) {
    const LexiconBank::FieldSet& fs = bank.fields_[f];
    std::vector<int>& ids = out->ids[f];
    ids.clear();
    out->fallback[f] = false;
    if (fs.lexicons.empty()) continue;
    RE2::Set::ErrorInfo error{};
    const re2::StringPiece in(fields[f].data(), fields[f].size());
    if (fs.ok && fs.set->Match(in, &ids, &error)) {
      std::sort(ids.begin(), ids.end());  // set order = lexicon order, then term order
      continue;
    }
    ids.clear();
    // The shared set could not run (out of DFA memory on a pathological text): load()
    // gets the same answer one lexicon at a time.
    out->fallback[f] = !(fs.ok && error.kind == RE2::Set::kNoError);
  }
}

void LexiconScan::load(const ScanMatches& matches, std::string_view text, std::string_view own_words) {
  const LexiconBank& bank = LexiconBank::instance();
  hits_.resize(bank.lexicons_.size());
  for (auto& h : hits_) h.clear();
  const std::string_view fields[kScannedFields] = {text, own_words};
  for (int f = 0; f < kScannedFields; ++f) {
    const LexiconBank::FieldSet& fs = bank.fields_[f];
    for (int i : matches.ids[f]) {
      const LexiconBank::Entry& e = fs.entries[static_cast<size_t>(i)];
      hits_[static_cast<size_t>(e.slot)].push_back(e.term);
    }
    if (matches.fallback[f])
      for (int slot : fs.lexicons)
        bank.lexicons_[static_cast<size_t>(slot)]->match(fields[f], &hits_[static_cast<size_t>(slot)]);
  }
}

const std::vector<int>& LexiconScan::hits(const Lexicon& lexicon) const {
  static const std::vector<int> none;
  const int slot = lexicon.slot();
  if (slot < 0 || static_cast<size_t>(slot) >= hits_.size()) return none;
  return hits_[static_cast<size_t>(slot)];
}

}  // namespace notwork
