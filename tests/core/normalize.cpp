// The text normaliser (notwork/normalize.h): folds, removals, and its stated invariants.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "helpers.h"
#include "notwork/features.h"
#include "notwork/normalize.h"

using notwork::normalize_text;

TEST_CASE("normalize: full-width, mathematical and enclosed letters read as ASCII", "[normalize]") {
  CHECK(normalize_text("ｈｔｔｐ：／／ｅｘａｍｐｌｅ．ｃｏｍ") == "http://example.com");
  CHECK(normalize_text("𝐜𝐡𝐞𝐜𝐤 𝐨𝐮𝐭 my 𝘤𝘩𝘢𝘯𝘯𝘦𝘭") == "check out my channel");
  CHECK(normalize_text("𝕗𝕣𝕖𝕖 𝙼𝙾𝙽𝙴𝚈 𝓌𝒾𝓃 𝔣𝔯𝔢𝔢") == "free MONEY win free");
  CHECK(normalize_text("ℎ𝑜𝑤") == "how");  // italic h lives among the letterlike symbols
  CHECK(normalize_text("ⓒⓗⓔⓒⓚ 🅵🆁🅴🅴 ⒡⒭⒠⒠") == "check FREE free");
  CHECK(normalize_text("ꜰᴏʟʟᴏᴡ ᴍᴇ") == "FOLLOW ME");
  CHECK(normalize_text("𝟏𝟎𝟎% ﬁne ﬂower") == "100% fine flower");
  CHECK(normalize_text("m² and H₂O") == "m2 and H2O");
  CHECK(normalize_text("a\u00a0b\u2009c\u3000d") == "a b c d");
}

TEST_CASE("normalize: invisible characters are removed", "[normalize]") {
  CHECK(normalize_text("che\u200bck out") == "check out");
  CHECK(normalize_text("sub\u00adscribe") == "subscribe");
  CHECK(normalize_text("\ufeffvi\u2060sit my\u200d site") == "visit my site");
  CHECK(normalize_text("c\u0336h\u0336e\u0336a\u0336p\u0336") == "cheap");  // strike-through text
  // A joiner that shapes an emoji sequence or another script stays.
  CHECK(normalize_text("👨\u200d👩\u200d👧") == "👨\u200d👩\u200d👧");
  CHECK(normalize_text("می\u200cخواهم") == "می\u200cخواهم");
}

TEST_CASE("normalize: look-alike letters are folded only inside Latin words", "[normalize]") {
  // "сheck" with a Cyrillic с, "Frее" with Cyrillic е, "Ρrizе" with Greek Ρ and Cyrillic е.
  CHECK(normalize_text("\u0441heck out my Fr\u0435\u0435 \u03A1riz\u0435") == "check out my Free Prize");
  // Russian and Greek words keep their letters.
  CHECK(normalize_text("Привет, как дела? Καλημέρα σας") == "Привет, как дела? Καλημέρα σας");
  CHECK(normalize_text("сор") == "сор");  // all look-alikes, no Latin letter: left alone
}

TEST_CASE("normalize: combining accents compose with Latin letters", "[normalize]") {
  CHECK(normalize_text("cafe\u0301 na\u0303o sehr scho\u0308n") == "café não sehr schön");
  CHECK(normalize_text("ç and c\u0327") == "ç and ç");
  CHECK(normalize_text("x\u0301") == "x\u0301");  // nothing to compose with: kept
}

TEST_CASE("normalize: invariants", "[normalize]") {
  const std::vector<std::string> samples = {
      "plain ascii text, http://example.com/a?b=c",
      "ｈｔｔｐ：／／ｅｘａｍｐｌｅ．ｃｏｍ",
      "𝐜𝐡𝐞𝐜𝐤 𝐨𝐮𝐭 \u0441heck che\u200bck",
      "Привет Καλημέρα Բարեւ שלום مرحبا こんにちは 你好",
      "ﬃ ﬄ Ĳ ½ ¼ № ™ ℡",
      "e\u0301\u200b\u200d\u0336x",
      "\xff\xfe broken \xc3 utf8 \xe2\x82",
      "emoji 😀\ufe0f 👍🏽 🇮🇹",
      "🅰🅱🅾🅿 ①②③ ⓪",
      // Found by fuzzing: a look-alike takes its accent only once folded; a joiner after a
      // look-alike in a Latin word; a removal between two bytes that are not UTF-8.
      "ｈ\u0435\u0301\u200d\u0301\u039f\u0441",
      "h\u0435\u200d",
      "ꜰ\xce\u2060\x9f",
  };
  for (const std::string& s : samples) {
    const std::string once = normalize_text(s);
    CAPTURE(s, once);
    CHECK(once.size() <= s.size());          // never longer
    CHECK(normalize_text(once) == once);     // idempotent
  }
  const std::string ascii = "Nothing to do here: http://x.com/?q=1 #tag @you";
  CHECK(normalize_text(ascii) == ascii);
  CHECK(normalize_text("ｈ\u0435\u0301llo") == "héllo");
  // Bytes that are not UTF-8 pass through untouched.
  CHECK(normalize_text("\xff\xfe ok") == "\xff\xfe ok");
}

