// Text normalisation before any lexicon: an NFKC-style fold of the characters spam uses to
// dodge word lists, so "ｈｔｔｐ", "𝐜𝐡𝐞𝐜𝐤 𝐨𝐮𝐭", "ⓒⓗⓔⓒⓚ", "che\u200bck out" and "сheck" (a
// Cyrillic с) all read as plain "http", "check out", "check".
//
// What it does (tables in core/src/normalize.cc):
//  1. Compatibility folds to ASCII: full-width forms (U+FF01–FF5E) and the ideographic
//     space; mathematical alphanumerics (bold, italic, script, fraktur, double-struck,
//     sans-serif, monospace: U+1D400–1D7FF) and their letterlike-symbol holes (ℎ, ℬ, ℂ, …);
//     circled, parenthesised, squared letters (ⓐ, ⒜, 🄰, 🅐, 🅰); small capitals (ᴀ ʙ ᴄ …);
//     Latin ligatures (ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ); super- and subscript digits; Unicode spaces
//     (NBSP, U+2000–200A, U+202F, U+205F) to an ASCII space.
//  2. Invisible characters removed: soft hyphen, zero-width space, word joiner, BOM,
//     invisible operators, bidi controls, combining grapheme joiner, Mongolian vowel
//     separator; zero-width (non-)joiners after ASCII (kept after other scripts and
//     emoji, where they shape the text); decorative strike/underline overlays (U+0332–0338).
//  3. Canonical composition of a Latin vowel, c, n or y followed by a combining grave,
//     acute, circumflex, tilde, diaeresis, ring or cedilla ("e\u0301" -> "é"), so the
//     es/pt/fr/de/it lexicons see the letters they list.
//  4. Confusables: Cyrillic, Greek and Armenian look-alikes of Latin letters are folded
//     to Latin, but ONLY inside a word that also has an ASCII letter (after step 1).
//
// Invariants (tests/core/normalize.cpp):
//  - The output is never longer than the input (every fold maps to at most as many bytes).
//  - Pure ASCII input is returned unchanged (and quickly: one scan, one copy).
//  - Valid UTF-8 in, valid UTF-8 out; bytes that are not valid UTF-8 are copied unchanged.
//  - Idempotent: normalising the output again changes nothing.
//  - A word without ASCII letters keeps its letters: Greek, Russian, Armenian text is not
//    rewritten (only spaces, invisibles and compatibility forms inside it are).
//  - Case is kept (the rules that look for capitalised names still can).
//  - Linear in the input, no allocation beyond *out and the bounded list of spans.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace notwork {

// What the fold changed in one text.
struct NormalizeStats {
  int folded = 0;       // compatibility characters folded (full-width, fancy letters, …)
  int confusables = 0;  // look-alike letters folded inside Latin words
  int invisible = 0;    // invisible characters removed (zero-width, soft hyphen, bidi, …)
  int hidden = 0;       // … of which inside a word (joining its parts: "che\u200bck")
  bool changed() const { return folded + confusables + invisible > 0; }
};

// A range of the OUTPUT [begin, end) where something was folded or removed (a removal
// inside a word marks the word; elsewhere it is an empty range at its position).
struct FoldedSpan {
  uint32_t begin = 0, end = 0;
};
// At most this many spans are kept; later changes widen the last span (over-marking,
// never missing a change).
constexpr size_t kMaxFoldedSpans = 32;

// Normalises `in` into *out (its buffer is reused). `stats` and `spans` may be null.
void normalize_text(std::string_view in, std::string* out, NormalizeStats* stats = nullptr,
                    std::vector<FoldedSpan>* spans = nullptr);
std::string normalize_text(std::string_view in);

}  // namespace notwork
