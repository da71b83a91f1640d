// Language tags, the detector and the voice words (lang.h, docs/languages.md).
#include "lang/lang.h"

#include <memory>
#include <mutex>
#include <vector>

#include "util.h"

namespace notwork::lang {

namespace {

// Word-evidence languages, in index order (lang.h: kWordLanguages). The first 18 are told
// apart by their words; Greek (18) is told by its script and has voice words only.
constexpr const char* kCodes[kWordLanguages] = {"en", "es", "pt", "fr", "de", "it", "nl",
                                                "ca", "ro", "sv", "da", "nb", "pl", "cs",
                                                "tr", "id", "fi", "hu", "el"};
constexpr int kDetected = 18;  // languages with function words
constexpr int kGreek = 18;

// core/src/lang/words/<code>.inc: one string of function words per language.
constexpr const char* kFunctionWords[kDetected] = {
#include "lang/words/en.inc"
    ,
#include "lang/words/es.inc"
    ,
#include "lang/words/pt.inc"
    ,
#include "lang/words/fr.inc"
    ,
#include "lang/words/de.inc"
    ,
#include "lang/words/it.inc"
    ,
#include "lang/words/nl.inc"
    ,
#include "lang/words/ca.inc"
    ,
#include "lang/words/ro.inc"
    ,
#include "lang/words/sv.inc"
    ,
#include "lang/words/da.inc"
    ,
#include "lang/words/nb.inc"
    ,
#include "lang/words/pl.inc"
    ,
#include "lang/words/cs.inc"
    ,
#include "lang/words/tr.inc"
    ,
#include "lang/words/id.inc"
    ,
#include "lang/words/fi.inc"
    ,
#include "lang/words/hu.inc"
};

// core/src/lexicons/<code>/voice.inc: {first singular, first plural, second}.
struct VoiceWords {
  int language;
  const char* words[3];
};
const VoiceWords kVoice[] = {
    {0,
#include "lexicons/en/voice.inc"
    },
    {1,
#include "lexicons/es/voice.inc"
    },
    {2,
#include "lexicons/pt/voice.inc"
    },
    {3,
#include "lexicons/fr/voice.inc"
    },
    {4,
#include "lexicons/de/voice.inc"
    },
    {5,
#include "lexicons/it/voice.inc"
    },
    {6,
#include "lexicons/nl/voice.inc"
    },
    {kGreek,
#include "lexicons/el/voice.inc"
    },
};
constexpr uint32_t kVoiceCovered = (1u << 0) | (1u << 1) | (1u << 2) | (1u << 3) | (1u << 4) |
                                   (1u << 5) | (1u << 6) | (1u << kGreek);

// Letters only some of the Latin-script languages use; a word with one gives each of them
// kUnit/k (once per letter and word).
struct Marker {
  uint32_t cp;
  const char* codes;
};
constexpr Marker kMarkers[] = {
    {0x00F1, "es"},          {0x00BF, "es"},          {0x00A1, "es"},
    {0x00E3, "pt"},          {0x00F5, "pt"},          {0x00E7, "pt fr ca tr"},
    {0x00DF, "de"},          {0x00E4, "de sv fi"},    {0x00F6, "de sv fi hu tr"},
    {0x00FC, "de hu tr"},    {0x00E5, "sv da nb"},    {0x00E6, "da nb"},
    {0x00F8, "da nb"},       {0x0142, "pl"},          {0x0105, "pl"},
    {0x0119, "pl"},          {0x015B, "pl"},          {0x017A, "pl"},
    {0x017C, "pl"},          {0x0144, "pl"},          {0x0107, "pl"},
    {0x0159, "cs"},          {0x016F, "cs"},          {0x011B, "cs"},
    {0x010D, "cs"},          {0x0161, "cs"},          {0x017E, "cs"},
    {0x00FD, "cs"},          {0x0131, "tr"},          {0x011F, "tr"},
    {0x015F, "tr ro"},       {0x0219, "ro"},          {0x021B, "ro"},
    {0x0103, "ro"},          {0x0151, "hu"},          {0x0171, "hu"},
    {0x00E8, "it fr ca"},    {0x00EC, "it"},          {0x00F2, "it ca"},
    {0x00F9, "it fr"},       {0x00E0, "it fr ca pt"}, {0x00E2, "fr pt ro"},
    {0x00EA, "fr pt"},       {0x00F4, "fr pt"},       {0x00EE, "fr ro"},
    {0x00FB, "fr"},          {0x00EB, "fr nl"},       {0x00EF, "fr nl ca"},
    {0x0153, "fr"},          {0x00E9, "fr es pt it ca hu cs"},
    {0x00ED, "es pt ca hu cs"}, {0x00F3, "es pt ca hu pl"}, {0x00FA, "es pt hu cs"},
    {0x00E1, "es pt hu cs"},
};

// Word endings only one language writes.
struct Ending {
  std::string_view suffix;
  int language;
};
constexpr Ending kEndings[] = {{"ção", 2}, {"ções", 2}, {"ões", 2}, {"ción", 1},
                               {"zione", 5}, {"zioni", 5}, {"heid", 6}, {"lijk", 6},
                               {"ung", 4}, {"keit", 4}, {"ness", 0}, {"ing", 0},
                               {"iamo", 5}};

uint32_t decode(std::string_view s, size_t i, size_t* len) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) { *len = 1; return c; }
  const size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  if (i + n > s.size()) { *len = 1; return 0xFFFD; }
  uint32_t cp = c & (0xFF >> (n + 1));
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *len = n;
  return cp;
}

