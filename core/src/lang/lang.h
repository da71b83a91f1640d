// Languages: the post's language tag, a small detector for when the page does not say, and
// the voice words (first and second person) of the languages they are written for
// (docs/languages.md).
//
// The detector reads the words a post's author wrote (Features::own_words):
//  - a script other than Latin names its language (Greek el, Hangul ko, kana ja, Han zh,
//    Cyrillic ru/uk/bg/sr/mk by their letters, Arabic ar/fa/ur, Hebrew he, Thai th,
//    Devanagari hi, Armenian hy, Georgian ka);
//  - Latin script is told by function words (core/src/lang/words/<lang>.inc, one file per
//    language) and letters only some languages use (ñ, ã, ß, ł, ő, ...). A word or letter
//    shared by k languages gives each of them 1/k. The best language must lead by a margin,
//    or the answer is "unknown" (""): a short or mixed post is not guessed.
// Everything is integer arithmetic over fixed tables: the same answer natively and in wasm.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace notwork::lang {

// "en", "EN", "en-US", "pt_BR", "zh-Hant" -> "en", "en", "en", "pt", "zh"; the deprecated
// "iw", "in", "ji" -> "he", "id", "yi"; anything else ("und", "qme", "eng", "") -> "".
std::string normalize_tag(std::string_view tag);

// Languages with word evidence: the Latin-script languages the detector tells apart, then
// Greek (script-detected; voice words only).
constexpr int kWordLanguages = 19;
const char* word_language_code(int index);
int word_language_index(std::string_view code);  // -1 when it has no word tables

// What the token pass collects, word by word, for the detector and the voice.
struct Evidence {
  int32_t score[kWordLanguages] = {};  // function-word evidence (fixed point, kUnit per word)
  uint32_t first_singular = 0;         // bit i: a first-person singular word of language i
  uint32_t first_plural = 0;
  uint32_t second = 0;
  int words = 0;                       // words seen
  int hits = 0;                        // words that are some language's function word
};
constexpr int32_t kUnit = 840;  // divisible by 1..8: a word shared by k languages gives kUnit/k

// One word of the author's own, lowercased in ASCII (as the token pass writes it); non-ASCII
// capitals of Latin-1 and Greek are folded here.
void add_word(std::string_view word, Evidence* evidence);

// The language of `own_words` (lowercased, without links, mentions and hashtags) given the
// word evidence: an ISO 639-1 code, or "" when it cannot be told.
std::string_view detect(std::string_view own_words, const Evidence& evidence);

// Whether `code`'s voice words are known (en, es, pt, fr, de, it, nl, el).
bool voice_covered(std::string_view code);

// Builds the word table now rather than on the first post (notwork::prepare_step()).
void prepare();

}  // namespace notwork::lang
