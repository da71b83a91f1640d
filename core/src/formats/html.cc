// A small, forgiving HTML-to-text converter for post bodies (Mastodon content, X sources).
// It never builds a DOM: it walks the tags once, keeps text, turns links into their URLs.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <unordered_set>

#include "notwork/formats.h"

namespace notwork::formats {

namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

struct Named {
  const char* name;
  std::uint32_t cp;
};
constexpr Named kNamed[] = {{"amp", '&'},       {"lt", '<'},        {"gt", '>'},
                            {"quot", '"'},      {"apos", '\''},     {"nbsp", ' '},
                            {"hellip", 0x2026}, {"mdash", 0x2014},  {"ndash", 0x2013},
                            {"lsquo", 0x2018},  {"rsquo", 0x2019},  {"ldquo", 0x201C},
                            {"rdquo", 0x201D},  {"copy", 0x00A9},   {"reg", 0x00AE},
                            {"trade", 0x2122},  {"euro", 0x20AC},   {"pound", 0x00A3}};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Tag {
  std::string name;  // lower case, without '/'
  bool closing = false;
  std::string href, cls;
};

// An href as a browser reads it (URL standard, "basic URL parser"): leading and trailing
// C0 controls and spaces stripped, tabs and line breaks inside removed.
std::string url_from_href(const std::string& href) {
  std::size_t start = 0, end = href.size();
  while (start < end && static_cast<unsigned char>(href[start]) <= 0x20) ++start;
  while (end > start && static_cast<unsigned char>(href[end - 1]) <= 0x20) --end;
  std::string url;
  url.reserve(end - start);
  for (std::size_t i = start; i < end; ++i)
    if (href[i] != '\t' && href[i] != '\n' && href[i] != '\r') url += href[i];
  return url;
}

// Parses the inside of "<...>" (without the angle brackets).
Tag parse_tag(std::string_view inner) {
  Tag tag;
  std::size_t i = 0;
  if (i < inner.size() && inner[i] == '/') { tag.closing = true; ++i; }
  std::size_t start = i;
  while (i < inner.size() && !is_space(inner[i]) && inner[i] != '/' && inner[i] != '>') ++i;
  tag.name = lower(inner.substr(start, i - start));
  while (i < inner.size()) {  // attributes: name[=value|"value"|'value']
    while (i < inner.size() && (is_space(inner[i]) || inner[i] == '/')) ++i;
    start = i;
    while (i < inner.size() && !is_space(inner[i]) && inner[i] != '=' && inner[i] != '/') ++i;
    std::string name = lower(inner.substr(start, i - start));
    if (name.empty() && i < inner.size() && inner[i] != '=') { ++i; continue; }
    while (i < inner.size() && is_space(inner[i])) ++i;
    std::string value;
    if (i < inner.size() && inner[i] == '=') {
      ++i;
      while (i < inner.size() && is_space(inner[i])) ++i;
      if (i < inner.size() && (inner[i] == '"' || inner[i] == '\'')) {
        char quote = inner[i++];
        start = i;
        while (i < inner.size() && inner[i] != quote) ++i;
        value = std::string(inner.substr(start, i - start));
        if (i < inner.size()) ++i;
      } else {
        start = i;
        while (i < inner.size() && !is_space(inner[i])) ++i;
        value = std::string(inner.substr(start, i - start));
      }
    }
    if (name == "href") tag.href = url_from_href(decode_entities(value));
    else if (name == "class") tag.cls = lower(value);
  }
  return tag;
}

// End of the tag that starts at `open` ('<'), skipping '>' inside quoted attribute values.
std::size_t tag_end(std::string_view html, std::size_t open) {
  char quote = 0;
  for (std::size_t i = open + 1; i < html.size(); ++i) {
    char c = html[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      if (html[i - 1] == '=' || is_space(html[i - 1])) quote = c;
    } else if (c == '>') {
      return i;
    }
  }
  return std::string_view::npos;
}

bool has_class_word(const std::string& cls, std::string_view word) {
  std::size_t pos = 0;
  while ((pos = cls.find(word, pos)) != std::string::npos) {
    bool left = pos == 0 || is_space(cls[pos - 1]);
    bool right = pos + word.size() == cls.size() || is_space(cls[pos + word.size()]);
    if (left && right) return true;
    pos += word.size();
  }
  return false;
}

bool is_web_link(const std::string& href) {
  std::string l = lower(href.substr(0, 8));
  return l.rfind("http://", 0) == 0 || l.rfind("https://", 0) == 0;
}

class TextWriter {
 public:
  void text(std::string_view s) {
    for (char c : s) {
      if (is_space(c)) {
        if (!out_.empty() && !is_space(out_.back())) out_ += ' ';
      } else {
        out_ += c;
      }
    }
  }
  void word(std::string_view s) { out_ += s; }
  // A space before a word that would otherwise be glued to the previous word.
  void separate() {
    if (!out_.empty() && std::isalnum(static_cast<unsigned char>(out_.back()))) out_ += ' ';
  }
  void line_break(int newlines) {
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    if (out_.empty()) return;
    int have = 0;
    for (auto it = out_.rbegin(); it != out_.rend() && *it == '\n'; ++it) ++have;
    for (; have < newlines; ++have) out_ += '\n';
  }
  std::string finish() {
    while (!out_.empty() && is_space(out_.back())) out_.pop_back();
    return std::move(out_);
  }

