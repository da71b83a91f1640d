// Text normalisation before any lexicon (see normalize.h for what and the invariants).
#include "notwork/normalize.h"

#include <algorithm>

namespace notwork {

namespace {

// Single code points folded to ASCII ("" = removed). Sorted by code point (binary search);
// every replacement is at most as long as the character's UTF-8 form.
struct Single {
  uint32_t cp;
  const char* to;
};
constexpr Single kSingles[] = {
    {0x00A0, " "},  {0x00AD, ""},   {0x00B2, "2"},  {0x00B3, "3"},  {0x00B9, "1"},
    {0x0132, "IJ"}, {0x0133, "ij"}, {0x0262, "G"},  {0x026A, "I"},  {0x0274, "N"},
    {0x0280, "R"},  {0x028F, "Y"},  {0x0299, "B"},  {0x029C, "H"},  {0x029F, "L"},
    {0x034F, ""},   {0x180E, ""},   {0x1D00, "A"},  {0x1D04, "C"},  {0x1D05, "D"},
    {0x1D07, "E"},  {0x1D0A, "J"},  {0x1D0B, "K"},  {0x1D0D, "M"},  {0x1D0F, "O"},
    {0x1D18, "P"},  {0x1D1B, "T"},  {0x1D1C, "U"},  {0x1D20, "V"},  {0x1D21, "W"},
    {0x1D22, "Z"},  {0x200B, ""},   {0x200E, ""},   {0x200F, ""},   {0x202A, ""},
    {0x202B, ""},   {0x202C, ""},   {0x202D, ""},   {0x202E, ""},   {0x202F, " "},
    {0x205F, " "},  {0x2060, ""},   {0x2061, ""},   {0x2062, ""},   {0x2063, ""},
    {0x2064, ""},   {0x2066, ""},   {0x2067, ""},   {0x2068, ""},   {0x2069, ""},
    {0x2070, "0"},  {0x2074, "4"},  {0x2075, "5"},  {0x2076, "6"},  {0x2077, "7"},
    {0x2078, "8"},  {0x2079, "9"},  {0x2080, "0"},  {0x2081, "1"},  {0x2082, "2"},
    {0x2083, "3"},  {0x2084, "4"},  {0x2085, "5"},  {0x2086, "6"},  {0x2087, "7"},
    {0x2088, "8"},  {0x2089, "9"},  {0x2102, "C"},  {0x210A, "g"},  {0x210B, "H"},
    {0x210C, "H"},  {0x210D, "H"},  {0x210E, "h"},  {0x2110, "I"},  {0x2111, "I"},
    {0x2112, "L"},  {0x2113, "l"},  {0x2115, "N"},  {0x2119, "P"},  {0x211A, "Q"},
    {0x211B, "R"},  {0x211C, "R"},  {0x211D, "R"},  {0x2124, "Z"},  {0x2128, "Z"},
    {0x212C, "B"},  {0x212D, "C"},  {0x212F, "e"},  {0x2130, "E"},  {0x2131, "F"},
    {0x2133, "M"},  {0x2134, "o"},  {0x2139, "i"},  {0x2145, "D"},  {0x2146, "d"},
    {0x2147, "e"},  {0x2148, "i"},  {0x2149, "j"},  {0x24EA, "0"},  {0x3000, " "},
    {0xA730, "F"},  {0xA731, "S"},  {0xFB00, "ff"}, {0xFB01, "fi"}, {0xFB02, "fl"},
    {0xFB03, "ffi"}, {0xFB04, "ffl"}, {0xFB05, "st"}, {0xFB06, "st"}, {0xFEFF, ""},
};

// Code points folded by arithmetic: [first, last] -> base + (cp - first) % period.
struct Range {
  uint32_t first, last;
  char base;        // 0: the mathematical letters' 52-letter blocks (A–Z then a–z)
  uint32_t period;
};
constexpr Range kRanges[] = {
    {0x2000, 0x200A, ' ', 1},        // en quad … hair space
    {0x2460, 0x2468, '1', 9},        // ① … ⑨
    {0x249C, 0x24B5, 'a', 26},       // ⒜ … ⒵
    {0x24B6, 0x24CF, 'A', 26},       // Ⓐ … Ⓩ
    {0x24D0, 0x24E9, 'a', 26},       // ⓐ … ⓩ
    {0xFF01, 0xFF5E, '!', 94},       // full-width ASCII
    {0x1D400, 0x1D6A3, 0, 52},       // mathematical alphanumerics: 13 styles of A–Z a–z
    {0x1D7CE, 0x1D7FF, '0', 10},     // mathematical digits: 5 styles of 0–9
    {0x1F130, 0x1F149, 'A', 26},     // 🄰 squared
    {0x1F150, 0x1F169, 'A', 26},     // 🅐 negative circled
    {0x1F170, 0x1F189, 'A', 26},     // 🅰 negative squared
};

// Fold of one code point: the ASCII replacement in *to (n bytes, 0 = removed), or false
// when the character stays as it is.
bool fold(uint32_t cp, char* to, size_t* n) {
  for (const Range& r : kRanges) {
    if (cp < r.first || cp > r.last) continue;
    const uint32_t k = (cp - r.first) % r.period;
    if (r.base == 0) to[0] = static_cast<char>(k < 26 ? 'A' + k : 'a' + (k - 26));
    else to[0] = static_cast<char>(r.base + k);
    *n = 1;
    return true;
  }
  if (cp == 0x1D6A4 || cp == 0x1D6A5) {  // mathematical dotless i, j
    to[0] = cp == 0x1D6A4 ? 'i' : 'j';
    *n = 1;
    return true;
  }
  const Single* end = kSingles + sizeof(kSingles) / sizeof(kSingles[0]);
  const Single* s = std::lower_bound(kSingles, end, cp, [](const Single& a, uint32_t c) { return a.cp < c; });
  if (s == end || s->cp != cp) return false;
  size_t k = 0;
  while (s->to[k]) {
    to[k] = s->to[k];
    ++k;
  }
  *n = k;
  return true;
}

// Decorative combining overlays (strike-through, underline, slash) used by "fancy text"
// generators: removed.
bool decorative(uint32_t cp) { return cp >= 0x0332 && cp <= 0x0338; }

// Canonical composition of an ASCII letter with a combining mark (Latin-1 letters only):
// the composed code point, or 0.
uint32_t compose(char base, uint32_t mark) {
  static constexpr struct { char base; uint16_t mark; uint16_t cp; } kPairs[] = {
      {'A', 0x300, 0xC0}, {'A', 0x301, 0xC1}, {'A', 0x302, 0xC2}, {'A', 0x303, 0xC3},
      {'A', 0x308, 0xC4}, {'A', 0x30A, 0xC5}, {'C', 0x327, 0xC7}, {'E', 0x300, 0xC8},
      {'E', 0x301, 0xC9}, {'E', 0x302, 0xCA}, {'E', 0x308, 0xCB}, {'I', 0x300, 0xCC},
      {'I', 0x301, 0xCD}, {'I', 0x302, 0xCE}, {'I', 0x308, 0xCF}, {'N', 0x303, 0xD1},
      {'O', 0x300, 0xD2}, {'O', 0x301, 0xD3}, {'O', 0x302, 0xD4}, {'O', 0x303, 0xD5},
      {'O', 0x308, 0xD6}, {'U', 0x300, 0xD9}, {'U', 0x301, 0xDA}, {'U', 0x302, 0xDB},
      {'U', 0x308, 0xDC}, {'Y', 0x301, 0xDD},
  };
  const bool lower = base >= 'a' && base <= 'z';
  const char up = lower ? static_cast<char>(base - 32) : base;
  if (lower && up == 'Y' && mark == 0x308) return 0xFF;  // ÿ (Ÿ is outside Latin-1)
  for (const auto& p : kPairs)
    if (p.base == up && p.mark == mark) return lower ? p.cp + 0x20u : p.cp;
  return 0;
}

bool composable_mark(uint32_t cp) {
  return (cp >= 0x300 && cp <= 0x303) || cp == 0x308 || cp == 0x30A || cp == 0x327;
}

// Cyrillic, Greek and Armenian letters that look like Latin ones (all two bytes in UTF-8).
char confusable(uint32_t cp) {
  if (cp < 0x0391 || cp > 0x0585) return 0;
  switch (cp) {
    // Greek capitals and a few small letters.
    case 0x0391: return 'A'; case 0x0392: return 'B'; case 0x0395: return 'E';
    case 0x0396: return 'Z'; case 0x0397: return 'H'; case 0x0399: return 'I';
    case 0x039A: return 'K'; case 0x039C: return 'M'; case 0x039D: return 'N';
    case 0x039F: return 'O'; case 0x03A1: return 'P'; case 0x03A4: return 'T';
    case 0x03A5: return 'Y'; case 0x03A7: return 'X'; case 0x03B1: return 'a';
    case 0x03B9: return 'i'; case 0x03BA: return 'k'; case 0x03BD: return 'v';
    case 0x03BF: return 'o'; case 0x03C1: return 'p'; case 0x03C5: return 'u';
    case 0x03C7: return 'x';
    // Cyrillic.
    case 0x0405: return 'S'; case 0x0406: return 'I'; case 0x0408: return 'J';
    case 0x0410: return 'A'; case 0x0412: return 'B'; case 0x0415: return 'E';
    case 0x041A: return 'K'; case 0x041C: return 'M'; case 0x041D: return 'H';
    case 0x041E: return 'O'; case 0x0420: return 'P'; case 0x0421: return 'C';
    case 0x0422: return 'T'; case 0x0423: return 'Y'; case 0x0425: return 'X';
    case 0x0430: return 'a'; case 0x0435: return 'e'; case 0x043A: return 'k';
    case 0x043E: return 'o'; case 0x0440: return 'p'; case 0x0441: return 'c';
    case 0x0443: return 'y'; case 0x0445: return 'x'; case 0x0455: return 's';
    case 0x0456: return 'i'; case 0x0458: return 'j'; case 0x04BB: return 'h';
    case 0x04CF: return 'l'; case 0x0501: return 'd'; case 0x051B: return 'q';
    case 0x051D: return 'w';
    // Armenian.
    case 0x0570: return 'h'; case 0x0578: return 'n'; case 0x057D: return 'u';
    case 0x0585: return 'o';
    default: return 0;
  }
}

bool is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool is_alnum(uint32_t c) { return c < 0x80 && (is_alpha(static_cast<unsigned char>(c)) || (c >= '0' && c <= '9')); }

// Letters and digits of any script, and combining marks (they continue a word); not
// spaces, punctuation, symbols or emoji.
bool wordish(uint32_t cp) {
  if (cp < 0x80) return is_alnum(cp);
  if (cp < 0xC0) return false;                      // controls, Latin-1 punctuation
  if (cp == 0xD7 || cp == 0xF7) return false;       // × ÷
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;   // punctuation, symbols, arrows, dingbats
  if (cp >= 0x3000 && cp <= 0x303F) return false;   // CJK punctuation
  if (cp >= 0xFE00 && cp <= 0xFE0F) return false;   // variation selectors
  if (cp >= 0x1F000) return false;                  // emoji and pictographs
  return true;
}

// Letters that no fold, composition or confusable touches (a fast path; wordish() holds).
bool plain_letter(uint32_t cp) {
  return (cp >= 0xC0 && cp <= 0x131 && cp != 0xD7 && cp != 0xF7) || (cp >= 0x134 && cp <= 0x261) ||
         (cp >= 0x5A0 && cp <= 0x17FF) || (cp >= 0x3040 && cp <= 0xA72F) || (cp >= 0xA732 && cp <= 0xD7FF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

// One UTF-8 character at s[i]: its code point and length, or false when the bytes are not
// a valid (shortest-form, non-surrogate) UTF-8 character.
bool decode(std::string_view s, size_t i, uint32_t* cp, size_t* len) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n;
  uint32_t v;
  if (c >= 0xC2 && c <= 0xDF) { n = 2; v = c & 0x1F; }
  else if (c >= 0xE0 && c <= 0xEF) { n = 3; v = c & 0x0F; }
  else if (c >= 0xF0 && c <= 0xF4) { n = 4; v = c & 0x07; }
  else return false;
  if (i + n > s.size()) return false;
  for (size_t k = 1; k < n; ++k) {
    const unsigned char d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return false;
    v = (v << 6) | (d & 0x3F);
  }
  if ((n == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)))
    return false;
  *cp = v;
  *len = n;
  return true;
}

void encode2(uint32_t cp, std::string* out) {  // U+0080–07FF
  out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
  out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
}

class Folder {
 public:
  Folder(std::string* out, NormalizeStats* stats, std::vector<FoldedSpan>* spans)
      : out_(*out), stats_(stats ? *stats : own_stats_), spans_(spans) {}