// Writes cp as UTF-8 at out + n; returns the new length.
size_t encode(uint32_t cp, char* out, size_t n) {
  if (cp < 0x80) {
    out[n++] = static_cast<char>(cp);
  } else if (cp < 0x800) {
    out[n++] = static_cast<char>(0xC0 | (cp >> 6));
    out[n++] = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out[n++] = static_cast<char>(0xE0 | (cp >> 12));
    out[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[n++] = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out[n++] = static_cast<char>(0xF0 | (cp >> 18));
    out[n++] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[n++] = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return n;
}

// Lowercase for the letters the word lists use: ASCII, Latin-1, Latin Extended-A, Greek.
uint32_t fold(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp >= 0x100 && cp <= 0x17F) {
    const bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    if (odd_upper ? (cp & 1) : !(cp & 1)) return cp == 0x130 ? 'i' : cp + 1;
    return cp;
  }
  if (cp == 0x218 || cp == 0x21A) return cp + 1;  // Ș Ț
  if (cp >= 0x391 && cp <= 0x3A9) return cp + 32;
  switch (cp) {
    case 0x386: return 0x3AC;
    case 0x388: return 0x3AD;
    case 0x389: return 0x3AE;
    case 0x38A: return 0x3AF;
    case 0x38C: return 0x3CC;
    case 0x38E: return 0x3CD;
    case 0x38F: return 0x3CE;
    default: return cp;
  }
}

// Punctuation that the token pass leaves inside words ("¿alguien", "«oui»").
bool is_punct(uint32_t cp) {
  return (cp >= 0xA1 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || cp == '\'';
}

// The word table: 64-bit FNV-1a of a word -> what it is evidence of. Built once.
struct Entry {
  uint64_t hash = 0;
  uint32_t detect = 0;  // function word of these languages
  uint32_t voice[3] = {};
};

class Table {
 public:
  Table() {
    for (int l = 0; l < kDetected; ++l)
      each_word(kFunctionWords[l], [&](std::string_view w) { slot(w).detect |= 1u << l; });
    for (const VoiceWords& v : kVoice)
      for (int k = 0; k < 3; ++k)
        each_word(v.words[k], [&](std::string_view w) {
          Entry& e = slot(w);
          e.voice[k] |= 1u << v.language;
          // Voice words are frequent words of their language: evidence for the detector too.
          if (v.language < kDetected) e.detect |= 1u << v.language;
        });
    for (const Marker& m : kMarkers) {
      uint32_t mask = 0;
      each_word(m.codes, [&](std::string_view c) { mask |= 1u << word_language_index(c); });
      markers_.push_back({m.cp, mask});
    }
  }
  const Entry* find(std::string_view w) const {
    const uint64_t h = fnv1a(w) | 1;
    for (size_t i = h & kMask;; i = (i + 1) & kMask) {
      if (slots_[i].hash == h) return &slots_[i];
      if (slots_[i].hash == 0) return nullptr;
    }
  }
  uint32_t marker(uint32_t cp) const {
    for (const auto& [c, mask] : markers_)
      if (c == cp) return mask;
    return 0;
  }

 private:
  static constexpr size_t kSlots = 4096;  // a power of two, well above the ~1,100 words
  static constexpr size_t kMask = kSlots - 1;
  template <class F>
  static void each_word(const char* list, F f) {
    std::string_view s(list);
    size_t i = 0;
    while (i < s.size()) {
      size_t j = s.find(' ', i);
      if (j == std::string_view::npos) j = s.size();
      if (j > i) f(s.substr(i, j - i));
      i = j + 1;
    }
  }
  Entry& slot(std::string_view w) {
    const uint64_t h = fnv1a(w) | 1;
    for (size_t i = h & kMask;; i = (i + 1) & kMask) {
      if (slots_[i].hash == h) return slots_[i];
      if (slots_[i].hash == 0) {
        slots_[i].hash = h;
        return slots_[i];
      }
    }
  }
  std::unique_ptr<Entry[]> slots_{new Entry[kSlots]};
  std::vector<std::pair<uint32_t, uint32_t>> markers_;
};

const Table& table() {
  static const Table* t = new Table();
  return *t;
}

int popcount(uint32_t x) {
  int n = 0;
  for (; x; x &= x - 1) ++n;
  return n;
}

void add_share(uint32_t mask, int32_t* score) {
  mask &= (1u << kDetected) - 1;
  const int k = popcount(mask);
  if (k == 0) return;
  const int32_t share = kUnit / k;
  for (; mask; mask &= mask - 1) score[__builtin_ctz(mask)] += share;
}

enum Script { kLatin, kGreekScript, kCyrillic, kArabic, kHebrew, kHan, kKana, kHangul, kThai,
              kDevanagari, kArmenian, kGeorgian, kScripts };

int script_of(uint32_t cp) {
  if (cp < 0x80) return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? kLatin : -1;
  if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x1E00 && cp <= 0x1EFF)) return kLatin;
  if ((cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x1F00 && cp <= 0x1FFF)) return kGreekScript;
  if (cp >= 0x400 && cp <= 0x4FF) return kCyrillic;
  if (cp >= 0x530 && cp <= 0x58F) return kArmenian;
  if (cp >= 0x590 && cp <= 0x5FF) return kHebrew;
  if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
      (cp >= 0xFE70 && cp <= 0xFEFF))
    return kArabic;
  if (cp >= 0x900 && cp <= 0x97F) return kDevanagari;
  if (cp >= 0xE00 && cp <= 0xE7F) return kThai;
  if (cp >= 0x10A0 && cp <= 0x10FF) return kGeorgian;
  if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0xAC00 && cp <= 0xD7AF)) return kHangul;
  if (cp >= 0x3040 && cp <= 0x30FF) return kKana;
  if ((cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF)) return kHan;
  return -1;
}

