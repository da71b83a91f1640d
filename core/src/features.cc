// Feature extraction: one RE2 scan for links (plain, bare-domain and obfuscated), one
// character pass for tokens, mentions, hashtags, emoji, voice and the post's skeleton.
#include "notwork/features.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "lang/lang.h"
#include "notwork/normalize.h"
#include "util.h"

namespace notwork {

namespace {

// The kinds of link in a text, in priority order (the first that matches at a position
// wins): a scheme or www URL; an obfuscated domain ("example . com", "youtube[.]com",
// "example dot com"); a bare domain with an optional path ("murdev.com/x"); a YouTube
// video reference without host ("watch?v=...").
enum LinkKind { kUrl, kObfuscated, kBare, kWatch, kLinkKinds };
const char* const kLinkKinds_[kLinkKinds] = {
    R"((?:https?://|www\.)[^\s<>"'{}|\\^`\[\]]+)",
    R"(\b[a-z0-9][a-z0-9-]+(?:\s*(?:\[\.\]|\(\.\)|\[dot\]|\(dot\)|\{dot\}|\[\s*\]|\*)\s*|\s+dot\s+|\s+\.\s*|\s*\.\s+)(?:com|net|org|info|biz|ru)\b)",
    R"(\b(?:[a-z0-9][a-z0-9-]*\.)+(?:com|net|org|info|biz|ru|io|me|tv|us|ly|gl|tk|co|de|uk|be|to|fr|es|it|nl|pl|au|ca|jp|br|cn|eu|xyz|online|site|club|shop|blog|app)\b(?:/[^\s<>"']*)?)",
    R"(\bwatch\?v=[A-Za-z0-9_-]{6,})"};

// One regex finds where the next link is (all kinds as alternatives); which kind it is, is
// then the first kind that matches exactly that span (cheaper than capture groups).
struct LinkRegexes {
  std::unique_ptr<RE2> any;
  std::unique_ptr<RE2> kind[kLinkKinds];
};

const LinkRegexes& link_res() {
  static const LinkRegexes* res = [] {
    RE2::Options o;
    o.set_max_mem(8 << 20);
    o.set_case_sensitive(false);
    auto* r = new LinkRegexes();
    std::string any;
    for (int k = 0; k < kLinkKinds; ++k) {
      any += (k ? "|(?:" : "(?:") + std::string(kLinkKinds_[k]) + ")";
      r->kind[k] = std::make_unique<RE2>(kLinkKinds_[k], o);
    }
    r->any = std::make_unique<RE2>(any, o);
    return r;
  }();
  return *res;
}

// Sorted: binary-searched host list of URL shorteners.
constexpr std::string_view kShorteners[] = {
    "adf.ly", "amzn.to", "bit.do", "bit.ly", "bitly.com", "buff.ly", "cli.gs", "cutt.ly",
    "dld.bz", "dlvr.it", "fb.me", "goo.gl", "ht.ly", "ift.tt", "is.gd", "j.mp", "lnkd.in",
    "ow.ly", "po.st", "rebrand.ly", "shar.es", "shorturl.at", "su.pr", "t.co", "t.ly",
    "tiny.cc", "tinyurl.com", "tr.im", "trib.al", "wp.me", "x.co", "youtu.be"};

bool is_shortener(const std::string& host) {
  for (std::string_view s : kShorteners)
    if (host == s) return true;
  return false;
}

// Hosts of the poster's own media (Link::own_media), with the path prefix that marks a
// photo or post of one's own where the host serves other things too ("" = any path).
constexpr struct { std::string_view host, path; } kOwnMedia[] = {
    {"instagr.am", "/p/"}, {"instagram.com", "/p/"}, {"img.ly", ""}, {"lockerz.com", "/s/"},
    {"moby.to", ""}, {"mobypicture.com", ""}, {"myloc.me", ""}, {"pic.gd", ""},
    {"pic.twitter.com", ""}, {"plixi.com", "/p/"}, {"plurk.com", "/p/"}, {"tl.gd", ""},
    {"tweetphoto.com", ""}, {"twitcam.com", ""}, {"twitgoo.com", ""}, {"twitlonger.com", "/show/"},
    {"twitpic.com", ""}, {"twitvid.com", ""}, {"vine.co", "/v/"}, {"yfrog.com", ""},
};

bool is_own_media(const std::string& host, const std::string& path) {
  for (const auto& m : kOwnMedia)
    if (host == m.host && path.compare(0, m.path.size(), m.path) == 0) return true;
  return false;
}

constexpr std::string_view kSecondLevel[] = {"ac", "co", "com", "edu", "gov", "net", "org", "ne", "or"};

std::string host_of(std::string_view url) {
  size_t start = 0;
  size_t scheme = url.find("://");
  if (scheme != std::string_view::npos && scheme < 10) start = scheme + 3;
  size_t end = start;
  while (end < url.size() && url[end] != '/' && url[end] != '?' && url[end] != '#' &&
         url[end] != ':')
    ++end;
  std::string host = ascii_lower(url.substr(start, end - start));
  size_t at = host.rfind('@');
  if (at != std::string::npos) host = host.substr(at + 1);
  while (!host.empty() && (host.back() == '.')) host.pop_back();
  if (host.compare(0, 4, "www.") == 0) host = host.substr(4);
  return host;
}

// "example . com" / "youtube[.]com" / "example dot com" -> "example.com"
std::string deobfuscate(std::string_view s) {
  std::string lower = ascii_lower(s);
  std::string out;
  size_t i = 0;
  // leading label
  while (i < lower.size() && (is_ascii_alnum(lower[i]) || lower[i] == '-')) out += lower[i++];
  // trailing TLD
  size_t j = lower.size();
  while (j > i && is_ascii_alpha(lower[j - 1])) --j;
  out += '.';
  out += lower.substr(j);
  return out;
}

void trim_url(std::string_view* u) {
  while (!u->empty()) {
    char c = u->back();
    if (c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ':' || c == ')' ||
        c == '"' || c == '\'' || c == '*')
      u->remove_suffix(1);
    else
      break;
  }
  // "…" glued to a truncated URL
  while (u->size() >= 3 && u->substr(u->size() - 3) == "…") u->remove_suffix(3);
}

Link make_link(std::string_view url, bool obfuscated, bool bare) {
  Link l;
  l.url = std::string(url);
  l.obfuscated = obfuscated;
  l.bare = bare;
  l.host = obfuscated ? deobfuscate(url) : host_of(url);
  l.domain = registrable_domain(l.host);
  l.shortener = is_shortener(l.host);
  if (!obfuscated) {
    size_t scheme = url.find("://");
    size_t start = scheme == std::string_view::npos ? 0 : scheme + 3;
    size_t slash = url.find_first_of("/?", start);
    if (slash != std::string_view::npos) l.path = std::string(url.substr(slash));
    l.own_media = is_own_media(l.host, l.path);
  }
  return l;
}

uint32_t decode_cp(const std::string& s, size_t i, size_t* len) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) { *len = 1; return c; }
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  if (i + n > s.size()) { *len = 1; return 0xFFFD; }
  uint32_t cp = c & (0xFF >> (n + 1));
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *len = n;
  return cp;
}