  void run(std::string_view in) {
    size_t i = 0;
    while (i < in.size()) {
      const unsigned char c = static_cast<unsigned char>(in[i]);
      if (c < 0x80) {
        ascii(static_cast<char>(c));
        after_invalid_ = false;
        ++i;
        continue;
      }
      uint32_t cp;
      size_t len;
      if (!decode(in, i, &cp, &len)) {  // not UTF-8: copied as it is, ends a word
        end_word();
        out_.push_back(static_cast<char>(c));
        after_invalid_ = true;
        ++i;
        continue;
      }
      character(cp, in.substr(i, len));
      after_invalid_ = false;
      i += len;
    }
    end_word();
  }

 private:
  void ascii(char c) {
    if (is_alnum(static_cast<unsigned char>(c))) {
      begin_word();
      if (is_alpha(static_cast<unsigned char>(c))) has_ascii_ = true;
    } else {
      end_word();
    }
    out_.push_back(c);
  }

  void character(uint32_t cp, std::string_view bytes) {
    // Most non-ASCII text is letters no table lists (accented Latin, Hebrew, Arabic, Indic,
    // CJK, Hangul) or emoji: copied at once.
    if (plain_letter(cp)) {
      begin_word();
      out_.append(bytes);
      return;
    }
    if (cp >= 0x1F200) {
      end_word();
      out_.append(bytes);
      return;
    }
    char to[4];
    size_t n = 0;
    if (cp == 0x200C || cp == 0x200D) {
      // Joiners shape emoji and other scripts; after ASCII, or inside a word with ASCII
      // letters, they only hide a word's seams.
      if ((!out_.empty() && static_cast<unsigned char>(out_.back()) < 0x80) || (in_word_ && has_ascii_))
        return removed(bytes);
      end_word();
      out_.append(bytes);
      return;
    }
    if (decorative(cp)) return removed(bytes);
    if (composable_mark(cp) && !out_.empty() && in_word_) {
      const uint32_t composed = compose(out_.back(), cp);
      if (composed != 0) {
        out_.pop_back();
        encode2(composed, &out_);
        ++stats_.folded;
        word_changed_ = true;
        return;
      }
    }
    if (fold(cp, to, &n)) {
      if (n == 0) return removed(bytes);
      ++stats_.folded;
      for (size_t k = 0; k < n; ++k) {
        if (!is_alnum(static_cast<unsigned char>(to[k]))) end_word();  // may shorten the word
        const size_t at = out_.size();
        ascii(to[k]);
        if (in_word_) word_changed_ = true;
        else mark(at, at + 1);
      }
      return;
    }
    if (confusable(cp)) {
      begin_word();
      ++word_confusables_;
    } else if (wordish(cp)) {
      begin_word();
    } else {
      end_word();
    }
    out_.append(bytes);
  }