bool ends_with(std::string_view w, std::string_view s) {
  return w.size() > s.size() && w.back() == s.back() &&
         w.compare(w.size() - s.size(), s.size(), s) == 0;
}

}  // namespace

std::string normalize_tag(std::string_view tag) {
  if (tag.size() < 2) return "";
  if (tag.size() > 2 && tag[2] != '-' && tag[2] != '_') return "";
  std::string code;
  for (int i = 0; i < 2; ++i) {
    const unsigned char c = static_cast<unsigned char>(tag[i]);
    if (!is_ascii_alpha(c)) return "";
    code += static_cast<char>(c | 0x20);
  }
  if (code == "iw") return "he";
  if (code == "in") return "id";
  if (code == "ji") return "yi";
  return code;
}

const char* word_language_code(int index) {
  return index >= 0 && index < kWordLanguages ? kCodes[index] : "";
}

int word_language_index(std::string_view code) {
  for (int i = 0; i < kWordLanguages; ++i)
    if (code == kCodes[i]) return i;
  return -1;
}

bool voice_covered(std::string_view code) {
  const int i = word_language_index(code);
  return i >= 0 && (kVoiceCovered & (1u << i));
}

void prepare() { table(); }

void add_word(std::string_view word, Evidence* e) {
  ++e->words;
  if (word.size() > 32) return;  // longer than any listed word
  // Fold and trim punctuation only when the word is not plain lowercase ASCII.
  char folded[4 * 32];
  bool plain = true;
  for (char c : word) plain = plain && static_cast<unsigned char>(c) < 0x80;
  if (!plain) {
    size_t n = 0;
    for (size_t i = 0; i < word.size();) {
      size_t len;
      const uint32_t cp = decode(word, i, &len);
      i += len;
      if (is_punct(cp) && cp != '\'') continue;
      n = encode(fold(cp), folded, n);
    }
    word = std::string_view(folded, n);
  }
  const Table& t = table();
  uint32_t detect = 0, voice[3] = {0, 0, 0};
  auto look = [&](std::string_view w) {
    if (const Entry* entry = t.find(w)) {
      detect |= entry->detect;
      for (int k = 0; k < 3; ++k) voice[k] |= entry->voice[k];
    }
  };
  look(word);
  const size_t apostrophe = word.find('\'');
  if (apostrophe != std::string_view::npos && apostrophe > 0 && apostrophe + 1 < word.size()) {
    look(word.substr(0, apostrophe + 1));  // "j'", "l'", "dell'"
    look(word.substr(apostrophe));         // "'s", "'ll"
  }
  if (!detect && word.size() >= 5) {
    for (const Ending& end : kEndings)
      if (ends_with(word, end.suffix)) detect |= 1u << end.language;
  }
  if (detect) {
    ++e->hits;
    add_share(detect, e->score);
  }
  e->first_singular |= voice[0];
  e->first_plural |= voice[1];
  e->second |= voice[2];
}