bool is_emoji(uint32_t cp) {
  return (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
         (cp >= 0x1F000 && cp <= 0x1F2FF) || cp == 0x2B50 || cp == 0x2764;
}

// "/@kayo/" -> "/@kayo" (lowercased, no query or trailing slash).
std::string page_path(std::string_view path) {
  size_t end = path.find_first_of("?#");
  if (end != std::string_view::npos) path = path.substr(0, end);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  return ascii_lower(path);
}

// Marks the links to the author's own site (Link::own).
NOTWORK_NOINLINE void mark_own_links(const Post& p, std::vector<Link>& links) {
  if (links.empty()) return;
  std::string url_host, url_domain, url_path;
  if (!p.author_url.empty()) {
    std::string_view u(p.author_url);
    size_t s = u.find("://");
    size_t start = s == std::string_view::npos ? 0 : s + 3;
    size_t end = u.find_first_of("/?#:", start);
    url_host = ascii_lower(u.substr(start, end == std::string_view::npos ? u.size() - start : end - start));
    if (url_host.compare(0, 4, "www.") == 0) url_host = url_host.substr(4);
    if (!url_host.empty()) url_domain = registrable_domain(url_host);
    size_t slash = u.find('/', start);
    if (slash != std::string_view::npos) url_path = page_path(u.substr(slash));
  }
  const bool platform = !url_domain.empty() && is_platform(url_domain);
  std::string names[2] = {squeeze(p.author), squeeze(p.author_name)};
  for (Link& l : links) {
    if (l.shortener || l.domain.empty()) continue;
    if (platform) {
      // On a platform only the author's own page is theirs ("youtube.com/@kayo/videos").
      if (l.domain == url_domain && url_path.size() > 1) {
        const std::string path = page_path(l.path);
        if (path.compare(0, url_path.size(), url_path) == 0 &&
            (path.size() == url_path.size() || path[url_path.size()] == '/')) {
          l.own = true;
          continue;
        }
      }
    } else if (!url_host.empty() && (url_domain == l.domain || url_host == l.host)) {
      l.own = true;
      continue;
    }
    // The domain's main label against the handle / display name (at least 4 characters).
    const std::string label = squeeze(l.domain.substr(0, l.domain.find('.')));
    if (label.size() < 4) continue;
    for (const std::string& w : names) {
      if (w.size() < 4) continue;
      if (w.find(label) != std::string::npos || label.find(w) != std::string::npos) l.own = true;
    }
  }
}

}  // namespace