  void removed(std::string_view bytes) {
    // Right after a byte that is not UTF-8 nothing is removed: joining it to what follows
    // could make a new character (and normalising twice would then differ).
    if (after_invalid_) {
      end_word();
      out_.append(bytes);
      return;
    }
    ++stats_.invisible;
    if (in_word_) {
      word_changed_ = true;
      ++stats_.hidden;
    }
    else mark(out_.size(), out_.size());
  }

  void begin_word() {
    if (in_word_) return;
    in_word_ = true;
    word_start_ = out_.size();
    has_ascii_ = false;
    word_changed_ = false;
    word_confusables_ = 0;
  }

  // A word ends: fold its look-alike letters when it has an ASCII letter (in place: each
  // two-byte look-alike becomes one byte), and mark it when anything in it changed.
  void end_word() {
    if (!in_word_) return;
    in_word_ = false;
    if (has_ascii_ && word_confusables_ > 0) {
      size_t w = word_start_;
      for (size_t r = word_start_; r < out_.size();) {
        uint32_t cp;
        size_t len;
        const unsigned char c = static_cast<unsigned char>(out_[r]);
        if (c >= 0x80 && decode(out_, r, &cp, &len)) {
          const char a = confusable(cp);
          const uint32_t composed =
              w > word_start_ && composable_mark(cp) ? compose(out_[w - 1], cp) : 0;
          if (a) {
            out_[w++] = a;
            ++stats_.confusables;
          } else if (composed != 0) {  // a folded look-alike takes its accent ("е\u0301" -> "é")
            out_[w - 1] = static_cast<char>(0xC0 | (composed >> 6));
            out_[w++] = static_cast<char>(0x80 | (composed & 0x3F));
            ++stats_.folded;
          } else {
            for (size_t k = 0; k < len; ++k) out_[w++] = out_[r + k];
          }
          r += len;
        } else {
          out_[w++] = out_[r++];
        }
      }
      out_.resize(w);
      word_changed_ = true;
    }
    if (word_changed_) mark(word_start_, out_.size());
  }