TEST_CASE("normalize: stats and folded spans", "[normalize]") {
  notwork::NormalizeStats stats;
  std::vector<notwork::FoldedSpan> spans;
  std::string out;
  normalize_text("go ｈｅｒｅ and che\u200bck \u0441at", &out, &stats, &spans);
  CHECK(out == "go here and check cat");
  CHECK(stats.folded == 4);
  CHECK(stats.invisible == 1);
  CHECK(stats.hidden == 1);
  CHECK(stats.confusables == 1);
  REQUIRE(spans.size() == 3);
  CHECK(out.substr(spans[0].begin, spans[0].end - spans[0].begin) == "here");
  CHECK(out.substr(spans[1].begin, spans[1].end - spans[1].begin) == "check");
  CHECK(out.substr(spans[2].begin, spans[2].end - spans[2].begin) == "cat");
  // Bounded: a text with very many changes keeps at most kMaxFoldedSpans spans.
  std::string many;
  for (int i = 0; i < 200; ++i) many += "ａ ";
  normalize_text(many, &out, &stats, &spans);
  CHECK(spans.size() <= notwork::kMaxFoldedSpans);
  CHECK(spans.back().end == out.size() - 1);
}

TEST_CASE("features: the lexicons read the normalised text, links written in disguise are obfuscated",
          "[normalize][features]") {
  auto f = notwork::extract_features(test::post("ｃｈｅｃｋ ｏｕｔ ｈｔｔｐ：／／ｓｐａｍ．ｅｘａｍｐｌｅ／ｘ"));
  CHECK(f.text == "check out http://spam.example/x");
  CHECK(f.own_words == "check out");
  REQUIRE(f.links.size() == 1);
  CHECK(f.links[0].host == "spam.example");
  CHECK(f.links[0].obfuscated);
  CHECK(f.disguised_links == 1);
  CHECK(f.folded_chars > 20);
  auto g = notwork::extract_features(test::post("Visit my-sh\u200bop.com today"));
  REQUIRE(g.links.size() == 1);
  CHECK(g.links[0].domain == "my-shop.com");
  CHECK(g.links[0].obfuscated);
  CHECK(g.invisible_chars == 1);
  // A plain link after fancy words is not disguised.
  auto h = notwork::extract_features(test::post("𝐠𝐫𝐞𝐚𝐭 read https://example.org/a"));
  REQUIRE(h.links.size() == 1);
  CHECK_FALSE(h.links[0].obfuscated);
  CHECK(h.disguised_links == 0);
  CHECK(h.own_words == "great read");
}

TEST_CASE("normalize: invariants hold on random mixes of the characters it touches", "[normalize]") {
  // Deterministic (fixed seed, own generator): the same 20,000 texts on every run.
  const char* pieces[] = {"a", "Z", "1", " ", ".", "/", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad",
                          "\u00a0", "\u0301", "\u0308", "\u0327", "\u0336", "ｈ", "Ａ", "．", "𝐜", "ℎ",
                          "ⓐ", "🅰", "ﬃ", "ꜰ", "²", "с", "е", "У", "Ο", "ο", "é", "中", "٠", "😀",
                          "\xff", "\xc3", "\x80", "\xe2\x82", "\xf0\x9f", "\xe0\xa0"};
  const size_t n = sizeof(pieces) / sizeof(pieces[0]);
  uint64_t state = 0x9E3779B97F4A7C15ULL;
  auto next = [&state]() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  std::string out, again;
  std::vector<notwork::FoldedSpan> spans;
  notwork::NormalizeStats stats;
  int failures = 0;
  for (int iter = 0; iter < 20000 && failures < 3; ++iter) {
    std::string s;
    const size_t len = next() % 40;
    for (size_t k = 0; k < len; ++k) s += pieces[next() % n];
    normalize_text(s, &out, &stats, &spans);
    normalize_text(out, &again);
    bool ok = out.size() <= s.size() && again == out;
    for (const auto& sp : spans) ok = ok && sp.begin <= sp.end && sp.end <= out.size();
    if (!ok) {
      ++failures;
      CAPTURE(s, out, again);
      CHECK(ok);
    }
  }
  CHECK(failures == 0);
}