void prepare_features() {
  link_res();
  lang::prepare();
}

bool is_platform(std::string_view domain) {
  static constexpr std::string_view kPlatforms[] = {
      "youtube.com", "youtu.be", "twitter.com", "x.com", "facebook.com", "instagram.com",
      "google.com", "wikipedia.org", "reddit.com", "imgur.com", "twitpic.com", "yfrog.com",
      "tumblr.com", "linkedin.com", "bsky.app", "pinterest.com", "soundcloud.com",
      "spotify.com", "vimeo.com", "amazon.com", "tiktok.com", "twitch.tv"};
  for (std::string_view p : kPlatforms)
    if (domain == p) return true;
  return false;
}

std::string registrable_domain(const std::string& host) {
  // Last two labels, or three when the second-level label is a generic one under a
  // two-letter country code ("bbc.co.uk", "abc.net.au").
  size_t last = host.rfind('.');
  if (last == std::string::npos || last == 0) return host;
  size_t second = host.rfind('.', last - 1);
  if (second == std::string::npos) return host;
  std::string_view tld(host.data() + last + 1, host.size() - last - 1);
  std::string_view sld(host.data() + second + 1, last - second - 1);
  if (tld.size() == 2) {
    for (std::string_view g : kSecondLevel) {
      if (sld == g) {
        size_t third = second == 0 ? std::string::npos : host.rfind('.', second - 1);
        return third == std::string::npos ? host : host.substr(third + 1);
      }
    }
  }
  return host.substr(second + 1);
}

double minhash_similarity(const uint32_t* a, const uint32_t* b) {
  int same = 0;
  for (int i = 0; i < Features::kMinHashes; ++i) same += a[i] == b[i];
  return static_cast<double>(same) / Features::kMinHashes;
}

Features extract_features(const Post& post) {
  Features f;
  extract_features(post, &f);
  return f;
}