  void mark(size_t begin, size_t end) {
    if (!spans_) return;
    const FoldedSpan s{static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
    if (!spans_->empty() && (s.begin <= spans_->back().end || spans_->size() >= kMaxFoldedSpans)) {
      spans_->back().end = std::max(spans_->back().end, s.end);
      return;
    }
    spans_->push_back(s);
  }

  std::string& out_;
  NormalizeStats own_stats_;
  NormalizeStats& stats_;
  std::vector<FoldedSpan>* spans_;
  bool in_word_ = false;
  bool after_invalid_ = false;  // the last byte written was not UTF-8
  bool has_ascii_ = false;
  bool word_changed_ = false;
  size_t word_start_ = 0;
  int word_confusables_ = 0;
};

}  // namespace

void normalize_text(std::string_view in, std::string* out, NormalizeStats* stats,
                    std::vector<FoldedSpan>* spans) {
  if (stats) *stats = NormalizeStats();
  if (spans) spans->clear();
  size_t i = 0;
  while (i < in.size() && static_cast<unsigned char>(in[i]) < 0x80) ++i;
  if (i == in.size()) {
    out->assign(in.data(), in.size());
    return;
  }
  out->clear();
  out->reserve(in.size());
  Folder(out, stats, spans).run(in);
}

std::string normalize_text(std::string_view in) {
  std::string out;
  normalize_text(in, &out);
  return out;
}

}  // namespace notwork
