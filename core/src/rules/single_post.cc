// Shape facts of a single post (single_post.h).
#include "single_post.h"

#include <string_view>
#include <vector>

#include "util.h"

namespace notwork::rules {

namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// The text without its trailing links, hashtags, ellipses and whitespace.
std::string_view without_trailing_links(const Features& f) {
  std::string_view s(f.text);
  for (int guard = 0; guard < 16; ++guard) {
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    size_t start = s.size();
    while (start > 0 && !is_space(s[start - 1])) --start;
    const std::string_view tok = s.substr(start);
    if (tok.empty()) break;
    // Links with a scheme, "www." or a path; a bare domain ("skift.com") may be the source.
    bool link = tok[0] == '#' || tok == "…" || tok == "..." || tok.find("://") != std::string_view::npos ||
                tok.compare(0, 4, "www.") == 0;
    for (const Link& l : f.links)
      link = link || (l.url.find('/') != std::string::npos && tok.find(l.url) != std::string_view::npos);
    if (!link) break;
    s = s.substr(0, start);
  }
  return s;
}

int count_words(std::string_view s) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    const bool w = !is_space(c);
    if (w && !in) ++n;
    in = w;
  }
  return n;
}

// Words that may be lowercase inside an outlet's name ("Communications of the ACM").
bool connector(std::string_view w) {
  static constexpr std::string_view kWords[] = {"of", "the", "and", "&", "for", "on", "de", "di",
                                                "del", "la", "le", "el", "da", "do", "der", "des",
                                                "du", "y", "e", "et", "und", "in", "at", "-"};
  for (std::string_view k : kWords)
    if (w == k) return true;
  return false;
}

bool source_like(std::string_view tail) {
  while (!tail.empty() && (tail.back() == ')' || tail.back() == ':' || is_space(tail.back()))) tail.remove_suffix(1);
  if (tail.empty() || tail.size() > 40) return false;
  const int words = count_words(tail);
  if (words < 1 || words > 5) return false;
  const bool domain = words == 1 && tail.find('.') != std::string_view::npos && tail.find('.') + 1 < tail.size();
  if (domain) return true;
  for (char c : tail)
    if (c == '!' || c == '?' || c == ',' || c == '"') return false;
  if (tail.back() == '.') return false;
  // Every word capitalised (or a handle, a number, a connector).
  size_t i = 0;
  int capitalised = 0;
  while (i < tail.size()) {
    while (i < tail.size() && is_space(tail[i])) ++i;
    size_t j = i;
    while (j < tail.size() && !is_space(tail[j])) ++j;
    if (j == i) break;
    const std::string_view w = tail.substr(i, j - i);
    const unsigned char c = static_cast<unsigned char>(w[0]);
    if ((c >= 'A' && c <= 'Z') || c == '@' || is_ascii_digit(c)) ++capitalised;
    else if (!connector(w)) return false;
    i = j;
  }
  return capitalised > 0;
}

}  // namespace

bool headline_source(const Features& f, std::string* source) {
  const std::string_view s = without_trailing_links(f);
  if (s.size() < 12) return false;
  static constexpr std::string_view kSeparators[] = {" | ", " - ", " – ", " — ", " :: ", " » ", " // ",
                                                     " via ", " (via ", " Via ", " VIA "};
  // The last separator in the text: one backward scan (every separator starts with a space,
  // and no two can start at the same place), not one search of the whole text per separator.
  size_t best = std::string_view::npos, best_len = 0;
  for (size_t i = s.size(); i-- > 0 && best == std::string_view::npos;) {
    if (s[i] != ' ') continue;
    const std::string_view rest = s.substr(i);
    for (std::string_view sep : kSeparators)
      if (rest.size() >= sep.size() && rest.compare(0, sep.size(), sep) == 0) {
        best = i;
        best_len = sep.size();
        break;
      }
  }
  if (best == std::string_view::npos || best == 0) return false;
  const std::string_view title = s.substr(0, best);
  const std::string_view tail = s.substr(best + best_len);
  if (count_words(title) < 3 || !source_like(tail)) return false;
  if (source) *source = std::string(tail.substr(0, tail.find(')')));
  return true;
}

bool headline_case(const Features& f) {
  const std::string_view s = without_trailing_links(f);
  int long_words = 0, capitalised = 0;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    size_t j = i;
    while (j < s.size() && !is_space(s[j])) ++j;
    const std::string_view w = s.substr(i, j - i);
    i = j;
    if (w.empty() || w[0] == '@' || w[0] == '#') continue;
    size_t letters = 0;
    for (char c : w) letters += is_ascii_alpha(static_cast<unsigned char>(c));
    if (letters < 4) continue;
    ++long_words;
    size_t k = 0;
    while (k < w.size() && !is_ascii_alpha(static_cast<unsigned char>(w[k]))) ++k;
    if (k < w.size() && w[k] >= 'A' && w[k] <= 'Z') ++capitalised;
  }
  return capitalised >= 3 && capitalised * 10 >= long_words * 8 && f.caps_ratio < 0.7;
}

int leading_mentions(const Features& f, std::string* handles) {
  const std::string& t = f.text;
  size_t i = 0;
  int n = 0;
  while (i < t.size()) {
    while (i < t.size() && (is_space(t[i]) || t[i] == '.')) ++i;
    if (i >= t.size() || t[i] != '@') break;
    size_t j = i + 1;
    while (j < t.size() && (is_ascii_alnum(static_cast<unsigned char>(t[j])) || t[j] == '_')) ++j;
    if (j == i + 1) break;
    if (handles) *handles += " " + ascii_lower(std::string_view(t).substr(i + 1, j - i - 1)) + " ";
    ++n;
    i = j;
    while (i < t.size() && (t[i] == ',' || t[i] == ':')) ++i;
  }
  return n;
}

bool comment_before_retweet(const Features& f) {
  if (f.retweet) return false;  // "RT @a: RT @b: …": the words are the re-shared post's
  const std::string& t = f.text;
  // "… RT @x: …", and the quoted re-shares "… “@x: …”" and "… \"@x: …\"".
  size_t at = std::string::npos;
  for (const char* mark : {"RT @", "RT@", "RT: @", "“@", "\"@"}) {
    for (size_t k = t.find(mark); k != std::string::npos; k = t.find(mark, k + 1)) {
      if (k == 0 || is_ascii_alnum(static_cast<unsigned char>(t[k - 1]))) continue;
      if (at == std::string::npos || k < at) at = k;
      break;
    }
  }
  if (at != std::string::npos) {
    // Some words of one's own before it (not only mentions or a link).
    int words = 0;
    size_t i = 0;
    while (i < at) {
      while (i < at && is_space(t[i])) ++i;
      size_t j = i;
      while (j < at && !is_space(t[j])) ++j;
      if (j > i && t[i] != '@' && t[i] != '#' && t.compare(i, 4, "http") != 0 && t.compare(i, 2, "RT") != 0) ++words;
      i = j;
    }
    return words >= 1;
  }
  return false;
}

}  // namespace notwork::rules