namespace {

// Only the first kShingleWords words reach the MinHash's first kMaxShingles shingles.
constexpr size_t kMaxShingles = 256;
constexpr size_t kShingleWords = kMaxShingles / 2 + 1;

// What the token pass leaves for the MinHash: the first words' hashes and how many words.
struct WordHashes {
  uint64_t hash[kShingleWords];
  size_t count = 0;
};

// The post's links: the ones the site gave (expanded), plus the disguised and bare ones only
// the text shows; without given links, the text's.
NOTWORK_NOINLINE void merge_links(const Post& post, std::vector<Link>& text_links, std::vector<Link>* links) {
  if (post.links_given && !post.links.empty()) {
    for (const std::string& u : post.links) links->push_back(make_link(u, false, false));
    for (Link& l : text_links) {
      if (!(l.obfuscated || l.bare)) continue;
      bool known = false;
      for (const Link& g : *links)
        if (g.domain == l.domain) { known = true; break; }
      if (!known) links->push_back(std::move(l));
    }
  } else {
    for (Link& l : text_links) links->push_back(std::move(l));
  }
}

// A post's text contributes at most this many links (as many as a post may give, json_io.h's
// kMaxListItems): merge_links compares each with the links kept before it, and the rules
// look at every link. Every link's span is still remembered, so the words inside links
// past the cap are skipped as before.
constexpr size_t kMaxTextLinks = 64;

// 1. Links: one RE2 scan; `spans` remembers where they are, so that tokens inside links are
// skipped.
NOTWORK_NOINLINE void find_links(const Post& post, Features& f,
                                 std::vector<std::pair<size_t, size_t>>& spans,
                                 std::vector<Link>& text_links) {
  const std::string& t = f.text;
  spans.clear();
  text_links.clear();
  const LinkRegexes& res = link_res();
  re2::StringPiece input(t);
  re2::StringPiece m;
  size_t pos = 0;
  while (pos < t.size() && res.any->Match(input, pos, t.size(), RE2::UNANCHORED, &m, 1)) {
    size_t start = static_cast<size_t>(m.data() - t.data());
    size_t end = start + m.size();
    if (m.empty()) { pos = start + 1; continue; }
    std::string_view url(m.data(), m.size());
    int kind = 0;
    while (kind < kLinkKinds - 1 &&
           !res.kind[kind]->Match(input, start, end, RE2::ANCHOR_BOTH, nullptr, 0))
      ++kind;
    bool email = start > 0 && t[start - 1] == '@';
    // Part of a longer token ("path/x.com"), except a URL glued to the text before it
    // ("look here...https://...").
    bool in_word = kind != kUrl && start > 0 && (t[start - 1] == '/' || t[start - 1] == '.');
    if (!email && !in_word) {
      if (kind == kUrl || kind == kBare) trim_url(&url);
      if (text_links.size() < kMaxTextLinks) {
        if (kind == kUrl) text_links.push_back(make_link(url, false, false));
        else if (kind == kObfuscated) text_links.push_back(make_link(url, true, false));
        else if (kind == kBare) text_links.push_back(make_link(url, false, true));
        else text_links.push_back(make_link("youtube.com/" + std::string(url), false, true));
      }
      end = start + url.size();
      spans.emplace_back(start, end);
    }
    pos = end > start ? end : start + 1;
  }
  merge_links(post, text_links, &f.links);
  mark_own_links(post, f.links);
}

// 2. Tokens: one pass over the text outside link spans: the skeleton, the own words, the
// counts and flags, the exact hash and the first words' hashes.
NOTWORK_NOINLINE void read_tokens(const Post& post, Features& f,
                                  const std::vector<std::pair<size_t, size_t>>& spans,
                                  WordHashes* word_hashes, lang::Evidence* voice) {
  const std::string& t = f.text;
  // The skeleton and the own words are written through pointers into strings sized for the
  // worst case up front, then trimmed (no append call per token): a token takes at most
  // 2 bytes of skeleton per byte of text it stands for, own words at most 1.
  std::string& skeleton = f.skeleton;
  skeleton.resize(2 * t.size() + 4);
  char* const sk = skeleton.data();
  size_t sk_n = 0;
  auto skel = [&](std::string_view tok) {
    if (tok == "W" && sk_n > 0 && sk[sk_n - 1] == 'W') return;
    if (sk_n > 0) sk[sk_n++] = ' ';
    std::memcpy(sk + sk_n, tok.data(), tok.size());
    sk_n += tok.size();
  };
  size_t word_count = 0;
  // FNV-1a of the normalised text (each word's letters and digits, then a space), built
  // as the words go by.
  constexpr uint64_t kFnvPrime = 1099511628211ULL;
  uint64_t exact = 1469598103934665603ULL;
  // The current word is built in place: it is never longer than the bytes it came from.
  // Kept from post to post (one per thread): no allocation once it fits the longest text.
  static thread_local std::string word_buf;
  if (word_buf.size() < t.size()) word_buf.resize(t.size());
  char* const wb = word_buf.data();
  f.own_words.resize(t.size());
  char* const ow = f.own_words.data();
  size_t ow_n = 0;
  size_t span_i = 0;
  bool first_token = true;
  bool saw_text_after_link = false;
  size_t last_word_letters = 0;  // letters of the word just read (0 after anything else)
  bool last_word_capital = false;  // ... and whether it started with a capital
  bool pending_stop = false;     // a full stop after a word, no word since
  size_t i = 0;
  while (i < t.size()) {
    if (span_i < spans.size() && i >= spans[span_i].first) {
      // An ellipsis right before a link: a truncated title ("Headline text... http://").
      size_t s = spans[span_i].first;
      size_t k = s;
      while (k > 0 && (t[k - 1] == ' ')) --k;
      if ((k >= 3 && t.compare(k - 3, 3, "...") == 0) || (k >= 3 && t.compare(k - 3, 3, "…") == 0))
        f.ellipsis_before_link = true;
      skel("U");
      last_word_letters = 0;
      i = spans[span_i].second;
      saw_text_after_link = false;
      ++span_i;
      first_token = false;
      continue;
    }
    const unsigned c = static_cast<unsigned char>(t[i]);  // int-sized: a byte-sized spill stalled every character
    size_t limit = span_i < spans.size() ? spans[span_i].first : t.size();
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') { ++i; continue; }
    if ((c == '@' || c == '#') && i + 1 < limit &&
        (is_ascii_alnum(static_cast<unsigned char>(t[i + 1])) || t[i + 1] == '_')) {
      size_t j = i + 1;
      while (j < limit && (is_ascii_alnum(static_cast<unsigned char>(t[j])) || t[j] == '_' ||
                           (static_cast<unsigned char>(t[j]) >= 0x80 && c == '#')))
        ++j;
      std::string name = ascii_lower(std::string_view(t).substr(i + 1, j - i - 1));
      if (c == '@') {
        // A thread continued by mentioning oneself is not addressed to anyone.
        if (first_token && name != ascii_lower(post.author)) f.starts_with_mention = true;
        if (f.mentions.size() < 64) f.mentions.push_back(std::move(name));
        skel("@");
      } else {
        if (f.hashtags.size() < 64) f.hashtags.push_back(std::move(name));
        skel("H");
      }
      last_word_letters = 0;
      ++f.words;
      saw_text_after_link = true;
      first_token = false;
      i = j;
      continue;
    }
    if (is_ascii_alnum(c) || c >= 0x80 || c == '\'') {
      // A word: ASCII letters/digits/apostrophes and non-ASCII letters; emoji are counted.
      const size_t word_begin = i;
      size_t j = i;
      size_t wn = 0;  // bytes of the word in wb

      while (j < limit) {
        const unsigned char d = static_cast<unsigned char>(t[j]);
        if (d >= 0x80) {
          size_t len;
          uint32_t cp = decode_cp(t, j, &len);
          if (is_emoji(cp) || cp == 0x2026 || cp == 0x2019 || cp == 0x201C || cp == 0x201D ||
              cp == 0x2013 || cp == 0x2014 || cp == 0xFE0F || cp == 0x200D || cp == 0xFFFD ||
              cp == 0xA0 || (cp >= 0x2000 && cp <= 0x206F)) {
            if (cp == 0x2019 && wn != 0) { wb[wn++] = '\''; j += len; continue; }
            break;
          }
          std::memcpy(wb + wn, t.data() + j, len);
          wn += len;
          j += len;
        } else if (is_ascii_alnum(d) || d == '\'') {
          if (is_ascii_alpha(d)) {
            ++f.letters;
            if (d >= 'A' && d <= 'Z') ++f.upper;
          }
          wb[wn++] = static_cast<char>(d >= 'A' && d <= 'Z' ? d + 32 : d);
          j += 1;
        } else {
          break;
        }
      }
      if (j == i) {  // an emoji or other symbol
        size_t len;
        uint32_t cp = decode_cp(t, i, &len);
        if (is_emoji(cp)) ++f.emoji;
        if (cp == 0x2026) skel("…");
        i += len;
        continue;
      }
      size_t wstart = 0;
      while (wstart < wn && wb[wstart] == '\'') ++wstart;
      while (wn > wstart && wb[wn - 1] == '\'') --wn;
      const std::string_view word(wb + wstart, wn - wstart);
      i = j;
      if (word.empty()) continue;
      ++f.words;
      ++f.own_word_count;
      if (pending_stop) ++f.sentence_breaks;
      pending_stop = false;
      last_word_letters = 0;
      last_word_capital = t[word_begin] >= 'A' && t[word_begin] <= 'Z';
      for (char ch : word) last_word_letters += is_ascii_alpha(static_cast<unsigned char>(ch)) ||
                                                (static_cast<unsigned char>(ch) >= 0xC0);
      first_token = false;
      saw_text_after_link = true;
      if (ow_n > 0) ow[ow_n++] = ' ';
      std::memcpy(ow + ow_n, word.data(), word.size());
      ow_n += word.size();
      if (first_token || f.words == 1) {
        if (word == std::string_view("rt")) f.retweet = true;
      }
      const bool code = j < t.size() && (t[j] == '-' || is_ascii_digit(static_cast<unsigned char>(t[j])));
      // Voice and language evidence ("I-95", "i5" are not the first person).
      // An initial of an abbreviation ("U.S.", "u.k.") is no "u" = "you" either.
      const bool initial = word.size() == 1 && j + 1 < t.size() && t[j] == '.' &&
                           is_ascii_alpha(static_cast<unsigned char>(t[j + 1]));
      if (!(word == std::string_view("i") && code) && !initial) lang::add_word(word, voice);
      else ++voice->words;
      for (char ch : word)
        if (is_ascii_alnum(static_cast<unsigned char>(ch)) || static_cast<unsigned char>(ch) >= 0x80)
          exact = (exact ^ static_cast<unsigned char>(ch)) * kFnvPrime;
      exact = (exact ^ static_cast<unsigned char>(' ')) * kFnvPrime;
      if (word_count < kShingleWords) word_hashes->hash[word_count] = fnv1a(word);
      ++word_count;
      skel("W");
      continue;
    }
    // Punctuation.
    if (c == '?') {
      ++f.questions;
      while (i + 1 < limit && (t[i + 1] == '?' || t[i + 1] == '!')) ++i;
      skel("?");
    } else if (c == '!') {
      ++f.exclamations;
      while (i + 1 < limit && t[i + 1] == '!') ++i;
    } else if (c == ':' || c == '|' || c == '(' || c == ')' || c == '[' || c == ']' || c == '-') {
      char tok[2] = {static_cast<char>(c), 0};
      if (c == '-' && i + 1 < limit && t[i + 1] != ' ') { ++i; continue; }
      skel(tok);
    } else if (c == '.' && i + 2 < limit && t[i + 1] == '.' && t[i + 2] == '.') {
      skel("…");
      while (i + 1 < limit && t[i + 1] == '.') ++i;
    } else if (c == '.' && (i + 1 >= limit || t[i + 1] == ' ' || t[i + 1] == '\n') &&
               (last_word_capital ? last_word_letters >= 6 : last_word_letters >= 3)) {
      // (Abbreviations are short and mostly capitalised: "St.", "U.S.", "Gov.", "Calif.")
      pending_stop = true;
    }
    if (c != '.') last_word_letters = 0;
    ++i;
  }
  f.ends_with_period = pending_stop;
  skeleton.resize(sk_n);
  f.own_words.resize(ow_n);
  f.ends_with_link = !spans.empty() && !saw_text_after_link;
  f.exact_hash = word_count == 0 ? 0 : exact;
  word_hashes->count = word_count;
}

// The post's language (given, else detected) and its voice.
NOTWORK_NOINLINE void read_voice(const Post& post, const lang::Evidence& voice, Features& f) {
  f.lang_given = !post.lang.empty();
  f.lang = f.lang_given ? std::string_view(post.lang) : lang::detect(f.own_words, voice);
  const bool covered = lang::voice_covered(f.lang);
  const uint32_t bit = 1u << (covered ? lang::word_language_index(f.lang) : 0);  // else English
  f.first_person = voice.first_singular & bit;
  f.first_person_plural = voice.first_plural & bit;
  f.second_person = voice.second & bit;
  f.voice_known = covered;
}

// What follows from the tokens: a truncated headline, given mentions and hashtags, flags.
NOTWORK_NOINLINE void conclude(const Post& post, Features& f) {
  {
    // "Headline text cut off…" followed only by links and tags: a feed's truncation.
    std::string_view sk(f.skeleton);
    size_t trailing = 0;
    while (!sk.empty() && (sk.back() == 'U' || sk.back() == 'H' || sk.back() == ' ')) {
      trailing += sk.back() != ' ';
      sk.remove_suffix(1);
    }
    if (trailing == 0) sk = {};
    if (sk.size() >= 3 && sk.substr(sk.size() - 3) == "…" && sk.size() > 3) f.ellipsis_before_link = true;
  }
  f.caps_ratio = f.letters >= 8 ? static_cast<double>(f.upper) / f.letters : 0.0;
  if (post.mentions_given && !post.mentions.empty()) {
    f.mentions.clear();
    for (const auto& m : post.mentions) {
      std::string x = ascii_lower(m);
      if (!x.empty() && x[0] == '@') x.erase(0, 1);
      f.mentions.push_back(x);
    }
  }
  if (post.hashtags_given && !post.hashtags.empty()) {
    f.hashtags.clear();
    for (const auto& h : post.hashtags) {
      std::string x = ascii_lower(h);
      if (!x.empty() && x[0] == '#') x.erase(0, 1);
      f.hashtags.push_back(x);
    }
  }
  f.link_only = !f.links.empty() && f.own_word_count <= 1;
  // Headlines may ask a question; they do not say "I" or "you", exclaim, or reply.
  // Where a language is known but its voice words are not, absence says nothing.
  f.title_like = f.own_word_count >= 3 && (f.voice_known || f.lang.empty()) &&
                 !f.first_person && !f.second_person &&
                 f.exclamations == 0 && !f.starts_with_mention && !f.retweet &&
                 f.sentence_breaks == 0 && !f.ends_with_period;
  // Words before links that all show the poster's own photo, stream or text are a caption.
  if (f.title_like && !f.links.empty() &&
      std::all_of(f.links.begin(), f.links.end(), [](const Link& l) { return l.own_media; }))
    f.title_like = false;
  f.skeleton_hash = fnv1a(f.skeleton);
}

// 3. MinHash over word unigrams and bigrams (the first kMaxShingles of them).
NOTWORK_NOINLINE void min_hash(const WordHashes& word_hashes, Features& f) {
  uint64_t shingles[kMaxShingles];
  size_t shingle_count = 0;
  const size_t words = word_hashes.count < kShingleWords ? word_hashes.count : kShingleWords;
  const uint64_t* const hash = word_hashes.hash;
  for (size_t k = 0; k < words && shingle_count < kMaxShingles; ++k) {
    shingles[shingle_count++] = hash[k];
    if (k + 1 < words && shingle_count < kMaxShingles)
      shingles[shingle_count++] = mix64(hash[k] * 31 + hash[k + 1]);
  }
  f.shingles = static_cast<int>(shingle_count);
  // One well-mixed hash per shingle, then 16 cheap universal permutations (a*h + b).
  static const struct Perm { uint64_t a[Features::kMinHashes], b[Features::kMinHashes]; } perm = [] {
    Perm p{};
    for (int i = 0; i < Features::kMinHashes; ++i) {
      p.a[i] = mix64(0x9E3779B97F4A7C15ULL * static_cast<uint64_t>(i + 1)) | 1;
      p.b[i] = mix64(0xC2B2AE3D27D4EB4FULL * static_cast<uint64_t>(i + 7));
    }
    return p;
  }();
  uint32_t best[Features::kMinHashes];
  for (uint32_t& b : best) b = 0xFFFFFFFFu;
  for (size_t k = 0; k < shingle_count; ++k) {
    const uint64_t h = mix64(shingles[k]);
    for (int i = 0; i < Features::kMinHashes; ++i) {
      const uint32_t v = static_cast<uint32_t>((h * perm.a[i] + perm.b[i]) >> 32);
      if (v < best[i]) best[i] = v;
    }
  }
  for (int i = 0; i < Features::kMinHashes; ++i) f.minhash[i] = shingle_count == 0 ? 0 : best[i];
}

// Text preparation: the links of the text that the normaliser had to fold or clean up
// ("ｈｔｔｐ://…", "exa\u200bmple.com", "ехаmple.com" with Cyrillic letters) were written to
// dodge link detection: they are marked obfuscated and counted.
NOTWORK_NOINLINE void mark_disguised_links(Features& f, const std::vector<std::pair<size_t, size_t>>& spans,
                                           const std::vector<FoldedSpan>& folded) {
  if (folded.empty()) return;
  for (const auto& span : spans) {
    bool disguised = false;
    for (const FoldedSpan& c : folded) {
      const bool inside = c.begin == c.end ? (c.begin > span.first && c.begin < span.second)
                                           : (c.begin < span.second && c.end > span.first);
      disguised = disguised || inside;
    }
    if (!disguised) continue;
    ++f.disguised_links;
    const std::string_view url(f.text.data() + span.first, span.second - span.first);
    const std::string domain = registrable_domain(host_of(url));
    for (Link& l : f.links)
      if (l.url == url || (!domain.empty() && l.domain == domain)) l.obfuscated = true;
  }
}

}  // namespace

void extract_features(const Post& post, Features* out) {
  // Every field starts over; the strings and lists keep their capacity.
  Features& f = *out;
  reset_keeping_buffers(f, &Features::text, &Features::own_words, &Features::skeleton,
                        &Features::links, &Features::mentions, &Features::hashtags,
                        &Features::lang);
  // Scratch lists kept from post to post (one per thread).
  static thread_local std::vector<std::pair<size_t, size_t>> spans;
  static thread_local std::vector<Link> text_links;
  static thread_local std::vector<FoldedSpan> folded;
  NormalizeStats folds;
  normalize_text(post.text, &f.text, &folds, &folded);
  f.folded_chars = folds.folded;
  f.confusable_chars = folds.confusables;
  f.invisible_chars = folds.hidden;
  WordHashes word_hashes;
  lang::Evidence voice;
  find_links(post, f, spans, text_links);
  mark_disguised_links(f, spans, folded);
  read_tokens(post, f, spans, &word_hashes, &voice);
  read_voice(post, voice, f);
  conclude(post, f);
  min_hash(word_hashes, f);
}

}  // namespace notwork