std::string_view detect(std::string_view text, const Evidence& evidence) {
  int letters[kScripts] = {};
  bool cyr_uk = false, cyr_sr = false, cyr_mk = false, cyr_ru = false, cyr_bg = false;
  bool arabic_fa = false, arabic_ur = false;
  int32_t score[kWordLanguages];
  for (int l = 0; l < kWordLanguages; ++l) score[l] = evidence.score[l];
  const Table& t = table();
  // Letters that mark languages count once per word.
  uint32_t seen[8];
  int seen_n = 0;
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {  // ASCII: a Latin letter, or a word's end
      ++i;
      if (c == ' ') seen_n = 0;
      else letters[kLatin] += is_ascii_alpha(c);
      continue;
    }
    size_t len;
    const uint32_t cp = fold(decode(text, i, &len));
    i += len;
    const int s = script_of(cp);
    if (s >= 0) ++letters[s];
    if (s == kCyrillic) {
      cyr_uk = cyr_uk || cp == 0x456 || cp == 0x457 || cp == 0x454 || cp == 0x491 || cp == 0x406 || cp == 0x407 || cp == 0x404;
      cyr_sr = cyr_sr || cp == 0x452 || cp == 0x458 || cp == 0x459 || cp == 0x45A || cp == 0x45B || cp == 0x45F;
      cyr_mk = cyr_mk || cp == 0x453 || cp == 0x45C || cp == 0x455;
      cyr_ru = cyr_ru || cp == 0x44B || cp == 0x44D || cp == 0x451 || cp == 0x42B || cp == 0x42D;
      cyr_bg = cyr_bg || cp == 0x44A;
    } else if (s == kArabic) {
      arabic_fa = arabic_fa || cp == 0x67E || cp == 0x686 || cp == 0x698 || cp == 0x6AF || cp == 0x6CC || cp == 0x6A9;
      arabic_ur = arabic_ur || cp == 0x679 || cp == 0x688 || cp == 0x691 || cp == 0x6BA || cp == 0x6D2;
    }
    const uint32_t mask = t.marker(cp);
    if (!mask) continue;
    bool again = false;
    for (int k = 0; k < seen_n; ++k) again = again || seen[k] == cp;
    if (again) continue;
    if (seen_n < 8) seen[seen_n++] = cp;
    add_share(mask, score);
  }
  // A script other than Latin, when it has more letters than Latin.
  int best_script = -1;
  for (int s = kGreekScript; s < kScripts; ++s)
    if (best_script < 0 || letters[s] > letters[best_script]) best_script = s;
  const int other = letters[best_script];
  const bool ideographic = best_script == kHan || best_script == kKana || best_script == kHangul;
  if (other > letters[kLatin] && other >= (ideographic ? 2 : 3)) {
    switch (best_script) {
      case kGreekScript: return "el";
      case kCyrillic:
        if (cyr_uk) return "uk";
        if (cyr_sr) return "sr";
        if (cyr_mk) return "mk";
        if (cyr_bg && !cyr_ru) return "bg";
        return "ru";
      case kArabic: return arabic_ur ? "ur" : arabic_fa ? "fa" : "ar";
      case kHebrew: return "he";
      case kHan: return letters[kKana] > 0 ? "ja" : "zh";
      case kKana: return "ja";
      case kHangul: return "ko";
      case kThai: return "th";
      case kDevanagari: return "hi";
      case kArmenian: return "hy";
      case kGeorgian: return "ka";
      default: return "";
    }
  }
  // Latin: enough words and letters, and a clear lead.
  if (evidence.words < 2 || letters[kLatin] < 6) return "";
  int best = 0, second = -1;
  for (int l = 1; l < kDetected; ++l) {
    if (score[l] > score[best]) {
      second = best;
      best = l;
    } else if (second < 0 || score[l] > score[second]) {
      second = l;
    }
  }
  const int32_t lead = score[best] - score[second];
  if (score[best] < kUnit || lead < kUnit * 3 / 4) return "";
  return kCodes[best];
}

}  // namespace notwork::lang

namespace notwork {
std::string normalize_lang(std::string_view tag) { return lang::normalize_tag(tag); }
}  // namespace notwork