 private:
  std::string out_;
};

}  // namespace

constexpr std::size_t kMaxReference = 12;  // bytes after '&' up to and including ';'

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') { out += text[i]; continue; }
    // A reference is at most 12 bytes from '&' to ';': look no further (searching to the end
    // of the text for every '&' was quadratic).
    std::size_t semi = text.substr(i + 1, kMaxReference).find(';');
    if (semi == std::string_view::npos) { out += '&'; continue; }
    semi += i + 1;
    std::string_view ref = text.substr(i + 1, semi - i - 1);
    bool decoded = false;
    if (ref.size() >= 2 && ref[0] == '#') {
      bool hex = ref[1] == 'x' || ref[1] == 'X';
      std::string_view digits = ref.substr(hex ? 2 : 1);
      std::uint32_t cp = 0;
      bool ok = !digits.empty();
      for (char c : digits) {
        int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                : hex && std::isxdigit(static_cast<unsigned char>(c))
                    ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                    : -1;
        if (d < 0) { ok = false; break; }
        cp = std::min<std::uint32_t>(cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d), 0x110000);
      }
      if (ok) { append_utf8(out, cp); decoded = true; }
    } else {
      for (const auto& n : kNamed)
        if (ref == n.name) { append_utf8(out, n.cp); decoded = true; break; }
    }
    if (decoded) i = semi;
    else out += '&';
  }
  return out;
}

std::string html_to_text(std::string_view html, std::vector<std::string>* links) {
  TextWriter w;
  std::size_t i = 0;
  std::string skip_until;  // closing tag name whose content is dropped (script, style, a)
  std::unordered_set<std::string> listed;  // links already in `links` (each once, in order)
  if (links) listed.insert(links->begin(), links->end());
  while (i < html.size()) {
    std::size_t lt = html.find('<', i);
    std::string_view chunk = html.substr(i, lt == std::string_view::npos ? lt : lt - i);
    if (skip_until.empty()) w.text(decode_entities(chunk));
    if (lt == std::string_view::npos) break;
    if (html.substr(lt, 4) == "<!--") {  // comment
      std::size_t end = html.find("-->", lt + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    std::size_t gt = tag_end(html, lt);
    if (gt == std::string_view::npos) {  // a stray '<': keep it as text
      if (skip_until.empty()) w.text(html.substr(lt));
      break;
    }
    Tag tag = parse_tag(html.substr(lt + 1, gt - lt - 1));
    i = gt + 1;
    if (!skip_until.empty()) {
      if (tag.closing && tag.name == skip_until) skip_until.clear();
      continue;
    }
    const std::string& n = tag.name;
    if (n == "script" || n == "style") {
      if (!tag.closing) skip_until = n;
    } else if (n == "br") {
      w.line_break(1);
    } else if (n == "p" || n == "div" || n == "blockquote" || n == "pre" || n == "ul" ||
               n == "ol" || n == "table" || (n.size() == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6')) {
      w.line_break(2);
    } else if (n == "li" || n == "tr") {
      w.line_break(1);
    } else if (n == "a" && !tag.closing && is_web_link(tag.href) &&
               !has_class_word(tag.cls, "mention") && !has_class_word(tag.cls, "hashtag")) {
      // A web link: its visible text is often shortened ("example.com/long/pa…"), so
      // write the full URL instead and skip the anchor's content.
      w.separate();
      w.word(tag.href);
      if (links && listed.insert(tag.href).second) links->push_back(tag.href);
      skip_until = "a";
    }
  }
  return w.finish();
}

}  // namespace notwork::formats
